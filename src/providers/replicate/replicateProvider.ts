// The Replicate adapter, on the official client's predictions API (create/get/cancel/list), never
// run()/wait(): run() returns null output when a sync create comes back "processing", and wait()
// polls forever on "aborted" (§2.3, §2.4). Translate only: the engine owns retries and polling.
//
// One HTTP request per adapter call: the client retries 429 (and 5xx on GET) up to 6 times with
// ~zero delay and ignores Retry-After, and it also retries whatever fetch throws. So each call gets
// a fresh client whose fetch (a) turns 429/5xx/network failures into a thrown error and (b) after a
// failure, rethrows it without touching the network, so the client's retries cost nothing.
import Replicate from 'replicate';
import { ProviderError } from '../../core/errors';
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
import { createGuardedFetch } from '../shared/guardedFetch';
import { withTimeout } from '../shared/httpFailure';
import { collectUrlTakes } from '../shared/outputWalk';
import { clip, isRecord, jsonEqual, str } from '../shared/values';
import { replicateError } from './replicateErrors';
import { mapPrediction, predictionMetrics } from './replicateStatus';
import { uploadToReplicate } from './replicateUpload';

export interface ReplicateProviderOptions {
  /** The API token, read on every call so a changed token applies at once. */
  auth: () => string | undefined;
  /** Replaces https://api.replicate.com/v1; must end in /v1 (e.g. an emulator's …/replicate/v1). */
  baseUrl?: string;
  /** Per-request timeout, ms (a sync-wait submit adds its wait). Default 60 s. */
  requestTimeoutMs?: number;
  /** The underlying fetch (default globalThis.fetch). */
  fetch?: typeof fetch;
  /** This machine's clock (default Date.now); reconcile measures its skew against Replicate's. */
  now?: () => number;
}

/** Reconcile looks this far before the submit time (clock skew, slow requests). */
const RECONCILE_SLACK_MS = 60_000;
/** Stop paging the prediction list after this many pages (newest first). */
const RECONCILE_MAX_PAGES = 10;

/** "owner/name" → model; "owner/name:version" → version id (the client posts it to /predictions). */
export function parseModelRef(ref: string): { model: string; version?: string } {
  const colon = ref.indexOf(':');
  if (colon < 0) return { model: ref };
  return { model: ref.slice(0, colon), version: ref.slice(colon + 1) };
}

