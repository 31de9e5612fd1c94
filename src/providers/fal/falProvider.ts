// The fal adapter, on the official client (`createFalClient`, never the global singleton).
// Translate only: the engine owns retries, polling and timing. The client's own retries are
// defeated by a guarded fetch (see shared/guardedFetch.ts): config `retry.maxRetries: 0` alone is
// not enough, because submit/status/result pass per-operation retry settings that win over it.
import { createFalClient } from '@fal-ai/client';
import { ProviderError } from '../../core/errors';
import type { JobError } from '../../core/jobTypes';
import type {
  ProviderAdapter,
  ProviderJobRef,
  ProviderResult,
  ProviderStatus,
  ReconcileOptions,
  ReconcileOutcome,
  SubmitRequest,
  SubmitResult,
} from '../../core/providerPort';
import { classifyJobFailure } from '../shared/failureText';
import { createGuardedFetch, falUrlRewriter } from '../shared/guardedFetch';
import { withTimeout } from '../shared/httpFailure';
import { falBodyIsUnreachableInput, mentionsUnreachableInput } from '../shared/inputFetchFailure';
import { clip, isRecord, num, str } from '../shared/values';
import { detailOf, falError } from './falErrors';
import { findInFalHistory } from './falHistory';
import { falTakes } from './falOutputs';
import { mapFalStatus, queuePositionOf } from './falStatus';
import { followFalStream } from './falStream';
import { uploadToFal } from './falUpload';

export interface FalProviderOptions {
  /** The fal key ("id:secret"), read on every request so a changed key applies at once. */
  credentials: () => string | undefined;
  /** An origin replacing https://queue.fal.run, https://fal.run and https://rest.fal.ai (an emulator). */
  baseUrl?: string;
  /** Per-request timeout, ms (not for the status stream, which waitForChange bounds). Default 60 s. */
  requestTimeoutMs?: number;
  /** The underlying fetch (default globalThis.fetch). */
  fetch?: typeof fetch;
  /** This machine's clock (default Date.now); reconcile measures its skew against fal's. */
  now?: () => number;
}

const REMEMBERED = 500;

