// The offline provider's reference files: each file field holds the file:// URL its upload returned.
// They are read from disk (no network), and checked at submit: a missing file, an unsupported kind
// or an oversized file fails before any "running", with a message that names the file.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProviderError } from '../../core/errors';
import { sniffContentType } from '../../core/takeMedia';
import { imageHeader } from './referenceImage';
import { readWavInfo, type WavInfo } from './wavRead';

/** Bigger files are refused before they are read (the catalog's maxBytes says the same). */
export const MAX_REFERENCE_BYTES = 50 * 1024 * 1024;

export const SUPPORTED_KINDS = 'The offline provider reads PNG/JPEG images and WAV audio';

export interface ReferenceFile {
  field: string;
  path: string;
  /** The file's base name, for messages. */
  name: string;
  data: Uint8Array;
}

export interface ImageReference extends ReferenceFile {
  type: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
}

export interface AudioReference extends ReferenceFile {
  wav: WavInfo;
}

function inputError(message: string, detail?: string): ProviderError {
  return new ProviderError({ category: 'input', message, detail });
}

const DESCRIPTIONS: Record<string, string> = {
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/webp': 'a WebP image',
  'image/gif': 'a GIF image',
  'audio/wav': 'WAV audio',
  'audio/mpeg': 'MP3 audio',
  'audio/aac': 'AAC audio',
  'audio/mp4': 'M4A audio',
  'audio/ogg': 'Ogg audio',
  'audio/flac': 'FLAC audio',
  'video/mp4': 'an MP4 video',
  'video/quicktime': 'a QuickTime video',
  'video/webm': 'a WebM video',
  'video/x-matroska': 'a Matroska video',
};

function describe(type: string | undefined): string {
  return type ? (DESCRIPTIONS[type] ?? type) : 'not a media file the offline provider recognises';
}

/** The file behind a file field's URL; every way it can be unusable is a clear input error. */
function readReference(input: Record<string, unknown>, field: string, what: string): ReferenceFile {
  const raw = input[field];
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw inputError(`Choose ${what} for "${field}" first: this offline model works from a reference file.`);
  }
  const url = raw.trim();
  if (!url.startsWith('file:')) {
    throw inputError(
      `"${field}" must be a local file for the offline provider (it never downloads); got ${JSON.stringify(url.slice(0, 80))}.`,
    );
  }
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch (err) {
    throw inputError(`"${field}" is not a usable file URL: ${JSON.stringify(url.slice(0, 80))}.`, String(err));
  }
  const name = basename(path);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw inputError(`The reference for "${field}" is not a file: ${path}.`);
    size = stat.size;
  } catch (err) {
    if (err instanceof ProviderError) throw err;
    throw inputError(`The reference file for "${field}" is missing: ${path}. Choose it again.`, String(err));
  }
  if (size > MAX_REFERENCE_BYTES) {
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
    throw inputError(`${name} is ${mb(size)}; the offline provider reads references up to ${mb(MAX_REFERENCE_BYTES)}.`);
  }
  const data = new Uint8Array(readFileSync(path));
  return { field, path, name, data };
}

/** A PNG or JPEG reference, its size read from its header (decoded only when rendering). */
export function readImageReference(input: Record<string, unknown>, field: string): ImageReference {
  const ref = readReference(input, field, 'an image');
  const type = sniffContentType(ref.data.subarray(0, 64));
  if (type !== 'image/png' && type !== 'image/jpeg') {
    throw inputError(`${SUPPORTED_KINDS}; ${ref.name} (for "${field}", an image) is ${describe(type)}.`);
  }
  const header = imageHeader(ref.data, type);
  if (typeof header === 'string') throw inputError(`${ref.name} cannot be read: ${header}.`);
  return { ...ref, type, ...header };
}

/** A WAV reference whose format is readable; `maxSec` refuses longer audio with a clear message. */
export function readAudioReference(input: Record<string, unknown>, field: string, maxSec?: number): AudioReference {
  const ref = readReference(input, field, 'an audio file');
  const type = sniffContentType(ref.data.subarray(0, 64));
  if (type !== 'audio/wav') {
    throw inputError(`${SUPPORTED_KINDS}; ${ref.name} (for "${field}", audio) is ${describe(type)}.`);
  }
  const wav = readWavInfo(ref.data);
  if (typeof wav === 'string') throw inputError(`${ref.name} cannot be read: it is ${wav}.`);
  if (wav.durationSec < 0.1) throw inputError(`${ref.name} holds no audio (under 0.1 s).`);
  if (maxSec !== undefined && wav.durationSec > maxSec) {
    throw inputError(
      `${ref.name} is ${wav.durationSec.toFixed(1)} s long; the offline model takes at most ${maxSec} s of audio. Trim it.`,
    );
  }
  return { ...ref, wav };
}
