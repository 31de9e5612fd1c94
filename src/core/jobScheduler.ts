// The engine's scheduler: starts every step that is due and allowed (driven here, a free slot,
// within the provider's budget and throttle) and arms one timer for the next one.

import type { Clock, TimerHandle } from './clock';
import type { JobEngineOptions } from './engineOptions';
import type { JobRegistry } from './jobRegistry';
import { prepareResume } from './jobResume';
import { DEFAULT_POLL_WINDOW_MS, type JobRuntime, SLOT_STATES, type StepKind } from './jobRuntime';
import type { JobRuntimes } from './jobRuntimes';
import type { JobSteps } from './jobSteps';
import { isTerminal, type Job, type ProviderId } from './jobTypes';
import { ProviderGates } from './providerGates';
import type { ProviderAdapter } from './providerPort';
import type { RequestKind } from './rateBudget';

const UNDRIVEN_RECHECK_MS = 5_000;

/** Interactive jobs (palette, panel) first, then batch jobs; oldest first within each: first come, first served. */
export function schedulingOrder(newestFirst: readonly Job[]): Job[] {
  const oldestFirst = [...newestFirst].reverse();
  return [...oldestFirst.filter((j) => j.priority !== 'batch'), ...oldestFirst.filter((j) => j.priority === 'batch')];
}

export interface SchedulerDeps {
  registry: JobRegistry;
  /** The host's admit rule on batch jobs (false: held, not sent). */
  admits(job: Job): boolean;
  runtimes: JobRuntimes;
  steps: JobSteps;
  opts: JobEngineOptions;
  clock: Clock;
  random: () => number;
  isDisposed(): boolean;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export class JobScheduler {
  private readonly registry: JobRegistry;
  private readonly runtimes: JobRuntimes;
  private readonly opts: JobEngineOptions;
  private readonly clock: Clock;
  private readonly gates: ProviderGates;
  private wake: { handle: TimerHandle; at: number } | undefined;
  private pumpQueued = false;
  private startedFlag = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.registry = deps.registry;
    this.runtimes = deps.runtimes;
    this.opts = deps.opts;
    this.clock = deps.clock;
    this.gates = new ProviderGates(deps.opts, deps.clock, deps.random);
  }

  get started(): boolean {
    return this.startedFlag;
  }

  start(): void {
    this.startedFlag = true;
    this.schedule();
  }

  /** Clear the armed timer (dispose); the pump does nothing once the engine is disposed. */
  stop(): void {
    if (this.wake) this.clock.clearTimeout(this.wake.handle);
    this.wake = undefined;
  }

