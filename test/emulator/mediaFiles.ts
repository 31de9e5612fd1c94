// Real bytes for emulated outputs: a small valid PNG, a WAV, and an MP4-shaped blob, so downloads,
// content-type checks and importers see plausible files.
import { deflateSync } from 'node:zlib';

export const IMAGE_SIZE = 16;

export interface MediaFile {
  data: Buffer;
  contentType: string;
}

/** A solid-colour RGB PNG written by hand (signature, IHDR, IDAT, IEND with CRCs). */
export function makePng(
  width = IMAGE_SIZE,
  height = IMAGE_SIZE,
  rgb: [number, number, number] = [64, 128, 200],
): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(rgb, row + 1 + x * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 16-bit mono PCM WAV of a quiet 440 Hz tone. */
export function makeWav(seconds = 0.25, sampleRate = 8000): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 2000), i * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/**
 * An ISO-BMFF-shaped blob: real `ftyp`, `moov` and `mdat` boxes whose sizes add up (what GenQueue
 * checks before calling a take a success), with filler inside (not playable). `M4A ` makes audio.
 */
export function makeMp4ish(brand = 'isom'): Buffer {
  const ftypBody = Buffer.concat([Buffer.from(brand, 'ascii'), u32(512), Buffer.from('isomiso2avc1mp41', 'ascii')]);
  const moovBody = box('mvhd', Buffer.alloc(100));
  const mdatBody = Buffer.alloc(1024, 0x2a);
  return Buffer.concat([box('ftyp', ftypBody), box('moov', moovBody), box('mdat', mdatBody)]);
}

const cache = new Map<string, Buffer>();
function cached(key: string, make: () => Buffer): Buffer {
  let b = cache.get(key);
  if (!b) {
    b = make();
    cache.set(key, b);
  }
  return b;
}

/**
 * Serve these bytes for every video output instead of the MP4-shaped blob: the standalone emulator
 * (e2e) primes a real H.264 clip so a take can play in the workbench, as a provider's would.
 */
export function useVideoBytes(data: Buffer): void {
  cache.set('mp4', data);
}

/** The file served for an output name, by extension. */
export function mediaForName(name: string): MediaFile {
  if (name.endsWith('.png')) return { data: cached('png', () => makePng()), contentType: 'image/png' };
  if (name.endsWith('.wav')) return { data: cached('wav', () => makeWav()), contentType: 'audio/wav' };
  if (name.endsWith('.mp4')) return { data: cached('mp4', makeMp4ish), contentType: 'video/mp4' };
  return { data: Buffer.from('hello from the emulator\n'), contentType: 'text/plain' };
}

function pngChunk(type: string, body: Buffer): Buffer {
  const typeBuf = Buffer.from(type, 'ascii');
  const crc = u32(crc32(Buffer.concat([typeBuf, body])));
  return Buffer.concat([u32(body.length), typeBuf, body, crc]);
}

function box(type: string, body: Buffer): Buffer {
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, 'ascii'), body]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
}

let CRC_TABLE: Uint32Array | undefined;
function crc32(buf: Buffer): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of buf) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
