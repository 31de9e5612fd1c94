// What the Production Queue editor (src/extension/queue) needs from the shot-list runner
// (src/extension/shots/shotRunner.ts): jobs and takes per shot, the batch of a list, and the actions
// that spend money or touch files. The editor builds rows and snapshots; the runner owns jobs and files.
import type { Job } from '../../core/jobTypes';
import type { RefContent } from '../../core/shots/resolveShot';
import type { ParsedShotList, ShotList } from '../../core/shots/shotTypes';
import type { BatchView, BlockAction, CostLabel } from '../queue/queueProtocol';
import type { ChainWait } from './shotChains';

/** One open shot list, as the editor last parsed it. */
export interface ShotListRef {
  /** The document's URI (toString()). */
  uri: string;
  /** Workspace-relative path of the file (the key jobs and takes carry). */
  listPath: string;
  text: string;
  parsed: ParsedShotList;
}

/** A take file of a shot, read from its sidecar. */
export interface ShotTakeFile {
  take: number;
  /** Workspace-relative path. */
  path: string;
  /** file URI (toString()), for asWebviewUri. */
  uri: string;
  /** The inputs it was made from; undefined when the sidecar is missing or unreadable. */
  fingerprint?: string;
  costLabel?: string;
  generationMs?: number;
  createdAt?: number;
  jobId?: string;
}

export interface ShotRunner {
  /** Fires when jobs, takes or the batch of a list change; `shotIds` says which rows ('all' when unsure). */
  onDidChange(listener: (listPath: string, shotIds: readonly string[] | 'all') => void): { dispose(): void };
  /** The newest job of each shot of the list, by shot id (registry jobs only). */
  jobsFor(listPath: string): ReadonlyMap<string, Job>;
  /** The batch the list's overlay shows: running, or finished and not closed yet. */
  batchFor(listPath: string): BatchView | undefined;
  /** Spent on this list so far, actual where known (registry and history). */
  spentOn(listPath: string): CostLabel;
  /** Takes on disk for every shot folder of the list (including folders of deleted shots: orphans). */
  takesFor(listPath: string): Promise<ReadonlyMap<string, readonly ShotTakeFile[]>>;
  /** Planned shots not sent yet (shots that wait for shots), by shot id. */
  chainFor(listPath: string, list: ShotList): ReadonlyMap<string, ChainWait>;
  /** The content hash of each reference of the list, by its value (fingerprints of shots with refs). */
  refContent(listPath: string, list: ShotList): Promise<RefContent>;

  generate(list: ShotListRef, ids: readonly string[]): Promise<void>;
  generateStale(list: ShotListRef): Promise<void>;
  retryFailed(list: ShotListRef): Promise<void>;
  pause(listPath: string): void;
  resume(listPath: string): void;
  cancel(listPath: string): Promise<void>;
  closeOverlay(listPath: string): void;
  blockAction(list: ShotListRef, action: BlockAction): Promise<void>;
  /** Copies the take to the shot's `output` (when set) and writes `take: n` into the document. */
  useTake(list: ShotListRef, shotId: string, take: number): Promise<void>;
  rerun(list: ShotListRef, shotId: string, take: number): Promise<void>;
  editRetry(list: ShotListRef, shotId: string, take: number): Promise<void>;
  insertTake(list: ShotListRef, shotId: string, take: number): Promise<void>;
  revealTake(list: ShotListRef, shotId: string, take: number): Promise<void>;
}
