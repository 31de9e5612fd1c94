// Messages from the Production Queue webview are untrusted input: anything unknown or ill-typed
// is rejected (the caller logs it), never acted on. Only the fields the protocol names are kept.
import { PROVIDER_IDS, type ProviderId } from '../../core/jobTypes';
import type { ShotField } from '../../core/shots/shotTypes';
import type { BlockAction, QueueWebviewMessage } from './queueProtocol';

const BARE = new Set([
  'ready',
  'generateStale',
  'retryFailed',
  'cancelBatch',
  'pauseBatch',
  'resumeBatch',
  'closeOverlay',
  'addShot',
]);
const TAKE_ACTIONS = new Set(['useTake', 'rerun', 'editRetry', 'insertTake', 'revealTake']);
const FIELDS: readonly ShotField[] = ['scene', 'group', 'modality', 'prompt', 'notes', 'output'];
const BLOCK_ACTIONS: readonly BlockAction[] = ['setKey', 'topUp', 'editShots', 'raiseCap', 'cancelBatch', 'resume'];
const MAX_ID_LENGTH = 200;
const MAX_IDS = 10_000;
const MAX_TEXT = 100_000;
const MAX_TAKE = 100_000;
const MAX_PARAM_JSON = 10_000;
const MAX_PATH = 4_096;

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_LENGTH;
}

function isIds(v: unknown): v is string[] {
  return Array.isArray(v) && v.length > 0 && v.length <= MAX_IDS && v.every(isId);
}

/** An input name as models spell them ("image", "image_url", "voice_setting.audio"). */
function isRefField(v: unknown): v is string {
  return isId(v) && /^[A-Za-z0-9_.-]+$/.test(v);
}

function isTake(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_TAKE;
}

/** A param value the file can hold: JSON data of a bounded size, copied (non-finite numbers refused). */
function paramValue(v: unknown): { value: unknown } | undefined {
  try {
    const json = JSON.stringify(v, (_k, x: unknown) => {
      if (typeof x === 'number' && !Number.isFinite(x)) throw new Error('not a finite number');
      return x;
    });
    if (json === undefined || json.length > MAX_PARAM_JSON) return undefined;
    return { value: JSON.parse(json) as unknown };
  } catch {
    return undefined;
  }
}

export function validateQueueMessage(msg: unknown): QueueWebviewMessage | undefined {
  if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return undefined;
  const m = msg as Record<string, unknown>;
  const type = m.type;
  if (typeof type !== 'string') return undefined;
  if (BARE.has(type)) return { type } as QueueWebviewMessage;
  if (TAKE_ACTIONS.has(type)) {
    return isId(m.id) && isTake(m.take) ? ({ type, id: m.id, take: m.take } as QueueWebviewMessage) : undefined;
  }
  switch (type) {
    case 'generate':
      return isIds(m.ids) ? { type, ids: [...m.ids] } : undefined;
    case 'selectShot':
      return isId(m.id) ? { type, id: m.id } : undefined;
    case 'openText':
      if (m.id === undefined) return { type };
      return isId(m.id) ? { type, id: m.id } : undefined;
    case 'blockAction':
      return BLOCK_ACTIONS.includes(m.action as BlockAction) ? { type, action: m.action as BlockAction } : undefined;
    case 'setField':
      if (!isIds(m.ids) || !FIELDS.includes(m.field as ShotField)) return undefined;
      if (typeof m.value !== 'string' || m.value.length > MAX_TEXT) return undefined;
      return { type, ids: [...m.ids], field: m.field as ShotField, value: m.value };
    case 'setModel':
      if (!isIds(m.ids) || !PROVIDER_IDS.includes(m.provider as ProviderId) || !isId(m.model)) return undefined;
      return { type, ids: [...m.ids], provider: m.provider as ProviderId, model: m.model };
    case 'setRef':
      if (!isId(m.id) || !isRefField(m.field)) return undefined;
      if (m.value === undefined) return { type, id: m.id, field: m.field };
      return typeof m.value === 'string' && m.value.length <= MAX_PATH
        ? { type, id: m.id, field: m.field, value: m.value }
        : undefined;
    case 'dropRef':
      return isId(m.id) && isRefField(m.field) && typeof m.uri === 'string' && m.uri.length <= MAX_PATH
        ? { type, id: m.id, field: m.field, uri: m.uri }
        : undefined;
    case 'browseRef':
      return isId(m.id) && isRefField(m.field) ? { type, id: m.id, field: m.field } : undefined;
    case 'setParam': {
      if (!isIds(m.ids) || !isId(m.name)) return undefined;
      if (m.value === undefined) return { type, ids: [...m.ids], name: m.name };
      const copy = paramValue(m.value);
      return copy ? { type, ids: [...m.ids], name: m.name, value: copy.value } : undefined;
    }
    default:
      return undefined;
  }
}
