// The default take downloader: fetch with a size limit, a truncation check against
// Content-Length, and a content-type check against the job's modality. A 404 means the provider
// deleted the output (Replicate keeps outputs about an hour), which is said in plain words.
import { ProviderError } from './errors';
import type { Modality } from './jobTypes';

export const DEFAULT_MAX_TAKE_BYTES = 2 * 1024 ** 3;
export const OUTPUT_GONE_MESSAGE =
  'The provider no longer has this output (outputs expire after about an hour). Retry the job to generate it again.';

export interface DownloadedTake {
  data: Uint8Array;
  contentType?: string;
}

export type TakeDownload = (url: string, signal: AbortSignal) => Promise<DownloadedTake>;

/** Content types a take of each modality may have (octet-stream is judged by the bytes). */
const ACCEPTED: Record<Modality, readonly string[]> = {
  image: ['image/'],
  video: ['video/', 'image/gif'],
  audio: ['audio/', 'video/'],
  speech: ['audio/', 'video/'],
};

/** Sniff a media type from magic bytes; undefined when unknown. */
export function sniffContentType(b: Uint8Array): string | undefined {
  const at = (i: number, s: string) => [...s].every((c, k) => b[i + k] === c.charCodeAt(0));
  if (b[0] === 0x89 && at(1, 'PNG')) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8) return 'image/jpeg';
  if (at(0, 'GIF8')) return 'image/gif';
  if (at(0, 'RIFF') && at(8, 'WEBP')) return 'image/webp';
  if (at(0, 'RIFF') && at(8, 'WAVE')) return 'audio/wav';
  if (at(4, 'ftyp')) return 'video/mp4';
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'video/webm';
  if (at(0, 'ID3') || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (at(0, 'OggS')) return 'audio/ogg';
  if (at(0, 'fLaC')) return 'audio/flac';
  return undefined;
}

/** Throws a clear error when the bytes are plainly not the modality asked for (an HTML error page, JSON). */
export function checkTakeType(modality: Modality, data: Uint8Array, declared?: string): string | undefined {
  const sniffed = sniffContentType(data);
  const type = sniffed ?? declared?.split(';')[0]?.trim().toLowerCase();
  const looksText = !sniffed && (data[0] === 0x3c || data[0] === 0x7b); // "<" or "{"
  const ok = type !== undefined && ACCEPTED[modality].some((p) => type.startsWith(p));
  if (looksText || (sniffed && !ok)) {
    throw new ProviderError({
      category: 'transient',
      retryable: false,
      message: `The provider returned ${type ?? 'something'} where ${modality} was expected; nothing was imported. Retry the job.`,
      detail: `content-type ${declared ?? 'none'}, sniffed ${sniffed ?? 'unknown'}`,
    });
  }
  return type;
}

export function createTakeDownloader(opts: { maxBytes?: number; fetchFn?: typeof fetch } = {}): TakeDownload {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_TAKE_BYTES;
  const fetchFn = opts.fetchFn ?? fetch;
  return async (url, signal) => {
    let res: Response;
    try {
      res = await fetchFn(url, { signal });
    } catch (err) {
      if (signal.aborted) throw err;
      throw new ProviderError({
        category: 'transient',
        message: 'Downloading the result failed; retrying.',
        detail: String(err),
      });
    }
    if (res.status === 404 || res.status === 410) {
      throw new ProviderError({
        category: 'input',
        retryable: false,
        message: OUTPUT_GONE_MESSAGE,
        httpStatus: res.status,
      });
    }
    if (!res.ok) {
      throw new ProviderError({
        category: 'transient',
        retryable: res.status === 429 || res.status >= 500,
        message: `Downloading the result failed (HTTP ${res.status}).`,
        httpStatus: res.status,
      });
    }
    const declaredLength = Number(res.headers.get('content-length') ?? Number.NaN);
    if (declaredLength > maxBytes) throw tooBig(declaredLength, maxBytes);
    const chunks: Uint8Array[] = [];
    let total = 0;
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        total += chunk.byteLength;
        if (total > maxBytes) throw tooBig(total, maxBytes);
        chunks.push(chunk);
      }
    }
    if (Number.isFinite(declaredLength) && total !== declaredLength) {
      throw new ProviderError({
        category: 'transient',
        message: `The download was cut short (${total} of ${declaredLength} bytes); retrying.`,
      });
    }
    const data = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) {
      data.set(c, offset);
      offset += c.byteLength;
    }
    const contentType = res.headers.get('content-type') ?? undefined;
    return contentType ? { data, contentType } : { data };
  };
}

function tooBig(bytes: number, max: number): ProviderError {
  return new ProviderError({
    category: 'input',
    retryable: false,
    message: `The result is larger than the ${Math.round(max / 1024 ** 2)} MB limit (${bytes} bytes); it was not downloaded.`,
  });
}
