// A webview panel as a custom editor gets it, for host tests: captures what the host posts, lets
// the test send what the page would, hide/show and close it.
// What the real one does that this copies (VS Code 1.100 extHostWebviewPanels):
// - `postMessage` resolves true when the page received it; while the panel is hidden with
//   retainContextWhenHidden false the page does not exist, so nothing is delivered (here: the
//   message is counted in `dropped`, not in `posted`).
// - Hiding fires onDidChangeViewState with visible false; showing reloads the page, which says
//   `ready` again (the test sends it).
// - `dispose()` (closing the editor) fires onDidDispose once.
import { FakeEmitter } from './fakeDocuments';
import { FakeUri } from './vscodeFakes';

export function fakeWebviewPanel() {
  const posted: { type: string; [k: string]: unknown }[] = [];
  const dropped: unknown[] = [];
  const received = new FakeEmitter<unknown>();
  const viewState = new FakeEmitter<unknown>();
  const disposed = new FakeEmitter<void>();
  let isDisposed = false;
  const panel = {
    visible: true,
    viewColumn: 1,
    webview: {
      options: {} as { enableScripts?: boolean; localResourceRoots?: FakeUri[] },
      html: '',
      cspSource: 'https://fake.vscode-cdn.net',
      asWebviewUri: (u: FakeUri) => new FakeUri('https', `/webview${u.path}`),
      postMessage: async (m: { type: string }) => {
        if (isDisposed) throw new Error('Webview is disposed');
        if (panel.visible) posted.push(m);
        else dropped.push(m);
        return panel.visible;
      },
      onDidReceiveMessage: received.event,
    },
    onDidChangeViewState: viewState.event,
    onDidDispose: disposed.event,
    dispose() {
      if (isDisposed) return;
      isDisposed = true;
      disposed.fire();
    },
  };
  return {
    panel,
    posted,
    dropped,
    /** Listeners still attached to the panel (all gone once the session is disposed). */
    listeners: () => received.size + viewState.size + disposed.size,
    send: (m: unknown) => received.fire(m),
    hide() {
      panel.visible = false;
      viewState.fire({ webviewPanel: panel });
    },
    show() {
      panel.visible = true;
      viewState.fire({ webviewPanel: panel });
    },
    ofType: <T = Record<string, unknown>>(type: string) => posted.filter((m) => m.type === type) as unknown as T[],
  };
}
