// The one interface every provider adapter implements (fal, replicate, local).
// Adapters translate; the engine decides. Adapters never retry, never sleep, never poll:
// the scheduler owns timing so it can honour rate budgets and Retry-After.
import type { CostFigure, JobError, JobMetrics, Modality, ProviderId } from './jobTypes';
import type { UploadedFile, UploadFile } from './references/referenceTypes';

export interface SubmitRequest {
  /** Our job id: adapters may pass it on (e.g. as a tag) to help reconciliation. */
  jobId: string;
  model: string;
  modality: Modality;
  input: Record<string, unknown>;
}

export interface ProviderJobRef {
  model: string;
  requestId: string;
  /** The job's modality and input (the engine always sends them), so a provider that keeps jobs
   * in memory (the offline one) can rebuild a job it lost in a restart from a short request id. */
  modality?: Modality;
  input?: Record<string, unknown>;
}

/** A provider's status, normalised. */
export interface ProviderStatus {
  phase: 'queued' | 'running' | 'completed' | 'failed' | 'canceled';
  /** Place in the provider's queue, 1 = next in line. */
  queuePosition?: number;
  /** New or full log lines (adapters send the full tail they have; the engine keeps the last N). */
  logs?: string[];
  /** 0..1 when parseable from logs. */
  progress?: number;
  /** For phase 'failed': already classified. */
  error?: JobError;
  /**
   * For phase 'failed': the provider could not fetch one of the input files (an expired or deleted
   * upload). The engine uploads the job's references again and sends it once more.
   */
  inputFileUnreachable?: boolean;
  metrics?: JobMetrics;
}

/** One output file the provider reported. Either a URL to download, or bytes already in hand. */
export interface ProviderTake {
  url?: string;
  data?: Uint8Array;
  contentType?: string;
  suggestedName?: string;
  width?: number;
  height?: number;
  durationSec?: number;
}

export interface ProviderResult {
  takes: ProviderTake[];
  metrics?: JobMetrics;
  /** Extra facts for the provenance sidecar (seed, version). */
  seed?: number;
  version?: string;
}

export interface SubmitResult {
  requestId: string;
  status: ProviderStatus;
}

/**
 * The outcome of looking for a job whose submit outcome is unknown.
 * - found: the provider has it; adopt the request id.
 * - absent: the provider certainly does not have it; safe to submit again.
 * - unsupported: the provider cannot tell (fal lists only finished requests in its history, so
 *   a queued or running one is not there); ask the user.
 */
export interface ReconcileOptions {
  /** Request ids other jobs already own: never answer with one of these (two jobs with the same
   * input must not adopt the same remote job). */
  exclude?: ReadonlySet<string>;
}

export type ReconcileOutcome = { kind: 'found'; requestId: string } | { kind: 'absent' } | { kind: 'unsupported' };

export interface ProviderCapabilities {
  /** Status changes can be awaited on a stream (fal's status stream), cutting polls. */
  statusStream: boolean;
  /** The create request can block until done (Replicate's Prefer: wait). */
  syncWait: boolean;
  /** Cancel is honoured remotely. */
  remoteCancel: boolean;
}

export interface ProviderAdapter {
  readonly id: ProviderId;
  readonly capabilities: ProviderCapabilities;
  /** Create the remote job. Throws ProviderError. A network failure here has an unknown outcome. */
  submit(req: SubmitRequest, signal: AbortSignal, opts?: { waitSeconds?: number }): Promise<SubmitResult>;
  status(ref: ProviderJobRef, signal: AbortSignal): Promise<ProviderStatus>;
  /**
   * Follow the job on one open status stream (statusStream providers only). One request, not a
   * poll loop. Without `onUpdate`: resolve on the next change. With `onUpdate`: report every
   * non-terminal change (queue position, state, logs, progress) through it as it arrives and keep
   * the stream open; resolve on a terminal status, when `maxWaitMs` passes, or when the stream
   * drops (with the latest status seen, so the caller reconnects once).
   */
  waitForChange?(
    ref: ProviderJobRef,
    signal: AbortSignal,
    maxWaitMs: number,
    onUpdate?: (status: ProviderStatus) => void,
  ): Promise<ProviderStatus>;
  result(ref: ProviderJobRef, signal: AbortSignal): Promise<ProviderResult>;
  cancel(ref: ProviderJobRef, signal: AbortSignal): Promise<void>;
  /** Look for a job created by `req` at about `submittedAt` whose request id we never got. */
  reconcile(
    req: SubmitRequest,
    submittedAt: number,
    signal: AbortSignal,
    opts?: ReconcileOptions,
  ): Promise<ReconcileOutcome>;
  /** Put a reference's bytes where the provider can read them (fal storage, Replicate files). Throws ProviderError. */
  upload?(file: UploadFile, signal: AbortSignal): Promise<UploadedFile>;
  /** Price before submit, from the catalog (adapters may refine it). */
  estimate?(model: string, input: Record<string, unknown>): CostFigure | undefined;
}
