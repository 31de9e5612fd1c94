// Generations panel render cost in headless Chromium: first render of a snapshot with 50 active jobs and
// 1,000 history rows (target < 150 ms), a follow-up snapshot, a timer tick; and the minified bundle size
// (target < 250 KB). Prints figures only; no pass/fail.
import { gzipSync } from 'node:zlib';
import type { Snapshot } from '../src/extension/panel/generationsProtocol';
import { largeSnapshot } from '../test/fakes/jobViews';
import { buildWebviewBundle, launchChromium, openPanel, startPanelServer } from '../test/webview/harness';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FIRST_RENDER_TARGET_MS = 150;
const BUNDLE_TARGET_BYTES = 250 * 1024;

interface RunFigures {
  /** Snapshot received -> Lit update committed (genqueue:snapshot -> genqueue:rendered marks). */
  update: number;
  /** Dispatch -> update committed and style/layout forced (what the user waits for before paint). */
  layout: number;
  /** Dispatch -> the next animation frame after layout (roughly first paint). */
  frame: number;
}

async function main(): Promise<void> {
  const bundle = await buildWebviewBundle(true);
  const gzip = gzipSync(bundle.code).byteLength;
  const dev = await buildWebviewBundle(false);
  const server = await startPanelServer(bundle); // the production (minified) bundle
  const browser = await launchChromium();
  const first: RunFigures[] = [];
  const second: RunFigures[] = [];
  const ticks: number[] = [];
  try {
    const snap = largeSnapshot({ active: 50, history: 1000, previewBase: server.mediaBase });
    const next: Snapshot = {
      ...snap,
      now: snap.now + 1000,
      jobs: snap.jobs.map((j) => (j.state === 'running' ? { ...j, progress: 0.5 } : j)),
    };
    for (let i = 0; i < RUNS; i++) {
      const p = await openPanel(browser, server, { width: 900, height: 900 });
      first.push(await measure(p.page, snap, 1));
      second.push(await measure(p.page, next, 2));
      ticks.push(await measureTick(p.page));
      const problems = await p.problems();
      if (problems.length > 0) throw new Error(`page problems during the benchmark:\n${problems.join('\n')}`);
      await p.page.context().close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  // The first run includes Chromium's cold caches; report it apart from the median.
  const row = (name: string, xs: RunFigures[], key: keyof RunFigures) =>
    `${name.padEnd(44)} median ${median(xs.map((x) => x[key]))
      .toFixed(1)
      .padStart(6)} ms   cold ${xs[0]![key].toFixed(1).padStart(6)} ms   max ${Math.max(...xs.map((x) => x[key]))
      .toFixed(1)
      .padStart(6)} ms`;
  console.log(
    `webview render bench: 50 active jobs, 1,000 history rows (200 rendered), ${RUNS} runs, headless Chromium`,
  );
  console.log(row('first snapshot: Lit update', first, 'update'));
  console.log(row('first snapshot: dispatch -> style+layout', first, 'layout'));
  console.log(row('first snapshot: dispatch -> next frame', first, 'frame'));
  console.log(row('next snapshot (progress change): Lit update', second, 'update'));
  console.log(row('next snapshot: dispatch -> style+layout', second, 'layout'));
  console.log(`${'timer tick (elapsed clocks): update'.padEnd(44)} median ${median(ticks).toFixed(1).padStart(6)} ms`);
  const firstLayout = median(first.map((x) => x.layout));
  console.log(
    `first render vs target ${FIRST_RENDER_TARGET_MS} ms: ${firstLayout.toFixed(1)} ms (ratio ${(firstLayout / FIRST_RENDER_TARGET_MS).toFixed(2)})`,
  );
  console.log(
    `bundle dist/webview.js minified: ${(bundle.bytes / 1024).toFixed(1)} KB (gzip ${(gzip / 1024).toFixed(1)} KB), ` +
      `target 250 KB (ratio ${(bundle.bytes / BUNDLE_TARGET_BYTES).toFixed(2)}); unminified ${(dev.bytes / 1024).toFixed(1)} KB`,
  );
}

async function measure(page: import('playwright-core').Page, snapshot: Snapshot, seq: number): Promise<RunFigures> {
  return page.evaluate(
    async ({ s, n }) => {
      const app = document.querySelector('genqueue-app') as HTMLElement & { updateComplete: Promise<boolean> };
      performance.clearMarks();
      const host = (window as unknown as { __fakeHost: { send(x: unknown): void } }).__fakeHost;
      const t0 = performance.now();
      host.send(s);
      await app.updateComplete;
      if (app.dataset.renderSeq !== String(n)) throw new Error(`render ${n} did not happen`);
      const snapMark = performance.getEntriesByName('genqueue:snapshot')[0];
      const doneMark = performance.getEntriesByName('genqueue:rendered')[0];
      if (!snapMark || !doneMark) throw new Error('performance marks missing');
      // Force style and layout of the whole panel, as the browser must before painting.
      app.shadowRoot?.querySelector('.section--history')?.getBoundingClientRect();
      void document.body.offsetHeight;
      const t1 = performance.now();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t2 = performance.now();
      return { update: doneMark.startTime - snapMark.startTime, layout: t1 - t0, frame: t2 - t0 };
    },
    { s: snapshot, n: seq },
  );
}

async function measureTick(page: import('playwright-core').Page): Promise<number> {
  return page.evaluate(async () => {
    const app = document.querySelector('genqueue-app') as HTMLElement & {
      now: number;
      updateComplete: Promise<boolean>;
    };
    const t0 = performance.now();
    app.now += 1000;
    await app.updateComplete;
    return performance.now() - t0;
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
