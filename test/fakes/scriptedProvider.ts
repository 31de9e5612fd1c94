// A fake ProviderAdapter driven by a script, on an injectable clock: each submitted job queues,
// runs and finishes at scripted times; errors can be injected per operation; every request is
// counted, and concurrent requests per job are tracked (the engine promises at most one).
import type { Clock } from '../../src/core/clock';
import { ProviderError } from '../../src/core/errors';
import type { JobError, ProviderId } from '../../src/core/jobTypes';
import type {
  ProviderAdapter,
  ProviderCapabilities,
  ProviderJobRef,
  ProviderResult,
  ProviderStatus,
  ProviderTake,
  ReconcileOptions,
  ReconcileOutcome,
  SubmitRequest,
  SubmitResult,
} from '../../src/core/providerPort';

export interface ScriptedPlan {
  queueMs?: number;
  /** Queue positions shown while queued, spread evenly over queueMs (default [1]). */
  queuePositions?: number[];
  runMs: number;
  outcome?: 'completed' | 'failed';
  error?: JobError;
  /** A failure because an input file could not be fetched (an expired upload). */
  inputFileUnreachable?: boolean;
  takes?: ProviderTake[];
  logs?: string[];
  /**
   * How the job reads once a cancel took effect. Neither fal nor Replicate documents it; seen or
   * plausible: 'canceled' (default), 'failed', or 'completed' with no outputs to fetch.
   */
  canceledReadsAs?: 'canceled' | 'failed' | 'completed';
  /** Reported with the result (provenance). */
  seed?: number;
  version?: string;
}

export type Operation = 'submit' | 'status' | 'wait' | 'result' | 'cancel' | 'reconcile';

/** An injected failure: thrown instead of answering. `createAnyway` makes a failing submit still create the job. */
export interface InjectedFailure {
  error: Error;
  createAnyway?: boolean;
}

export interface RemoteJob {
  requestId: string;
  req: SubmitRequest;
  submittedAt: number;
  plan: ScriptedPlan;
  canceledAt?: number;
}

export interface ScriptedProviderOptions {
  id?: ProviderId;
  clock: Clock;
  capabilities?: Partial<ProviderCapabilities>;
  /** The plan for the n-th submitted job (n from 0). */
  plan?: (req: SubmitRequest, n: number) => ScriptedPlan;
  /** Expose waitForChange (a status stream). */
  stream?: boolean;
  /**
   * 'supported' is Replicate's adapter: it lists recent predictions and can match only by model +
   * input + created time (our job id is never sent, so twins with the same input look alike).
   * 'unsupported' is fal's: there is no list API at all.
   */
  reconcile?: 'supported' | 'unsupported';
  /**
   * How many of the newest remote jobs one reconcile scan can see (Replicate's adapter reads at
   * most 10 pages). When the scan ends before reaching the submit time it cannot say "absent":
   * like the adapter, it throws a transient error. Default: unlimited.
   */
  listLimit?: number;
  /** Simulated time each request takes. */
  latencyMs?: number;
  /** Asked on every call when no failure is queued: return one to inject it (chaos tests). */
  chaos?: (op: Operation, jobId: string) => InjectedFailure | undefined;
}

/** replicateProvider's slack: predictions created up to a minute before the submit still match. */
const RECONCILE_SLACK_MS = 60_000;

function abortError(): Error {
  const e = new Error('aborted');
  e.name = 'AbortError';
  return e;
}

