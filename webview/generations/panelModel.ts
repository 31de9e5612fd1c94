// Splits a snapshot into the panel's sections and filters history. Pure; unit-testable in Node.
import { isTerminal } from '../../src/core/jobTypes';
import type { HistoryRow, JobView, Snapshot } from '../../src/extension/panel/generationsProtocol';
import { finishedAt } from './jobDisplay';
import type { DateRange, UiState } from './uiState';

export const RECENT_RESULTS = 6;
/** History rows rendered per "Show more" page; keeps the first render fast with thousands of rows. */
export const HISTORY_PAGE = 200;

export interface PanelSections {
  active: JobView[];
  recent: JobView[];
  failed: JobView[];
}

export function partition(snapshot: Snapshot): PanelSections {
  const active: JobView[] = [];
  const succeeded: JobView[] = [];
  const failed: JobView[] = [];
  for (const job of snapshot.jobs) {
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

const DAY_MS = 24 * 60 * 60 * 1000;

/** Earliest createdAt a date range admits, relative to the host's clock. */
export function rangeStart(range: DateRange, now: number): number {
  switch (range) {
    case 'today': {
      const d = new Date(now);
      d.setHours(0, 0, 0, 0);
      return d.getTime();
    }
    case '7d':
      return now - 7 * DAY_MS;
    case '30d':
      return now - 30 * DAY_MS;
    case 'all':
      return Number.NEGATIVE_INFINITY;
  }
}

export type HistoryFilter = Pick<UiState, 'search' | 'status' | 'modality' | 'provider' | 'range'>;

export function filterHistory(rows: readonly HistoryRow[], f: HistoryFilter, now: number): HistoryRow[] {
  const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
  const since = rangeStart(f.range, now);
  const out: HistoryRow[] = [];
  for (const row of rows) {
    if (f.status !== 'all' && row.state !== f.status) continue;
    if (f.modality !== 'all' && row.modality !== f.modality) continue;
    if (f.provider !== 'all' && row.provider !== f.provider) continue;
    if (row.createdAt < since) continue;
    if (words.length > 0) {
      const hay = `${row.prompt}\n${row.model}\n${row.modelLabel ?? ''}`.toLowerCase();
      if (!words.every((w) => hay.includes(w))) continue;
    }
    out.push(row);
  }
  return out;
}

export function hasActiveFilter(f: HistoryFilter): boolean {
  return (
    f.search.trim() !== '' || f.status !== 'all' || f.modality !== 'all' || f.provider !== 'all' || f.range !== 'all'
  );
}

/** Ids of jobs a history row retried: those rows are linked to their retry ("retried"). */
export function retriedIds(rows: readonly HistoryRow[]): Set<string> {
  const ids = new Set<string>();
  for (const r of rows) if (r.retriedFrom) ids.add(r.retriedFrom);
  return ids;
}
