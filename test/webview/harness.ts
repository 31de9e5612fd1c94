// Test harness: the webview bundle served with the production page (renderWebviewHtml, strict CSP)
// to headless Debian Chromium, behind a fake VS Code host that records posts and sends snapshots.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { createH264MP4Encoder } from 'h264-mp4-encoder';
import { type Browser, chromium, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import type { JobsPatch, WebviewToHost } from '../../src/extension/panel/generationsProtocol';
import { createNonce, renderWebviewHtml } from '../../src/extension/shared/webviewHtml';
import type { PanelState } from '../fakes/jobViews';
import type { FakeHost } from './panelFakeHost';

const ROOT = join(__dirname, '..', '..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BundleResult {
  code: string;
  bytes: number;
}

/** Bundles webview/generations/main.ts alone (not esbuild.mjs, which also builds the host entry). */
export function buildWebviewBundle(minify = false): Promise<BundleResult> {
  return buildAppBundle('generations', minify);
}

/** Bundles one webview app's main.ts alone, as esbuild.mjs does for its dist file. */
export async function buildAppBundle(app: 'generations' | 'queue', minify = false): Promise<BundleResult> {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'webview', app, 'main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for webview/${app}/main.ts`);
  return { code: file.text, bytes: file.contents.byteLength };
}

/** The in-page fake host (panelFakeHost.ts) as a classic script, run before the app. */
async function buildFakeHostScript(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'test', 'webview', 'panelFakeHost.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for test/webview/panelFakeHost.ts');
  return file.text;
}

export type Theme = 'dark' | 'light';

/** A small set of VS Code theme variables (values from Dark Modern / Light Modern). */
const THEME_CSS = `
body.vscode-dark {
  --vscode-font-family: system-ui, "Segoe UI", Ubuntu, sans-serif; --vscode-font-size: 13px;
  --vscode-editor-font-family: "DejaVu Sans Mono", monospace; --vscode-editor-font-size: 12px;
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-disabledForeground: #8c8c8c;
  --vscode-panel-background: #181818; --vscode-panel-border: #2b2b2b; --vscode-editor-background: #1f1f1f;
  --vscode-editorWidget-background: #202020; --vscode-widget-border: #313131;
  --vscode-focusBorder: #0078d4; --vscode-icon-foreground: #cccccc; --vscode-toolbar-hoverBackground: #5a5d5e50;
  --vscode-list-hoverBackground: #2a2d2e; --vscode-textLink-foreground: #4daafc; --vscode-textLink-activeForeground: #4daafc;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #026ec1;
  --vscode-button-border: #ffffff12; --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc;
  --vscode-button-secondaryHoverBackground: #3c3c3c; --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8;
  --vscode-settings-textInputBackground: #313131; --vscode-settings-textInputBorder: #3c3c3c; --vscode-settings-textInputForeground: #cccccc;
  --vscode-settings-dropdownBackground: #313131; --vscode-settings-dropdownBorder: #3c3c3c; --vscode-settings-dropdownForeground: #cccccc;
  --vscode-settings-dropdownListBorder: #454545; --vscode-input-placeholderForeground: #989898;
  --vscode-charts-orange: #d18616; --vscode-charts-green: #89d185; --vscode-charts-red: #f14c4c;
  --vscode-charts-yellow: #cca700; --vscode-charts-blue: #3794ff; --vscode-progressBar-background: #0078d4;
  --vscode-textCodeBlock-background: #2b2b2b; --vscode-textBlockQuote-background: #2b2b2b;
  --vscode-sideBarSectionHeader-foreground: #cccccc;
  background: var(--vscode-panel-background);
}
body.vscode-light {
  --vscode-font-family: system-ui, "Segoe UI", Ubuntu, sans-serif; --vscode-font-size: 13px;
  --vscode-editor-font-family: "DejaVu Sans Mono", monospace; --vscode-editor-font-size: 12px;
  --vscode-foreground: #3b3b3b; --vscode-descriptionForeground: #616161; --vscode-disabledForeground: #8a8a8a;
  --vscode-panel-background: #f8f8f8; --vscode-panel-border: #e5e5e5; --vscode-editor-background: #ffffff;
  --vscode-editorWidget-background: #ffffff; --vscode-widget-border: #e5e5e5;
  --vscode-focusBorder: #005fb8; --vscode-icon-foreground: #3b3b3b; --vscode-toolbar-hoverBackground: #b8b8b850;
  --vscode-list-hoverBackground: #f2f2f2; --vscode-textLink-foreground: #005fb8; --vscode-textLink-activeForeground: #005fb8;
  --vscode-button-background: #005fb8; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #0258a8;
  --vscode-button-border: #0000001a; --vscode-button-secondaryBackground: #e5e5e5; --vscode-button-secondaryForeground: #3b3b3b;
  --vscode-button-secondaryHoverBackground: #cccccc; --vscode-badge-background: #cccccc; --vscode-badge-foreground: #3b3b3b;
  --vscode-settings-textInputBackground: #ffffff; --vscode-settings-textInputBorder: #cecece; --vscode-settings-textInputForeground: #3b3b3b;
  --vscode-settings-dropdownBackground: #ffffff; --vscode-settings-dropdownBorder: #cecece; --vscode-settings-dropdownForeground: #3b3b3b;
  --vscode-settings-dropdownListBorder: #cecece; --vscode-input-placeholderForeground: #767676;
  --vscode-charts-orange: #d18616; --vscode-charts-green: #388a34; --vscode-charts-red: #e51400;
  --vscode-charts-yellow: #bf8803; --vscode-charts-blue: #1a85ff; --vscode-progressBar-background: #005fb8;
  --vscode-textCodeBlock-background: #f2f2f2; --vscode-textBlockQuote-background: #f2f2f2;
  --vscode-sideBarSectionHeader-foreground: #3b3b3b;
  background: var(--vscode-panel-background);
}`;

