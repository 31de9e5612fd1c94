// The one message contract between the extension host and the generations webview.
// Imported by both sides: no `vscode` import, types only plus a few constants.
// Rules: the webview says `ready` first; the host answers with a complete snapshot (every job,
// the first page of history for the webview's last history query, key presence). After that the
// host sends deltas: a `jobs` patch carries only the jobs whose view changed and the ids that left,
// and a `history` page answers `loadHistory` or replaces the head of the list when jobs finish.
// A complete snapshot is sent again when keys change or when most jobs changed at once, so a
// reloaded or confused webview is never out of date for long. History is never sent whole: it can
// hold tens of thousands of rows; the host filters it and the webview asks for pages as it scrolls.
import type { Job, JobState, Modality, ProviderId } from '../../core/jobTypes';

/** A job as the panel sees it: the job plus what the host derived for display. */
export interface JobView extends Job {
  view: {
    /** Expected remaining ms, from the user's own history (after three runs). */
    etaMs?: number;
    /** "Almost done…" / "Still working…" */
    hint?: string;
    /** Webview-safe URIs (asWebviewUri) of each take's local file, by take index. */
    previews: (string | undefined)[];
    /** "$0.003 (estimate, catalog)" style label. */
    costLabel?: string;
    /** file: URIs (as strings) of each take's local file, by take index; dragged into editors as text/uri-list. */
    fileUris?: (string | undefined)[];
    /** The model's name as people know it ("Offline test image"), not its id. */
    modelLabel?: string;
    /** A failure a later retry took over (running, succeeded or failed in turn): not shown under Failed. */
    retried?: boolean;
  };
}

/** A finished job in the searchable history (compact: history can hold thousands). */
export interface HistoryRow {
  id: string;
  provider: ProviderId;
  model: string;
  modality: Modality;
  state: JobState;
  prompt: string;
  createdAt: number;
  finishedAt?: number;
  /** Workspace-relative path of the first take, if imported. */
  localPath?: string;
  costLabel?: string;
  /** The model's name as people know it. */
  modelLabel?: string;
  /** The failed job this one retried. */
  retriedFrom?: string;
  /** Another row retried this one (set by the host, which sees every row, not just one page). */
  retried?: boolean;
  /** The batch and shot a shot-list job generated. */
  batchId?: string;
  shot?: { list: string; shotId: string };
}

export type HistoryStatus = 'all' | Extract<JobState, 'succeeded' | 'failed' | 'canceled'>;
export type HistoryRange = 'today' | '7d' | '30d' | 'all';

/** What the history list shows: search words (prompt, model, shot) and filters. Run host-side. */
export interface HistoryQuery {
  search: string;
  status: HistoryStatus;
  modality: Modality | 'all';
  provider: ProviderId | 'all';
  range: HistoryRange;
}

export const DEFAULT_HISTORY_QUERY: HistoryQuery = {
  search: '',
  status: 'all',
  modality: 'all',
  provider: 'all',
  range: 'all',
};

/** Rows per history page: the snapshot's first page and each `loadHistory`. */
export const HISTORY_PAGE_ROWS = 100;
/** The most rows one `loadHistory` may ask for. */
export const MAX_HISTORY_PAGE_ROWS = 500;
/** The longest search text the host accepts. */
export const MAX_HISTORY_SEARCH = 500;

/** A slice of the history rows matching `query`, newest first. */
export interface HistoryPage {
  query: HistoryQuery;
  /** Index of rows[0] among the matches. */
  offset: number;
  rows: HistoryRow[];
  /** How many rows match the query. */
  matches: number;
  /** How many finished jobs history holds. */
  total: number;
}

/** Which providers have a key (never the key itself). */
export type ProviderKeys = Record<ProviderId, boolean>;

export interface Snapshot {
  /** Host clock at send time; the webview ticks elapsed timers from it. */
  now: number;
  /** Registry jobs, newest first (active, recent successes, failures). */
  jobs: JobView[];
  /** The first page of history for the webview's last query. */
  history: HistoryPage;
  /** Which providers have a key (never the key itself). Local never needs one. */
  keys: ProviderKeys;
}

/** Jobs whose view changed since the last message, and ids of jobs that left the registry. */
export interface JobsPatch {
  now: number;
  changed: JobView[];
  removed: string[];
}

export type HostToWebview =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'jobs'; patch: JobsPatch }
  | { type: 'history'; page: HistoryPage };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'loadHistory'; query: HistoryQuery; offset: number; limit: number }
  | { type: 'generate'; modality: Modality }
  | { type: 'cancel'; id: string }
  | { type: 'retry'; id: string }
  /** `field`: a reference field to change first (the card's "Change…"). */
  | { type: 'editRetry'; id: string; field?: string }
  | { type: 'rerun'; id: string }
  | { type: 'dismiss'; id: string }
  | { type: 'checkAgain'; id: string }
  | { type: 'resubmit'; id: string }
  | { type: 'showError'; id: string }
  | { type: 'insert'; id: string; take: number }
  | { type: 'reveal'; id: string; take: number }
  | { type: 'download'; id: string; take: number }
  | { type: 'openHistory'; id: string }
  | { type: 'retryAllFailed' }
  | { type: 'clearFinished' }
  | { type: 'setApiKey'; provider: ProviderId };

/** The five steps of the tracker, and which job states light each one. */
export const TRACKER_STEPS = ['Sent', 'Queued', 'Generating', 'Downloading', 'Importing'] as const;

/** Index of the active tracker step for a state (-1 before Sent; 5 when all are done). */
export function trackerIndex(state: JobState): number {
  switch (state) {
    case 'waiting':
      return -1;
    case 'submitting':
    case 'unknown':
      return 0;
    case 'queued':
      return 1;
    case 'running':
    case 'cancelling':
      return 2;
    case 'downloading':
      return 3;
    case 'importing':
      return 4;
    case 'succeeded':
      return 5;
    case 'failed':
    case 'canceled':
      return -1;
  }
}

/** Same query (the webview ignores pages of a query it no longer shows). */
export function sameHistoryQuery(a: HistoryQuery, b: HistoryQuery): boolean {
  return (
    a.search === b.search &&
    a.status === b.status &&
    a.modality === b.modality &&
    a.provider === b.provider &&
    a.range === b.range
  );
}

/** Whether a query narrows the list (the count then says "N of M match"). */
export function hasActiveQuery(q: HistoryQuery): boolean {
  return (
    q.search.trim() !== '' || q.status !== 'all' || q.modality !== 'all' || q.provider !== 'all' || q.range !== 'all'
  );
}
