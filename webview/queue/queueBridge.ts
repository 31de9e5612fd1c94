// The Production Queue's only link to VS Code: typed posts out, validated host messages in, saved UI state.
// (webview/shared/hostBridge.ts is typed to the generations protocol, so the queue has its own.)
import type {
  BatchView,
  QueueHostMessage,
  QueueSnapshot,
  QueueWebviewMessage,
  ShotRow,
  TakeView,
} from '../../src/extension/queue/queueProtocol';

/** The slice of VS Code's webview API we use (acquireVsCodeApi may be called once per page). */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

export interface QueueBridge {
  post(message: QueueWebviewMessage): void;
  /** Calls `listener` with every well-formed host message; returns an unsubscribe function. */
  onMessage(listener: (message: QueueHostMessage) => void): () => void;
  getState(): unknown;
  setState(state: unknown): void;
}

let bridge: QueueBridge | undefined;

export function queueBridge(): QueueBridge {
  bridge ??= createQueueBridge(acquireVsCodeApi());
  return bridge;
}

export function createQueueBridge(api: VsCodeApi, target: Window = window): QueueBridge {
  return {
    post: (message) => api.postMessage(message),
    onMessage(listener) {
      const handler = (event: MessageEvent) => {
        const message = event.data as { type?: unknown } | undefined;
        if (isHostMessage(message)) listener(message);
        else console.warn('GenQueue: ignored a malformed Production Queue message', message);
      };
      target.addEventListener('message', handler);
      return () => target.removeEventListener('message', handler);
    },
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
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