export function createReplicateProvider(opts: ReplicateProviderOptions): ProviderAdapter {
  const timeoutMs = opts.requestTimeoutMs ?? 60_000;
  const guarded = createGuardedFetch({ intercept: (s) => s === 429 || s >= 500, baseFetch: opts.fetch });

  const localNow = opts.now ?? Date.now;
  /** `onResponse` sees every response (reconcile reads Replicate's clock from its Date header). */
  const client = (onResponse?: (res: Response) => void): Replicate => {
    const token = opts.auth();
    if (!token || token.trim() === '') {
      throw new ProviderError({
        category: 'auth',
        message: 'No Replicate API token is set. Run “GenQueue: Set API Key” (or set REPLICATE_API_TOKEN), then retry.',
      });
    }
    let failure: unknown;
    const oneShot = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      if (failure !== undefined) throw failure;
      try {
        const res = await guarded(input, init);
        onResponse?.(res);
        return res;
      } catch (err) {
        failure = err;
        throw err;
      }
    };
    return new Replicate({
      auth: token,
      baseUrl: opts.baseUrl,
      fetch: oneShot as typeof fetch,
      useFileOutput: false,
    });
  };

  const getPrediction = async (ref: ProviderJobRef, signal: AbortSignal, op: 'status' | 'result'): Promise<unknown> => {
    const c = client();
    try {
      return await c.predictions.get(ref.requestId, { signal: withTimeout(signal, timeoutMs) });
    } catch (err) {
      throw replicateError(err, op, ref.model);
    }
  };

  return {
    id: 'replicate',
    capabilities: { statusStream: false, syncWait: true, remoteCancel: true },

    async submit(
      req: SubmitRequest,
      signal: AbortSignal,
      submitOpts?: { waitSeconds?: number },
    ): Promise<SubmitResult> {
      const c = client();
      const { model, version } = parseModelRef(req.model);
      const wait = submitOpts?.waitSeconds ? Math.min(60, Math.max(1, Math.ceil(submitOpts.waitSeconds))) : undefined;
      const s = withTimeout(signal, timeoutMs + (wait ?? 0) * 1000);
      let p: unknown;
      try {
        p = await c.predictions.create({
          ...(version ? { version } : { model }),
          input: req.input,
          ...(wait ? { wait } : {}),
          signal: s,
        });
      } catch (err) {
        throw replicateError(err, 'submit', req.model);
      }
      const requestId = isRecord(p) ? str(p.id) : undefined;
      if (!requestId) {
        throw new ProviderError({
          category: 'transient',
          message: 'Replicate answered the submit without a prediction id; the prediction may have been created.',
          detail: clip(JSON.stringify(p) ?? String(p)),
          outcomeUnknown: true,
        });
      }
      // A sync wait that ran out comes back "starting": simply queued.
      return { requestId, status: mapPrediction(p) };
    },

    async status(ref: ProviderJobRef, signal: AbortSignal): Promise<ProviderStatus> {
      return mapPrediction(await getPrediction(ref, signal, 'status'));
    },

    async result(ref: ProviderJobRef, signal: AbortSignal): Promise<ProviderResult> {
      const p = await getPrediction(ref, signal, 'result');
      const status = mapPrediction(p);
      const pred = p as Record<string, unknown>;
      if (status.phase === 'failed' && status.error) {
        throw new ProviderError({ ...status.error, retryable: false });
      }
      if (status.phase !== 'completed') {
        throw new ProviderError({
          category: 'transient',
          message:
            status.phase === 'canceled'
              ? 'The prediction was canceled at Replicate, so it has no result.'
              : 'Replicate has not finished this prediction yet.',
          detail: `status: ${String(pred.status)}`,
          retryable: status.phase !== 'canceled',
        });
      }
      if (pred.data_removed === true) {
        throw new ProviderError({
          category: 'transient',
          message:
            "Replicate has deleted this prediction's outputs (it keeps API outputs for one hour). Run the job again.",
          detail: 'data_removed: true',
          retryable: false,
        });
      }
      const takes = collectUrlTakes(pred.output);
      if (takes.length === 0) {
        throw new ProviderError({
          category: 'transient',
          message:
            'Replicate finished the prediction but returned no file GenQueue recognises. See the detail for its output.',
          detail: clip(JSON.stringify(pred.output) ?? String(pred.output)),
          retryable: false,
        });
      }
      const out: ProviderResult = { takes };
      const metrics = predictionMetrics(pred);
      if (metrics) out.metrics = metrics;
      const version = str(pred.version);
      if (version && version !== 'hidden') out.version = version;
      const seed = isRecord(pred.input) ? pred.input.seed : undefined;
      if (typeof seed === 'number') out.seed = seed;
      return out;
    },

    async cancel(ref: ProviderJobRef, signal: AbortSignal): Promise<void> {
      const c = client();
      try {
        // Cancelling a finished prediction returns it unchanged: not an error (the engine fetches the result).
        await c.predictions.cancel(ref.requestId, { signal: withTimeout(signal, timeoutMs) });
      } catch (err) {
        throw replicateError(err, 'cancel', ref.model);
      }
    },

    upload: (file, signal) => uploadToReplicate(client(), file, withTimeout(signal, timeoutMs)),

    async reconcile(
      req: SubmitRequest,
      submittedAt: number,
      signal: AbortSignal,
      opts?: ReconcileOptions,
    ): Promise<ReconcileOutcome> {
      // created_at is on Replicate's clock and submittedAt on ours: compare on theirs, using the
      // skew read from the list response's Date header, so a machine whose clock is off cannot
      // skip over our prediction (a duplicate paid submit) or adopt an older twin.
      let skewMs: number | undefined;
      const c = client((res) => {
        const date = Date.parse(res.headers.get('date') ?? '');
        if (skewMs === undefined && Number.isFinite(date)) skewMs = date - localNow();
      });
      const { model, version } = parseModelRef(req.model);
      const s = withTimeout(signal, timeoutMs);
      let best: { id: string; distance: number } | undefined;
      let complete = false;
      try {
        let pages = 0;
        for await (const page of c.paginate(() => c.predictions.list({ signal: s }), { signal: s })) {
          // Without a Date header (never seen), fall back to our own clock.
          const providerSubmittedAt = submittedAt + (skewMs ?? 0);
          const cutoff = providerSubmittedAt - RECONCILE_SLACK_MS;
          let reachedOlder = false;
          for (const p of page as unknown[]) {
            if (!isRecord(p)) continue;
            const created = Date.parse(str(p.created_at) ?? '');
            if (!Number.isFinite(created) || created < cutoff) {
              reachedOlder = true;
              continue;
            }
            const sameModel = version ? p.version === version : p.model === model;
            if (!sameModel || !jsonEqual(p.input, req.input)) continue;
            const id = str(p.id);
            // Owned by another job (a twin with the same input): never adopt it twice.
            if (id && opts?.exclude?.has(id)) continue;
            const distance = Math.abs(created - providerSubmittedAt);
            if (id && (!best || distance < best.distance)) best = { id, distance };
          }
          pages += 1;
          // Newest first: once a page reaches past the cutoff, older pages cannot match.
          if (reachedOlder) {
            complete = true;
            break;
          }
          if (pages >= RECONCILE_MAX_PAGES) break;
        }
        // The generator also ends when there is no next page: the whole list was seen.
        if (pages < RECONCILE_MAX_PAGES) complete = true;
      } catch (err) {
        throw replicateError(err, 'list', req.model);
      }
      if (best) return { kind: 'found', requestId: best.id };
      if (!complete) {
        // Too many recent predictions to be sure: never claim "absent" (that would allow a duplicate).
        throw new ProviderError({
          category: 'transient',
          message: 'GenQueue could not finish checking Replicate for this prediction. It will check again.',
          detail: `Looked at ${RECONCILE_MAX_PAGES} pages of predictions without reaching the submit time.`,
        });
      }
      return { kind: 'absent' };
    },
  };
}
