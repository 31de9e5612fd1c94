// Following one fal status stream (`…/status/stream?logs=1`, §3.4): every `data:` frame is a full
// queue status; the server closes the stream after COMPLETED. With `onUpdate` the stream stays
// open and each non-terminal change is reported as it arrives; without it the first change ends
// the wait (the older one-change-per-request contract).
import type { ProviderStatus } from '../../core/providerPort';
import { isRecord } from '../shared/values';
import { isMeaningfulChange, mapFalStatus, statusChanged } from './falStatus';

/** The parts of the client's FalStream used here. */
export interface FalStatusStream {
  on(type: 'data', listener: (data: unknown) => void): void;
  done(): Promise<unknown>;
  abort(): void;
}

export interface FollowOptions {
  signal: AbortSignal;
  maxWaitMs: number;
  /** The last status the caller knows (a change is measured against it). */
  last: ProviderStatus | undefined;
  onUpdate?: (status: ProviderStatus) => void;
  /** The failure our fetch recorded when opening the stream failed (the client hides it). */
  openFailure: () => Error | undefined;
  toError: (err: unknown) => Error;
}

/**
 * Resolve with the raw status JSON to answer with: COMPLETED, the change (without onUpdate), or
 * the latest frame when the wait runs out or the stream ends early (undefined: nothing arrived).
 * Rejects when the stream could not be opened, or broke before any frame, or on abort.
 */
export function followFalStream(stream: FalStatusStream, opts: FollowOptions): Promise<unknown> {
  const { signal, onUpdate } = opts;
  let delivered = opts.last;
  return new Promise<unknown>((resolve, reject) => {
    let latest: unknown;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      stream.abort();
      fn();
    };
    const onAbort = () =>
      finish(() => reject(opts.toError(signal.reason ?? new DOMException('Aborted', 'AbortError'))));
    const timer = setTimeout(() => finish(() => resolve(latest)), Math.max(0, opts.maxWaitMs));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (data: unknown) => {
      if (settled || !isRecord(data)) return;
      latest = data;
      if (data.status === 'COMPLETED') return finish(() => resolve(data));
      if (!onUpdate) {
        if (isMeaningfulChange(data, opts.last)) finish(() => resolve(data));
        return;
      }
      let status: ProviderStatus;
      try {
        status = mapFalStatus(data).status;
      } catch {
        return; // an unreadable frame: keep listening, the next one may be fine
      }
      if (!statusChanged(status, delivered)) return;
      delivered = status;
      onUpdate(status);
    });
    stream.done().then(
      // The server ended the stream: after COMPLETED normally, else it dropped us (answer with
      // the latest frame; the caller reconnects).
      (data: unknown) => finish(() => resolve(isRecord(data) && Object.keys(data).length ? data : latest)),
      (err: unknown) => {
        const failure = opts.openFailure();
        // Broke off after frames arrived: a drop like a clean early end, not an error.
        if (!failure && latest !== undefined) return finish(() => resolve(latest));
        finish(() => reject(opts.toError(failure ?? err)));
      },
    );
  });
}
