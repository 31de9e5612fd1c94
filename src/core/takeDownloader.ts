// The default take downloader: fetch with a size limit (the one of takeMedia.ts) and a truncation
// check against Content-Length; what the bytes are is judged by takeMedia.ts afterwards. A 404
// means the provider deleted the output (Replicate keeps outputs about an hour), said in plain words.
import { ProviderError } from './errors';
import { MAX_TAKE_BYTES } from './takeMedia';

export const OUTPUT_GONE_MESSAGE =
  'The provider no longer has this output (outputs expire after about an hour). Retry the job to generate it again.';

export interface DownloadedTake {
  data: Uint8Array;
  contentType?: string;
}

export type TakeDownload = (url: string, signal: AbortSignal) => Promise<DownloadedTake>;

export function createTakeDownloader(opts: { maxBytes?: number; fetchFn?: typeof fetch } = {}): TakeDownload {
  const maxBytes = opts.maxBytes ?? MAX_TAKE_BYTES;
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
