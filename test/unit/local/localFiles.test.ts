import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locateEspeak } from '../../../src/providers/local/espeakLocation';
import { suggestedName } from '../../../src/providers/local/localRender';
import {
  decodeLocalRequestId,
  encodeLocalRequestId,
  type LocalJobSpec,
  localRequestModality,
  MAX_ENCODED_ID_CHARS,
  newLocalRequestId,
} from '../../../src/providers/local/localRequestId';
import { zeroMp4Times } from '../../../src/providers/local/mp4Times';
import { captionText, drawCaption } from '../../../src/providers/local/pixelCaption';
import { renderToneSpeech } from '../../../src/providers/local/renderAudio';
import { decodeWav, encodeWav } from '../../../src/providers/local/wav';

const spec: LocalJobSpec = {
  model: 'local/speech',
  modality: 'speech',
  input: { prompt: 'Grüße, "quoted" & émoji 🎬', voice: 'en-gb' },
  submittedAt: 1_700_000_000_000,
};

describe('offline request ids', () => {
  it('are short now, and either format names its modality', () => {
    const id = newLocalRequestId('video', 'Ab_-12345678');
    assert.equal(id, 'local-video-Ab_-12345678');
    assert.equal(localRequestModality(id), 'video');
    assert.equal(decodeLocalRequestId(id), undefined, 'a short id carries no job');
    assert.equal(localRequestModality(encodeLocalRequestId(spec, 'q')), 'speech');
    assert.equal(localRequestModality('local-speech-plain.z'), 'speech');
    for (const bad of ['', 'local-image', 'local-gif-abc', 'r8-abc', 'local-image-a b']) {
      assert.equal(localRequestModality(bad), undefined, bad);
    }
  });

  it('round-trip the job spec, unicode included', () => {
    const id = encodeLocalRequestId(spec, 'abc_-1');
    assert.match(id, /^local-speech-[A-Za-z0-9_-]+\.abc_-1$/);
    assert.deepEqual(decodeLocalRequestId(id), spec);
  });

  it('fall back to a plain id (not restorable) when the input is too large or not serialisable', () => {
    const big = encodeLocalRequestId({ ...spec, input: { prompt: 'x'.repeat(MAX_ENCODED_ID_CHARS) } }, 'z');
    assert.equal(big, 'local-speech-plain.z');
    assert.equal(decodeLocalRequestId(big), undefined);
    const odd = encodeLocalRequestId({ ...spec, input: { n: BigInt(1) } }, 'z');
    assert.equal(odd, 'local-speech-plain.z');
  });

  it('reject foreign, tampered or mismatched ids', () => {
    const id = encodeLocalRequestId(spec, 'q');
    for (const bad of [
      '',
      'abc',
      'local-image-!!.q',
      id.replace('local-speech', 'local-image'),
      `${id.slice(0, 30)}.q`,
    ]) {
      assert.equal(decodeLocalRequestId(bad), undefined, bad);
    }
  });
});

describe('WAV encode/decode', () => {
  it('writes a standard 16-bit mono header and reads the samples back', () => {
    const samples = Int16Array.from([0, 1000, -1000, 32767, -32767]);
    const wav = encodeWav(samples, 22050);
    assert.equal(wav.length, 44 + 10);
    const v = new DataView(wav.buffer);
    assert.equal(v.getUint32(4, true), 36 + 10);
    assert.equal(v.getUint32(24, true), 22050);
    const back = decodeWav(wav);
    assert.deepEqual([...(back?.samples ?? [])], [...samples]);
  });

  it('reads a streamed WAV whose data size is a placeholder', () => {
    const wav = encodeWav(Int16Array.from([5, 6, 7]), 8000);
    new DataView(wav.buffer).setUint32(40, 0x7fffffff, true);
    assert.deepEqual([...(decodeWav(wav)?.samples ?? [])], [5, 6, 7]);
  });

  it('refuses what is not a 16-bit PCM WAV', () => {
    assert.equal(decodeWav(new Uint8Array(10)), undefined);
    assert.equal(decodeWav(new TextEncoder().encode(`RIFF....AVI ${' '.repeat(40)}`)), undefined);
  });
});

