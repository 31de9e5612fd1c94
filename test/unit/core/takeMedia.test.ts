import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isProviderError } from '../../../src/core/errors';
import { classifyTake, requireTakeType, sniffContentType } from '../../../src/core/takeMedia';
import { makeMp4ish, makePng, makeWav } from '../../emulator/mediaFiles';

const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(32).fill(0)]);
const text = (s: string) => new TextEncoder().encode(s);
/** An ADTS AAC frame header (sync FFF, MPEG-4, layer 00, no CRC), as fal's and Replicate's .aac outputs start. */
const ADTS = bytes(0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc);

describe('take media: one sniffer', () => {
  it('recognises each format by its magic numbers', () => {
    const cases: [Uint8Array, string][] = [
      [makePng(), 'image/png'],
      [bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
      [text('GIF89a......'), 'image/gif'],
      [text('RIFF\0\0\0\0WEBPVP8 '), 'image/webp'],
      [makeWav(), 'audio/wav'],
      [makeMp4ish(), 'video/mp4'],
      [makeMp4ish('qt  '), 'video/quicktime'],
      [makeMp4ish('M4A '), 'audio/mp4'],
      [bytes(0x1a, 0x45, 0xdf, 0xa3, 0x42, 0x82, 0x84, ...text('webm')), 'video/webm'],
      [bytes(0x1a, 0x45, 0xdf, 0xa3, 0x42, 0x82, 0x88, ...text('matroska')), 'video/x-matroska'],
      [text('ID3\u0004\0\0\0\0\0\0'), 'audio/mpeg'],
      [bytes(0xff, 0xfb, 0x90, 0x64), 'audio/mpeg'],
      [bytes(0xff, 0xf3, 0x48, 0xc4), 'audio/mpeg'],
      [ADTS, 'audio/aac'],
      [bytes(0xff, 0xf9, 0x50, 0x80), 'audio/aac'],
      [text('OggS\0\u0002'), 'audio/ogg'],
      [text('fLaC\0\0\0\u0022'), 'audio/flac'],
    ];
    for (const [data, type] of cases) assert.equal(sniffContentType(data), type, type);
    assert.equal(sniffContentType(text('<html>')), undefined);
    assert.equal(sniffContentType(bytes(0xff, 0xe9)), undefined, 'reserved MPEG version bits are not audio');
  });

  it('an M4A and an ADTS AAC are audio takes, written as .m4a and .aac', () => {
    assert.deepEqual(classifyTake('audio', makeMp4ish('M4A '), 'audio/mp4'), {
      ok: true,
      contentType: 'audio/mp4',
      ext: 'm4a',
    });
    assert.deepEqual(classifyTake('speech', ADTS, undefined), { ok: true, contentType: 'audio/aac', ext: 'aac' });
    assert.equal(classifyTake('video', makeMp4ish('M4A '), 'video/mp4').ok, false, 'an M4A is not a video');
  });

  it('bytes decide; a declared type counts only for unknown bytes that are not text', () => {
    assert.equal(classifyTake('image', makePng(), 'application/octet-stream').ok, true);
    const html = classifyTake('image', text('<!doctype html><p>denied</p>'), 'image/png');
    assert.ok(!html.ok && /returned text where an image file was expected/.test(html.message));
    assert.equal(classifyTake('video', makePng(), 'video/mp4').ok, false, 'a PNG is not a video');
    assert.deepEqual(classifyTake('audio', new Uint8Array([0, 0, 0]), 'audio/wav; codecs=1'), {
      ok: true,
      contentType: 'audio/wav',
      ext: 'wav',
    });
    assert.equal(classifyTake('audio', new Uint8Array([0, 0, 0]), 'application/zip').ok, false);
  });

  it('a video model may answer with a GIF, an audio model with an audio-only MP4', () => {
    assert.equal(classifyTake('video', text('GIF89a......'), undefined).ok, true);
    assert.equal(classifyTake('audio', makeMp4ish(), 'video/mp4').ok, true);
    assert.equal(classifyTake('image', makeMp4ish(), undefined).ok, false);
  });

  it('a refusal is a clear, non-retried provider error', () => {
    assert.throws(
      () => requireTakeType('video', makePng(), 'image/png'),
      (e) => isProviderError(e) && !e.retryable && /image\/png where a video file was expected/.test(e.message),
    );
  });
});
