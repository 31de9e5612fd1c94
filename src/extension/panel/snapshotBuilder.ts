// Builds the complete snapshot the panel renders (never deltas): jobs with display extras,
// history rows and key presence. URIs are computed by the caller (asWebviewUri), so this is pure.
import { jobCostLabel } from '../../core/jobCostLabel';
import { isTerminal, type Job, type ProviderId } from '../../core/jobTypes';
import { redactDeep } from '../../core/redact';
import { modelLabel } from '../generate/modelLabel';
import { supersededFailureIds } from '../generate/retryableFailures';
import { DEFAULT_HISTORY_ROWS, toHistoryRow } from '../persistence/historyFiles';
import { remainingMs, startedAt } from '../status/jobProgress';
import type { HistoryRow, JobView, Snapshot } from './generationsProtocol';

export interface SnapshotInputs {
  jobs: readonly Job[];
  history: readonly HistoryRow[];
  keys: Record<ProviderId, boolean>;
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

export function toJobView(job: Job, inp: SnapshotInputs, superseded: ReadonlySet<string> = new Set()): JobView {
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

export function buildSnapshot(inp: SnapshotInputs): Snapshot {
  const superseded = supersededFailureIds(inp.jobs);
  return {
    now: inp.now,
    jobs: inp.jobs.map((j) => toJobView(j, inp, superseded)),
    history: inp.history.map((r) => (r.modelLabel ? r : { ...r, modelLabel: modelLabel(r) })),
    keys: { ...inp.keys },
  };
}

/** Elapsed ms of a job, for places that show it without a live timer. */
export function elapsedMs(job: Job, now: number): number {
  const end = job.stateAt.succeeded ?? job.stateAt.failed ?? job.stateAt.canceled ?? now;
  return Math.max(0, end - startedAt(job));
}

/**
 * The searchable history: every finished job, from the registry (recent) and the history files
 * (older), each once, newest first, bounded.
 */
export function mergeHistoryRows(
  registry: readonly Job[],
  fileRows: readonly HistoryRow[],
  limit = DEFAULT_HISTORY_ROWS,
): HistoryRow[] {
  const byId = new Map<string, HistoryRow>();
  for (const row of fileRows) byId.set(row.id, row);
  // The registry copy is the newer one.
  for (const job of registry) if (isTerminal(job.state)) byId.set(job.id, toHistoryRow(job));
  return [...byId.values()]
    .sort((a, b) => (b.finishedAt ?? b.createdAt) - (a.finishedAt ?? a.createdAt))
    .slice(0, limit);
}
