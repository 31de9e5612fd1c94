// The one message contract between the extension host and the Production Queue webview (a custom
// editor over a `*.shots.yaml` file). Imported by both sides: types only, no `vscode` import.
// Rules: the webview says `ready` first; the host answers with a complete snapshot, and sends a
// complete snapshot whenever the document changes. A job's progress sends only the rows it changed
// (`rows`) and the batch summary (`batch`), so a running batch never re-sends the whole table.
import type { CostSource, ErrorCategory, HoldReason, Modality, ProviderId } from '../../core/jobTypes';
import type { ShotField } from '../../core/shots/shotTypes';

/** What the status column says. */
export type ShotStatus =
  | 'not-generated'
  | 'stale' // the chosen take was made from other inputs
  | 'waiting' // in the batch, not sent yet
  | 'held' // in the batch, held: paused or blocked (see `hold`)
  /** A submit whose outcome is not known (cut off by a crash or reload): never shown as queued or failed. */
  | 'unconfirmed'
  | 'queued' // at the provider (`queuePosition` when known)
  | 'generating' // running, downloading or importing (`progress` when known)
  | 'failed' // `error.category` picks the colour
  | 'canceled'
  /** Planned after a dependency that failed or was canceled: not sent (`chain` says which). */
  | 'blocked'
  | 'done' // has takes, none chosen
  | 'chosen'; // a take is chosen and matches the inputs

export interface CostLabel {
  amount?: number;
  source: CostSource;
  /** "$0.03 (catalog, 2026-11)". */
  label: string;
}

export interface ShotRow {
  id: string;
  scene?: string;
  group?: string;
  modality: Modality;
  provider: ProviderId;
  model: string;
  /** The model's name as people know it. */
  modelLabel: string;
  prompt: string;
  params: Record<string, unknown>;
  refs: Record<string, string | string[]>;
  /** Shots whose chosen take this one is made from (`shot:<id>` references), for the "← s01" marker. */
  from?: string[];
  /** In a dependency plan, not sent yet: waiting for `after`, or blocked because `after` failed or was canceled. */
  chain?: { after: string; state: 'waiting' | 'failed' | 'canceled' };
  notes?: string;
  output?: string;
  /** The chosen take number. */
  take?: number;
  status: ShotStatus;
  hold?: HoldReason;
  queuePosition?: number;
  /** 0..1 */
  progress?: number;
  error?: { category: ErrorCategory; message: string };
  /** Takes on disk for this shot. */
  takes: number;
  estimate: CostLabel;
  /** The job currently generating this shot, if any. */
  jobId?: string;
  /** 0-based line of the shot in the file (for "Open as text" at the shot). */
  line: number;
  /** Problems the file has on this shot (the same text as the editor's diagnostics). */
  problems: string[];
}

export interface ModelFieldView {
  name: string;
  label: string;
  /** `json`: an object or list, typed as JSON text. */
  kind: 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'json';
  options?: readonly string[];
  min?: number;
  max?: number;
  default?: unknown;
  description?: string;
}

export interface ModelOptionView {
  provider: ProviderId;
  model: string;
  label: string;
  modality: Modality;
  /** "$0.003 / image (catalog, 2026-11)". */
  priceLabel: string;
  /** "about 4 s". */
  typicalTime: string;
  fields: ModelFieldView[];
  /** For a hand-typed model id: where its fields come from ("read from Replicate's schema…", or why not). */
  inputsNote?: string;
  /** The file inputs (refs): a workspace file or another shot's chosen take each. */
  fileFields: RefFieldView[];
}

export interface RefFieldView {
  name: string;
  label: string;
  media?: 'image' | 'audio' | 'video' | 'any';
  /** A `files` input: a list of references. */
  multiple: boolean;
  required: boolean;
}

export interface TakeView {
  /** take-<n> */
  take: number;
  /** Workspace-relative path. */
  path: string;
  /** asWebviewUri of the file. */
  previewUri: string;
  modality: Modality;
  costLabel?: string;
  /** Generation time, ms, when the sidecar knows it. */
  generationMs?: number;
  createdAt?: number;
  /** The take was made from other inputs than the shot has now. */
  stale: boolean;
  chosen: boolean;
  /** The job that made it, when it is still known (Re-run, Edit & retry). */
  jobId?: string;
}

export interface BatchView {
  id: string;
  total: number;
  done: number;
  running: number;
  waiting: number;
  failed: number;
  canceled: number;
  spent: CostLabel;
  estimate: CostLabel;
  paused: boolean;
  /** A blocking failure: the remaining submits are held until the user acts. */
  blocked?: { reason: Exclude<HoldReason, 'paused'>; message: string; provider?: ProviderId };
  /** Every job of the batch is terminal. The overlay stays until the user closes it. */
  finished: boolean;
}

export interface QueueSnapshot {
  /** Host clock at send time. */
  now: number;
  /** File name without `.shots.yaml`. */
  listName: string;
  /** Workspace-relative path of the file. */
  listPath: string;
  rows: ShotRow[];
  models: ModelOptionView[];
  cost: {
    /** Spent on this list so far (actual where known). */
    spent: CostLabel;
    budget?: number;
    budgetLeft?: number;
  };
  /** The batch the overlay shows (running, or finished and not closed yet). */
  batch?: BatchView;
  /** Set when the file cannot be read as a shot list at all (the table keeps the last good rows). */
  fileError?: string;
  keys: Record<ProviderId, boolean>;
}

export type QueueHostMessage =
  | { type: 'snapshot'; snapshot: QueueSnapshot }
  /** Rows whose status, progress or takes changed (by id; replace those rows). */
  | { type: 'rows'; rows: ShotRow[] }
  | { type: 'batch'; batch: BatchView | undefined }
  /** The takes of one shot, sent after `selectShot` and when they change. */
  | { type: 'takes'; shotId: string; takes: TakeView[] };

export type BlockAction = 'setKey' | 'topUp' | 'editShots' | 'raiseCap' | 'cancelBatch' | 'resume';

export type QueueWebviewMessage =
  | { type: 'ready' }
  | { type: 'generate'; ids: string[] }
  | { type: 'generateStale' }
  | { type: 'retryFailed' }
  | { type: 'cancelBatch' }
  | { type: 'pauseBatch' }
  | { type: 'resumeBatch' }
  | { type: 'closeOverlay' }
  | { type: 'blockAction'; action: BlockAction }
  | { type: 'selectShot'; id: string }
  | { type: 'setField'; ids: string[]; field: ShotField; value: string }
  | { type: 'setModel'; ids: string[]; provider: ProviderId; model: string }
  /** `value` undefined removes the param. */
  | { type: 'setParam'; ids: string[]; name: string; value?: unknown }
  /** A reference typed or dropped as text: a workspace path or `shot:<id>`; undefined removes it. */
  | { type: 'setRef'; id: string; field: string; value?: string }
  /** A file dropped from the explorer (its URI): the host makes it a workspace path. */
  | { type: 'dropRef'; id: string; field: string; uri: string }
  /** "Browse…": the host asks for a file. */
  | { type: 'browseRef'; id: string; field: string }
  | { type: 'useTake'; id: string; take: number }
  | { type: 'rerun'; id: string; take: number }
  | { type: 'editRetry'; id: string; take: number }
  | { type: 'insertTake'; id: string; take: number }
  | { type: 'revealTake'; id: string; take: number }
  | { type: 'openText'; id?: string }
  | { type: 'addShot' };
