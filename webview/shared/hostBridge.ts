// The only place that talks to VS Code: typed postMessage, host message delivery and UI-state storage.
import type {
  HistoryPage,
  HostToWebview,
  JobsPatch,
  Snapshot,
  WebviewToHost,
} from '../../src/extension/panel/generationsProtocol';

/** The slice of VS Code's webview API we use (acquireVsCodeApi may be called once per page). */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

export interface HostBridge {
  post(message: WebviewToHost): void;
  /** Calls `listener` with every well-formed message the host sends; returns an unsubscribe function. */
  onMessage(listener: (message: HostToWebview) => void): () => void;
  getState(): unknown;
  setState(state: unknown): void;
}

let bridge: HostBridge | undefined;

export function hostBridge(): HostBridge {
  bridge ??= createHostBridge(acquireVsCodeApi());
  return bridge;
}

export function createHostBridge(api: VsCodeApi, target: Window = window): HostBridge {
  return {
    post: (message) => api.postMessage(message),
    onMessage(listener) {
      const handler = (event: MessageEvent) => {
        const message = event.data as Partial<Record<string, unknown>> | undefined;
        if (typeof message?.type !== 'string') return;
        // A malformed message is ignored with a warning; the last good state stays on screen.
        if (isHostMessage(message)) listener(message);
        else console.warn(`GenQueue: ignored a malformed ${message.type} message`, message);
      };
      target.addEventListener('message', handler);
      return () => target.removeEventListener('message', handler);
    },
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}

function isHostMessage(m: Partial<Record<string, unknown>>): m is HostToWebview {
  switch (m.type) {
    case 'snapshot':
      return isSnapshot(m.snapshot);
    case 'jobs':
      return isPatch(m.patch);
    case 'history':
      return isPage(m.page);
    default:
      return false;
  }
}

function isObject(o: unknown): o is Record<string, unknown> {
  return typeof o === 'object' && o !== null && !Array.isArray(o);
}

function isSnapshot(s: unknown): s is Snapshot {
  return isObject(s) && typeof s.now === 'number' && Array.isArray(s.jobs) && isPage(s.history) && isObject(s.keys);
}

function isPatch(p: unknown): p is JobsPatch {
  return isObject(p) && typeof p.now === 'number' && Array.isArray(p.changed) && Array.isArray(p.removed);
}

function isPage(p: unknown): p is HistoryPage {
  return (
    isObject(p) &&
    isObject(p.query) &&
    typeof p.offset === 'number' &&
    Array.isArray(p.rows) &&
    typeof p.matches === 'number' &&
    typeof p.total === 'number'
  );
}
