// A webview's only link to VS Code: typed posts out, validated host messages in, saved UI state.
// Each webview gives its own protocol's types and message check (hostBridge.ts, queueBridge.ts).

/** The slice of VS Code's webview API we use (acquireVsCodeApi may be called once per page). */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

export interface Bridge<Out, In> {
  post(message: Out): void;
  /** Calls `listener` with every well-formed host message; returns an unsubscribe function. */
  onMessage(listener: (message: In) => void): () => void;
  getState(): unknown;
  setState(state: unknown): void;
}

let api: VsCodeApi | undefined;

/** The page's one VS Code API object. */
export function vscodeApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}

export function createBridge<Out, In>(
  isMessage: (m: Partial<Record<string, unknown>>) => m is Partial<Record<string, unknown>> & In,
  vscode: VsCodeApi = vscodeApi(),
  target: Window = window,
): Bridge<Out, In> {
  return {
    post: (message) => vscode.postMessage(message),
    onMessage(listener) {
      const handler = (event: MessageEvent) => {
        const message = event.data as Partial<Record<string, unknown>> | undefined;
        if (typeof message?.type !== 'string') return;
        // A malformed message is ignored with a warning; the last good state stays on screen.
        if (isMessage(message)) listener(message);
        else console.warn(`GenQueue: ignored a malformed ${message.type} message`, message);
      };
      target.addEventListener('message', handler);
      return () => target.removeEventListener('message', handler);
    },
    getState: () => vscode.getState(),
    setState: (state) => vscode.setState(state),
  };
}
