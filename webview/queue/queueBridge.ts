// The Production Queue's bridge to VS Code: its protocol's types and the check of each host message.
import type {
  BatchView,
  QueueHostMessage,
  QueueSnapshot,
  QueueWebviewMessage,
  ShotRow,
  TakeView,
} from '../../src/extension/queue/queueProtocol';
import { type Bridge, createBridge } from '../shared/vscodeBridge';

export type QueueBridge = Bridge<QueueWebviewMessage, QueueHostMessage>;

let bridge: QueueBridge | undefined;

export function queueBridge(): QueueBridge {
  bridge ??= createBridge<QueueWebviewMessage, QueueHostMessage>(isHostMessage);
  return bridge;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function isRow(r: unknown): r is ShotRow {
  return isObject(r) && typeof r.id === 'string' && typeof r.status === 'string' && isObject(r.estimate);
}

function isBatch(b: unknown): b is BatchView {
  return isObject(b) && typeof b.id === 'string' && typeof b.total === 'number';
}

function isSnapshot(s: unknown): s is QueueSnapshot {
  return (
    isObject(s) &&
    typeof s.now === 'number' &&
    typeof s.listName === 'string' &&
    Array.isArray(s.rows) &&
    s.rows.every(isRow) &&
    Array.isArray(s.models) &&
    isObject(s.cost) &&
    (s.batch === undefined || isBatch(s.batch))
  );
}

function isTake(t: unknown): t is TakeView {
  return isObject(t) && typeof t.take === 'number' && typeof t.previewUri === 'string';
}

function isHostMessage(m: unknown): m is QueueHostMessage {
  if (!isObject(m)) return false;
  switch (m.type) {
    case 'snapshot':
      return isSnapshot(m.snapshot);
    case 'rows':
      return Array.isArray(m.rows) && m.rows.every(isRow);
    case 'batch':
      return m.batch === undefined || isBatch(m.batch);
    case 'takes':
      return typeof m.shotId === 'string' && Array.isArray(m.takes) && m.takes.every(isTake);
    default:
      return false;
  }
}
