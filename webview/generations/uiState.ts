// UI-only state (filters, search, expanded rows, collapsed sections), kept in vscode.getState/setState.
// Job data is never stored here: it always comes from the latest host snapshot.
import type { Modality, ProviderId } from '../../src/core/jobTypes';
import type { HistoryQuery, HistoryRange, HistoryStatus } from '../../src/extension/panel/generationsProtocol';

export type SectionId = 'active' | 'recent' | 'failed' | 'history';

export interface UiState {
  v: 1;
  /** Expanded job rows, and batch groups as `batch:<key>`. */
  expanded: string[];
  collapsed: SectionId[];
  search: string;
  status: HistoryStatus;
  modality: Modality | 'all';
  provider: ProviderId | 'all';
  range: HistoryRange;
}

export const DEFAULT_UI_STATE: UiState = {
  v: 1,
  expanded: [],
  collapsed: [],
  search: '',
  status: 'all',
  modality: 'all',
  provider: 'all',
  range: 'all',
};

const STATUSES: readonly HistoryStatus[] = ['all', 'succeeded', 'failed', 'canceled'];
const MODALITY_FILTERS: readonly (Modality | 'all')[] = ['all', 'image', 'video', 'audio', 'speech'];
const PROVIDER_FILTERS: readonly (ProviderId | 'all')[] = ['all', 'fal', 'replicate', 'local'];
const RANGES: readonly HistoryRange[] = ['today', '7d', '30d', 'all'];
const SECTIONS: readonly SectionId[] = ['active', 'recent', 'failed', 'history'];

/** Accepts whatever getState returned (possibly from an older version) and keeps only valid fields. */
export function restoreUiState(saved: unknown): UiState {
  const s = (typeof saved === 'object' && saved !== null ? saved : {}) as Partial<Record<keyof UiState, unknown>>;
  const pick = <T>(value: unknown, allowed: readonly T[], fallback: T): T =>
    allowed.includes(value as T) ? (value as T) : fallback;
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
  return {
    v: 1,
    expanded: strings(s.expanded),
    collapsed: strings(s.collapsed).filter((x): x is SectionId => SECTIONS.includes(x as SectionId)),
    search: typeof s.search === 'string' ? s.search : '',
    status: pick(s.status, STATUSES, 'all'),
    modality: pick(s.modality, MODALITY_FILTERS, 'all'),
    provider: pick(s.provider, PROVIDER_FILTERS, 'all'),
    range: pick(s.range, RANGES, 'all'),
  };
}

/** The history query part of the UI state. */
export function historyQueryOf(ui: UiState): HistoryQuery {
  const { search, status, modality, provider, range } = ui;
  return { search, status, modality, provider, range };
}

export function toggled<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}
