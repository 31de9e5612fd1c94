// The offline provider: no account, no network. It walks a job through queued → running (with
// "step i/n" logs and progress) → completed on the injected clock, then makes real files from the
// prompt (PNG, WAV, MP4) when the result is asked for. Phases are computed from the clock on each
// call, so nothing runs in the background and a FakeClock drives it exactly.
//
// Restarts: request ids are short; the engine sends the job's model, modality and input with every
// call, so a provider created after an extension-host restart rebuilds a job it never saw (as
// finished) and regenerates the same files. Long ids persisted by earlier versions still decode
// (localRequestId.ts). Only a job that can be rebuilt from neither reports a plain 'input'
// failure asking to Retry.
import { randomBytes } from 'node:crypto';
import { type Clock, systemClock } from '../../core/clock';
import { estimateCost } from '../../core/cost';
import { ProviderError } from '../../core/errors';
import type { CostFigure, Modality } from '../../core/jobTypes';
import type {
  ProviderAdapter,
  ProviderCapabilities,
  ProviderJobRef,
  ProviderResult,
  ProviderStatus,
  ReconcileOutcome,
  SubmitRequest,
  SubmitResult,
} from '../../core/providerPort';
import { LOCAL_REFERENCE_MODALITIES } from './localInput';
import { planLocalJob } from './localRender';
import { decodeLocalRequestId, type LocalJobSpec, localRequestModality, newLocalRequestId } from './localRequestId';
import { localUpload } from './localUpload';

export interface LocalProviderOptions {
  clock?: Clock;
  /** Time scale: 1 = a realistic few seconds per job; tests use large values. */
  speed?: number;
}

interface Timeline {
  queueMs: number;
  runMs: number;
  steps: number;
}

/** Realistic-feeling phase lengths at speed 1 (the real work takes well under a second). */
const TIMELINES: Record<Modality, Timeline> = {
  image: { queueMs: 400, runMs: 2000, steps: 4 },
  speech: { queueMs: 300, runMs: 1500, steps: 3 },
  audio: { queueMs: 400, runMs: 2500, steps: 5 },
  video: { queueMs: 600, runMs: 4000, steps: 8 },
};

interface LocalJob {
  requestId: string;
  jobId?: string;
  spec: LocalJobSpec;
  canceledAt?: number;
  /** waitForChange callers to wake on cancel. */
  waiters: Set<() => void>;
}

const MAX_JOBS = 500;
const MAX_CACHED_RESULTS = 8;

export const LOST_JOB_MESSAGE = 'The offline provider lost this job when VS Code restarted; Retry to make it again.';

