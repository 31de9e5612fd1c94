// The one message contract between the extension host and the generations webview.
// Imported by both sides: no `vscode` import, types only plus a few constants.
// Rules: the webview says `ready` first; the host answers with a complete snapshot and sends a
// complete snapshot on every change (never deltas), so a reloaded webview is never out of date.
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
}

export interface Snapshot {
  /** Host clock at send time; the webview ticks elapsed timers from it. */
  now: number;
  /** Registry jobs, newest first (active, recent successes, failures). */
  jobs: JobView[];
  history: HistoryRow[];
  /** Which providers have a key (never the key itself). Local never needs one. */
  keys: Record<ProviderId, boolean>;
}

export type HostToWebview = { type: 'snapshot'; snapshot: Snapshot };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'generate'; modality: Modality }
  | { type: 'cancel'; id: string }
  | { type: 'retry'; id: string }
  | { type: 'editRetry'; id: string }
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