export class ScriptedProvider implements ProviderAdapter {
  readonly id: ProviderId;
  readonly capabilities: ProviderCapabilities;
  readonly remote = new Map<string, RemoteJob>();
  readonly counts: Record<Operation, number> = { submit: 0, status: 0, wait: 0, result: 0, cancel: 0, reconcile: 0 };
  /** Requests per our job id. */
  readonly perJob = new Map<string, number>();
  /** Highest number of concurrent requests seen for one job. */
  maxInFlightPerJob = 0;
  /** Highest number of remote jobs queued or running at once. */
  maxActiveRemote = 0;
  /** Timestamps of every request, by operation (rate checks). */
  readonly requestTimes: { op: Operation; at: number; jobId: string }[] = [];
  /** Every ref the engine passed (status, wait, result, cancel), in order. */
  readonly refs: ProviderJobRef[] = [];
  /** Reconcile scans that ended before reaching the submit time (answered with an error). */
  incompleteScans = 0;
  /** The exclude sets passed to reconcile, in order. */
  readonly reconcileExcludes: ReadonlySet<string>[] = [];
  /** Called when a request starts (tests observe ordering). */
  onRequest?: (op: Operation, jobId: string) => void;
  readonly failures: Record<Operation, InjectedFailure[]> = {
    submit: [],
    status: [],
    wait: [],
    result: [],
    cancel: [],
    reconcile: [],
  };
  waitForChange?: ProviderAdapter['waitForChange'];
  /** Set by tests of references (see fakeFileHost.ts). */
  upload?: ProviderAdapter['upload'];
  private readonly inFlight = new Map<string, number>();
  /** Pending stream waits, woken when a cancel changes a job's phase. */
  private readonly wakers = new Set<() => void>();
  private submitted = 0;

  constructor(private readonly opts: ScriptedProviderOptions) {
    this.id = opts.id ?? 'replicate';
    this.capabilities = {
      statusStream: opts.stream ?? false,
      syncWait: false,
      remoteCancel: true,
      ...opts.capabilities,
    };
    if (opts.stream) {
      this.waitForChange = (ref, signal, maxWaitMs, onUpdate) => this.waitImpl(ref, signal, maxWaitMs, onUpdate);
    }
  }

  /** Queue a failure for the next call of `op`. */
  fail(op: Operation, error: Error, createAnyway = false): this {
    this.failures[op].push({ error, createAnyway });
    return this;
  }

  /** Epoch ms at which a remote job finished (completed or failed), if it did. */
  finishedAt(requestId: string): number | undefined {
    const r = this.remote.get(requestId);
    if (!r) return undefined;
    const end = r.submittedAt + (r.plan.queueMs ?? 0) + r.plan.runMs;
    if (r.canceledAt !== undefined && r.canceledAt < end) return undefined;
    return end;
  }

  activeRemote(now = this.opts.clock.now()): number {
    let n = 0;
    for (const r of this.remote.values()) {
      const p = this.phaseOf(r, now).phase;
      if (p === 'queued' || p === 'running') n++;
    }
    return n;
  }

  phaseOf(r: RemoteJob, now = this.opts.clock.now()): ProviderStatus {
    const runStart = r.submittedAt + (r.plan.queueMs ?? 0);
    const end = runStart + r.plan.runMs;
    if (r.canceledAt !== undefined && r.canceledAt < end) {
      const as = r.plan.canceledReadsAs ?? 'canceled';
      if (as === 'failed')
        return { phase: 'failed', error: { category: 'transient', message: 'interrupted', retryable: false } };
      return { phase: as };
    }
    if (now < runStart) return { phase: 'queued', queuePosition: this.queuePositionAt(r, now) };
    if (now < end) {
      const s: ProviderStatus = { phase: 'running', progress: (now - runStart) / Math.max(1, r.plan.runMs) };
      if (r.plan.logs) s.logs = r.plan.logs;
      return s;
    }
    if (r.plan.outcome === 'failed') {
      const error = r.plan.error ?? { category: 'input', message: 'bad input', retryable: false };
      return r.plan.inputFileUnreachable
        ? { phase: 'failed', error, inputFileUnreachable: true }
        : { phase: 'failed', error };
    }
    return { phase: 'completed', metrics: { predictTimeSec: r.plan.runMs / 1000 } };
  }

  async submit(req: SubmitRequest, signal: AbortSignal, opts?: { waitSeconds?: number }): Promise<SubmitResult> {
    return this.request('submit', req.jobId, signal, async () => {
      const injected = this.failures.submit.shift() ?? this.opts.chaos?.('submit', req.jobId);
      if (injected && !injected.createAnyway) throw injected.error;
      const remote = this.create(req);
      if (injected) throw injected.error;
      if (opts?.waitSeconds) await this.sleepUntilChange(remote, signal, opts.waitSeconds * 1000, true);
      return { requestId: remote.requestId, status: this.phaseOf(remote) };
    });
  }

  async status(ref: ProviderJobRef, signal: AbortSignal): Promise<ProviderStatus> {
    const r = this.find(ref);
    return this.request('status', r.req.jobId, signal, async () => {
      this.throwInjected('status', r.req.jobId);
      return this.phaseOf(r);
    });
  }

