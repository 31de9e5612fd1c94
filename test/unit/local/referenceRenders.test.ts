// The offline reference models make real files: each take is probed (container structure, tracks,
// codecs, durations), and the same input gives the same bytes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import { PNG } from 'pngjs';
import type { Modality } from '../../../src/core/jobTypes';
import { mediaProblem } from '../../../src/core/mediaValidation';
import { planLocalJob } from '../../../src/providers/local/localRender';
import { decodeWav } from '../../../src/providers/local/wav';
import { fixtures, portraitRgba } from './referenceFixtures';

const files = fixtures();

async function render(model: string, modality: Modality, input: Record<string, unknown>) {
  const rendered = await planLocalJob(model, modality, input).render();
  assert.equal(rendered.takes.length, 1);
  const take = rendered.takes[0];
  assert.ok(take?.data);
  assert.equal(await mediaProblem(take.contentType, take.data), undefined, `${model} wrote a sound file`);
  return { take: { ...take, data: take.data }, version: rendered.version };
}

async function probe(data: Uint8Array) {
  const input = new Input({ source: new BufferSource(data), formats: ALL_FORMATS });
  const tracks = [];
  for (const track of await input.getTracks()) {
    tracks.push({ type: track.type, codec: track.codec, duration: await track.computeDuration() });
  }
  const video = await input.getPrimaryVideoTrack();
  return { mime: await input.getMimeType(), tracks, width: video?.displayWidth, height: video?.displayHeight };
}

describe('offline image-to-video', () => {
  it('pans and zooms over the still: an H.264 MP4 of the asked length, the still’s shape, same bytes each time', async () => {
    const input = { prompt: 'slow push in', image: files.url('portrait.png'), duration: 2 };
    const { take, version } = await render('local/image-to-video', 'video', input);
    assert.equal(take.contentType, 'video/mp4');
    assert.match(take.suggestedName ?? '', /^slow-push-in-[0-9a-f]{8}\.mp4$/);
    assert.match(version, /pan and zoom over portrait\.png/);
    const p = await probe(take.data);
    assert.deepEqual(
      p.tracks.map((t) => [t.type, t.codec]),
      [['video', 'avc']],
    );
    assert.ok(Math.abs((p.tracks[0]?.duration ?? 0) - 2) < 0.05, `duration ${p.tracks[0]?.duration}`);
    assert.deepEqual([p.width, p.height], [160, 120]);
    const again = await render('local/image-to-video', 'video', input);
    assert.deepEqual(Buffer.from(again.take.data), Buffer.from(take.data));
    const other = await render('local/image-to-video', 'video', { ...input, prompt: 'drift left' });
    assert.notDeepEqual(Buffer.from(other.take.data), Buffer.from(take.data), 'another prompt, another move');
  });

  it('reads a JPEG still as well', async () => {
    const { take } = await render('local/image-to-video', 'video', { prompt: 'pan', image: files.url('portrait.jpg') });
    const p = await probe(take.data);
    assert.ok(Math.abs((p.tracks[0]?.duration ?? 0) - 4) < 0.05, 'duration defaults to 4 s');
  });
});

describe('offline talking head', () => {
  it('is an MP4 with an H.264 picture and the voice line as MP3 audio, both as long as the line', async () => {
    const input = { image: files.url('portrait.png'), audio: files.url('line.wav') };
    const { take, version } = await render('local/talking-head', 'video', input);
    assert.match(version, /portrait\.png moved by the loudness of line\.wav/);
    assert.match(take.suggestedName ?? '', /^talking-head-portrait-line-[0-9a-f]{8}\.mp4$/);
    const p = await probe(take.data);
    assert.equal(p.mime.split(';')[0], 'video/mp4');
    const video = p.tracks.find((t) => t.type === 'video');
    const audio = p.tracks.find((t) => t.type === 'audio');
    assert.equal(video?.codec, 'avc');
    assert.equal(audio?.codec, 'mp3');
    // The MP3 adds its encoder padding (under 0.1 s at 22.05 kHz); the picture covers the line.
    assert.ok(Math.abs((audio?.duration ?? 0) - 1.5) < 0.12, `audio ${audio?.duration}`);
    assert.ok(Math.abs((video?.duration ?? 0) - 1.5) < 1 / 24 + 0.01, `video ${video?.duration}`);
    const again = await render('local/talking-head', 'video', input);
    assert.deepEqual(Buffer.from(again.take.data), Buffer.from(take.data), 'same input, same bytes');
  });
});

describe('offline image edit', () => {
  it('is a PNG the size of the reference, visibly changed, the same for the same edit', async () => {
    const input = { prompt: 'make it a duotone poster', image: files.url('portrait.jpg') };
    const { take, version } = await render('local/image-edit', 'image', input);
    assert.equal(take.contentType, 'image/png');
    assert.match(version, /duotone #[0-9a-f]{6} → #[0-9a-f]{6} \+ vignette on portrait\.jpg/);
    const out = PNG.sync.read(Buffer.from(take.data));
    assert.deepEqual([out.width, out.height], [160, 120]);
    const before = portraitRgba();
    let diff = 0;
    for (let i = 0; i < before.length; i++) if (i % 4 !== 3) diff += Math.abs((out.data[i] ?? 0) - (before[i] ?? 0));
    assert.ok(diff / ((before.length * 3) / 4) > 20, `mean change ${diff / ((before.length * 3) / 4)} per channel`);
    const again = await render('local/image-edit', 'image', input);
    assert.deepEqual(Buffer.from(again.take.data), Buffer.from(take.data));
  });

  it('follows the words of the edit: black and white is grey everywhere, mirror flips', async () => {
    const { take } = await render('local/image-edit', 'image', {
      prompt: 'black and white, mirrored',
      image: files.url('portrait.png'),
    });
    const out = PNG.sync.read(Buffer.from(take.data));
    for (let i = 0; i < 160 * 100 * 4; i += 4) {
      assert.ok(out.data[i] === out.data[i + 1] && out.data[i + 1] === out.data[i + 2], `pixel ${i / 4} is grey`);
    }
    // The background gets redder to the right; mirrored, the left edge is the brighter one.
    const at = (x: number, y: number) => out.data[(y * 160 + x) * 4] ?? 0;
    assert.ok(at(20, 40) > at(139, 40), 'mirrored left to right');
  });
});

describe('offline voice from a reference', () => {
  it('speaks the text with eSpeak NG at a pitch and pace taken from the reference, as a WAV', async () => {
    const { take, version } = await render('local/voice-clone', 'speech', {
      text: 'A new line in the same voice.',
      reference_audio: files.url('line.wav'),
    });
    assert.equal(take.contentType, 'audio/wav');
    const wav = decodeWav(take.data);
    assert.ok(wav && wav.samples.length > wav.sampleRate * 0.5, 'at least half a second of speech');
    assert.match(version, /^eSpeak NG .*voice en-us -p \d+ -s \d+, derived from line\.wav: pitch ≈ 1[12]\d Hz/);
  });
});
