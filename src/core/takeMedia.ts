// What a take's bytes are, and whether they may become a file of the job's modality: one rule set
// that the download and the import both ask, so a take that passes the download (already paid
// for) is never refused by the import. The bytes decide (magic numbers); a declared content type
// is trusted only for bytes we cannot recognise, and never for a body that is plainly text.
import { ProviderError } from './errors';
import type { Modality } from './jobTypes';

/** The one size limit for a take, downloaded or imported (a few minutes of 1080p video is far less). */
export const MAX_TAKE_BYTES = 512 * 1024 ** 2;

export type MediaKind = 'image' | 'video' | 'audio';

/** Content types we write, with the extension and what kind of media each is. */
const MEDIA_TYPES: Record<string, { ext: string; kind: MediaKind }> = {
  'image/png': { ext: 'png', kind: 'image' },
  'image/jpeg': { ext: 'jpg', kind: 'image' },
  'image/jpg': { ext: 'jpg', kind: 'image' },
  'image/webp': { ext: 'webp', kind: 'image' },
  'image/gif': { ext: 'gif', kind: 'image' },
  'video/mp4': { ext: 'mp4', kind: 'video' },
  'video/webm': { ext: 'webm', kind: 'video' },
  'video/quicktime': { ext: 'mov', kind: 'video' },
  'video/x-matroska': { ext: 'mkv', kind: 'video' },
  'audio/wav': { ext: 'wav', kind: 'audio' },
  'audio/x-wav': { ext: 'wav', kind: 'audio' },
  'audio/wave': { ext: 'wav', kind: 'audio' },
  'audio/mpeg': { ext: 'mp3', kind: 'audio' },
  'audio/mp3': { ext: 'mp3', kind: 'audio' },
  'audio/mp4': { ext: 'm4a', kind: 'audio' },
  'audio/x-m4a': { ext: 'm4a', kind: 'audio' },
  'audio/m4a': { ext: 'm4a', kind: 'audio' },
  'audio/aac': { ext: 'aac', kind: 'audio' },
  'audio/ogg': { ext: 'ogg', kind: 'audio' },
  'audio/flac': { ext: 'flac', kind: 'audio' },
  'audio/x-flac': { ext: 'flac', kind: 'audio' },
};

/**
 * Which content types fit a modality. Video models sometimes answer with an animated GIF, and
 * audio models with an audio-only MP4/WebM whose brand says nothing about audio.
 */
function fits(modality: Modality, type: string): boolean {
  const kind = MEDIA_TYPES[type]?.kind;
  if (modality === 'image') return kind === 'image';
  if (modality === 'video') return kind === 'video' || type === 'image/gif';
  return kind === 'audio' || type === 'video/mp4' || type === 'video/webm';
}

export function normaliseContentType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** The extension we write for a content type; undefined for types we do not write. */
export function extensionForContentType(contentType: string | undefined): string | undefined {
  const t = normaliseContentType(contentType);
  return t ? MEDIA_TYPES[t]?.ext : undefined;
}

/** The media class of a content type, or undefined when we do not write it. */
export function mediaKindOf(contentType: string | undefined): MediaKind | undefined {
  const t = normaliseContentType(contentType);
  return t ? MEDIA_TYPES[t]?.kind : undefined;
}

function ascii(b: Uint8Array, at: number, len: number): string {
  if (b.length < at + len) return '';
  return String.fromCharCode(...b.subarray(at, at + len));
}

function startsWith(b: Uint8Array, bytes: readonly number[]): boolean {
  return b.length >= bytes.length && bytes.every((x, i) => b[i] === x);
}

const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']);

/** ISO BMFF (MP4, MOV, M4A): the major brand in the ftyp box says which. */
function sniffIsoBmff(b: Uint8Array): string {
  const brand = ascii(b, 8, 4);
  if (AUDIO_BRANDS.has(brand)) return 'audio/mp4';
  return brand === 'qt  ' ? 'video/quicktime' : 'video/mp4';
}

/** MPEG audio frame sync (11 bits set): layer bits 00 is ADTS AAC, anything else MP1/2/3. */
function sniffFrameSync(b: Uint8Array): string | undefined {
  const b1 = b[1] ?? 0;
  if (b[0] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const layer = (b1 >> 1) & 3;
  if (layer === 0) return (b1 & 0xf0) === 0xf0 ? 'audio/aac' : undefined;
  return (b1 & 0x18) === 0x08 ? undefined : 'audio/mpeg'; // version bits 01 are reserved
}

/** Recognise a media file from its first bytes (the first 64 are enough); undefined when unknown. */
export function sniffContentType(b: Uint8Array): string | undefined {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(b, 0, 4) === 'GIF8') return 'image/gif';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return 'audio/wav';
  if (ascii(b, 4, 4) === 'ftyp') return sniffIsoBmff(b);
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML: the DocType element near the start names WebM or Matroska.
    return ascii(b, 0, Math.min(b.length, 64)).includes('webm') ? 'video/webm' : 'video/x-matroska';
  }
  if (ascii(b, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(b, 0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(b, 0, 3) === 'ID3') return 'audio/mpeg';
  return sniffFrameSync(b);
}

/** The first bytes are all printable ASCII or whitespace: HTML, JSON, an error message. */
function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 512);
  for (let i = 0; i < n; i++) {
    const c = b[i] as number;
    if (c !== 9 && c !== 10 && c !== 13 && (c < 32 || c > 126)) return false;
  }
  return n > 0;
}

export type TakeVerdict =
  | { ok: true; contentType: string; ext: string }
  | { ok: false; message: string; detail: string };

/** Speech is audio on disk. */
function wanted(modality: Modality): string {
  return modality === 'speech' ? 'audio' : modality;
}

/**
 * Decide what a take is from its first bytes (and the declared type when the bytes are unknown)
 * and whether it fits the modality. `head` needs only the first 64 bytes; 512 judge text better.
 */
export function classifyTake(modality: Modality, head: Uint8Array, declared: string | undefined): TakeVerdict {
  const sniffed = sniffContentType(head);
  const type = sniffed ?? (looksLikeText(head) ? undefined : normaliseContentType(declared));
  const ext = type ? MEDIA_TYPES[type]?.ext : undefined;
  if (type && ext && fits(modality, type)) return { ok: true, contentType: type, ext };
  const what = sniffed ?? (looksLikeText(head) ? 'text' : 'a file of an unknown type');
  const kind = wanted(modality);
  return {
    ok: false,
    message: `The provider returned ${what} where ${kind === 'video' ? 'a' : 'an'} ${kind} file was expected; nothing was imported. Retry the job.`,
    detail: `declared content type ${declared ?? 'none'}, sniffed ${sniffed ?? 'unknown'}`,
  };
}

/** classifyTake, as an error the engine understands: not retried (the same bytes would come back). */
export function requireTakeType(
  modality: Modality,
  head: Uint8Array,
  declared: string | undefined,
): { contentType: string; ext: string } {
  const verdict = classifyTake(modality, head, declared);
  if (verdict.ok) return verdict;
  throw new ProviderError({
    category: 'transient',
    retryable: false,
    message: verdict.message,
    detail: verdict.detail,
  });
}
