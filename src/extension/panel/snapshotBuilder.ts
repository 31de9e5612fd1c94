// Builds what the panel renders: jobs with display extras (JobView), the complete snapshot sent on
// `ready`, and history rows with model labels. URIs are computed by the caller (asWebviewUri), so
// this is pure.
import { jobCostLabel } from '../../core/jobCostLabel';
import { isTerminal, type Job, type ProviderId } from '../../core/jobTypes';
import { redactDeep } from '../../core/redact';
import { modelLabel } from '../generate/modelLabel';
import { supersededFailureIds } from '../generate/retryableFailures';
import { toHistoryRow } from '../persistence/historyFiles';
import { remainingMs } from '../status/jobProgress';
import type { HistoryPage, HistoryRow, JobView, Snapshot } from './generationsProtocol';

export interface JobViewInputs {
  now: number;
  estimateMs: (model: string) => number | undefined;
  phaseHint: (job: Job) => string | undefined;
  /** Webview URI of a take's local file (undefined when not imported or not reachable). */
  previewUri: (job: Job, takeIndex: number) => string | undefined;
  /** file: URI of a take's local file, for drag and drop into editors. */
  fileUri: (job: Job, takeIndex: number) => string | undefined;
  /** Known keys: masked in anything sent to the webview. */
  secrets: readonly string[];
}

export interface SnapshotInputs extends JobViewInputs {
  jobs: readonly Job[];
  history: HistoryPage;
  keys: Record<ProviderId, boolean>;
}

export function toJobView(job: Job, inp: JobViewInputs, superseded: ReadonlySet<string> = new Set()): JobView {
  const view: JobView['view'] = {
    previews: job.takes.map((t) => inp.previewUri(job, t.index)),
    fileUris: job.takes.map((t) => inp.fileUri(job, t.index)),
    modelLabel: modelLabel(job),
  };
  if (job.state === 'failed' && superseded.has(job.id)) view.retried = true;
  const eta = remainingMs(job, inp.estimateMs(job.model), inp.now);
  if (eta !== undefined) view.etaMs = eta;
  const hint = inp.phaseHint(job);
  if (hint) view.hint = hint;
  const cost = jobCostLabel(job);
  if (cost) view.costLabel = cost;
  // Provider error details and logs are provider text: mask anything key-shaped before it leaves.
  const safe = inp.secrets.length || job.error || job.logs.length ? redactDeep(job, inp.secrets) : job;
  return { ...safe, view };
}

/** Every job as the panel shows it, in registry order. */
export function toJobViews(jobs: readonly Job[], inp: JobViewInputs): JobView[] {
  const superseded = supersededFailureIds(jobs);
  return jobs.map((j) => toJobView(j, inp, superseded));
}

export function buildSnapshot(inp: SnapshotInputs): Snapshot {
  return {
    now: inp.now,
    jobs: toJobViews(inp.jobs, inp),
    history: inp.history,
    keys: { ...inp.keys },
  };
}

/** A history row with the model's name filled in (rows from old history files lack it). */
export function labelledRow(row: HistoryRow): HistoryRow {
  return row.modelLabel ? row : { ...row, modelLabel: modelLabel(row) };
}

/** History rows of a job list's finished jobs. */
export function finishedRows(jobs: readonly Job[]): HistoryRow[] {
  return jobs.filter((j) => isTerminal(j.state)).map((j) => labelledRow(toHistoryRow(j)));
}
