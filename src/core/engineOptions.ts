// Options of the JobEngine beyond the shared EngineOptions contract: injectable pieces for tests,
// benchmarks and hosts that want deterministic behaviour.
import type { BackoffPolicy } from './backoff';
import type { DurationHistory } from './durationEstimates';
import type { EngineOptions } from './engineApi';
import type { CostFigure, ProviderId } from './jobTypes';
import type { ProviderResult } from './providerPort';
import type { ReferenceOptions } from './references/referencePorts';

export interface Costing {
  /** `audioSec`: the length of the job's audio reference, when known (talking heads are priced by it). */
  estimate(
    provider: ProviderId,
    model: string,
    input: Record<string, unknown>,
    audioSec?: number,
  ): CostFigure | undefined;
  actual(
    provider: ProviderId,
    model: string,
    input: Record<string, unknown>,
    result: ProviderResult,
    audioSec?: number,
  ): CostFigure | undefined;
}

export interface JobEngineOptions extends EngineOptions {
  /** Run-time history; by default restored from the persisted registry. */
  durations?: DurationHistory;
  /** Cost figures; by default cost.ts (estimateCost / actualCost). */
  costing?: Costing;
  /** Randomness for backoff jitter and ids (seed it for deterministic tests and benchmarks). */
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Longest single status-stream wait, ms. */
  maxStreamWaitMs?: number;
  /**
   * Delay before asking the provider about a create whose outcome is unknown, ms (default 2 s:
   * time for a prediction that did arrive to show in the provider's list).
   */
  reconcileDelayMs?: number;
  /**
   * Shortest gap between two status requests for one job, ms (default 1 s): the first rung of the
   * polling ladder (longer rungs scale with it) and the pause after a status stream that keeps
   * returning without news. Tests against a time-scaled emulator set it small.
   */
  minPollGapMs?: number;
  /**
   * Reading reference files and keeping their uploads (the host's ports). Without it, a job with
   * references fails before anything is sent, saying so.
   */
  references?: ReferenceOptions;
}