  /** Like fal's status stream: one request; with onUpdate it stays open until terminal or maxWaitMs. */
  private async waitImpl(
    ref: ProviderJobRef,
    signal: AbortSignal,
    maxWaitMs: number,
    onUpdate?: (status: ProviderStatus) => void,
  ): Promise<ProviderStatus> {
    const r = this.find(ref);
    return this.request('wait', r.req.jobId, signal, async () => {
      this.throwInjected('wait', r.req.jobId);
      const clock = this.opts.clock;
      const start = clock.now();
      for (;;) {
        await this.sleepUntilChange(r, signal, start + maxWaitMs - clock.now(), false);
        const s = this.phaseOf(r);
        const open = s.phase === 'queued' || s.phase === 'running';
        if (!onUpdate || !open || clock.now() - start >= maxWaitMs) return s;
        onUpdate(s);
      }
    });
  }

  private queuePositionAt(r: RemoteJob, now: number): number {
    const positions = r.plan.queuePositions ?? [1];
    const span = r.plan.queueMs ?? 0;
    const i = span <= 0 ? 0 : Math.floor(((now - r.submittedAt) / span) * positions.length);
    return positions[Math.min(positions.length - 1, Math.max(0, i))] ?? 0;
  }

  /** When the queue position next changes (undefined: not queued, or no more changes). */
  private nextPositionChangeAt(r: RemoteJob, now: number): number | undefined {
    const n = r.plan.queuePositions?.length ?? 1;
    const span = r.plan.queueMs ?? 0;
    if (n <= 1 || span <= 0) return undefined;
    for (let i = 1; i < n; i++) {
      const at = r.submittedAt + Math.ceil((i * span) / n);
      if (at > now) return at;
    }
    return undefined;
  }

  async result(ref: ProviderJobRef, signal: AbortSignal): Promise<ProviderResult> {
    const r = this.find(ref);
    return this.request('result', r.req.jobId, signal, async () => {
      this.throwInjected('result', r.req.jobId);
      if (this.phaseOf(r).phase !== 'completed') {
        throw new ProviderError({ category: 'input', message: 'Result asked before completion' });
      }
      const canceled = r.canceledAt !== undefined;
      const takes = canceled
        ? []
        : (r.plan.takes ?? [{ url: `https://cdn.test/${r.requestId}/0.png`, contentType: 'image/png' }]);
      const out: ProviderResult = { takes, metrics: { predictTimeSec: r.plan.runMs / 1000 } };
      if (r.plan.seed !== undefined) out.seed = r.plan.seed;
      if (r.plan.version !== undefined) out.version = r.plan.version;
      return out;
    });
  }

  async cancel(ref: ProviderJobRef, signal: AbortSignal): Promise<void> {
    const r = this.find(ref);
    return this.request('cancel', r.req.jobId, signal, async () => {
      this.throwInjected('cancel', r.req.jobId);
      const p = this.phaseOf(r).phase;
      if (p === 'queued' || p === 'running') r.canceledAt = this.opts.clock.now();
      for (const wake of [...this.wakers]) wake();
    });
  }

  async reconcile(
    req: SubmitRequest,
    submittedAt: number,
    signal: AbortSignal,
    opts?: ReconcileOptions,
  ): Promise<ReconcileOutcome> {
    this.reconcileExcludes.push(new Set(opts?.exclude ?? []));
    return this.request('reconcile', req.jobId, signal, async () => {
      this.throwInjected('reconcile', req.jobId);
      if (this.opts.reconcile === 'unsupported') return { kind: 'unsupported' };
      // As replicateProvider.reconcile: newest first, back to a minute before the submit.
      const cutoff = submittedAt - RECONCILE_SLACK_MS;
      const newestFirst = [...this.remote.values()].sort((a, b) => b.submittedAt - a.submittedAt);
      const seen = newestFirst.slice(0, this.opts.listLimit ?? newestFirst.length);
      const complete = seen.length === newestFirst.length || seen.some((r) => r.submittedAt < cutoff);
      let best: { id: string; distance: number } | undefined;
      for (const r of seen) {
        if (r.submittedAt < cutoff || opts?.exclude?.has(r.requestId)) continue;
        if (r.req.model !== req.model || JSON.stringify(r.req.input) !== JSON.stringify(req.input)) continue;
        const distance = Math.abs(r.submittedAt - submittedAt);
        if (!best || distance < best.distance) best = { id: r.requestId, distance };
      }
      if (best) return { kind: 'found', requestId: best.id };
      if (!complete) {
        this.incompleteScans++;
        throw new ProviderError({ category: 'transient', message: 'could not finish checking the list' });
      }
      return { kind: 'absent' };
    });
  }

