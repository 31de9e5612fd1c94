// A webview's page (the generations panel, the Production Queue): a strict CSP, the codicons stylesheet and one module script.
// Pure (no `vscode` import) so the same HTML is served to headless Chromium in test/webview.
import { randomBytes } from 'node:crypto';

export interface WebviewHtmlOptions {
  /** `webview.cspSource`, e.g. "https://*.vscode-cdn.net" (or the test server's origin). */
  cspSource: string;
  /** A fresh value per page load, from createNonce(). */
  nonce: string;
  /** asWebviewUri(dist/webview.js) as a string. */
  scriptUri: string;
  /** asWebviewUri(dist/codicons/codicon.css) as a string. */
  codiconsUri: string;
  title: string;
  /** The app's custom element (default `genqueue-app`, the generations panel). */
  appElement?: string;
}

/** 128 random bits, base64: unguessable, and safe inside a CSP source expression. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

const NONCE_PATTERN = /^[A-Za-z0-9+/=_-]{16,}$/;
// A CSP source list entry must not be able to add directives or close the attribute. The one quoted
// keyword allowed is 'self': code-server's webview.cspSource is "'self' https://*.vscode-cdn.net".
const CSP_SOURCE_PATTERN = /^(?:'self'|[^\s;,'"<>]+)(?: (?:'self'|[^\s;,'"<>]+))*$/;

const ELEMENT_PATTERN = /^[a-z][a-z0-9]*-[a-z0-9-]*$/;

export function buildCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `media-src ${cspSource}`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
  ].join('; ');
}

export function renderWebviewHtml(opts: WebviewHtmlOptions): string {
  const { cspSource, nonce, scriptUri, codiconsUri, title, appElement = 'genqueue-app' } = opts;
  if (!NONCE_PATTERN.test(nonce)) {
    throw new Error('renderWebviewHtml: the nonce must be at least 16 base64 characters (use createNonce()).');
  }
  if (!CSP_SOURCE_PATTERN.test(cspSource)) {
    throw new Error(`renderWebviewHtml: cspSource "${cspSource}" is not a valid CSP source list.`);
  }
  for (const [name, value] of [
    ['scriptUri', scriptUri],
    ['codiconsUri', codiconsUri],
  ] as const) {
    if (!value) throw new Error(`renderWebviewHtml: ${name} is empty.`);
  }
  if (!ELEMENT_PATTERN.test(appElement)) {
    throw new Error(`renderWebviewHtml: "${appElement}" is not a custom element name.`);
  }
  const n = escapeHtml(nonce);
  // The module script is deferred, so the custom element upgrades after the body is parsed.
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(buildCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link id="vscode-codicon-stylesheet" rel="stylesheet" href="${escapeHtml(codiconsUri)}" nonce="${n}">
<style nonce="${n}">
html, body { margin: 0; padding: 0; min-height: 100%; }
body { color: var(--vscode-foreground); font-family: var(--vscode-font-family, sans-serif); font-size: var(--vscode-font-size, 13px); }
</style>
<title>${escapeHtml(title)}</title>
</head>
<body>
<${appElement}></${appElement}>
<script type="module" nonce="${n}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
