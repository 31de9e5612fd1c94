// Generations panel at scale in headless Chromium: 10,000 history rows and 50 active jobs. First render
// (target < 100 ms) to layout and to first paint, beside the same for a one-job panel (what any first
// render costs on this machine), a progress patch (one job), a history page load (the next 100 rows), and
// the host side of those (diffing job views, paging and searching the history index); message sizes of a
// progress update before (complete snapshot with all history, the old protocol) and after (a patch);
// and the minified bundle size (target < 250 KB). Prints figures and ratios only; no pass/fail.
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import {
  DEFAULT_HISTORY_QUERY,
  HISTORY_PAGE_ROWS,
  type HostToWebview,
  type JobView,
} from '../src/extension/panel/generationsProtocol';
import { HistoryIndex } from '../src/extension/panel/historyIndex';
import { SentJobs } from '../src/extension/panel/jobsPatch';
import { activeJobViews, largeSnapshot, makeSnapshot, type PanelState } from '../test/fakes/jobViews';
import { buildWebviewBundle, launchChromium, openPanel, startPanelServer } from '../test/webview/harness';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const HISTORY_ROWS = 10_000;
const ACTIVE_JOBS = 50;
const FIRST_RENDER_TARGET_MS = 100;
const FRAME_MS = 16;
const BUNDLE_TARGET_BYTES = 250 * 1024;

interface Timing {
  /** Dispatch -> Lit update committed and style/layout forced (what the user waits for before paint). */
  layout: number;
  /**
   * Dispatch -> the first frame painted: a user-blocking task posted from the next animation frame runs
   * right after that frame's style, layout and paint (a plain setTimeout would also wait behind image
   * loads and the frame after).
   */
  paint: number;
}

const bytes = (m: unknown) => Buffer.byteLength(JSON.stringify(m));

/** The running job with its progress moved on, as the engine reports it. */
function progressed(state: PanelState, step: number): JobView {
  const job = state.jobs.find((j) => j.state === 'running' && !j.stale);
  if (!job) throw new Error('the workload has no running job');
  return { ...job, progress: Math.min(1, (job.progress ?? 0) + step / 100), updatedAt: job.updatedAt + step };
}

async function main(): Promise<void> {
  const bundle = await buildWebviewBundle(true);
  const gzip = gzipSync(bundle.code).byteLength;
  const server = await startPanelServer(bundle); // the production (minified) bundle
  const browser = await launchChromium();
  const state = largeSnapshot({ active: ACTIVE_JOBS, history: HISTORY_ROWS, previewBase: server.mediaBase });
  const oneJob = makeSnapshot({ jobs: activeJobViews().slice(0, 1) });
  const first: Timing[] = [];
  const floor: Timing[] = [];
  const patch: Timing[] = [];
  const page: Timing[] = [];
  let domRows = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      const p = await openPanel(browser, server, { width: 900, height: 900 });
      // As JSON: Playwright's own argument serializer takes seconds for thousands of rows.
      const snap = await p.page.evaluate(
        (json) => window.__fakeHost.snapshotOf(JSON.parse(json)),
        JSON.stringify(state),
      );
      first.push(await timeDispatch(p.page, snap));
      const changed = progressed(state, i + 1);
      patch.push(
        await timeDispatch(p.page, { type: 'jobs', patch: { now: state.now + 1000, changed: [changed], removed: [] } }),
      );
      const index = new HistoryIndex();
      index.upsert(state.history);
      const next = index.page(DEFAULT_HISTORY_QUERY, HISTORY_PAGE_ROWS, HISTORY_PAGE_ROWS, state.now);
      page.push(await timeDispatch(p.page, { type: 'history', page: next }));
      domRows = await p.page.evaluate(
        () => document.querySelector('genqueue-app')?.shadowRoot?.querySelectorAll('.history-list > li').length ?? 0,
      );
      const problems = await p.problems();
      if (problems.length > 0) throw new Error(`page problems during the benchmark:\n${problems.join('\n')}`);
      await p.page.context().close();
      const small = await openPanel(browser, server, { width: 900, height: 900 });
      const oneSnap = await small.page.evaluate(
        (json) => window.__fakeHost.snapshotOf(JSON.parse(json)),
        JSON.stringify(oneJob),
      );
      floor.push(await timeDispatch(small.page, oneSnap));
      await small.page.context().close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const host = hostFigures(state);
  const row = (name: string, xs: Timing[], key: keyof Timing, target: number) => {
    const m = median(xs.map((x) => x[key]));
    return `${name.padEnd(46)} median ${m.toFixed(1).padStart(6)} ms   cold ${xs[0]![key].toFixed(1).padStart(6)} ms   max ${Math.max(
      ...xs.map((x) => x[key]),
    )
      .toFixed(1)
      .padStart(6)} ms   target ${target} ms (ratio ${(m / target).toFixed(2)})`;
  };
  console.log(
    `webview render bench: ${ACTIVE_JOBS} active jobs, ${HISTORY_ROWS.toLocaleString('en-US')} history rows (paged ${HISTORY_PAGE_ROWS}, virtualized), ${RUNS} runs, headless Chromium`,
  );
  console.log(row('first snapshot: dispatch -> style+layout', first, 'layout', FIRST_RENDER_TARGET_MS));
  console.log(row('first snapshot: dispatch -> first paint', first, 'paint', FIRST_RENDER_TARGET_MS));
  console.log(row('one-job panel: dispatch -> style+layout', floor, 'layout', FIRST_RENDER_TARGET_MS));
  console.log(row('one-job panel: dispatch -> first paint', floor, 'paint', FIRST_RENDER_TARGET_MS));
  const extra = (key: keyof Timing) => median(first.map((x) => x[key])) - median(floor.map((x) => x[key]));
  console.log(
    `what 50 active + 10,000 history add to a one-job panel: ${extra('layout').toFixed(1)} ms to layout, ${extra('paint').toFixed(1)} ms to first paint`,
  );
  console.log(row('progress patch (1 job): dispatch -> layout', patch, 'layout', FRAME_MS));
  console.log(row('history page (+100 rows): dispatch -> layout', page, 'layout', FRAME_MS));
  console.log(
    `history rows in the DOM after 200 loaded: ${domRows} (of ${HISTORY_ROWS.toLocaleString('en-US')} in history)`,
  );
  console.log(`host: diff ${ACTIVE_JOBS}+ job views for a patch: ${host.diffMs.toFixed(2)} ms`);
  console.log(
    `host: a history page from the 10,000-row index: ${host.pageMs.toFixed(2)} ms; a search over it: ${host.searchMs.toFixed(2)} ms`,
  );
  console.log(
    `progress update message: before (complete snapshot, all history) ${host.before.toLocaleString('en-US')} B; ` +
      `after (jobs patch) ${host.after.toLocaleString('en-US')} B; ratio ${(host.before / host.after).toFixed(0)}x smaller`,
  );
  console.log(`complete snapshot now (first history page): ${host.snapshot.toLocaleString('en-US')} B`);
  console.log(
    `bundle dist/webview.js minified: ${(bundle.bytes / 1024).toFixed(1)} KB (gzip ${(gzip / 1024).toFixed(1)} KB), ` +
      `target 250 KB (ratio ${(bundle.bytes / BUNDLE_TARGET_BYTES).toFixed(2)})`,
  );
}

