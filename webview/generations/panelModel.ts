// Splits the jobs into the panel's sections and applies the host's job patches. Pure; unit-testable in Node.
import { isTerminal } from '../../src/core/jobTypes';
import type { JobsPatch, JobView } from '../../src/extension/panel/generationsProtocol';
import { finishedAt } from './jobDisplay';

export const RECENT_RESULTS = 6;

export interface PanelSections {
  active: JobView[];
  recent: JobView[];
  failed: JobView[];
}

export function partition(jobs: readonly JobView[]): PanelSections {
  const active: JobView[] = [];
  const succeeded: JobView[] = [];
  const failed: JobView[] = [];
  for (const job of jobs) {
    if (!isTerminal(job.state)) active.push(job);
    else if (job.state === 'succeeded') succeeded.push(job);
    // A failure its retry took over is not waiting for the user any more (it stays in History).
    else if (job.state === 'failed' && !job.view.retried) failed.push(job);
  }
  // Oldest first for active jobs, so rows do not jump when a new job is added at the end.
  active.sort((a, b) => a.createdAt - b.createdAt);
  succeeded.sort((a, b) => finishedAt(b) - finishedAt(a));
  failed.sort((a, b) => finishedAt(b) - finishedAt(a));
  return { active, recent: succeeded.slice(0, RECENT_RESULTS), failed };
}

/**
 * The job list after a patch: changed jobs replace their old copy in place (new ones go first, as
 * the registry lists newest first), removed ids leave. Unchanged jobs keep their object identity,
 * so their rows are not re-rendered.
 */
export function applyJobsPatch(jobs: readonly JobView[], patch: JobsPatch): JobView[] {
  const changed = new Map(patch.changed.map((j) => [j.id, j]));
  const removed = new Set(patch.removed);
  const out: JobView[] = [];
  for (const j of jobs) {
    if (removed.has(j.id)) continue;
    const next = changed.get(j.id);
    changed.delete(j.id);
    out.push(next ?? j);
  }
  return [...changed.values(), ...out];
}
