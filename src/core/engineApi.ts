// The engine's public surface: what the extension host, the benchmark and the tests use.
// The implementation is `JobEngine` in jobEngine.ts.
import type { AssetSink } from './assetSinkPort';
import type { BatchSummary } from './batches/batchSummary';
import type { Clock } from './clock';
import type { HoldReason, Job, JobSpec, ProviderId } from './jobTypes';
import type { ProviderAdapter } from './providerPort';
import type { HistorySink, JobStore } from './storePort';
import type { TakeDownload } from './takeDownloader';

/** Per-provider limits; defaults from the providers' documented limits. */
export interface ProviderLimits {
  /** Jobs in submitting/queued/running at once. */
  concurrency: number;
  /** Create requests per minute. */
  createsPerMinute: number;
  /** Other requests (status, result, cancel) per minute. */
  requestsPerMinute: number;
}

export interface EngineOptions {
  providers: Partial<Record<ProviderId, ProviderAdapter>>;
  store: JobStore;
  history?: HistorySink;
  assets: AssetSink;
  clock?: Clock;
  /** Download a take's URL (size limit, content-type check, truncation check). Defaults to fetch. */
  download?: TakeDownload;
  limits?: Partial<Record<ProviderId, Partial<ProviderLimits>>>;
  /** Default polling window, ms (30 minutes). */
  pollWindowMs?: number;
  /** Finished jobs kept in the registry; older ones go to `history`. */
  maxFinishedJobs?: number;
  /** Coalescing delay for writes, ms. */
  saveDelayMs?: number;
  /** Only jobs this returns true for are polled here (the host's window lease). */
  shouldDrive?: (job: Job) => boolean;
  /** Structured log lines (request ids, state changes; never keys). */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** The keys in use, masked in job errors and logs before they are stored. */
  secrets?: () => readonly (string | undefined)[];
  /**
   * Called right before a batch job's create would be sent (it has a slot and budget). Returning a
   * hold keeps the job waiting and holds the rest of its batch with that reason (the budget cap).
   */
  admit?: (job: Job, registry: readonly Job[]) => { reason: HoldReason; message: string } | undefined;
}

export interface JobChange {
  /** Every job in the registry, newest first. */
  jobs: readonly Job[];
  /** Ids whose state changed in this event (for notifications). */
  changed: readonly string[];
  /**
   * Ids replaced or removed by `adopt` (other windows' copies). Never in `changed`: the window that
   * drove the job notifies about it; this one only refreshes what it shows.
   */
  adopted?: readonly string[];
}

export interface JobEngineApi {
  /** Load persisted jobs and resume every non-terminal one. */
  start(): Promise<void>;
  /** Create a job; it is persisted and visible at once (state waiting). */
  submit(spec: JobSpec): Job;
  /** Several jobs sharing a batch id (dual mode, shots). */
  submitBatch(specs: readonly JobSpec[]): Job[];
  cancel(id: string): Promise<void>;
  /** A new job linked by retriedFrom; `edits` replace input fields. */
  retry(id: string, edits?: Record<string, unknown>): Job;
  retryAllFailed(): Job[];
  /** The batch's waiting jobs get held='paused'; jobs already sent go on. */
  pauseBatch(batchId: string): void;
  /** Clear every hold on the batch's waiting jobs (paused or blocked) and schedule them. */
  resumeBatch(batchId: string): void;
  /** Cancel every unfinished job of the batch (held and waiting ones never reach the provider). */
  cancelBatch(batchId: string): Promise<void>;
  /** Counts per state, hold and money of a batch; undefined when no job of it is in the registry. */
  batchSummary(batchId: string): BatchSummary | undefined;
  /** Remove one finished job from the registry (it stays in history). */
  dismiss(id: string): void;
  /** Remove every finished job from the registry (they stay in history). */
  clearFinished(): void;
  /** A stale or unknown job: ask the provider again now. */
  checkAgain(id: string): void;
  /** An unknown job that cannot be reconciled: the user chose to submit it again. */
  resubmitUnknown(id: string): void;
  get(id: string): Job | undefined;
  list(): readonly Job[];
  /** Median-based estimate for a model, ms; undefined before three successful runs. */
  estimateDurationMs(model: string): number | undefined;
  /** "Almost done…" / "Still working…" / undefined. */
  phaseHint(job: Job): string | undefined;
  onDidChange(listener: (change: JobChange) => void): { dispose(): void };
  /** Write pending state now. */
  flush(): Promise<void>;
  /** Stop timers and in-flight requests (persisted state stays resumable). */
  dispose(): Promise<void>;
}
