// The default take downloader: fetch with a size limit (the one of takeMedia.ts), an idle and a
// total timeout, and a truncation check against Content-Length, streaming into a temp file when
// the host gives a spool; what the bytes are is judged by takeMedia.ts afterwards. A 404
// means the provider deleted the output (Replicate keeps outputs about an hour), said in plain words.
import { ProviderError } from './errors';
import { MAX_TAKE_BYTES } from './takeMedia';
import type { SpooledTake, TakeSpool } from './takeSpool';

export const OUTPUT_GONE_MESSAGE =
  'The provider no longer has this output (outputs expire after about an hour). Retry the job to generate it again.';

/** The bytes in memory, or (with a spool) in a temp file. */
export type DownloadedTake = ({ data: Uint8Array } | { file: SpooledTake }) & { contentType?: string };

export type TakeDownload = (url: string, signal: AbortSignal) => Promise<DownloadedTake>;

export interface TakeDownloaderOptions {
  maxBytes?: number;
  fetchFn?: typeof fetch;
  /** Give up when no byte arrives for this long, ms (a stalled CDN connection). */
  idleTimeoutMs?: number;
  /** Give up when the whole download takes longer than this, ms. */
  totalTimeoutMs?: number;
  /** Stream the body into a temp file (the host's); without it the bytes are kept in memory. */
  spool?: TakeSpool;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 30 * 60_000;

export function createTakeDownloader(opts: TakeDownloaderOptions = {}): TakeDownload {
  const maxBytes = opts.maxBytes ?? MAX_TAKE_BYTES;
  const fetchFn = opts.fetchFn ?? fetch;
  const idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const totalMs = opts.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
  return async (url, signal) => {
    const deadline = new DownloadDeadline(signal, idleMs, totalMs);
    try {
      return await download(url, deadline, fetchFn, maxBytes, opts.spool);
    } catch (err) {
      throw deadline.explain(err);
    } finally {
      deadline.dispose();
    }
  };
}

async function download(
  url: string,
  deadline: DownloadDeadline,
  fetchFn: typeof fetch,
  maxBytes: number,
  spool: TakeSpool | undefined,
): Promise<DownloadedTake> {
  let res: Response;
  try {
    res = await fetchFn(url, { signal: deadline.signal });
  } catch (err) {
    if (deadline.signal.aborted) throw err;
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
  const contentType = res.headers.get('content-type') ?? undefined;
  const typed = contentType ? { contentType } : {};
  const writer = spool ? await spool.create() : undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        deadline.progress();
        total += chunk.byteLength;
        if (total > maxBytes) throw tooBig(total, maxBytes);
        if (writer) await writer.write(chunk);
        else chunks.push(chunk);
      }
    }
    if (Number.isFinite(declaredLength) && total !== declaredLength) {
      throw new ProviderError({
        category: 'transient',
        message: `The download was cut short (${total} of ${declaredLength} bytes); retrying.`,
      });
    }
    if (writer) return { file: await writer.finish(), ...typed };
  } catch (err) {
    await writer?.discard().catch(() => undefined);
    throw err;
  }
  const data = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    data.set(c, offset);
    offset += c.byteLength;
  }
  return { data, ...typed };
}

/** The caller's signal plus an idle and a total timeout; says which one ended the download. */
class DownloadDeadline {
  private readonly controller = new AbortController();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly totalTimer: ReturnType<typeof setTimeout>;
  private expired: 'idle' | 'total' | undefined;
  private readonly onAbort = () => this.controller.abort(this.caller.reason);

  constructor(
    private readonly caller: AbortSignal,
    private readonly idleMs: number,
    private readonly totalMs: number,
  ) {
    if (caller.aborted) this.controller.abort(caller.reason);
    else caller.addEventListener('abort', this.onAbort, { once: true });
    this.totalTimer = setTimeout(() => this.expire('total'), totalMs);
    this.progress();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Bytes arrived: the idle clock starts again. */
  progress(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.expire('idle'), this.idleMs);
  }

  /** A timeout becomes a retried, plainly worded error; the caller's own abort passes through. */
  explain(err: unknown): unknown {
    if (!this.expired || this.caller.aborted) return err;
    const message =
      this.expired === 'idle'
        ? `The download stalled (no data for ${Math.max(1, Math.round(this.idleMs / 1000))} s); retrying.`
        : `The download took longer than ${Math.round(this.totalMs / 60_000)} minutes; retrying.`;
    return new ProviderError({ category: 'transient', message, detail: String(err) });
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.totalTimer);
    this.caller.removeEventListener('abort', this.onAbort);
  }

  private expire(which: 'idle' | 'total'): void {
    this.expired ??= which;
    this.controller.abort(new Error(`download ${which} timeout`));
  }
}

function tooBig(bytes: number, max: number): ProviderError {
  return new ProviderError({
    category: 'input',
    retryable: false,
    message: `The result is larger than the ${Math.round(max / 1024 ** 2)} MB limit (${bytes} bytes); it was not downloaded.`,
  });
}
