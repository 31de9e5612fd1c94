// Production Queue webview entry (bundled to dist/queue.js): registers only the vscode-elements the
// queue uses, then <genqueue-queue>. The page from src/extension/shared/webviewHtml.ts has a
// <genqueue-app> placeholder (the generations panel's element); the queue takes its place.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-split-layout/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { QueueApp } from './queueApp';

const TAG = 'genqueue-queue';
if (!customElements.get(TAG)) customElements.define(TAG, QueueApp);
if (!document.querySelector(TAG)) {
  const app = document.createElement(TAG);
  const placeholder = document.querySelector('genqueue-app');
  if (placeholder) placeholder.replaceWith(app);
  else document.body.append(app);
}