/**
 * The fake VS Code API: acquireVsCodeApi (once per page, like VS Code), state in sessionStorage so it
 * survives reloads; posts go to the fake host (panelFakeHost.ts).
 */
const FAKE_VSCODE_JS = `(() => {
  const KEY = 'fake-vscode-state';
  let acquired = false;
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  }, true);
  // Counts live intervals, so a test can check the panel runs one timer, not one per row.
  const setI = window.setInterval.bind(window);
  const clearI = window.clearInterval.bind(window);
  const live = new Set();
  window.setInterval = (...a) => { const id = setI(...a); live.add(id); return id; };
  window.clearInterval = (id) => { live.delete(id); clearI(id); };
  window.__liveIntervals = () => live.size;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return {
      postMessage(m) { window.__fakeHost.receive(m); },
      getState() { const s = sessionStorage.getItem(KEY); return s ? JSON.parse(s) : undefined; },
      setState(s) { sessionStorage.setItem(KEY, JSON.stringify(s)); window.__fakeHost.stateWrites++; return s; },
    };
  };
})();`;

export interface PanelServer {
  origin: string;
  /** Base URL of the generated sample media: any <name>.png, <name>.mp4 or <name>.wav. */
  mediaBase: string;
  close(): Promise<void>;
}

export async function startPanelServer(bundle: BundleResult): Promise<PanelServer> {
  const [codiconCss, codiconTtf] = await Promise.all([
    readFile(join(ROOT, 'node_modules/@vscode/codicons/dist/codicon.css')),
    readFile(join(ROOT, 'node_modules/@vscode/codicons/dist/codicon.ttf')),
  ]);
  const media = await makeSampleMedia();
  const fakeHost = await buildFakeHostScript();
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/') {
      const theme: Theme = url.searchParams.get('theme') === 'light' ? 'light' : 'dark';
      send('text/html; charset=utf-8', panelPage(origin, theme, fakeHost));
    } else if (url.pathname === '/webview.js') send('text/javascript', bundle.code);
    else if (url.pathname === '/codicons/codicon.css') send('text/css', codiconCss);
    else if (url.pathname === '/codicons/codicon.ttf') send('font/ttf', codiconTtf);
    else if (url.pathname === '/favicon.ico')
      send('image/x-icon', Buffer.alloc(0)); // Chromium asks; VS Code would not
    else if (url.pathname.startsWith('/media/')) {
      // Any /media/<name>.<ext> serves the sample of that kind, so fakes can use per-job file names.
      const item = media[url.pathname.split('.').pop() ?? ''];
      if (item) sendMedia(item.type, item.body);
      else notFound();
    } else notFound();
    // Media elements want byte ranges (VS Code's resource loader serves them too).
    function sendMedia(type: string, body: Buffer) {
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
      if (!range) {
        res.writeHead(200, { 'content-type': type, 'accept-ranges': 'bytes', 'content-length': body.length });
        res.end(body);
        return;
      }
      const start = Number(range[1]);
      const end = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
      res.writeHead(206, {
        'content-type': type,
        'accept-ranges': 'bytes',
        'content-range': `bytes ${start}-${end}/${body.length}`,
        'content-length': end - start + 1,
      });
      res.end(body.subarray(start, end + 1));
    }
    function notFound() {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    mediaBase: `${origin}/media`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function panelPage(origin: string, theme: Theme, fakeHost: string): string {
  const nonce = createNonce();
  const html = renderWebviewHtml({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/webview.js`,
    codiconsUri: `${origin}/codicons/codicon.css`,
    title: 'GenQueue',
  });
  // Like VS Code: theme variables and body class come from the host, before the app's script runs.
  const injected = `<style nonce="${nonce}">${THEME_CSS}</style>\n<script nonce="${nonce}">${fakeHost}</script>\n<script nonce="${nonce}">${FAKE_VSCODE_JS}</script>\n</head>`;
  return html
    .replace('</head>', injected)
    .replace('<body>', `<body class="vscode-${theme}" data-vscode-theme-kind="vscode-${theme}">`);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface PanelPage {
  page: Page;
  /** Console errors, page errors and CSP violations seen so far (every test asserts it is empty). */
  problems(): Promise<string[]>;
  /** Sends a complete snapshot of `state` (first history page) and waits until it is rendered. */
  send(state: PanelState): Promise<void>;
  /** Sends a jobs patch and waits until it is rendered. */
  patch(patch: JobsPatch): Promise<void>;
  /** Waits until pending host answers are delivered and rendered (and the virtualizers laid out). */
  settle(): Promise<void>;
  posted(): Promise<WebviewToHost[]>;
  clearPosted(): Promise<void>;
  reload(): Promise<void>;
}

export async function openPanel(
  browser: Browser,
  server: PanelServer,
  opts: { theme?: Theme; width?: number; height?: number; reducedMotion?: boolean } = {},
): Promise<PanelPage> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 900, height: opts.height ?? 900 },
    reducedMotion: opts.reducedMotion === false ? 'no-preference' : 'reduce',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Refused to|Content Security Policy/i.test(m.text()))
      errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  let renders = 0;
  const load = async () => {
    renders = 0;
    await page.goto(`${server.origin}/?theme=${opts.theme ?? 'dark'}`);
    await page.waitForFunction(() => customElements.get('genqueue-app') !== undefined);
  };
  await load();
  return {
    page,
    async problems() {
      const csp = await page.evaluate(() => (window as unknown as { __cspViolations: unknown[] }).__cspViolations);
      return [...errors, ...csp.map((v) => `csp: ${JSON.stringify(v)}`)];
    },
    async send(state) {
      // As JSON: Playwright's own argument serializer takes seconds for thousands of rows.
      await page.evaluate(
        (json) => (window as unknown as FakeWindow).__fakeHost.send(JSON.parse(json)),
        JSON.stringify(state),
      );
      await settle(page);
      const seq = await page.evaluate(() => document.querySelector('genqueue-app')?.getAttribute('data-render-seq'));
      if (seq !== String(++renders)) throw new Error(`snapshot ${renders} was not rendered (render seq ${seq})`);
    },
    async patch(patch) {
      await page.evaluate(
        (json) => (window as unknown as FakeWindow).__fakeHost.patch(JSON.parse(json)),
        JSON.stringify(patch),
      );
      await settle(page);
    },
    settle: () => settle(page),
    posted: () => page.evaluate(() => (window as unknown as FakeWindow).__fakeHost.posted),
    clearPosted: () =>
      page.evaluate(() => {
        (window as unknown as FakeWindow).__fakeHost.posted = [];
      }),
    reload: load,
  };
}

interface FakeWindow {
  __fakeHost: FakeHost;
}

/**
 * No polling and no timers (tests may pause the page clock): let queued host answers (microtasks)
 * arrive, then await Lit's update promises of the app and of every element it rendered (vscode-*
 * update in their own microtasks), a few rounds, then the virtualizers' layouts.
 */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const app = document.querySelector('genqueue-app') as (HTMLElement & { updateComplete: Promise<boolean> }) | null;
    if (!app) throw new Error('<genqueue-app> is not on the page');
    for (let pass = 0; pass < 4; pass++) {
      await Promise.resolve();
      await app.updateComplete;
      const pending = [...(app.shadowRoot?.querySelectorAll('*') ?? [])]
        .map((e) => (e as Partial<{ updateComplete: Promise<boolean> }>).updateComplete)
        .filter((x) => x !== undefined);
      await Promise.all(pending);
    }
  });
}

/** A gradient PNG, a short H.264 MP4 and a sine WAV, made on the fly so no binaries live in the repo. */
async function makeSampleMedia(): Promise<Record<string, { type: string; body: Buffer }>> {
  const w = 320;
  const h = 200;
  const png = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const sun = Math.hypot(x - 220, y - 80) < 34;
      png.data[i] = sun ? 255 : 40 + (y / h) * 180;
      png.data[i + 1] = sun ? 200 : 60 + (x / w) * 60;
      png.data[i + 2] = sun ? 120 : 140 - (y / h) * 60;
      png.data[i + 3] = 255;
    }
  }
  const enc = await createH264MP4Encoder();
  enc.width = 160;
  enc.height = 96;
  enc.frameRate = 10;
  enc.initialize();
  for (let f = 0; f < 10; f++) {
    const frame = new Uint8Array(160 * 96 * 4);
    for (let i = 0; i < 160 * 96; i++) {
      frame[i * 4] = 30 + (((i % 160) + f * 8) % 160);
      frame[i * 4 + 1] = 60;
      frame[i * 4 + 2] = 90 + Math.floor(i / 160);
      frame[i * 4 + 3] = 255;
    }
    enc.addFrameRgba(frame);
  }
  enc.finalize();
  const mp4 = Buffer.from(enc.FS.readFile(enc.outputFilename));
  enc.delete();
  return {
    png: { type: 'image/png', body: PNG.sync.write(png) },
    mp4: { type: 'video/mp4', body: mp4 },
    wav: { type: 'audio/wav', body: sineWav(0.5) },
  };
}

function sineWav(seconds: number): Buffer {
  const rate = 8000;
  const n = Math.floor(rate * seconds);
  const buf = Buffer.alloc(44 + n * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + n * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), 44 + i * 2);
  return buf;
}
