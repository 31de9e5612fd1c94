// Extension entry. Activation is cheap: register commands, the panel and the status bar, read one
// small globalState key; the engine starts only when there are jobs to resume or on first use.
import type * as vscode from 'vscode';
import { GenQueueHost } from './host/genQueueHost';

let host: GenQueueHost | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  host = new GenQueueHost(context);
  context.subscriptions.push(host);
  await host.activate();
}

/** Flush pending state and release this window's leases so another window takes over at once. */
export async function deactivate(): Promise<void> {
  const h = host;
  host = undefined;
  await h?.shutdown();
}