  /** Pump once, soon (coalesced): after a command, a finished step, or a lease change. */
  schedule(): void {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  /** The next step a job needs, or undefined when it needs nothing from this engine now. */
  private nextStep(job: Job, rt: JobRuntime): StepKind | undefined {
    switch (job.state) {
      case 'waiting':
        return job.held ? undefined : 'submit';
      case 'unknown':
        return rt.resubmit ? 'submit' : 'reconcile';
      case 'queued':
      case 'running':
        return 'poll';
      case 'cancelling':
        return rt.cancelSent ? 'poll' : 'cancel';
      case 'downloading':
      case 'importing':
        return 'fetch';
      default:
        return undefined;
    }
  }

  private requestKind(step: StepKind, job: Job, rt: JobRuntime): RequestKind | undefined {
    if (step === 'submit') return 'create';
    if (step === 'fetch') return rt.needResult || job.takes.length === 0 ? 'other' : undefined;
    return 'other';
  }

  /** Start every step that is due and allowed; arm one timer for the next one. */
  private pump(): void {
    if (!this.startedFlag || this.deps.isDisposed()) return;
    const now = this.clock.now();
    const shouldDrive = this.opts.shouldDrive ?? (() => true);
    const jobs = schedulingOrder(this.registry.list());
    const busy = new Map<ProviderId, number>();
    for (const j of jobs) {
      const rtj = this.runtimes.get(j.id);
      // A submit still uploading its references (state waiting) already holds its slot.
      const sending = rtj?.step === 'submit' && rtj.controller !== undefined;
      if ((SLOT_STATES.has(j.state) || sending) && !j.stale && !rtj?.parked) {
        busy.set(j.provider, (busy.get(j.provider) ?? 0) + 1);
      }
    }
    let nextAt = Number.POSITIVE_INFINITY;
    for (const listed of jobs) {
      // Re-read: an earlier job of this pass may have held this one (a blocking failure, admit).
      let job = this.registry.get(listed.id);
      if (!job) continue;
      if (isTerminal(job.state)) {
        this.runtimes.drop(job.id);
        continue;
      }
      if (job.stale) continue;
      let rt = this.runtimes.of(job.id);
      if (rt.controller || rt.parked) continue;
      rt.driving = shouldDrive(job);
      if (!rt.driving) {
        nextAt = Math.min(nextAt, now + UNDRIVEN_RECHECK_MS);
        continue;
      }
      if (rt.resume) {
        // First drive of a persisted copy (a restart, or another window closed): resume it.
        rt.resume = false;
        prepareResume(this.registry, job, rt, now);
        const fresh = this.registry.get(job.id);
        if (!fresh) continue;
        job = fresh;
        rt = this.runtimes.of(job.id);
      }
      if (rt.dueAt > now) {
        nextAt = Math.min(nextAt, rt.dueAt);
        continue;
      }
      const step = this.nextStep(job, rt);
      if (!step) continue;
      if (step === 'poll' && this.pastWindow(job, rt, now)) {
        this.markStale(job);
        continue;
      }
      const adapter = this.opts.providers[job.provider];
      if (!adapter) {
        this.failNoAdapter(job);
        continue;
      }
      const provider = job.provider;
      // A job already holding a slot (unknown → submit again) does not need another.
      const takesSlot = step === 'submit' && !SLOT_STATES.has(job.state);
      if (takesSlot) {
        const inUse = busy.get(provider) ?? 0;
        if (inUse >= this.gates.limitsOf(provider).concurrency) continue; // woken when a slot frees
        busy.set(provider, inUse + 1);
      }
      const releaseSlot = () => {
        if (takesSlot) busy.set(provider, (busy.get(provider) ?? 1) - 1);
      };
      const kind = this.requestKind(step, job, rt);
      if (kind) {
        const budget = this.gates.budget(provider);
        const wait = Math.max(budget.waitMs(kind, now), this.gates.throttle(provider).waitMs(now));
        if (wait > 0) {
          nextAt = Math.min(nextAt, now + wait);
          releaseSlot();
          continue;
        }
        if (step === 'submit' && !this.deps.admits(job)) {
          releaseSlot();
          continue;
        }
        budget.take(kind, now);
      }
      this.run(job, step, this.gates.watch(job.provider, adapter));
    }
    this.armWake(nextAt);
  }

  private armWake(at: number): void {
    if (this.wake && this.wake.at === at) return;
    if (this.wake) this.clock.clearTimeout(this.wake.handle);
    this.wake = undefined;
    if (!Number.isFinite(at)) return;
    const handle = this.clock.setTimeout(
      () => {
        this.wake = undefined;
        this.pump();
      },
      Math.max(0, at - this.clock.now()),
    );
    this.wake = { handle, at };
  }

  private pastWindow(job: Job, rt: JobRuntime, now: number): boolean {
    // At least one check after every (re)start or "Check again" before giving up on a job.
    if (rt.pollsSinceResume < 1) return false;
    return now - rt.windowStart > (job.pollWindowMs ?? this.opts.pollWindowMs ?? DEFAULT_POLL_WINDOW_MS);
  }

  private markStale(job: Job): void {
    this.deps.log('warn', `job ${job.id}: polling window passed; still ${job.state} at the provider, stopped checking`);
    // Not an error: the job may well finish; only the UI's wording and "Check again" apply.
    this.registry.update(job.id, { stale: true, staleReason: 'window', error: undefined });
  }

  private failNoAdapter(job: Job): void {
    const error = {
      category: 'auth' as const,
      message: `The provider "${job.provider}" is not set up in this window. Add its key.`,
      retryable: false,
    };
    // Never sent: fail with the reason. Possibly at the provider: keep it, stop, wait for "Check again".
    if (job.state === 'waiting') this.registry.transition(job.id, 'failed', { error });
    else
      this.registry.update(job.id, {
        stale: true,
        staleReason: 'error',
        error: { ...error, message: `${error.message} Then choose "Check again".` },
      });
  }

  private run(job: Job, step: StepKind, adapter: ProviderAdapter): void {
    const rt = this.runtimes.of(job.id);
    const controller = new AbortController();
    rt.controller = controller;
    rt.step = step;
    const signal = controller.signal;
    const task = this.deps.steps.run(step, job.id, adapter, rt, signal);
    void task.finally(() => {
      if (rt.controller === controller) {
        rt.controller = undefined;
        rt.step = undefined;
      }
      this.schedule();
    });
  }
}
