// A take is checked before it is called a success: its container structure must hold together.
// A truncated download, or two renders that wrote into one file, give boxes or chunks whose sizes
// do not add up; players then show nothing or garbage. Formats without a cheap structural check
// (JPEG, WebP, MP3, …) pass here; the sniffer in takeMedia.ts has already vouched for their kind.
import { ProviderError } from './errors';
import type { Modality } from './jobTypes';
import { normaliseContentType, requireTakeType } from './takeMedia';
import { headOf, readerOf, sizeOf, type TakeBytes } from './takeSpool';

const ISO_BMFF = new Set(['video/mp4', 'video/quicktime', 'audio/mp4']);
const WAV = new Set(['audio/wav', 'audio/x-wav', 'audio/wave']);

type Reader = ReturnType<typeof readerOf>;

/** What is wrong with a file's structure, or undefined when it holds together (or is not checked). */
export async function mediaProblem(contentType: string | undefined, bytes: TakeBytes): Promise<string | undefined> {
  const type = normaliseContentType(contentType);
  if (!type) return undefined;
  const r = readerOf(bytes);
  if (ISO_BMFF.has(type) && ascii(headOf(bytes), 4, 4) === 'ftyp') return mp4Problem(r);
  if (WAV.has(type)) return wavProblem(r);
  if (type === 'image/png') return pngProblem(await r.read(0, r.size));
  return undefined;
}

/** The checks every take passes before it is imported: the right kind, and intact. Its content type. */
export async function requireUsableTake(
  modality: Modality,
  bytes: TakeBytes,
  declared: string | undefined,
): Promise<string> {
  const { contentType } = requireTakeType(modality, headOf(bytes), declared);
  const problem = await mediaProblem(contentType, bytes);
  if (!problem) return contentType;
  throw new ProviderError({
    category: 'transient',
    retryable: false,
    message: `The ${modality} file is damaged (${problem}); nothing was imported. Retry the job.`,
    detail: `${contentType}, ${sizeOf(bytes)} bytes`,
  });
}

function ascii(b: Uint8Array, at: number, len: number): string {
  if (b.length < at + len) return '';
  return String.fromCharCode(...b.subarray(at, at + len));
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

const BOX_TYPE = /^[\x20-\x7e]{4}$/;

/** Top-level ISO BMFF boxes: ftyp first, moov and mdat present, sizes add up to the file length. */
async function mp4Problem(r: Reader): Promise<string | undefined> {
  const seen = new Set<string>();
  let off = 0;
  while (off < r.size) {
    if (off + 8 > r.size) return `${r.size - off} stray bytes after the last MP4 box`;
    const h = await r.read(off, 16);
    const v = view(h);
    let size = v.getUint32(0);
    const type = ascii(h, 4, 4);
    if (!BOX_TYPE.test(type)) return `unreadable MP4 box at byte ${off}`;
    let header = 8;
    if (size === 1) {
      if (h.length < 16) return `the MP4 box '${type}' is cut short`;
      size = Number(v.getBigUint64(8));
      header = 16;
    } else if (size === 0) {
      size = r.size - off; // "to the end of the file": only the last box may say so
    }
    if (size < header) return `the MP4 box '${type}' at byte ${off} has an impossible size`;
    if (off + size > r.size) return `the MP4 box '${type}' runs ${off + size - r.size} bytes past the end`;
    if (off === 0 && type !== 'ftyp') return 'the MP4 does not start with its ftyp box';
    seen.add(type);
    off += size;
  }
  if (!seen.has('moov')) return 'the MP4 has no moov box';
  if (!seen.has('mdat')) return 'the MP4 has no mdat box';
  return undefined;
}

/** Sizes a streaming writer leaves when it cannot seek back: "to the end of the file". */
function isPlaceholder(size: number): boolean {
  return size === 0 || size >= 0x7fff0000;
}

/** RIFF/WAVE: the RIFF size matches the file; fmt (16+ bytes) before data; chunk sizes fit. */
async function wavProblem(r: Reader): Promise<string | undefined> {
  const h = await r.read(0, 12);
  if (h.length < 12 || ascii(h, 0, 4) !== 'RIFF' || ascii(h, 8, 4) !== 'WAVE') return 'no RIFF/WAVE header';
  const riff = view(h).getUint32(4, true);
  const streamed = isPlaceholder(riff);
  // A writer may count the pad byte of an odd last chunk without writing it.
  if (!streamed && riff + 8 !== r.size && riff + 8 !== r.size + 1) {
    return `the WAV header says ${riff + 8} bytes but the file has ${r.size}`;
  }
  let fmt = false;
  let data = false;
  let off = 12;
  while (off + 1 < r.size) {
    if (off + 8 > r.size) return `${r.size - off} stray bytes after the last WAV chunk`;
    const c = await r.read(off, 8);
    const id = ascii(c, 0, 4);
    const size = view(c).getUint32(4, true);
    if (id === 'fmt ') {
      if (size < 16) return 'the WAV fmt chunk is too short';
      fmt = true;
    } else if (id === 'data') {
      if (!fmt) return 'the WAV data chunk comes before its fmt chunk';
      if (streamed || isPlaceholder(size)) return undefined; // the samples run to the end of the file
      data = true;
    }
    if (off + 8 + size > r.size) return `the WAV chunk '${id}' runs ${off + 8 + size - r.size} bytes past the end`;
    off += 8 + size + (size % 2);
  }
  if (!fmt) return 'the WAV has no fmt chunk';
  return data ? undefined : 'the WAV has no data chunk';
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: signature, IHDR first, every chunk's CRC, IEND last and exactly at the end. */
function pngProblem(b: Uint8Array): string | undefined {
  if (b.length < 8 || PNG_SIGNATURE.some((x, i) => b[i] !== x)) return 'no PNG signature';
  const v = view(b);
  let off = 8;
  let first = true;
  while (off + 12 <= b.length) {
    const len = v.getUint32(off);
    const type = ascii(b, off + 4, 4);
    if (off + 12 + len > b.length) return `the PNG chunk '${type}' runs past the end`;
    if (first && (type !== 'IHDR' || len !== 13)) return 'the PNG does not start with its IHDR chunk';
    first = false;
    if (crc32(b.subarray(off + 4, off + 8 + len)) !== v.getUint32(off + 8 + len)) {
      return `the PNG chunk '${type}' fails its CRC check`;
    }
    off += 12 + len;
    if (type === 'IEND') return off === b.length ? undefined : `${b.length - off} stray bytes after the PNG's IEND`;
  }
  return 'the PNG has no IEND chunk (cut short)';
}

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
