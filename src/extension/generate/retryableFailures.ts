// Which failures still need the user. A failure whose retry (or a retry of that retry) succeeded,
// is running, or failed in its turn is handled by that retry: it leaves the Failed section, the
// status bar count and Retry All Failed (it stays in history, linked by the retry's retriedFrom).
// A canceled retry hands the failure back. The panel, the status bar, the "something failed"
// context key and Retry All Failed all use this one rule, so their counts agree.
import type { Job } from '../../core/jobTypes';

/** Ids of failures that a later retry took over. */
export function supersededFailureIds(jobs: readonly Job[]): Set<string> {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const handled = new Set<string>();
  for (const j of jobs) {
    if (j.state === 'canceled') continue;
    let parent = j.retriedFrom;
    // Bounded walk up the lineage (a corrupt cycle cannot loop).
    for (let i = 0; parent !== undefined && i < 100 && !handled.has(parent); i++) {
      handled.add(parent);
      parent = byId.get(parent)?.retriedFrom;
    }
  }
  return handled;
}

/** Failed jobs nobody has dealt with yet, in the given order. */
export function retryableFailures(jobs: readonly Job[]): Job[] {
  const handled = supersededFailureIds(jobs);
  return jobs.filter((j) => j.state === 'failed' && !handled.has(j.id));
}
