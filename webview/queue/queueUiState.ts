// UI-only state of the Production Queue (selection, filters, sort, inspector width), kept across webview
// reloads with vscode.getState/setState. Shot data is never stored here: it always comes from the host.
import type { Modality } from '../../src/core/jobTypes';
import type { ShotStatus } from '../../src/extension/queue/queueProtocol';

export type SortKey = 'id' | 'scene' | 'group' | 'modality' | 'model' | 'prompt' | 'status' | 'takes' | 'estimate';
export type SortDir = 'asc' | 'desc';

export interface QueueFilters {
  scene: string;
  modality: Modality | 'all';
  status: ShotStatus | 'all';
  group: string;
  search: string;
}

export interface QueueUiState {
  v: 1;
  selected: string[];
  focusId?: string;
  filters: QueueFilters;
  sort?: { key: SortKey; dir: SortDir };
  /** The inspector pane's width, e.g. "380px" (vscode-split-layout handle position from the end). */
  inspectorWidth: string;
}

export const ALL = 'all';
export const SORT_KEYS: readonly SortKey[] = [
  'id',
  'scene',
  'group',
  'modality',
  'model',
  'prompt',
  'status',
  'takes',
  'estimate',
];
export const MODALITIES: readonly Modality[] = ['image', 'video', 'audio', 'speech'];
export const STATUSES: readonly ShotStatus[] = [
  'not-generated',
  'stale',
  'waiting',
  'held',
  'unconfirmed',
  'queued',
  'generating',
  'failed',
  'canceled',
  'blocked',
  'done',
  'chosen',
];
export const DEFAULT_FILTERS: QueueFilters = { scene: ALL, modality: ALL, status: ALL, group: ALL, search: '' };
export const DEFAULT_INSPECTOR_WIDTH = '380px';

/** Accepts whatever getState returned (possibly from an older version) and keeps only valid fields. */
export function restoreQueueUiState(saved: unknown): QueueUiState {
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Record<string, unknown>;
  const f = (typeof s.filters === 'object' && s.filters !== null ? s.filters : {}) as Record<string, unknown>;
  const str = (x: unknown, fallback: string) => (typeof x === 'string' ? x : fallback);
  const pick = <T>(x: unknown, allowed: readonly T[], fallback: T): T =>
    allowed.includes(x as T) ? (x as T) : fallback;
  const sort = s.sort as { key?: unknown; dir?: unknown } | undefined;
  const state: QueueUiState = {
    v: 1,
    selected: Array.isArray(s.selected) ? s.selected.filter((x): x is string => typeof x === 'string') : [],
    filters: {
      scene: str(f.scene, ALL),
      modality: pick(f.modality, [ALL, ...MODALITIES] as const, ALL),
      status: pick(f.status, [ALL, ...STATUSES] as const, ALL),
      group: str(f.group, ALL),
      search: str(f.search, ''),
    },
    inspectorWidth: /^\d{2,4}px$/.test(str(s.inspectorWidth, ''))
      ? (s.inspectorWidth as string)
      : DEFAULT_INSPECTOR_WIDTH,
  };
  if (typeof s.focusId === 'string') state.focusId = s.focusId;
  if (sort && SORT_KEYS.includes(sort.key as SortKey) && (sort.dir === 'asc' || sort.dir === 'desc')) {
    state.sort = { key: sort.key as SortKey, dir: sort.dir };
  }
  return state;
}
