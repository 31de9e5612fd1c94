// Bad references fail at submit, before any "running", with a message that names the file and
// says what the offline provider reads; nothing is rendered for them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../src/core/errors';
import type { Modality } from '../../../src/core/jobTypes';
import { findModel } from '../../../src/core/modelCatalog';
import { createLocalProvider } from '../../../src/providers/local/localProvider';
import { decodeWavMono, readWavInfo } from '../../../src/providers/local/wavRead';
import { ManualClock } from './manualClock';
import { fixtures, pngOf } from './referenceFixtures';

const signal = new AbortController().signal;
const files = fixtures();

async function submitError(model: string, modality: Modality, input: Record<string, unknown>): Promise<ProviderError> {
  const provider = createLocalProvider({ clock: new ManualClock() });
  const err = await provider.submit({ jobId: 'j', model, modality, input }, signal).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof ProviderError, `submit of ${model} must fail`);
  assert.equal(err.category, 'input');
  return err;
}

describe('offline reference input is checked at submit', () => {
  it('names the file and what it is when the kind is wrong', async () => {
    const gif = await submitError('local/image-to-video', 'video', { prompt: 'p', image: files.url('still.gif') });
    assert.equal(
      gif.message,
      'The offline provider reads PNG/JPEG images and WAV audio; still.gif (for "image", an image) is a GIF image.',
    );
    const mp3 = await submitError('local/talking-head', 'video', {
      image: files.url('portrait.png'),
      audio: files.url('line.mp3'),
    });
    assert.match(mp3.message, /reads PNG\/JPEG images and WAV audio; line\.mp3 \(for "audio", audio\) is MP3 audio\.$/);
    const swapped = await submitError('local/image-edit', 'image', { prompt: 'sepia', image: files.url('line.wav') });
    assert.match(swapped.message, /line\.wav \(for "image", an image\) is WAV audio\./);
  });

  it('says which reference is missing, and that the offline provider does not download', async () => {
    const gone = await submitError('local/image-edit', 'image', { prompt: 'sepia', image: files.url('gone.png') });
    assert.match(gone.message, /^The reference file for "image" is missing: .*gone\.png\. Choose it again\.$/);
    const none = await submitError('local/voice-clone', 'speech', { text: 'hello' });
    assert.match(none.message, /^Choose an audio file for "reference_audio" first/);
    const web = await submitError('local/image-edit', 'image', { prompt: 'x', image: 'https://example.com/a.png' });
    assert.match(web.message, /must be a local file for the offline provider \(it never downloads\)/);
  });

  it('refuses a voice line longer than a talking head takes, and a bad duration', async () => {
    const long = await submitError('local/talking-head', 'video', {
      image: files.url('portrait.png'),
      audio: files.url('long.wav'),
    });
    assert.equal(long.message, 'long.wav is 61.0 s long; the offline model takes at most 60 s of audio. Trim it.');
    const duration = await submitError('local/image-to-video', 'video', {
      prompt: 'p',
      image: files.url('portrait.png'),
      duration: 20,
    });
    assert.match(duration.message, /^duration must be a number from 2 to 8/);
  });

  it('refuses a damaged image header and a model asked for the wrong modality', async () => {
    const broken = files.write('broken.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const err = await submitError('local/image-edit', 'image', { prompt: 'x', image: broken });
    assert.equal(err.message, 'broken.png cannot be read: its PNG header is damaged.');
    const strip = files.write('strip.png', pngOf(new Uint8Array(100 * 20 * 4).fill(200), 100, 20));
    const flat = await submitError('local/image-to-video', 'video', { prompt: 'p', image: strip });
    assert.equal(flat.message, 'strip.png is 100×20; the offline video models take images up to 4:1.');
    const dot = files.write('dot.png', pngOf(new Uint8Array(8 * 8 * 4).fill(200), 8, 8));
    const tiny = await submitError('local/image-edit', 'image', { prompt: 'p', image: dot });
    assert.equal(tiny.message, 'dot.png cannot be read: it is 8×8; the offline provider needs at least 16 px a side.');
    const wrong = await submitError('local/talking-head', 'image', { image: files.url('portrait.png') });
    assert.equal(wrong.message, 'The offline model local/talking-head makes video, not image.');
  });

  it('runs a reference job through the provider: submit, finish on the clock, a PNG take with its provenance', async () => {
    const clock = new ManualClock();
    const provider = createLocalProvider({ clock });
    const input = { prompt: 'warm sunset grade', image: files.url('portrait.png') };
    const { requestId } = await provider.submit(
      { jobId: 'e', model: 'local/image-edit', modality: 'image', input },
      signal,
    );
    clock.advance(60_000);
    const ref = { requestId, model: 'local/image-edit', modality: 'image' as const, input };
    assert.equal((await provider.status(ref, signal)).phase, 'completed');
    const result = await provider.result(ref, signal);
    assert.equal(result.takes[0]?.contentType, 'image/png');
    assert.equal(result.version, 'genqueue-local image edit 1: warm grade + vignette on portrait.png');
  });

  it('accepts good references at submit (queued, nothing rendered yet)', async () => {
    const provider = createLocalProvider({ clock: new ManualClock() });
    const r = await provider.submit(
      {
        jobId: 'j',
        model: 'local/talking-head',
        modality: 'video',
        input: { image: files.url('portrait.jpg'), audio: files.url('line.wav') },
      },
      signal,
    );
    assert.equal(r.status.phase, 'queued');
    assert.equal(r.status.logs?.[0], 'offline video from the references (no network, free)');
  });
});

describe('reference WAVs as people save them', () => {
  const wav = (bits: number, float: boolean, channels: number, frames: number[][]) => {
    const bytesPer = bits / 8;
    const data = frames.length * channels * bytesPer;
    const b = new Uint8Array(44 + data);
    const v = new DataView(b.buffer);
    b.set(new TextEncoder().encode('RIFF'), 0);
    v.setUint32(4, 36 + data, true);
    b.set(new TextEncoder().encode('WAVEfmt '), 8);
    v.setUint32(16, 16, true);
    v.setUint16(20, float ? 3 : 1, true);
    v.setUint16(22, channels, true);
    v.setUint32(24, 8000, true);
    v.setUint32(28, 8000 * channels * bytesPer, true);
    v.setUint16(32, channels * bytesPer, true);
    v.setUint16(34, bits, true);
    b.set(new TextEncoder().encode('data'), 36);
    v.setUint32(40, data, true);
    let at = 44;
    for (const frame of frames) {
      for (const s of frame) {
        if (float) v.setFloat32(at, s, true);
        else if (bits === 24) {
          const n = Math.round(s * 8388607);
          v.setUint8(at, n & 0xff);
          v.setUint8(at + 1, (n >> 8) & 0xff);
          v.setInt8(at + 2, n >> 16);
        } else v.setInt16(at, Math.round(s * 32767), true);
        at += bytesPer;
      }
    }
    return b;
  };

  it('reads 24-bit and float stereo, mixed down to mono', () => {
    for (const [bits, float] of [
      [24, false],
      [32, true],
      [16, false],
    ] as const) {
      const bytes = wav(bits, float, 2, [
        [0.5, -0.5],
        [0.5, 0.25],
        [-1, -1],
      ]);
      const info = readWavInfo(bytes);
      assert.ok(typeof info !== 'string', `${bits}-bit: ${String(info)}`);
      assert.equal(info.durationSec, 3 / 8000);
      const mono = [...decodeWavMono(bytes, info)].map((s) => Math.round(s * 1000) / 1000);
      assert.deepEqual(mono, [0, 0.375, -1], `${bits}-bit${float ? ' float' : ''}`);
    }
  });

  it('names what it cannot read', () => {
    const adpcm = wav(16, false, 1, [[0]]);
    new DataView(adpcm.buffer).setUint16(20, 2, true);
    assert.match(String(readWavInfo(adpcm)), /compressed or unusual WAV \(format 2, 16-bit\)/);
  });
});

describe('catalog entries for the offline reference models', () => {
  it('list the contract fields, file fields with their media and size limit, free', () => {
    const fieldsOf = (id: string) => {
      const m = findModel('local', id);
      assert.ok(m, id);
      assert.equal(m.price?.amount, 0);
      assert.deepEqual(m.output, { kind: 'bytes' });
      return m.fields.map((f) => [f.name, f.type, f.media ?? '', f.type === 'file' ? (f.maxBytes ?? 0) > 0 : '']);
    };
    assert.deepEqual(fieldsOf('local/image-to-video'), [
      ['prompt', 'text', '', ''],
      ['image', 'file', 'image', true],
      ['duration', 'integer', '', ''],
    ]);
    assert.deepEqual(fieldsOf('local/talking-head'), [
      ['prompt', 'text', '', ''],
      ['image', 'file', 'image', true],
      ['audio', 'file', 'audio', true],
    ]);
    assert.deepEqual(fieldsOf('local/image-edit'), [
      ['prompt', 'text', '', ''],
      ['image', 'file', 'image', true],
    ]);
    assert.deepEqual(fieldsOf('local/voice-clone'), [
      ['text', 'text', '', ''],
      ['reference_audio', 'file', 'audio', true],
    ]);
    assert.equal(findModel('local', 'local/voice-clone')?.promptField, 'text');
    assert.equal(findModel('local', 'local/talking-head')?.fields[0]?.required, undefined, 'the caption is optional');
  });
});