  submitsFor(jobId: string): number {
    return [...this.remote.values()].filter((r) => r.req.jobId === jobId).length;
  }

  private create(req: SubmitRequest): RemoteJob {
    const n = this.submitted++;
    const plan = this.opts.plan?.(req, n) ?? { queueMs: 500, runMs: 5_000 };
    const remote: RemoteJob = { requestId: `r${n}-${req.jobId}`, req, submittedAt: this.opts.clock.now(), plan };
    this.remote.set(remote.requestId, remote);
    this.maxActiveRemote = Math.max(this.maxActiveRemote, this.activeRemote());
    return remote;
  }

  private find(ref: ProviderJobRef): RemoteJob {
    this.refs.push({ ...ref });
    const r = this.remote.get(ref.requestId);
    if (!r)
      throw new ProviderError({ category: 'input', message: `No such request ${ref.requestId}`, httpStatus: 404 });
    return r;
  }

  private throwInjected(op: Operation, jobId: string): void {
    const injected = this.failures[op].shift() ?? this.opts.chaos?.(op, jobId);
    if (injected) throw injected.error;
  }

  /** Resolve when the remote phase changes (or it is terminal, for a sync create), or after maxMs. */
  private sleepUntilChange(r: RemoteJob, signal: AbortSignal, maxMs: number, untilTerminal: boolean): Promise<void> {
    const clock = this.opts.clock;
    const start = clock.now();
    const keyOf = (s: ProviderStatus) => `${s.phase}@${s.queuePosition ?? ''}`;
    const startKey = keyOf(this.phaseOf(r));
    return new Promise<void>((resolve, reject) => {
      let handle: ReturnType<Clock['setTimeout']> | undefined;
      const stop = () => {
        if (handle !== undefined) clock.clearTimeout(handle);
        handle = undefined;
        this.wakers.delete(check);
      };
      const onAbort = () => {
        stop();
        reject(abortError());
      };
      const check = () => {
        stop();
        const now = clock.now();
        const s = this.phaseOf(r, now);
        const p = s.phase;
        const done = untilTerminal ? p !== 'queued' && p !== 'running' : keyOf(s) !== startKey;
        if (done || now - start >= maxMs) {
          signal.removeEventListener('abort', onAbort);
          resolve();
          return;
        }
        // Check again at the next scripted change or the deadline (a cancel wakes us too).
        const runStart = r.submittedAt + (r.plan.queueMs ?? 0);
        const moves = [runStart, runStart + r.plan.runMs, start + maxMs, this.nextPositionChangeAt(r, now)];
        const next = Math.min(...moves.filter((t): t is number => t !== undefined && t > now));
        handle = clock.setTimeout(check, next - now);
        this.wakers.add(check);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      check();
    });
  }

  private async request<T>(op: Operation, jobId: string, signal: AbortSignal, body: () => Promise<T>): Promise<T> {
    if (signal.aborted) throw abortError();
    this.counts[op]++;
    this.perJob.set(jobId, (this.perJob.get(jobId) ?? 0) + 1);
    this.requestTimes.push({ op, at: this.opts.clock.now(), jobId });
    this.onRequest?.(op, jobId);
    const n = (this.inFlight.get(jobId) ?? 0) + 1;
    this.inFlight.set(jobId, n);
    this.maxInFlightPerJob = Math.max(this.maxInFlightPerJob, n);
    try {
      if (this.opts.latencyMs) await this.sleep(this.opts.latencyMs / 2, signal);
      const out = await body();
      if (this.opts.latencyMs) await this.sleep(this.opts.latencyMs / 2, signal);
      return out;
    } finally {
      this.inFlight.set(jobId, (this.inFlight.get(jobId) ?? 1) - 1);
    }
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const h = this.opts.clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        this.opts.clock.clearTimeout(h);
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
