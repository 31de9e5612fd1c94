// Messages from the webview are untrusted input: anything malformed is rejected (and logged by
// the caller), never acted on.
import { MODALITIES, type Modality, type ProviderId } from '../../core/jobTypes';
import type { WebviewToHost } from './generationsProtocol';

const ID_TYPES = new Set([
  'cancel',
  'retry',
  'editRetry',
  'rerun',
  'dismiss',
  'checkAgain',
  'resubmit',
  'showError',
  'openHistory',
]);
const TAKE_TYPES = new Set(['insert', 'reveal', 'download']);
const BARE_TYPES = new Set(['ready', 'retryAllFailed', 'clearFinished']);
const MAX_ID_LENGTH = 200;

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
  if (TAKE_TYPES.has(type)) {
    const take = m.take;
    if (!isId(m.id) || typeof take !== 'number' || !Number.isInteger(take) || take < 0 || take > 1000) return undefined;
    return { type, id: m.id, take } as WebviewToHost;
  }
  if (type === 'generate') {
    return MODALITIES.includes(m.modality as Modality) ? { type, modality: m.modality as Modality } : undefined;
  }
  if (type === 'setApiKey') {
    const p = m.provider;
    return p === 'fal' || p === 'replicate' ? { type, provider: p as ProviderId } : undefined;
  }
  return undefined;
}

export function describeMessage(msg: unknown): string {
  try {
    return JSON.stringify(msg)?.slice(0, 200) ?? String(msg);
  } catch {
    return String(msg);
  }
}
