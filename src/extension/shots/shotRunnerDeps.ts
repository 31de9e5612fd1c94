// What the shot runner needs from the rest of the host, as ports: the job service (engine batch
// API), the file system, settings and the few VS Code calls it makes (vscodeShotUi.ts). Kept free
// of `vscode` so the runner runs in plain Node tests.
import type { BatchSummary } from '../../core/batches/batchSummary';
import type { EngineOptions } from '../../core/engineApi';
import type { Job, JobSpec, Modality, ProviderId } from '../../core/jobTypes';
import type { TextReplace } from '../../core/shots/shotEdits';
import type { HostFileSystem } from '../assets/hostFileSystem';

/** Called right before a batch job would be sent; a hold keeps it (and the rest of its batch) waiting. */
export type AdmitRule = NonNullable<EngineOptions['admit']>;

/** The calls the runner makes on GenQueueService. */
export interface ShotJobService {
  /** Displayed jobs, newest first. */
  jobs(): readonly Job[];
  submitBatch(specs: readonly JobSpec[]): Job[];
  /** A new job linked by retriedFrom (a batch job's stays in its batch, on its shot). */
  retry(id: string): Job;
  pauseBatch(batchId: string): void;
  resumeBatch(batchId: string): void;
  cancelBatch(batchId: string): Promise<void>;
  batchSummary(batchId: string): BatchSummary | undefined;
  setAdmitRule(rule: AdmitRule | undefined): void;
  onDidChange(listener: (c: { jobs: readonly Job[]; changed: readonly string[] }) => void): { dispose(): void };
}

/** The settings the runner reads (see hostConfig.ts; `shotListBudget` is genqueue.shotListBudget). */
export interface ShotRunnerSettings {
  defaultProvider: unknown;
  defaultModel(modality: Modality): string | undefined;
  /** Default hard cap in USD for a list without `budget:`; undefined = no cap. */
  shotListBudget: number | undefined;
}

/** The VS Code calls the runner makes. */
export interface ShotRunnerUi {
  /** The cost confirmation every paid send goes through (true: send). */
  /** `later`: shots sent when their dependencies are done (counted in the cost; their references do not exist yet). */
  confirmSpend(specs: readonly JobSpec[], button: string, later?: readonly JobSpec[]): Promise<boolean>;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  askPrompt(opts: {
    title: string;
    prompt: string;
    value: string;
    limit: number | undefined;
  }): Promise<string | undefined>;
  /** The Set API Key command for a provider; true when a key was stored. */
  setKey(provider: ProviderId): Promise<boolean>;
  openExternal(url: string): Promise<void>;
  /** Show the document at a 0-based line in a text editor. */
  openAt(documentUri: string, line: number): Promise<void>;
  /**
   * One edit of the document (undoable, marks it dirty), by offsets into `baseText`; false when the
   * document no longer has that text or VS Code refused the edit.
   */
  applyEdit(documentUri: string, replace: TextReplace, baseText: string): Promise<boolean>;
  /** Insert a reference to the take file (the panel's Insert); `job` carries the take's path. */
  insertTake(job: Job, takeIndex: number): Promise<void>;
  /** Reveal a file: the Explorer inside the workspace, the OS file manager outside. */
  reveal(fileUri: string): Promise<void>;
}

export interface ShotRunnerDeps {
  /** The job service, started on first use. */
  service(): Promise<ShotJobService>;
  fs: HostFileSystem;
  /** URI (toString()) of the first workspace folder; shot lists and their takes live there. */
  workspaceUri(): string | undefined;
  /** The assets folder (workspace-relative) in use, as the palette chooses it. */
  assetsFolder(): Promise<string>;
  settings(): ShotRunnerSettings;
  hasKey(provider: ProviderId): boolean;
  /** Finished jobs that left the registry. */
  history: { readJobs(): Promise<Job[]> };
  /**
   * The list file's current text: the open document's (unsaved edits too), else the file's.
   * Synchronous: the budget rule runs right before a job is sent.
   */
  listText(listPath: string): string | undefined;
  ui: ShotRunnerUi;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  now(): number;
}