/** Host-side costs and message sizes, in Node. */
function hostFigures(state: PanelState) {
  const index = new HistoryIndex();
  index.upsert(state.history);
  index.rows();
  const sent = new SentJobs();
  sent.reset(state.jobs);
  const jobs = state.jobs.map((j) => (j.id === progressed(state, 1).id ? progressed(state, 1) : j));
  const diffMs = timeIt(() => sent.diff(jobs, state.now));
  const pageMs = timeIt(() => index.page(DEFAULT_HISTORY_QUERY, 5000, HISTORY_PAGE_ROWS, state.now));
  const searchMs = timeIt(() =>
    index.page({ ...DEFAULT_HISTORY_QUERY, search: 'lighthouse' }, 0, HISTORY_PAGE_ROWS, state.now),
  );
  const patch = new SentJobs();
  patch.reset(state.jobs);
  const message: HostToWebview = { type: 'jobs', patch: patch.diff(jobs, state.now + 1000) };
  const history = index.page(DEFAULT_HISTORY_QUERY, 0, HISTORY_PAGE_ROWS, state.now);
  return {
    diffMs,
    pageMs,
    searchMs,
    before: bytes({ type: 'snapshot', snapshot: { ...state, jobs } }),
    after: bytes(message),
    snapshot: bytes({ type: 'snapshot', snapshot: { ...state, history } }),
  };
}

function timeIt(fn: () => void): number {
  const xs: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

async function timeDispatch(page: Page, message: HostToWebview): Promise<Timing> {
  return page.evaluate(async (m) => {
    const app = document.querySelector('genqueue-app') as HTMLElement & { updateComplete: Promise<boolean> };
    const t0 = performance.now();
    window.__fakeHost.dispatch(m);
    await app.updateComplete;
    // Force style and layout of the whole panel, as the browser must before painting.
    app.shadowRoot?.querySelector('.section--history')?.getBoundingClientRect();
    void document.body.offsetHeight;
    const t1 = performance.now();
    const scheduler = (window as unknown as { scheduler: { postTask(f: () => void, o: object): Promise<void> } })
      .scheduler;
    await new Promise<void>((r) =>
      requestAnimationFrame(() => void scheduler.postTask(r, { priority: 'user-blocking' })),
    );
    return { layout: t1 - t0, paint: performance.now() - t0 };
  }, message);
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
