// Nothing a provider says may decide where a file lands: suggested names and URLs are reduced
// to one plain file name inside the assets folder, and the extension comes from what the
// content actually is (content type), not from the name.
import type { Modality } from '../core/jobTypes';

export const MAX_NAME_LENGTH = 80;

/** Content types we accept per modality, with the extension we write. */
const EXTENSION_BY_TYPE: Record<string, { ext: string; modality: 'image' | 'video' | 'audio' }> = {
  'image/png': { ext: 'png', modality: 'image' },
  'image/jpeg': { ext: 'jpg', modality: 'image' },
  'image/jpg': { ext: 'jpg', modality: 'image' },
  'image/webp': { ext: 'webp', modality: 'image' },
  'image/gif': { ext: 'gif', modality: 'image' },
  'video/mp4': { ext: 'mp4', modality: 'video' },
  'video/webm': { ext: 'webm', modality: 'video' },
  'video/quicktime': { ext: 'mov', modality: 'video' },
  'audio/wav': { ext: 'wav', modality: 'audio' },
  'audio/x-wav': { ext: 'wav', modality: 'audio' },
  'audio/wave': { ext: 'wav', modality: 'audio' },
  'audio/mpeg': { ext: 'mp3', modality: 'audio' },
  'audio/mp3': { ext: 'mp3', modality: 'audio' },
  'audio/ogg': { ext: 'ogg', modality: 'audio' },
  'audio/flac': { ext: 'flac', modality: 'audio' },
  'audio/x-flac': { ext: 'flac', modality: 'audio' },
};

const TYPE_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
};

/** The media files that can carry a sidecar (mirrors the explorer menu's `when` clause). */
export const MEDIA_FILE_PATTERN = /\.(png|jpe?g|webp|gif|mp4|webm|mov|wav|mp3|ogg|flac)$/i;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

function normaliseType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  return contentType.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** Media class of a content type, or undefined when we do not accept it. */
export function mediaKind(contentType: string | undefined): 'image' | 'video' | 'audio' | undefined {
  const t = normaliseType(contentType);
  return t ? EXTENSION_BY_TYPE[t]?.modality : undefined;
}

export function extensionForContentType(contentType: string | undefined): string | undefined {
  const t = normaliseType(contentType);
  return t ? EXTENSION_BY_TYPE[t]?.ext : undefined;
}

export function contentTypeForExtension(ext: string): string | undefined {
  return TYPE_BY_EXTENSION[ext.toLowerCase().replace(/^\./, '')];
}

/** Speech is audio on disk. */
export function expectedKind(modality: Modality): 'image' | 'video' | 'audio' {
  return modality === 'speech' ? 'audio' : modality;
}

/**
 * Decide the content type of a take: the declared type when it is one we accept for the modality,
 * else sniffed magic bytes. Returns undefined when the bytes are not a media file we accept.
 */
export function resolveContentType(
  modality: Modality,
  declared: string | undefined,
  data: Uint8Array,
): string | undefined {
  const sniffed = sniffContentType(data);
  const want = expectedKind(modality);
  // Bytes are the truth: an HTML error page labelled image/png is not an image.
  if (sniffed) return mediaKind(sniffed) === want ? sniffed : undefined;
  // Unrecognised bytes: trust the declared type, unless the body is plainly text (an error page or JSON).
  if (looksLikeText(data)) return undefined;
  const t = normaliseType(declared);
  if (t && mediaKind(t) === want) return t;
  return undefined;
}

/** The first bytes are all printable ASCII or whitespace: HTML, JSON, an error message. */
function looksLikeText(data: Uint8Array): boolean {
  const n = Math.min(data.length, 512);
  for (let i = 0; i < n; i++) {
    const b = data[i] as number;
    if (b !== 9 && b !== 10 && b !== 13 && (b < 32 || b > 126)) return false;
  }
  return n > 0;
}

function startsWith(data: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (data.length < at + bytes.length) return false;
  return bytes.every((b, i) => data[at + i] === b);
}

function ascii(data: Uint8Array, at: number, len: number): string {
  if (data.length < at + len) return '';
  return String.fromCharCode(...data.subarray(at, at + len));
}

/** Recognise the formats we write from their first bytes. */
export function sniffContentType(data: Uint8Array): string | undefined {
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(data, 0, 4) === 'GIF8') return 'image/gif';
  if (ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(data, 0, 4) === 'RIFF' && ascii(data, 8, 4) === 'WAVE') return 'audio/wav';
  if (ascii(data, 4, 4) === 'ftyp') return ascii(data, 8, 2) === 'qt' ? 'video/quicktime' : 'video/mp4';
  if (startsWith(data, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  if (ascii(data, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(data, 0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(data, 0, 3) === 'ID3' || startsWith(data, [0xff, 0xfb]) || startsWith(data, [0xff, 0xf3])) {
    return 'audio/mpeg';
  }
  return undefined;
}

/** The last path segment of a URL or path, decoded, without query or fragment. */
export function baseNameOf(nameOrUrl: string): string {
  let s = nameOrUrl;
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(s)) s = new URL(s).pathname;
  } catch {
    // Not a URL: treat it as a name.
  }
  s = s.split(/[?#]/)[0] ?? '';
  try {
    s = decodeURIComponent(s);
  } catch {
    // Malformed escapes stay as they are; the sanitiser removes what is unsafe.
  }
  const parts = s.split(/[/\\]/);
  return parts[parts.length - 1] ?? '';
}

/**
 * A safe stem (no extension) from an untrusted name: no path separators, no '..', no leading
 * dots, no control or shell-hostile characters, not a Windows reserved name, length-capped.
 */
export function sanitizeStem(untrusted: string | undefined, fallback: string): string {
  let s = baseNameOf(untrusted ?? '');
  s = s.normalize('NFC');
  // Drop the extension the provider claims: ours comes from the content type.
  s = s.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  s = s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '-')
    .replace(/\s+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[.\-\s]+/, '')
    .replace(/[.\s-]+$/, '');
  if (s.length > MAX_NAME_LENGTH) s = s.slice(0, MAX_NAME_LENGTH).replace(/[.\s-]+$/, '');
  if (!s || WINDOWS_RESERVED.test(s)) s = s ? `${s}-file` : fallback;
  return s;
}

/** A short slug from a prompt, for readable default names ("a-red-fox-in-snow"). */
export function slugFromPrompt(prompt: unknown, maxWords = 6): string {
  if (typeof prompt !== 'string') return '';
  return prompt
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, maxWords)
    .join('-')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/** "name.png", then "name-2.png", "name-3.png"… until `taken` says no. */
export function uniqueFileName(stem: string, ext: string, taken: (name: string) => boolean, maxTries = 1000): string {
  const first = `${stem}.${ext}`;
  if (!taken(first)) return first;
  for (let i = 2; i <= maxTries; i++) {
    const candidate = `${stem}-${i}.${ext}`;
    if (!taken(candidate)) return candidate;
  }
  return `${stem}-${Date.now().toString(36)}.${ext}`;
}

/**
 * Normalise a workspace-relative folder from settings: forward slashes, no leading slash,
 * no '..' or '.' segments. Returns undefined when nothing safe is left.
 */
export function safeRelativeFolder(folder: string | undefined): string | undefined {
  if (!folder) return undefined;
  const parts = folder
    .replace(/\\/g, '/')
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p && p !== '.');
  if (parts.some((p) => p === '..' || /^[a-z]:$/i.test(p))) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = parts.map((p) => p.replace(/[\u0000-\u001f<>:"|?*]/g, '')).filter(Boolean);
  return clean.length ? clean.join('/') : undefined;
}
