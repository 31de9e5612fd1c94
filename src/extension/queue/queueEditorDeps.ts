// What a Production Queue editor needs from the host, built once in genQueueHost.ts.
import type * as vscode from 'vscode';
import type { ProviderId } from '../../core/jobTypes';
import type { ShotRunner } from '../shots/shotRunnerPort';
import type { ModelFormLookup } from './modelOptions';
import type { ModelFallback } from './queueSnapshot';

export interface QueueEditorDeps {
  readonly extensionUri: vscode.Uri;
  readonly log: { info(m: string): void; warn(m: string): void; error(m: string): void };
  /**
   * The shot runner (jobs, takes and batches of a list; src/extension/shots/shotRunner.ts).
   * Undefined until the host wires one: the table then shows the file alone and says that
   * generating is not available.
   */
  readonly runner: ShotRunner | undefined;
  /** Key presence per provider (never the keys). */
  keys(): Record<ProviderId, boolean>;
  /** The keys themselves, only to redact them from error messages. */
  secrets(): readonly string[];
  /** Provider and model for a shot whose file names neither (the user's settings, read once per parse). */
  fallback(): ModelFallback;
  /** genqueue.shotListBudget: the cap for lists without `budget:`. */
  defaultBudget(): number | undefined;
  /** The user's own typical run time of a model, ms, when known. */
  readonly estimateMs: (model: string) => number | undefined;
  /** Hand-typed models' input forms (from their schemas), once read. */
  readonly formOf?: ModelFormLookup;
  /** Fires when a hand-typed model's form has been read: open editors send a fresh snapshot. */
  readonly onDidReadForm?: (listener: () => void) => { dispose(): void };
}
