// Messages from the webview are untrusted input: anything malformed is rejected (and logged by
// the caller), never acted on.
import { MODALITIES, type Modality, type ProviderId } from '../../core/jobTypes';
import {
  type HistoryQuery,
  MAX_HISTORY_PAGE_ROWS,
  MAX_HISTORY_SEARCH,
  type WebviewToHost,
} from './generationsProtocol';

const ID_TYPES = new Set(['cancel', 'retry', 'rerun', 'dismiss', 'checkAgain', 'resubmit', 'showError', 'openHistory']);
const TAKE_TYPES = new Set(['insert', 'reveal', 'download']);
const BARE_TYPES = new Set(['ready', 'retryAllFailed', 'clearFinished']);
const MAX_ID_LENGTH = 200;
/** Further than any history holds (HISTORY_INDEX_ROWS), with room. */
const MAX_HISTORY_OFFSET = 1_000_000;
const STATUSES: readonly string[] = ['all', 'succeeded', 'failed', 'canceled'];
const MODALITY_FILTERS: readonly string[] = ['all', ...MODALITIES];
const PROVIDER_FILTERS: readonly string[] = ['all', 'fal', 'replicate', 'local'];
const RANGES: readonly string[] = ['all', 'today', '7d', '30d'];

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_LENGTH;
}

export function validateWebviewMessage(msg: unknown): WebviewToHost | undefined {
  if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return undefined;
  const m = msg as Record<string, unknown>;
  const type = m.type;
  if (typeof type !== 'string') return undefined;
  if (BARE_TYPES.has(type)) return { type } as WebviewToHost;
  if (ID_TYPES.has(type)) return isId(m.id) ? ({ type, id: m.id } as WebviewToHost) : undefined;
  if (type === 'editRetry') {
    if (!isId(m.id)) return undefined;
    if (m.field === undefined) return { type, id: m.id };
    return isId(m.field) ? { type, id: m.id, field: m.field } : undefined;
  }
  if (TAKE_TYPES.has(type)) {
    const take = m.take;
    if (!isId(m.id) || typeof take !== 'number' || !Number.isInteger(take) || take < 0 || take > 1000) return undefined;
    return { type, id: m.id, take } as WebviewToHost;
  }
  if (type === 'generate') {
    return MODALITIES.includes(m.modality as Modality) ? { type, modality: m.modality as Modality } : undefined;
  }
  if (type === 'loadHistory') {
    const query = validateQuery(m.query);
    const { offset, limit } = m;
    if (!query || !isInt(offset, 0, MAX_HISTORY_OFFSET) || !isInt(limit, 1, MAX_HISTORY_PAGE_ROWS)) return undefined;
    return { type, query, offset, limit };
  }
  if (type === 'setApiKey') {
    const p = m.provider;
    return p === 'fal' || p === 'replicate' ? { type, provider: p as ProviderId } : undefined;
  }
  return undefined;
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/** A history query with exactly its five known fields, each one of its allowed values. */
function validateQuery(q: unknown): HistoryQuery | undefined {
  if (!q || typeof q !== 'object' || Array.isArray(q)) return undefined;
  const { search, status, modality, provider, range } = q as Record<string, unknown>;
  if (typeof search !== 'string' || search.length > MAX_HISTORY_SEARCH) return undefined;
  const known = (v: unknown, allowed: readonly string[]) => typeof v === 'string' && allowed.includes(v);
  if (!known(status, STATUSES) || !known(modality, MODALITY_FILTERS)) return undefined;
  if (!known(provider, PROVIDER_FILTERS) || !known(range, RANGES)) return undefined;
  return { search, status, modality, provider, range } as HistoryQuery;
}

export function describeMessage(msg: unknown): string {
  try {
    return JSON.stringify(msg)?.slice(0, 200) ?? String(msg);
  } catch {
    return String(msg);
  }
}