export function createFalProvider(opts: FalProviderOptions): ProviderAdapter {
  // fal's status stream turns any thrown error into a bare ApiError(500); keep ours by signal.
  const failures = new WeakMap<AbortSignal, Error>();
  const guarded = createGuardedFetch({
    intercept: (status) => status === 429 || status >= 500,
    rewrite: falUrlRewriter(opts.baseUrl),
    baseFetch: opts.fetch,
    onFailure: (signal, failure) => {
      if (signal) failures.set(signal, failure);
    },
  });
  const client = createFalClient({
    credentials: () => opts.credentials(),
    fetch: guarded,
    retry: { maxRetries: 0 },
    suppressLocalCredentialsWarning: true,
  });
  const timeoutMs = opts.requestTimeoutMs ?? 60_000;
  /** Last status per request id: waitForChange compares against it; result() reads metrics from it. */
  const known = new Map<string, ProviderStatus>();
  const remember = (id: string, s: ProviderStatus) => {
    known.delete(id);
    known.set(id, s);
    if (known.size > REMEMBERED) known.delete(known.keys().next().value as string);
  };

  const requireKey = () => {
    const key = opts.credentials();
    if (!key || key.trim() === '') {
      throw new ProviderError({
        category: 'auth',
        message: 'No fal API key is set. Run “GenQueue: Set API Key” (or set FAL_KEY), then retry.',
      });
    }
  };

  /** COMPLETED with an error: ask the result endpoint for the precise reason (422 field messages). */
  const failedError = async (
    ref: ProviderJobRef,
    text: string | undefined,
    errorType: string | undefined,
    signal: AbortSignal,
  ): Promise<{ error: JobError; unreachable: boolean }> => {
    const fromStatus = classifyJobFailure('fal', text, errorType);
    const unreachable = errorType === 'file_download_error' || mentionsUnreachableInput(text);
    try {
      await client.queue.result(ref.model, { requestId: ref.requestId, abortSignal: withTimeout(signal, timeoutMs) });
      return { error: fromStatus, unreachable };
    } catch (err) {
      const pe = falError(err, 'result', ref.model);
      const gone = unreachable || falBodyIsUnreachableInput((err as { body?: unknown }).body);
      if (pe.category === 'input' || pe.category === 'billing-policy') {
        return { error: { ...pe.toJobError(), retryable: false }, unreachable: gone };
      }
      return {
        error: { ...fromStatus, detail: clip(`${fromStatus.detail ?? ''}\n${pe.detail ?? ''}`.trim()) },
        unreachable: gone,
      };
    }
  };

  const toStatus = async (ref: ProviderJobRef, raw: unknown, signal: AbortSignal): Promise<ProviderStatus> => {
    const { status, failure } = mapFalStatus(raw);
    if (failure) {
      const { error, unreachable } = await failedError(ref, failure.text, failure.errorType, signal);
      status.error = error;
      if (unreachable) status.inputFileUnreachable = true;
    }
    remember(ref.requestId, status);
    return status;
  };

  const status = async (ref: ProviderJobRef, signal: AbortSignal): Promise<ProviderStatus> => {
    requireKey();
    let raw: unknown;
    try {
      raw = await client.queue.status(ref.model, {
        requestId: ref.requestId,
        logs: true,
        abortSignal: withTimeout(signal, timeoutMs),
      });
    } catch (err) {
      throw falError(err, 'status', ref.model);
    }
    return toStatus(ref, raw, signal);
  };

  return {
    id: 'fal',
    capabilities: { statusStream: true, syncWait: false, remoteCancel: true },

    async submit(req: SubmitRequest, signal: AbortSignal): Promise<SubmitResult> {
      requireKey();
      let raw: unknown;
      try {
        raw = await client.queue.submit(req.model, { input: req.input, abortSignal: withTimeout(signal, timeoutMs) });
      } catch (err) {
        throw falError(err, 'submit', req.model);
      }
      const requestId = isRecord(raw) ? str(raw.request_id) : undefined;
      if (!requestId) {
        throw new ProviderError({
          category: 'transient',
          message: 'fal answered the submit without a request id; the job may have been created.',
          detail: clip(JSON.stringify(raw) ?? String(raw)),
          outcomeUnknown: true,
        });
      }
      const s: ProviderStatus = { phase: 'queued' };
      const pos = isRecord(raw) ? queuePositionOf(raw) : undefined;
      if (pos !== undefined) s.queuePosition = pos;
      remember(requestId, s);
      return { requestId, status: s };
    },

    status,

    async waitForChange(
      ref: ProviderJobRef,
      signal: AbortSignal,
      maxWaitMs: number,
      onUpdate?: (status: ProviderStatus) => void,
    ): Promise<ProviderStatus> {
      requireKey();
      const last = known.get(ref.requestId);
      let stream: Awaited<ReturnType<typeof client.queue.streamStatus>>;
      try {
        stream = await client.queue.streamStatus(ref.model, { requestId: ref.requestId, logs: true });
      } catch (err) {
        throw falError(err, 'stream', ref.model);
      }
      const raw = await followFalStream(stream, {
        signal,
        maxWaitMs,
        last,
        onUpdate:
          onUpdate &&
          ((s) => {
            remember(ref.requestId, s);
            onUpdate(s);
          }),
        openFailure: () => failures.get(stream.signal),
        toError: (err) => falError(err, 'stream', ref.model),
      });
      // Nothing arrived in time: answer with what we knew (or ask once if we knew nothing).
      if (raw === undefined) return last ?? status(ref, signal);
      return toStatus(ref, raw, signal);
    },

    async result(ref: ProviderJobRef, signal: AbortSignal): Promise<ProviderResult> {
      requireKey();
      let r: unknown;
      try {
        r = await client.queue.result(ref.model, {
          requestId: ref.requestId,
          abortSignal: withTimeout(signal, timeoutMs),
        });
      } catch (err) {
        throw falError(err, 'result', ref.model);
      }
      const data = isRecord(r) ? r.data : undefined;
      const takes = falTakes(data);
      if (takes.length === 0) {
        throw new ProviderError({
          category: 'transient',
          message: `fal finished the job but returned no file GenQueue recognises. See the detail for what it returned.`,
          detail: clip(JSON.stringify(data) ?? String(data)),
          retryable: false,
        });
      }
      const out: ProviderResult = { takes };
      const predict =
        known.get(ref.requestId)?.metrics?.predictTimeSec ??
        (isRecord(data) && isRecord(data.timings) ? num(data.timings.inference) : undefined);
      if (predict !== undefined) out.metrics = { predictTimeSec: predict };
      const seed = isRecord(data) ? num(data.seed) : undefined;
      if (seed !== undefined) out.seed = seed;
      return out;
    },

    async cancel(ref: ProviderJobRef, signal: AbortSignal): Promise<void> {
      requireKey();
      try {
        await client.queue.cancel(ref.model, { requestId: ref.requestId, abortSignal: withTimeout(signal, timeoutMs) });
      } catch (err) {
        // 400 ALREADY_COMPLETED: the job finished first; the engine fetches its result. Not an error.
        const e = err as { status?: unknown; body?: unknown };
        if (e.status === 400 && isRecord(e.body) && e.body.status === 'ALREADY_COMPLETED') return;
        if (e.status === 404 && isRecord(e.body) && e.body.status === 'NOT_FOUND') {
          throw new ProviderError({
            category: 'input',
            message: 'fal no longer knows this request, so it cannot be cancelled (it may have expired).',
            detail: `HTTP 404: ${detailOf(e.body) || 'NOT_FOUND'}`,
            httpStatus: 404,
          });
        }
        throw falError(err, 'cancel', ref.model);
      }
    },

    upload: (file, signal) => {
      requireKey();
      return uploadToFal(client, file, signal, opts.now ?? Date.now);
    },

    async reconcile(
      req: SubmitRequest,
      submittedAt: number,
      signal: AbortSignal,
      ropts?: ReconcileOptions,
    ): Promise<ReconcileOutcome> {
      requireKey();
      // Found once it has finished; otherwise (still running, or never sent) the user decides.
      const look = {
        fetch: guarded,
        key: opts.credentials() ?? '',
        now: opts.now ?? Date.now,
        signal: withTimeout(signal, timeoutMs),
      };
      return findInFalHistory(req, submittedAt, look, ropts);
    },
  };
}
