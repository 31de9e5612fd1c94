// The Production Queue webview in headless Chromium: webview/queue/main.ts bundled with esbuild, served
// by the panel harness's server with the production page (renderWebviewHtml: the real CSP and nonce) and
// its fake VS Code host (acquireVsCodeApi once per page, state kept across reloads, CSP violations recorded).
import type { Browser, Locator, Page } from 'playwright-core';
import type { QueueHostMessage, QueueWebviewMessage } from '../../../src/extension/queue/queueProtocol';
import { type BundleResult, buildAppBundle, type Theme } from '../harness';

export const APP_TAG = 'genqueue-queue';

export { launchChromium, startPanelServer } from '../harness';

/** Bundles webview/queue/main.ts alone, as esbuild.mjs does for dist/queue.js. */
export function buildQueueBundle(minify = false): Promise<BundleResult> {
  return buildAppBundle('queue', minify);
}

export interface QueuePage {
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems(): Promise<string[]>;
  /** Dispatches a host message and waits for the app (and the elements it rendered) to update. */
  send(message: QueueHostMessage): Promise<void>;
  posted(): Promise<QueueWebviewMessage[]>;
  clearPosted(): Promise<void>;
  reload(): Promise<void>;
  /** The element with this data-testid (inside the app's shadow root). */
  id(testid: string): Locator;
}

export async function openQueue(
  browser: Browser,
  server: { origin: string },
  opts: { theme?: Theme; width?: number; height?: number } = {},
): Promise<QueuePage> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 860 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Refused to|Content Security Policy/i.test(m.text()))
      errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  const load = async () => {
    await page.goto(`${server.origin}/?theme=${opts.theme ?? 'dark'}`);
    await page.waitForFunction((tag) => document.querySelector(tag)?.shadowRoot !== undefined, APP_TAG);
  };
  await load();
  return {
    page,
    async problems() {
      const csp = await page.evaluate(() => (window as unknown as { __cspViolations: unknown[] }).__cspViolations);
      return [...errors, ...csp.map((v) => `csp: ${JSON.stringify(v)}`)];
    },
    async send(message) {
      await page.evaluate(
        async ({ m, tag }) => {
          const app = document.querySelector(tag) as (HTMLElement & { updateComplete: Promise<boolean> }) | null;
          if (!app) throw new Error(`<${tag}> is not on the page`);
          window.dispatchEvent(new MessageEvent('message', { data: m }));
          await app.updateComplete;
          for (let pass = 0; pass < 3; pass++) {
            const pending = [...(app.shadowRoot?.querySelectorAll('*') ?? [])]
              .map((e) => (e as Partial<{ updateComplete: Promise<boolean> }>).updateComplete)
              .filter((x) => x !== undefined);
            await Promise.all(pending);
          }
        },
        { m: message, tag: APP_TAG },
      );
    },
    posted: () => page.evaluate(() => (window as unknown as FakeWindow).__fakeHost.posted),
    clearPosted: () =>
      page.evaluate(() => {
        (window as unknown as FakeWindow).__fakeHost.posted = [];
      }),
    reload: load,
    id: (testid) => page.locator(`[data-testid="${testid}"]`),
  };
}

interface FakeWindow {
  __fakeHost: { posted: QueueWebviewMessage[] };
}

/** Runs `fn` on a fresh page and then asserts no CSP violation, console error or page error happened. */
export async function withQueue(
  browser: Browser,
  server: { origin: string },
  fn: (q: QueuePage) => Promise<void>,
  opts: Parameters<typeof openQueue>[2] = {},
): Promise<void> {
  const q = await openQueue(browser, server, opts);
  try {
    await fn(q);
    const problems = await q.problems();
    if (problems.length > 0) throw new Error(`page problems:\n${problems.join('\n')}`);
  } finally {
    await q.page.context().close();
  }
}

/** Picks a value in a select (native or vscode-single-select) the way its own list does: sets value, fires change. */
export async function choose(select: Locator, value: string): Promise<void> {
  await select.evaluate((el, v) => {
    (el as HTMLSelectElement).value = v;
    el.dispatchEvent(new Event('change'));
  }, value);
}

/** data-id of every rendered row whose aria-selected is true, in display order. */
export async function selectedIds(q: QueuePage): Promise<string[]> {
  return q.page
    .locator('[role="row"][aria-selected="true"]')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id ?? ''));
}

/** data-id of every rendered row, in display order. */
export async function rowIds(q: QueuePage): Promise<string[]> {
  return q.page
    .locator('[role="row"][data-id]')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.id ?? ''));
}