describe('MP4 time stamps', () => {
  it('zeroes creation and modification times inside moov', () => {
    const box = (type: string, body: Uint8Array) => {
      const out = new Uint8Array(8 + body.length);
      new DataView(out.buffer).setUint32(0, out.length);
      out.set(new TextEncoder().encode(type), 4);
      out.set(body, 8);
      return out;
    };
    const mvhdBody = new Uint8Array(100).fill(7);
    mvhdBody[0] = 0; // version 0: 32-bit times at body offsets 4..11
    const moov = box('moov', box('mvhd', mvhdBody));
    const file = new Uint8Array([...box('ftyp', new Uint8Array(8)), ...moov]);
    zeroMp4Times(file);
    const mvhdAt = 16 + 8; // after ftyp (16 bytes) and the moov header
    assert.deepEqual([...file.subarray(mvhdAt + 12, mvhdAt + 20)], [0, 0, 0, 0, 0, 0, 0, 0]);
    assert.equal(file[mvhdAt + 20], 7); // the rest untouched
    assert.equal(file[mvhdAt + 11], 7); // flags untouched
  });
});

describe('suggested file names', () => {
  it('are readable, safe and stable for the same prompt', () => {
    const a = suggestedName('A Red Fox / at ../dawn!', undefined, 'png', 0);
    assert.match(a, /^a-red-fox-at-dawn-[0-9a-f]{8}\.png$/);
    assert.equal(suggestedName('A Red Fox / at ../dawn!', undefined, 'png', 0), a);
    assert.match(suggestedName('A Red Fox / at ../dawn!', undefined, 'png', 1), /-2\.png$/);
    assert.notEqual(suggestedName('A Red Fox / at ../dawn!', 7, 'png', 0), a);
    assert.match(suggestedName('🎬🎬', undefined, 'wav', 0), /^offline-[0-9a-f]{8}\.wav$/);
    assert.match(suggestedName('Café crème', undefined, 'wav', 0), /^cafe-creme-[0-9a-f]{8}\.wav$/);
  });
});

describe('pixel caption', () => {
  it('keeps letters and digits of the prompt, upper-cased', () => {
    assert.equal(captionText('  a red fox, at dawn #2! ☀ '), 'A RED FOX AT DAWN 2');
    assert.equal(captionText('Émile'), 'EMILE');
  });

  it('draws white text on a dark band at the bottom and leaves the rest alone', () => {
    const w = 200;
    const h = 100;
    const rgba = new Uint8Array(w * h * 4).fill(128);
    drawCaption(rgba, w, h, 'Hi');
    const px = (x: number, y: number) => rgba[(y * w + x) * 4];
    assert.equal(px(100, 10), 128); // above the band
    assert.equal(px(w - 1, h - 1), 128); // right of a short caption
    let white = 0;
    let dark = 0;
    for (let y = h - 11; y < h; y++) {
      for (let x = 0; x < 20; x++) {
        if (px(x, y) === 255) white++;
        else if ((px(x, y) ?? 0) < 60) dark++;
      }
    }
    assert.ok(white > 10 && dark > 50, `white ${white}, dark ${dark}`);
  });

  it('cuts a caption that does not fit and draws nothing for an empty one', () => {
    const w = 40;
    const h = 20;
    const rgba = new Uint8Array(w * h * 4).fill(128);
    drawCaption(rgba, w, h, '!!!');
    assert.ok(rgba.every((v) => v === 128));
    drawCaption(rgba, w, h, 'ABCDEFGHIJKLMNOP');
    assert.equal(rgba[(h - 1) * w * 4 + (w - 1) * 4], 128); // 6 px per char: only 6 fit in 40 px
  });
});

describe('speech stand-ins and lookup', () => {
  it('finds eSpeak NG and its .wasm in a dev checkout', () => {
    const where = locateEspeak();
    assert.ok(where);
    assert.match(where.moduleUrl, /^file:.*espeak-ng\.js$/);
    assert.match(where.wasmPath ?? '', /espeak-ng\.wasm$/);
  });

  it('the tone voice (used only when eSpeak NG cannot run) is a non-silent WAV, one sound per word', () => {
    const file = renderToneSpeech('one two three', 180);
    const wav = decodeWav(file.data);
    assert.ok(wav);
    assert.ok(wav.samples.some((s) => Math.abs(s) > 5000));
    assert.ok(Math.abs((file.durationSec ?? 0) - 1) < 0.2); // 3 words at 180 wpm ≈ 1 s
  });
});
