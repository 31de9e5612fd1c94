// Production Queue render cost in headless Chromium with a 1,000-shot list: first table render (target
// 300 ms), one filter keystroke (target 16 ms), select all visible (target 16 ms), a `rows` progress patch;
// and the minified bundle size. Prints figures and ratios only; no pass/fail.
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { manyRows, queueSnapshot } from '../test/fakes/queueViews';
import { buildQueueBundle, launchChromium, openQueue, startPanelServer } from '../test/webview/queue/queueHarness';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SHOTS = 1000;
const TARGETS = { first: 300, keystroke: 16, selectAll: 16 };

interface RunFigures {
  first: number;
  /**
   * Dispatch -> the first frame painted with rows in it: a user-blocking task posted from each animation
   * frame runs right after that frame's paint; the first one that finds rows ends the time.
   */
  firstPaint: number;
  keystroke: number;
  selectAll: number;
  /** Select all → the bulk editor laid out in the inspector (it follows the table a frame later). */
  selectAllInspector: number;
  /** Select all while two shots are selected: the bulk editor is open already, so only the table changes. */
  selectAllFromBulk: number;
  patch: number;
}

/**
 * Runs inside the page: dispatch → Lit update of the app and the virtualizer (for the first snapshot: until
 * rows are on screen) → style and layout forced, which the browser must do before it paints.
 */
async function measure(
  page: Page,
  action: 'snapshot' | 'keystroke' | 'selectAll' | 'selectAllInspector' | 'patch',
  arg: unknown,
): Promise<{ settled: number; paint: number }> {
  return page.evaluate(
    async ({ action, arg }) => {
      const app = document.querySelector('genqueue-queue') as HTMLElement & { updateComplete: Promise<boolean> };
      const root = app.shadowRoot!;
      const t0 = performance.now();
      if (action === 'snapshot' || action === 'patch') window.dispatchEvent(new MessageEvent('message', { data: arg }));
      else if (action === 'keystroke') {
        const input = root.querySelector('[data-testid="search"]')!.shadowRoot!.querySelector('input')!;
        input.value = arg as string;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      } else {
        const grid = root.querySelector('[data-testid="queue-table"]') as HTMLElement;
        grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', ctrlKey: true, bubbles: true, composed: true }));
      }
      const scheduler = (window as unknown as { scheduler: { postTask(f: () => void, o: object): Promise<void> } })
        .scheduler;
      const painted = (async () => {
        for (;;) {
          const shown = await new Promise<boolean>((r) =>
            requestAnimationFrame(
              () =>
                void scheduler.postTask(() => r(root.querySelector('[role="row"][data-id]') !== null), {
                  priority: 'user-blocking',
                }),
            ),
          );
          if (shown) return performance.now() - t0;
        }
      })();
      // Settle: the app's update, the virtualizer's update and layout, then forced style and layout.
      // (No named helpers in here: tsx would wrap them in a __name call the page does not have.)
      await app.updateComplete;
      const v = root.querySelector('lit-virtualizer') as (HTMLElement & { updateComplete: Promise<boolean> }) | null;
      await v?.updateComplete;
      // The virtualizer fills its first screen of rows after measuring (a frame later): wait for them.
      while (action === 'snapshot' && !root.querySelector('[role="row"][data-id]')) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      while (action === 'selectAllInspector' && !root.querySelector('[data-testid="bulk-editor"]')) {
        await new Promise((r) => requestAnimationFrame(r));
        await app.updateComplete;
      }
      void root.querySelector('.table')?.getBoundingClientRect();
      void document.body.offsetHeight;
      const settled = performance.now() - t0;
      return { settled, paint: await painted };
    },
    { action, arg },
  );
}

/** Two frames and a moment: whatever the last action left pending has run. */
function settle(page: Page): Promise<void> {
  return page.evaluate(
    () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))),
  );
}

async function oneRun(page: Page): Promise<RunFigures> {
  const snapshot = queueSnapshot({ rows: manyRows(SHOTS) });
  const { settled: first, paint: firstPaint } = await measure(page, 'snapshot', { type: 'snapshot', snapshot });
  const rendered = await page.locator('[role="row"][data-id]').count();
  if (rendered === 0 || rendered >= SHOTS) throw new Error(`expected a virtualized table, found ${rendered} rows`);
  // Typing "harbour": each keystroke re-filters the 1,000 rows.
  const keys: number[] = [];
  let typed = '';
  for (const ch of 'harbour') {
    typed += ch;
    keys.push((await measure(page, 'keystroke', typed)).settled);
  }
  await measure(page, 'keystroke', '');
  // Let the cleared search's rows finish (the virtualizer measures them over the next frames), so select
  // all is timed alone.
  await settle(page);
  const selectAll = (await measure(page, 'selectAll', undefined)).settled;
  const selected = await page.locator('[role="row"][aria-selected="true"]').count();
  if (selected !== rendered) throw new Error(`select all selected ${selected} of ${rendered} rendered rows`);
  await page.locator('[data-testid="queue-table"]').focus();
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="insp-empty"]').waitFor();
  const selectAllInspector = (await measure(page, 'selectAllInspector', undefined)).settled;
  const row = { ...snapshot.rows[3]!, status: 'generating' as const, progress: 0.5 };
  const patch = (await measure(page, 'patch', { type: 'rows', rows: [row] })).settled;
  await page.locator('[data-testid="queue-table"]').focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.locator('[data-testid="bulk-editor"]').waitFor({ timeout: 5000 });
  const selectAllFromBulk = (await measure(page, 'selectAll', undefined)).settled;
  return { first, firstPaint, keystroke: median(keys), selectAll, selectAllInspector, selectAllFromBulk, patch };
}

async function main(): Promise<void> {
  const bundle = await buildQueueBundle(true);
  const gzip = gzipSync(bundle.code).byteLength;
  const server = await startPanelServer(bundle);
  const browser = await launchChromium();
  const runs: RunFigures[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const q = await openQueue(browser, server, { width: 1280, height: 900 });
      runs.push(await oneRun(q.page));
      const problems = await q.problems();
      if (problems.length > 0) throw new Error(`page problems during the benchmark:\n${problems.join('\n')}`);
      await q.page.context().close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(
    `queue render bench: ${SHOTS.toLocaleString('en')} shots, ${RUNS} runs, headless Chromium (dispatch -> update + layout)`,
  );
  const line = (name: string, key: keyof RunFigures, target?: number) => {
    const xs = runs.map((r) => r[key]);
    const m = median(xs);
    const ratio = target ? `   target ${target} ms (ratio ${(m / target).toFixed(2)})` : '';
    console.log(
      `${name.padEnd(36)} median ${m.toFixed(1).padStart(6)} ms   cold ${xs[0]!.toFixed(1).padStart(6)} ms   max ${Math.max(
        ...xs,
      )
        .toFixed(1)
        .padStart(6)} ms${ratio}`,
    );
  };
  line('first table render', 'first', TARGETS.first);
  line('first table render -> first paint', 'firstPaint', TARGETS.first);
  line('filter keystroke (search)', 'keystroke', TARGETS.keystroke);
  line('select all visible (ctrl+A)', 'selectAll', TARGETS.selectAll);
  line('select all -> bulk editor (next frame)', 'selectAllInspector');
  line('select all, bulk editor already open', 'selectAllFromBulk', TARGETS.selectAll);
  line('rows patch (one row progress)', 'patch');
  console.log(
    `bundle dist/queue.js minified: ${(bundle.bytes / 1024).toFixed(1)} KB (gzip ${(gzip / 1024).toFixed(1)} KB)`,
  );
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
