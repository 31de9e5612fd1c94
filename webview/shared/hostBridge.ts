// The only place that talks to VS Code: typed postMessage, snapshot delivery and UI-state storage.
import type { HostToWebview, Snapshot, WebviewToHost } from '../../src/extension/panel/generationsProtocol';

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
  /** Calls `listener` with every snapshot the host sends; returns an unsubscribe function. */
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void;
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
    onSnapshot(listener) {
      const handler = (event: MessageEvent) => {
        const message = event.data as HostToWebview | undefined;
        // Only complete snapshots are rendered; anything else (or a malformed one) is ignored.
        if (message?.type === 'snapshot' && isSnapshot(message.snapshot)) listener(message.snapshot);
        else if (message?.type === 'snapshot') console.warn('GenQueue: ignored a malformed snapshot', message);
      };
      target.addEventListener('message', handler);
      return () => target.removeEventListener('message', handler);
    },
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}

function isSnapshot(s: unknown): s is Snapshot {
  const o = s as Partial<Snapshot> | undefined;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.now === 'number' &&
    Array.isArray(o.jobs) &&
    Array.isArray(o.history) &&
    typeof o.keys === 'object'
  );
}
