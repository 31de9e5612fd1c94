// The complete state the Production Queue shows, from the parsed file and what the runner knows.
// Pure (no `vscode`): the editor session gathers the inputs, this turns them into the snapshot.
import type { Job, Modality, ProviderId } from '../../core/jobTypes';
import { type RefContent, resolveShot } from '../../core/shots/resolveShot';
import type { ParsedShotList, ResolvedShot } from '../../core/shots/shotTypes';
import type { ChainWait } from '../shots/shotChains';
import type { ShotTakeFile } from '../shots/shotRunnerPort';
import { type ModelFormLookup, modelOptions } from './modelOptions';
import type { BatchView, CostLabel, QueueSnapshot } from './queueProtocol';
import { buildRows } from './shotRows';

export type ModelFallback = (modality: Modality) => { provider: ProviderId; model: string };

/** Every usable shot with its defaults applied, by id. */
export function resolveAll(
  parsed: ParsedShotList,
  fallback: ModelFallback,
  content?: RefContent,
): Map<string, ResolvedShot> {
  const out = new Map<string, ResolvedShot>();
  for (const shot of parsed.list.shots) out.set(shot.id, resolveShot(parsed.list, shot, fallback, content));
  return out;
}

export interface SnapshotSources {
  now: number;
  listName: string;
  listPath: string;
  parsed: ParsedShotList;
  resolved: ReadonlyMap<string, ResolvedShot>;
  jobs: ReadonlyMap<string, Job>;
  takes: ReadonlyMap<string, readonly ShotTakeFile[]>;
  chain?: ReadonlyMap<string, ChainWait>;
  spent: CostLabel;
  /** The setting's default cap, used when the file has no `budget:`. */
  defaultBudget?: number;
  batch?: BatchView;
  fileError?: string;
  keys: Record<ProviderId, boolean>;
  estimateMs: (model: string) => number | undefined;
  /** Hand-typed models' forms read from their schemas (undefined until read). */
  formOf?: ModelFormLookup;
}

export function buildQueueSnapshot(src: SnapshotSources): QueueSnapshot {
  const budget = src.parsed.list.budget ?? src.defaultBudget;
  const cost: QueueSnapshot['cost'] = { spent: src.spent };
  if (budget !== undefined) {
    cost.budget = budget;
    cost.budgetLeft = budget - (src.spent.amount ?? 0);
  }
  const snapshot: QueueSnapshot = {
    now: src.now,
    listName: src.listName,
    listPath: src.listPath,
    rows: buildRows(src),
    models: modelOptions([...src.resolved.values()], src.estimateMs, src.formOf),
    cost,
    keys: src.keys,
  };
  if (src.batch) snapshot.batch = src.batch;
  if (src.fileError !== undefined) snapshot.fileError = src.fileError;
  return snapshot;
}

/**
 * The file-level problem that leaves the table without rows (a YAML syntax error, not a list), or
 * undefined when the file reads as a shot list (its other problems show on their rows and lines).
 */
export function fileErrorOf(parsed: ParsedShotList): string | undefined {
  const fatal = parsed.diagnostics.find(
    (d) => d.severity === 'error' && (d.code === 'yaml-syntax' || d.code === 'not-a-list' || d.code === 'too-large'),
  );
  return fatal ? `Line ${fatal.span.start.line + 1}: ${fatal.message}` : undefined;
}
