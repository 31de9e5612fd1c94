// An in-memory JobStore for tests and benchmarks.
// Keeps a JSON copy of what was saved, exactly as a real store would see it.
import type { Job } from '../../src/core/jobTypes';
import type { HistorySink, JobStore, PersistedRegistry } from '../../src/core/storePort';

export class MemoryJobStore implements JobStore {
  private data: string | undefined;
  /** How many saves happened. */
  saveCount = 0;
  /** Called after every save with the saved registry (tests watch the order of writes). */
  onSave?: (registry: PersistedRegistry) => void;
  /** Make the next saves throw (tests of storage failures). */
  failSaves = false;

  constructor(initial?: PersistedRegistry) {
    if (initial) this.data = JSON.stringify(initial);
  }

  async load(): Promise<PersistedRegistry | undefined> {
    return this.data === undefined ? undefined : (JSON.parse(this.data) as PersistedRegistry);
  }

  async save(registry: PersistedRegistry): Promise<void> {
    if (this.failSaves) throw new Error('MemoryJobStore: save failed (simulated)');
    this.data = JSON.stringify(registry);
    this.saveCount++;
    this.onSave?.(JSON.parse(this.data) as PersistedRegistry);
  }

  /** Size of the last save in bytes (UTF-8). */
  savedBytes(): number {
    return this.data === undefined ? 0 : Buffer.byteLength(this.data, 'utf8');
  }
}

export class MemoryHistorySink implements HistorySink {
  readonly jobs: Job[] = [];
  async append(jobs: readonly Job[]): Promise<void> {
    this.jobs.push(...jobs.map((j) => structuredClone(j)));
  }
}
