import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mediaProblem } from '../../../src/core/mediaValidation';
import { renderAudio } from '../../../src/providers/local/renderAudio';
import { renderImage } from '../../../src/providers/local/renderImage';
import { makeMp4ish, makePng, makeWav } from '../../emulator/mediaFiles';

const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const junk = (n: number) => new Uint8Array(n).fill(0x41);

describe('media validation: MP4 boxes', () => {
  const mp4 = new Uint8Array(makeMp4ish());

  it('an MP4 whose top-level boxes add up passes; so does an M4A', async () => {
    assert.equal(await mediaProblem('video/mp4', mp4), undefined);
    assert.equal(await mediaProblem('audio/mp4', new Uint8Array(makeMp4ish('M4A '))), undefined);
  });

  it('junk appended, a cut or a missing moov is named', async () => {
    assert.match((await mediaProblem('video/mp4', cat(mp4, junk(5)))) ?? '', /5 stray bytes after the last MP4 box/);
    assert.match(
      (await mediaProblem('video/mp4', cat(mp4, junk(40)))) ?? '',
      /MP4 box 'AAAA' .* has an impossible size|runs/,
    );
    assert.match((await mediaProblem('video/mp4', mp4.slice(0, -10))) ?? '', /box 'mdat' runs 10 bytes past the end/);
    const noMoov = cat(mp4.subarray(0, 32), mp4.subarray(32 + 116));
    assert.match((await mediaProblem('video/mp4', noMoov)) ?? '', /no moov box/);
  });

  it('a size-0 last box runs to the end; a 64-bit size is read', async () => {
    const open = cat(
      mp4.subarray(0, mp4.length - 1032),
      new Uint8Array([0, 0, 0, 0, 0x6d, 0x64, 0x61, 0x74]),
      junk(1024),
    );
    assert.equal(await mediaProblem('video/mp4', open), undefined);
    const large = new Uint8Array(16 + 8);
    large.set([0, 0, 0, 1, 0x6d, 0x64, 0x61, 0x74, 0, 0, 0, 0, 0, 0, 0, 24]);
    assert.equal(await mediaProblem('video/mp4', cat(mp4.subarray(0, mp4.length - 1032), large)), undefined);
  });
});

describe('media validation: WAV chunks', () => {
  const wav = new Uint8Array(makeWav());

  it('a consistent WAV passes, and so does a streamed one with placeholder sizes', async () => {
    assert.equal(await mediaProblem('audio/wav', wav), undefined);
    assert.equal(await mediaProblem('audio/wav', renderAudio('a tune', { durationSec: 1 }).data), undefined);
    const streamed = wav.slice();
    new DataView(streamed.buffer).setUint32(4, 0xffffffff, true);
    new DataView(streamed.buffer).setUint32(40, 0xffffffff, true);
    assert.equal(await mediaProblem('audio/wav', streamed), undefined);
  });

  it('a cut, junk appended or a missing fmt chunk is named', async () => {
    assert.match((await mediaProblem('audio/wav', wav.slice(0, -8))) ?? '', /header says \d+ bytes but the file has/);
    assert.match((await mediaProblem('audio/wav', cat(wav, junk(6)))) ?? '', /header says/);
    const cut = wav.slice(0, -8);
    new DataView(cut.buffer).setUint32(4, cut.length - 8, true);
    assert.match((await mediaProblem('audio/wav', cut)) ?? '', /data' runs 8 bytes past the end/);
    const noFmt = wav.slice();
    noFmt.set([0x4a, 0x55, 0x4e, 0x4b], 12); // "JUNK" where "fmt " was
    assert.match((await mediaProblem('audio/wav', noFmt)) ?? '', /data chunk comes before its fmt chunk/);
  });
});

describe('media validation: PNG chunks', () => {
  const png = new Uint8Array(makePng());

  it('a PNG with good CRCs that ends at IEND passes (the offline renderer makes one)', async () => {
    assert.equal(await mediaProblem('image/png', png), undefined);
    assert.equal(await mediaProblem('image/png', renderImage('a fox', { width: 32, height: 32 }).data), undefined);
  });

  it('a flipped byte, a cut or bytes after IEND are named', async () => {
    const flipped = png.slice();
    flipped[40] = (flipped[40] ?? 0) ^ 0xff;
    assert.match((await mediaProblem('image/png', flipped)) ?? '', /fails its CRC check/);
    assert.match((await mediaProblem('image/png', png.slice(0, -12))) ?? '', /no IEND chunk/);
    assert.match((await mediaProblem('image/png', cat(png, junk(3)))) ?? '', /3 stray bytes after the PNG's IEND/);
  });

  it('formats without a structural check pass', async () => {
    assert.equal(await mediaProblem('image/jpeg', new Uint8Array([0xff, 0xd8, 0xff])), undefined);
    assert.equal(await mediaProblem(undefined, junk(4)), undefined);
  });
});
