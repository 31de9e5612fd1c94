// Storage is a port: in-memory for tests, globalState + files in the extension.
import type { Job } from './jobTypes';

export interface PersistedRegistry {
  /** Schema version of the persisted form. */
  v: number;
  jobs: Job[];
  /** Per-model run durations (ms) for estimates; bounded. */
  durations?: Record<string, number[]>;
}

export interface JobStore {
  load(): Promise<PersistedRegistry | undefined>;
  /** Persist the whole registry. Called coalesced, and at once before any provider wait. */
  save(registry: PersistedRegistry): Promise<void>;
}

/** Finished jobs that leave the compact registry go here (history files in the extension). */
export interface HistorySink {
  append(jobs: readonly Job[]): Promise<void>;
}
