// The emulator's public types: scripted job timelines, on-demand faults and request counters.
// Shared by the in-process API (providerEmulator.ts) and the HTTP control API (/__emulator).

export type EmulatedProvider = 'fal' | 'replicate';

/** Which kind of output a scripted job produces (shapes per §6 of the protocol doc). */
export type OutputKind = 'images' | 'image' | 'video' | 'audio' | 'audio_file' | 'text';

/** A job's timeline, in scripted milliseconds (multiplied by the emulator's timeScale in real time). */
export interface JobScript {
  /** Time spent queued (fal IN_QUEUE / Replicate starting). */
  queueMs?: number;
  /** Queue positions shown while queued, spread evenly over queueMs (e.g. [3, 2, 1, 0]). */
  queuePositions?: number[];
  /** Time spent running (fal IN_PROGRESS / Replicate processing). */
  runMs?: number;
  /** Log lines emitted evenly while running; default "step i/N" lines (see steps). */
  logLines?: string[];
  /** Number of "step i/N" lines when logLines is not given. */
  steps?: number;
  /** How the job ends on its own. */
  outcome?: 'succeeded' | 'failed' | 'canceled';
  /** Failure text (Replicate prediction.error, fal COMPLETED.error and result detail). */
  error?: string;
  /** fal error_type on a failed job (e.g. runner_server_error; "validation" means a 422 result). */
  errorType?: string;
  /** fal result HTTP status for a failed job (default 422 for validation, else 500). */
  failStatus?: number;
  /** fal result body `detail` for a failed job (default derived from error). */
  failDetail?: unknown;
  output?: OutputKind;
  /** Number of images for 'images' (Replicate arrays too). */
  outputCount?: number;
  /** metrics.predict_time / metrics.inference_time; default runMs / 1000. */
  predictTimeSec?: number;
  /** A running job takes this long to honour a cancel (scripted ms). */
  cancelLagMs?: number;
}

export type FaultRoute = 'submit' | 'status' | 'stream' | 'result' | 'cancel' | 'list' | 'output' | 'upload';

export type FaultKind =
  | '429'
  | '500'
  | '502'
  | '503'
  | '504'
  /** Destroy the socket before anything is processed (the job is NOT created). */
  | 'reset'
  /** Process the request (a submit creates the job), then destroy the socket: an ambiguous outcome. */
  | 'reset-after-create'
  /** Process the request, then hold the response for delayMs. */
  | 'slow'
  /** Process the request, then answer 2xx with broken JSON. */
  | 'malformed'
  | '401'
  | '402'
  /** fal: 403 "User is locked. Reason: Exhausted balance." */
  | '403-balance'
  | '404'
  /** A 413 "too large" (meant for route 'upload'). */
  | '413'
  | '422'
  /** Output only: Content-Length larger than the body, then the connection closes. */
  | 'truncated'
  /** Submit only: the request succeeds; the created job fails (error text from `detail`). */
  | 'job-failed'
  /** Submit only: the created job fails with a content-policy (NSFW) error. */
  | 'job-nsfw'
  /** Submit only: the created job is canceled at the provider (someone else cancelled it). */
  | 'job-canceled'
  /** fal stream only: the first frame is sent, then the connection is cut before COMPLETED. */
  | 'drop'
  /**
   * Cancel only: the cancel is accepted, but the cancelled job then reads without the marker our
   * adapters look for (neither provider documents one). fal: COMPLETED with no error fields, then
   * the result answers 400 {"detail":"Request was cancelled"}. Replicate: status "failed" with an
   * error text instead of "canceled".
   */
  | 'cancel-unmarked'
  /** Upload only: the upload succeeds, but the file is already gone when a job tries to use it. */
  | 'expired';

export interface Fault {
  provider: EmulatedProvider;
  route: FaultRoute;
  kind: FaultKind;
  /** How many matching requests it hits; default 1; -1 = until reset. */
  times?: number;
  /** Only requests for this model id (submit) or job of this model. */
  model?: string;
  /** 429/503: the Retry-After header value to send (none when absent). */
  retryAfter?: string;
  /** Override the error body's detail text. */
  detail?: string;
  /** 'slow': how long to hold the response, real ms (default 2000). */
  delayMs?: number;
}

export interface EmulatorCounts {
  /** Jobs actually created, per provider (a submit that was faulted before processing does not count). */
  submits: Record<EmulatedProvider, number>;
  /** Files completely uploaded, per provider (fal storage PUT or multipart complete; Replicate POST /files). */
  uploads: Record<EmulatedProvider, number>;
  /** Every request that arrived, keyed "provider:route" (e.g. "fal:status"), faulted or not. */
  requests: Record<string, number>;
}

export interface RequestRecord {
  provider: EmulatedProvider | 'control';
  route: FaultRoute | 'other';
  method: string;
  path: string;
  at: number;
  fault?: FaultKind;
}

/** What the control API's POST /__emulator/script accepts. */
export interface ScriptCommand {
  /** Scope: a model id ("fal-ai/flux/schnell", "black-forest-labs/flux-schnell") or all models when absent. */
  model?: string;
  /** Applies only to the next job created on this provider (queued, first in first out). */
  next?: EmulatedProvider;
  script: JobScript;
}
