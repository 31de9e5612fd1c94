// Webview entry (bundled to dist/webview.js): registers only the vscode-elements the panel uses,
// then the <genqueue-app> element that the page from src/extension/webviewHtml.ts contains.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { GenerationsApp } from './generationsApp';

if (!customElements.get('genqueue-app')) customElements.define('genqueue-app', GenerationsApp);
