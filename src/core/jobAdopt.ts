// Multi-window: which other windows' job copies this engine takes, and which removed ids it drops (see JobEngine.adopt).

import type { JobRegistry } from './jobRegistry';
import type { JobRuntimes } from './jobRuntimes';
import { isTerminal, type Job } from './jobTypes';

/** Take the copies and drops that are safe; true when anything changed (the scheduler should run). */
export function adoptOtherWindowsJobs(
  registry: JobRegistry,
  runtimes: JobRuntimes,
  jobs: readonly Job[],
  removed: Iterable<string>,
): boolean {
  const copies: Job[] = [];
  const seen = new Set<string>();
  for (const incoming of jobs) {
    if (!incoming || typeof incoming.id !== 'string' || seen.has(incoming.id)) continue;
    seen.add(incoming.id);
    const local = registry.get(incoming.id);
    if (local) {
      if (runtimes.drivesHere(local.id)) continue;
      if (incoming.updatedAt < local.updatedAt) continue;
      if (isTerminal(local.state) && !isTerminal(incoming.state)) continue;
    }
    copies.push(structuredClone(incoming));
  }
  const drop: string[] = [];
  for (const id of removed) {
    const local = registry.get(id);
    if (!local || seen.has(id)) continue;
    const rt = runtimes.get(id);
    if (rt?.controller || (rt?.driving && !isTerminal(local.state))) continue;
    drop.push(id);
  }
  if (!copies.length && !drop.length) return false;
  for (const job of copies) {
    runtimes.drop(job.id);
    if (!isTerminal(job.state)) runtimes.of(job.id).resume = true;
  }
  for (const id of drop) runtimes.drop(id);
  registry.adopt(copies, drop);
  return true;
}