export function createLocalProvider(opts: LocalProviderOptions = {}): ProviderAdapter {
  const clock = opts.clock ?? systemClock;
  const speed = opts.speed !== undefined && opts.speed > 0 && Number.isFinite(opts.speed) ? opts.speed : 1;
  const jobs = new Map<string, LocalJob>();
  const results = new Map<string, Promise<ProviderResult>>();

  const timeline = (modality: Modality): Timeline => {
    const t = TIMELINES[modality];
    return { queueMs: t.queueMs / speed, runMs: t.runMs / speed, steps: t.steps };
  };

  function remember(job: LocalJob): void {
    jobs.set(job.requestId, job);
    // Bounded: forget the oldest jobs (rebuilt from the engine's ref if asked again).
    while (jobs.size > MAX_JOBS) {
      const oldest = jobs.keys().next().value;
      if (oldest === undefined) break;
      jobs.delete(oldest);
    }
  }

  /** The job for a request id: known, or rebuilt after a restart from the ref (or an earlier long id). */
  function lookup(ref: ProviderJobRef): LocalJob | undefined {
    const requestId = ref.requestId;
    const known = jobs.get(requestId);
    if (known) return known;
    const spec = decodeLocalRequestId(requestId) ?? specFromRef(ref);
    if (!spec) return undefined;
    const job: LocalJob = { requestId, spec, waiters: new Set() };
    remember(job);
    return job;
  }

  function statusOf(job: LocalJob, now: number): ProviderStatus {
    const t = timeline(job.spec.modality);
    const elapsed = Math.max(0, now - job.spec.submittedAt);
    const source = LOCAL_REFERENCE_MODALITIES[job.spec.model] ? 'the references' : 'the prompt';
    const first = `offline ${job.spec.modality} from ${source} (no network, free)`;
    if (job.canceledAt !== undefined) return { phase: 'canceled', logs: [first, 'canceled'] };
    if (elapsed < t.queueMs) return { phase: 'queued', queuePosition: 1, logs: [first] };
    const stepMs = t.runMs / t.steps;
    if (elapsed < t.queueMs + t.runMs) {
      const done = Math.min(t.steps - 1, Math.floor((elapsed - t.queueMs) / stepMs));
      const logs = [first];
      for (let i = 1; i <= done + 1; i++) logs.push(`step ${i}/${t.steps}`);
      return { phase: 'running', logs, progress: done / t.steps };
    }
    const logs = [first];
    for (let i = 1; i <= t.steps; i++) logs.push(`step ${i}/${t.steps}`);
    logs.push('done');
    return {
      phase: 'completed',
      logs,
      progress: 1,
      metrics: { predictTimeSec: t.runMs / 1000, totalTimeSec: (t.queueMs + t.runMs) / 1000 },
    };
  }

  /** Clock time of the next phase or step change, or undefined once terminal. */
  function nextChangeAt(job: LocalJob, now: number): number | undefined {
    if (job.canceledAt !== undefined) return undefined;
    const t = timeline(job.spec.modality);
    const start = job.spec.submittedAt;
    const elapsed = now - start;
    if (elapsed < t.queueMs) return start + t.queueMs;
    if (elapsed >= t.queueMs + t.runMs) return undefined;
    const stepMs = t.runMs / t.steps;
    return start + t.queueMs + (Math.floor((elapsed - t.queueMs) / stepMs) + 1) * stepMs;
  }

  function lostStatus(): ProviderStatus {
    return {
      phase: 'failed',
      error: { category: 'input', message: LOST_JOB_MESSAGE, retryable: false },
    };
  }

  const capabilities: ProviderCapabilities = { statusStream: true, syncWait: false, remoteCancel: true };

  const adapter: ProviderAdapter = {
    id: 'local',
    capabilities,

    async submit(req: SubmitRequest, signal: AbortSignal): Promise<SubmitResult> {
      signal.throwIfAborted();
      // Check the input now so bad input fails at submit, before any "running" theatre.
      planLocalJob(req.model, req.modality, req.input);
      const spec: LocalJobSpec = {
        model: req.model,
        modality: req.modality,
        input: structuredClone(req.input),
        submittedAt: clock.now(),
      };
      const requestId = newLocalRequestId(req.modality, randomBytes(9).toString('base64url'));
      const job: LocalJob = { requestId, jobId: req.jobId, spec, waiters: new Set() };
      remember(job);
      return { requestId, status: statusOf(job, clock.now()) };
    },

    async status(ref: ProviderJobRef, signal: AbortSignal): Promise<ProviderStatus> {
      signal.throwIfAborted();
      const job = lookup(ref);
      return job ? statusOf(job, clock.now()) : lostStatus();
    },

    waitForChange(ref: ProviderJobRef, signal: AbortSignal, maxWaitMs: number): Promise<ProviderStatus> {
      signal.throwIfAborted();
      const job = lookup(ref);
      if (!job) return Promise.resolve(lostStatus());
      const now = clock.now();
      const changeAt = nextChangeAt(job, now);
      if (changeAt === undefined) return Promise.resolve(statusOf(job, now));
      const waitMs = Math.max(1, Math.min(Math.max(0, maxWaitMs), changeAt - now));
      return new Promise<ProviderStatus>((resolve, reject) => {
        const finish = () => {
          clock.clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          job.waiters.delete(finish);
          resolve(statusOf(job, clock.now()));
        };
        const onAbort = () => {
          clock.clearTimeout(timer);
          job.waiters.delete(finish);
          reject(signal.reason);
        };
        const timer = clock.setTimeout(finish, waitMs);
        signal.addEventListener('abort', onAbort, { once: true });
        job.waiters.add(finish);
      });
    },

    async result(ref: ProviderJobRef, signal: AbortSignal): Promise<ProviderResult> {
      signal.throwIfAborted();
      const job = lookup(ref);
      if (!job) throw new ProviderError({ category: 'input', message: LOST_JOB_MESSAGE });
      const status = statusOf(job, clock.now());
      if (status.phase === 'canceled') {
        throw new ProviderError({ category: 'input', message: 'This offline job was canceled; it has no result.' });
      }
      if (status.phase !== 'completed') {
        throw new ProviderError({
          category: 'transient',
          message: 'The offline job is not finished yet; its result is not ready.',
        });
      }
      let pending = results.get(job.requestId);
      if (!pending) {
        pending = makeResult(job, status);
        results.set(job.requestId, pending);
        // A failed render is not cached; keep only the last few results in memory.
        pending.catch(() => results.delete(job.requestId));
        while (results.size > MAX_CACHED_RESULTS) {
          const oldest = results.keys().next().value;
          if (oldest === undefined) break;
          results.delete(oldest);
        }
      }
      const r = await pending;
      // Callers own what they get: copy so one caller's edits cannot change another's takes.
      return { ...r, takes: r.takes.map((t) => ({ ...t, data: t.data ? new Uint8Array(t.data) : undefined })) };
    },

    async cancel(ref: ProviderJobRef, signal: AbortSignal): Promise<void> {
      signal.throwIfAborted();
      const job = lookup(ref);
      if (!job) return;
      const phase = statusOf(job, clock.now()).phase;
      if (phase === 'queued' || phase === 'running') {
        job.canceledAt = clock.now();
        for (const wake of [...job.waiters]) wake();
      }
    },

    async reconcile(req: SubmitRequest, _submittedAt: number, signal: AbortSignal): Promise<ReconcileOutcome> {
      signal.throwIfAborted();
      for (const job of jobs.values()) {
        if (job.jobId === req.jobId) return { kind: 'found', requestId: job.requestId };
      }
      // Submit is in-process: a job this provider never registered was never started.
      return { kind: 'absent' };
    },

    estimate(model: string, input: Record<string, unknown>): CostFigure {
      return estimateCost('local', model, input);
    },

    upload: localUpload,
  };
  return adapter;
}

/**
 * A job rebuilt from what the engine sends: its start time is unknown, and an offline job takes
 * seconds, so it finished long ago. The id must be ours and agree with the ref on the modality.
 */
function specFromRef(ref: ProviderJobRef): LocalJobSpec | undefined {
  const modality = localRequestModality(ref.requestId);
  const input = ref.input;
  if (!modality || (ref.modality !== undefined && ref.modality !== modality)) return undefined;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  try {
    return { model: ref.model, modality, input: structuredClone(input), submittedAt: Number.NEGATIVE_INFINITY };
  } catch {
    return undefined; // not cloneable: cannot be rebuilt
  }
}

async function makeResult(job: LocalJob, status: ProviderStatus): Promise<ProviderResult> {
  const plan = planLocalJob(job.spec.model, job.spec.modality, job.spec.input);
  const rendered = await plan.render();
  const result: ProviderResult = { takes: rendered.takes, version: rendered.version };
  if (status.metrics) result.metrics = status.metrics;
  const seed = job.spec.input.seed;
  if (typeof seed === 'number') result.seed = seed;
  return result;
}
