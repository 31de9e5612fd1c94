// The job model shared by the engine, the providers, the extension host and the webview.
// Pure data: no classes, so a job can be persisted, cloned and posted to the webview as is.
import type { JobReference } from './references/referenceTypes';

export type Modality = 'image' | 'video' | 'audio' | 'speech';
export const MODALITIES: readonly Modality[] = ['image', 'video', 'audio', 'speech'];

export type ProviderId = 'fal' | 'replicate' | 'local';
export const PROVIDER_IDS: readonly ProviderId[] = ['fal', 'replicate', 'local'];

/**
 * The one job state union, used everywhere (engine, host, webview).
 * - waiting: local; for a concurrency slot or a rate budget.
 * - submitting: the create request is in flight (persisted before it is sent).
 * - queued: accepted by the provider, not started (queuePosition when known).
 * - running: the provider is generating (logs, progress when parseable).
 * - downloading: fetching the takes from the provider's URLs.
 * - importing: writing takes (and sidecars) into the workspace.
 * - cancelling: the provider's cancel was called; waiting for a terminal status.
 * - unknown: the outcome of a submit is not known (e.g. a crash mid-request). It is
 *   reconciled with the provider, never shown as done or failed, never blindly re-sent.
 */
export type JobState =
  | 'waiting'
  | 'submitting'
  | 'queued'
  | 'running'
  | 'downloading'
  | 'importing'
  | 'succeeded'
  | 'failed'
  | 'cancelling'
  | 'canceled'
  | 'unknown';

export const JOB_STATES: readonly JobState[] = [
  'waiting',
  'submitting',
  'queued',
  'running',
  'downloading',
  'importing',
  'succeeded',
  'failed',
  'cancelling',
  'canceled',
  'unknown',
];

export const TERMINAL_STATES: ReadonlySet<JobState> = new Set<JobState>(['succeeded', 'failed', 'canceled']);

export function isTerminal(state: JobState): boolean {
  return TERMINAL_STATES.has(state);
}

/** One error taxonomy across providers. Colours: input red, billing-policy amber, transient blue. */
export type ErrorCategory = 'input' | 'billing-policy' | 'auth' | 'transient';

export interface JobError {
  category: ErrorCategory;
  /** Plain words: what happened and what to do. Never contains a key. */
  message: string;
  /** The provider's own text (status code, body detail), for "See error". */
  detail?: string;
  /** Only transient errors retry automatically. */
  retryable: boolean;
  httpStatus?: number;
}

/** Where a cost figure comes from, so the UI can label it honestly. */
export type CostSource =
  | 'catalog' // our curated unit price × expected units (estimate)
  | 'price-list' // the provider's own unit price (fal pricing API) × expected units (estimate)
  | 'provider-metrics' // unit price × what the provider reported (predict_time, takes count)
  | 'local' // the offline provider: always free
  | 'unknown'; // a hand-typed model with no price on file

export interface CostFigure {
  /** Amount in `currency`; undefined when the source is 'unknown'. */
  amount?: number;
  currency: 'USD';
  source: CostSource;
  /** Short human label, e.g. "$0.003 × 1 image (catalog, 2026-11)". */
  label: string;
}

/** One output of a job. */
export interface Take {
  index: number;
  /** The provider's URL (expires: Replicate deletes outputs after an hour). */
  remoteUrl?: string;
  contentType?: string;
  /** File name suggested by the provider (never trusted as a path). */
  suggestedName?: string;
  /** Where the imported file lives: a workspace-relative path or an absolute file path. */
  localPath?: string;
  bytes?: number;
  width?: number;
  height?: number;
  durationSec?: number;
}

/** Where a job's result should go once it is imported. */
export interface JobDestination {
  /** Workspace-relative folder for assets; the host fills the default from settings. */
  folder?: string;
  /** Insert a reference here when imported (a document URI string and an offset). */
  insertAt?: { uri: string; offset: number };
}

export interface JobMetrics {
  /** Replicate metrics.predict_time or fal metrics.inference_time, seconds. */
  predictTimeSec?: number;
  totalTimeSec?: number;
}

export type StaleReason = 'window' | 'error';

