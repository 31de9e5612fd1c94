import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCsp, createNonce, renderWebviewHtml } from '../../src/extension/shared/webviewHtml';

const base = {
  cspSource: 'https://*.vscode-cdn.net',
  nonce: 'abcdefghijklmnopqrstuv==',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
  title: 'GenQueue',
};

test('createNonce: 16 random bytes in base64, different every call', () => {
  const a = createNonce();
  const b = createNonce();
  assert.equal(Buffer.from(a, 'base64').length, 16);
  assert.match(a, /^[A-Za-z0-9+/]{22}==$/);
  assert.notEqual(a, b);
});

test('the CSP is the strict one: nothing by default, nonce-only scripts, no connect', () => {
  const csp = buildCsp(base.cspSource, base.nonce);
  assert.equal(
    csp,
    "default-src 'none'; img-src https://*.vscode-cdn.net data:; media-src https://*.vscode-cdn.net; " +
      "style-src https://*.vscode-cdn.net 'nonce-abcdefghijklmnopqrstuv=='; font-src https://*.vscode-cdn.net; " +
      "script-src 'nonce-abcdefghijklmnopqrstuv=='; connect-src 'none'",
  );
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
});

test("the page has the CSP meta, the codicon link with its id, the app element and one nonce'd module script", () => {
  const html = renderWebviewHtml(base);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src/);
  assert.match(
    html,
    /<link id="vscode-codicon-stylesheet" rel="stylesheet" href="https:\/\/file\+\.vscode-resource[^"]+codicon\.css" nonce="abcdefghijklmnopqrstuv==">/,
  );
  assert.match(html, /<genqueue-app><\/genqueue-app>/);
  const scripts = html.match(/<script[^>]*>/g) ?? [];
  assert.deepEqual(scripts, [`<script type="module" nonce="${base.nonce}" src="${base.scriptUri}">`]);
  // No inline style attributes anywhere in the page.
  assert.doesNotMatch(html, /\sstyle=/);
  assert.match(html, /<title>GenQueue<\/title>/);
});

test('values are HTML-escaped', () => {
  const html = renderWebviewHtml({ ...base, title: '<b>"x"</b>', scriptUri: 'https://a/b.js?x="1"&y=2' });
  assert.match(html, /<title>&#60;b&#62;&#34;x&#34;&#60;\/b&#62;<\/title>/);
  assert.match(html, /src="https:\/\/a\/b\.js\?x=&#34;1&#34;&#38;y=2"/);
});

test('bad input is rejected with a clear message', () => {
  assert.throws(() => renderWebviewHtml({ ...base, nonce: 'short' }), /nonce must be at least 16 base64 characters/);
  assert.throws(() => renderWebviewHtml({ ...base, nonce: "abcdefghijklmnop'; script-src *" }), /nonce/);
  assert.throws(
    () => renderWebviewHtml({ ...base, cspSource: "https://x; script-src 'unsafe-inline'" }),
    /cspSource .* is not a valid CSP source list/,
  );
  assert.throws(() => renderWebviewHtml({ ...base, scriptUri: '' }), /scriptUri is empty/);
});

test("code-server's cspSource ('self' plus a CDN host) is accepted; other quoted keywords are not", () => {
  const html = renderWebviewHtml({ ...base, cspSource: "'self' https://*.vscode-cdn.net" });
  assert.match(html, /img-src \S+ https:\/\/\*\.vscode-cdn\.net data:/);
  assert.throws(() => renderWebviewHtml({ ...base, cspSource: "'unsafe-inline'" }), /not a valid CSP source list/);
  assert.throws(() => renderWebviewHtml({ ...base, cspSource: "'self'; script-src *" }), /not a valid CSP source list/);
});
