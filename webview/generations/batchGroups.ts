// Shot-list batches in the Active section: one job a person started from the palette must never be
// buried under hundreds of waiting batch jobs, so batch jobs are gathered per batch into a group
// with a one-line summary, after the interactive jobs. Pure; unit-testable in Node.
import type { JobState } from '../../src/core/jobTypes';
import type { JobView } from '../../src/extension/panel/generationsProtocol';

export interface BatchGroup {
  /** The batch id (or, without one, the shot list's path). */
  key: string;
  /** "video.shots.yaml" (the list's file name) or the batch id. */
  label: string;
  jobs: JobView[];
  /** "12 running · 3 queued · 280 waiting (paused)" */
  summary: string;
}

export interface ActiveGroups {
  interactive: JobView[];
  batches: BatchGroup[];
}

/** A job of a shot-list batch (grouped), as opposed to one started from the palette or the panel. */
export function isBatchJob(job: JobView): boolean {
  return job.priority === 'batch' || job.shot !== undefined;
}

/** "video.shots.yaml · s03": the list's file name and the shot, for cards and history rows. */
export function shotLabel(shot: { list: string; shotId: string } | undefined): string | undefined {
  if (!shot) return undefined;
  return `${fileName(shot.list)} · ${shot.shotId}`;
}

function fileName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;
}

/** Splits active jobs (already in display order) into interactive ones and one group per batch. */
export function groupActive(active: readonly JobView[]): ActiveGroups {
  const interactive: JobView[] = [];
  const byKey = new Map<string, JobView[]>();
  for (const job of active) {
    if (!isBatchJob(job)) {
      interactive.push(job);
      continue;
    }
    const key = job.batchId ?? job.shot?.list ?? 'batch';
    const list = byKey.get(key);
    if (list) list.push(job);
    else byKey.set(key, [job]);
  }
  const batches = [...byKey].map(([key, jobs]) => {
    const list = jobs.find((j) => j.shot)?.shot?.list;
    return { key, label: list ? fileName(list) : key, jobs, summary: batchSummary(jobs) };
  });
  return { interactive, batches };
}

type Phase = 'needs attention' | 'running' | 'queued' | 'waiting' | 'held' | 'cancelling';

const PHASE_OF: Record<JobState, Phase> = {
  waiting: 'waiting',
  submitting: 'queued',
  queued: 'queued',
  running: 'running',
  downloading: 'running',
  importing: 'running',
  cancelling: 'cancelling',
  unknown: 'needs attention',
  succeeded: 'running',
  failed: 'running',
  canceled: 'running',
};
const ORDER: readonly Phase[] = ['needs attention', 'running', 'queued', 'waiting', 'held', 'cancelling'];

/** Counts per phase, in a fixed order, zeros left out; held jobs say why ("held: paused"). */
export function batchSummary(jobs: readonly JobView[]): string {
  const counts = new Map<Phase, number>();
  const holds = new Set<string>();
  for (const j of jobs) {
    let phase = j.stale ? 'needs attention' : PHASE_OF[j.state];
    if (j.state === 'waiting' && j.held) {
      phase = 'held';
      holds.add(j.held);
    }
    counts.set(phase, (counts.get(phase) ?? 0) + 1);
  }
  return ORDER.filter((p) => counts.has(p))
    .map((p) => `${counts.get(p)} ${p}${p === 'held' ? ` (${[...holds].join(', ')})` : ''}`)
    .join(' · ');
}