/** The shot a job generates: results land on this shot by id, whatever happens to the file meanwhile. */
export interface JobShot {
  /** Workspace-relative path of the `*.shots.yaml` file. */
  list: string;
  shotId: string;
  /** Fingerprint of the inputs (model, prompt, params, refs, style) the job was made from. */
  fingerprint: string;
  /**
   * The shots of the dependency plan this job was sent in (its batch): the runner sends the rest of
   * them once their dependencies succeed. Kept on the job so a reload finds the plan again.
   */
  chain?: string[];
}

/** Interactive jobs (palette, panel) are always scheduled before batch jobs, so a big batch never starves them. */
export type JobPriority = 'interactive' | 'batch';

/** Why a batch job is held in `waiting` instead of being sent. */
export type HoldReason =
  | 'paused' // the user paused the batch
  | 'auth' // missing or rejected key
  | 'billing' // balance or billing
  | 'policy' // the same content-policy failure on several shots
  | 'budget'; // sending it would pass the list's budget cap

export interface Job {
  id: string;
  provider: ProviderId;
  /** Provider model id: "fal-ai/flux/schnell", "black-forest-labs/flux-schnell", "local/image". */
  model: string;
  modality: Modality;
  input: Record<string, unknown>;
  state: JobState;
  /** Epoch ms at which each state was last entered (a timestamp per step). */
  stateAt: Partial<Record<JobState, number>>;
  createdAt: number;
  updatedAt: number;
  /** The provider's request / prediction id; persisted before anything waits on the provider. */
  requestId?: string;
  queuePosition?: number;
  /** 0..1 when the provider's logs say so. */
  progress?: number;
  /** The last lines of the provider's logs (bounded; full logs go to files). */
  logs: string[];
  takes: Take[];
  error?: JobError;
  cost: { estimate?: CostFigure; actual?: CostFigure };
  metrics?: JobMetrics;
  /** Lineage: the job this one retries. */
  retriedFrom?: string;
  batchId?: string;
  /** Default 'interactive'; shot-list batches are 'batch'. */
  priority?: JobPriority;
  /** Set on a waiting batch job that must not be sent until the batch is resumed (persisted). */
  held?: HoldReason;
  /** What holds it, in plain words with what to do (set with `held`, cleared with it). */
  heldMessage?: string;
  /** The provider a hold is about (auth, billing, policy), for "Set key" / "Top up". */
  heldProvider?: ProviderId;
  shot?: JobShot;
  destination?: JobDestination;
  /** We stopped checking this job (it may still be running or finished at the provider). */
  stale?: boolean;
  /**
   * Why it is stale: 'window' = the polling window passed (no error; `error` is cleared);
   * 'error' = checking or fetching kept failing (auth rejected, downloads failing; `error` says why).
   */
  staleReason?: StaleReason;
  /** Number of automatic transient retries spent on the current step. */
  attempts: number;
  /** Earliest epoch ms of the next provider request for this job (backoff, polling). */
  nextCheckAt?: number;
  /** Polling window override for this job, ms. */
  pollWindowMs?: number;
  /** The user asked to cancel (kept while the provider confirms). */
  cancelRequested?: boolean;
  /**
   * A create whose outcome was never confirmed (a cut-off submit that reconcile could not settle):
   * the provider may have run it, and charged for it. Cleared once reconcile finds or rules it out.
   */
  submitUnconfirmed?: boolean;
  /** The provider accepted our cancel request: a failure, or a result it cannot deliver, is the cancel taking effect. */
  cancelAccepted?: boolean;
  /** The seed the provider reports it used (for the provenance sidecar and re-runs). */
  seed?: number;
  /** The model version the provider ran (Replicate version hash, the offline renderer's version). */
  version?: string;
  /** Files the job reads, by workspace path and content hash (uploaded at submit, never stored as a URL only). */
  refs?: JobReference[];
  /** The URLs the references were uploaded to for the current submit, by `field` (or `field[index]`). */
  refUrls?: Record<string, string>;
  /** The provider could not fetch a reference once and the job was sent again with fresh uploads (never twice). */
  refsRenewed?: boolean;
}

/** What a caller hands the engine to create a job. */
export interface JobSpec {
  provider: ProviderId;
  model: string;
  modality: Modality;
  input: Record<string, unknown>;
  batchId?: string;
  retriedFrom?: string;
  priority?: JobPriority;
  shot?: JobShot;
  destination?: JobDestination;
  pollWindowMs?: number;
  refs?: JobReference[];
}

/** Longest log tail kept on a job. */
export const MAX_JOB_LOG_LINES = 40;
