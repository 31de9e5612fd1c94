// Other windows' newer copies of jobs, and the ids they removed, re-read from the shared registry;
// the engine adopts the copies of jobs this window does not drive.

import type { Job } from '../../core/jobTypes';
import type { HostEngine } from '../host/genQueueService';
import type { DurableJobStore } from './durableJobStore';
import type { FileLeases } from './fileLeases';
import { foreignJobs, type ReadRegistry } from './mementoJobStore';

export interface ForeignMirrorOptions {
  store: DurableJobStore;
  engine: HostEngine;
  leases: FileLeases;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export class ForeignMirror {
  /** The copies newer than the engine's, and the ids removed elsewhere. */
  current: { jobs: Job[]; removed: Set<string> } = { jobs: [], removed: new Set() };
  private signature = '';

  constructor(private readonly opts: ForeignMirrorOptions) {}

  /** Re-read the registry other windows write; true when what we display changed. */
  refresh(): boolean {
    const { store, engine, leases } = this.opts;
    let stored: ReadRegistry | undefined;
    try {
      stored = store.read();
    } catch (err) {
      this.opts.log('warn', `Could not read the shared registry: ${String(err)}`);
      return false;
    }
    let next = foreignJobs(stored, engine.list());
    if (engine.adopt) {
      // Take over other windows' newer copies of jobs we do not drive, so a later takeover starts from them.
      const adoptable = next.jobs.filter((j) => !leases.holds(j.id));
      if (adoptable.length > 0) {
        engine.adopt(adoptable);
        next = foreignJobs(stored, engine.list());
      }
    }
    const signature = `${next.jobs.map((j) => `${j.id}:${j.state}:${j.updatedAt}`).join(',')}|${[...next.removed].length}`;
    this.current = next;
    if (signature === this.signature) return false;
    this.signature = signature;
    return true;
  }
}
