// What the engine knows about a job beyond its persisted fields. Lost on restart by design:
// start() rebuilds it from the persisted state, conservatively.

import type { TakeBytes } from './takeSpool';

export type StepKind = 'submit' | 'reconcile' | 'poll' | 'cancel' | 'fetch';

export interface JobRuntime {
  controller?: AbortController;
  step?: StepKind;
  dueAt: number;
  windowStart: number;
  pollsSinceResume: number;
  /** Waiting for the user (unknown that cannot be reconciled). */
  parked: boolean;
  /** Reconcile said absent, or the user chose to submit again. */
  resubmit: boolean;
  cancelSent: boolean;
  needResult: boolean;
  refetchedResult: boolean;
  /** The submit happened in this session, so its duration is a fair sample. */
  observedSubmit: boolean;
  quickWaits: number;
  data: Map<number, TakeBytes>;
  /** The last shouldDrive answer for this job (true for a job created here): this window drives it. */
  driving: boolean;
  /**
   * Known only from a persisted copy (loaded at start, or adopted from another window): prepare
   * it like after a restart once this engine drives it (never for a job another window drives).
   */
  resume: boolean;
}

export function newRuntime(now: number): JobRuntime {
  return {
    dueAt: now,
    windowStart: now,
    pollsSinceResume: 0,
    parked: false,
    resubmit: false,
    cancelSent: false,
    needResult: false,
    refetchedResult: false,
    observedSubmit: false,
    quickWaits: 0,
    data: new Map(),
    driving: false,
    resume: false,
  };
}

export const DEFAULT_POLL_WINDOW_MS = 30 * 60_000;
/** States that hold one of the provider's concurrency slots. */
export const SLOT_STATES: ReadonlySet<string> = new Set(['submitting', 'queued', 'running', 'cancelling', 'unknown']);
/** States in which the provider holds the job and we watch its status. */
export const PROVIDER_STATES: ReadonlySet<string> = new Set(['queued', 'running', 'cancelling']);
