// What the VS Code-facing parts share: built once in genQueueHost.ts and handed to each part.
import type * as vscode from 'vscode';
import type { LastTextEditor } from '../insert/lastTextEditor';
import type { ApiKeys } from '../keys/apiKeys';
import type { HostModels } from '../models/hostModels';
import type { HistoryFiles } from '../persistence/historyFiles';
import type { HostLog } from '../shared/hostLog';
import type { GenQueueService } from './genQueueService';
import type { HostConfig } from './hostConfig';

export interface HostContext {
  readonly log: HostLog;
  readonly keys: ApiKeys;
  readonly extensionUri: vscode.Uri;
  readonly globalStorageUri: vscode.Uri;
  readonly history: HistoryFiles;
  readonly version: string;
  /** Where Insert writes: the active text editor, or the last one when focus is in a panel. */
  readonly lastEditor: LastTextEditor;
  /** Models' real inputs (schemas) and live prices. */
  readonly models: HostModels;
  config(): HostConfig;
  /** The job service, created and started on first use (lazy activation). */
  service(): Promise<GenQueueService>;
  /** The service if it already runs (UI refreshes must not start it). */
  serviceIfStarted(): GenQueueService | undefined;
  /** Focus the generations panel. */
  showPanel(): Promise<void>;
}
