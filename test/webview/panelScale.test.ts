// The generations panel at scale, in headless Chromium behind the fake host: history paged on demand
// and virtualized, job patches that touch one card, and shot-list batches grouped under the jobs a
// person started. Every test ends by asserting that no CSP violation, console or page error happened.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  DEFAULT_HISTORY_QUERY,
  type HistoryRow,
  type JobView,
  type WebviewToHost,
} from '../../src/extension/panel/generationsProtocol';
import { HistoryIndex } from '../../src/extension/panel/historyIndex';
import {
  makeHistoryRows,
  makeJobView,
  makeSnapshot,
  type PanelState,
  SAMPLE_NOW,
  sampleSnapshot,
} from '../fakes/jobViews';
import {
  buildWebviewBundle,
  launchChromium,
  openPanel,
  type PanelPage,
  type PanelServer,
  startPanelServer,
} from './harness';

let browser: Browser;
let server: PanelServer;

before(async () => {
  server = await startPanelServer(await buildWebviewBundle());
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function withPanel(fn: (p: PanelPage) => Promise<void>, height = 900): Promise<void> {
  const p = await openPanel(browser, server, { width: 900, height });
  try {
    await fn(p);
    assert.deepEqual(await p.problems(), [], 'no CSP violations, console errors or page errors');
  } finally {
    await p.page.context().close();
  }
}

function historyState(rows: number): PanelState {
  return makeSnapshot({ history: makeHistoryRows(rows) });
}

/** The fixture's rows in the order the host pages them. */
function hostOrder(rows: HistoryRow[]): HistoryRow[] {
  const index = new HistoryIndex();
  index.upsert(rows);
  return [...index.rows()];
}

const loads = async (p: PanelPage) =>
  (await p.posted()).filter((m): m is Extract<WebviewToHost, { type: 'loadHistory' }> => m.type === 'loadHistory');

async function domHistoryIds(p: PanelPage): Promise<string[]> {
  await frames(p);
  return p.page.locator('.history-list > li').evaluateAll((els) =>
    els
      .map((e) => ({ id: e.getAttribute('data-id') ?? '', top: e.getBoundingClientRect().top }))
      .sort((a, b) => a.top - b.top)
      .map((x) => x.id),
  );
}

/** The virtualizer lays out on animation frames. */
async function frames(p: PanelPage): Promise<void> {
  await p.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await p.settle();
}

async function scrollToEnd(p: PanelPage): Promise<void> {
  await p.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await frames(p);
}

describe('generations panel at scale (headless Chromium, production CSP)', () => {
  test('the snapshot carries one page of history; scrolling near the end asks for the next and appends it', async () => {
    await withPanel(async (p) => {
      const state = historyState(1000);
      const order = hostOrder(state.history);
      await p.send(state);
      assert.match((await p.page.locator('.history-count').textContent()) ?? '', /1,000 finished · 100 loaded/);
      assert.deepEqual(await loads(p), [], 'nothing asked before the user scrolls');
      await scrollToEnd(p);
      assert.deepEqual((await loads(p))[0], {
        type: 'loadHistory',
        query: DEFAULT_HISTORY_QUERY,
        offset: 100,
        limit: 100,
      });
      assert.match((await p.page.locator('.history-count').textContent()) ?? '', /1,000 finished · 200 loaded/);
      await scrollToEnd(p);
      await scrollToEnd(p);
      const asked = (await loads(p)).map((m) => m.offset);
      assert.deepEqual(asked, [...new Set(asked)], 'each page is asked for once');
      assert.ok(asked.includes(200), `the third page too: ${asked.join(',')}`);
      const ids = await domHistoryIds(p);
      const loaded = order.slice(0, 100 * (asked.length + 1)).map((r) => r.id);
      const tail = ids.filter((id) => !loaded.slice(0, 40).includes(id));
      assert.ok(tail.length > 0, 'rows of later pages are on screen at the end');
      assert.deepEqual(
        tail,
        loaded.slice(loaded.indexOf(tail[0]!), loaded.indexOf(tail[0]!) + tail.length),
        'in order',
      );
      assert.ok(order.findIndex((r) => r.id === tail.at(-1)) >= 100, 'appended rows come from the next pages');
    });
  });

  test('Load more asks for the next page too (keyboard users); a page for an old search is dropped', async () => {
    await withPanel(async (p) => {
      await p.send(historyState(300));
      await p.page.evaluate(() => {
        window.__fakeHost.autoAnswer = false;
      });
      await p.page.locator('[data-action="showMore"]').click();
      const [more] = await loads(p);
      assert.deepEqual(more, { type: 'loadHistory', query: DEFAULT_HISTORY_QUERY, offset: 100, limit: 100 });
      // The user searches before the page arrives: the late page must not land in the search results.
      await p.page.locator('vscode-textfield[name="search"] input').fill('lighthouse');
      await p.settle();
      const search = (await loads(p)).at(-1)!;
      assert.equal(search.query.search, 'lighthouse');
      await p.page.evaluate((m) => window.__fakeHost.answer(m), more!);
      await p.settle();
      assert.match((await p.page.locator('.history-count').textContent()) ?? '', /Searching…/);
      await p.page.evaluate((m) => window.__fakeHost.answer(m), search);
      await p.settle();
      const ids = await domHistoryIds(p);
      const want = hostOrder(makeHistoryRows(300)).filter((r) => r.prompt.toLowerCase().includes('lighthouse'));
      assert.deepEqual(
        ids,
        want.slice(0, ids.length).map((r) => r.id),
      );
    });
  });

  test('virtualized: 10,000 loaded rows put only a window of rows in the DOM, and scrolling moves it', async () => {
    await withPanel(async (p) => {
      const state = historyState(10_000);
      await p.send(state);
      const order = hostOrder(state.history);
      const index = new HistoryIndex();
      index.upsert(state.history);
      const all = index.page(DEFAULT_HISTORY_QUERY, 0, 10_000, state.now);
      await p.page.evaluate(
        (json) => window.__fakeHost.dispatch({ type: 'history', page: JSON.parse(json) }),
        JSON.stringify(all),
      );
      await frames(p);
      assert.match((await p.page.locator('.history-count').textContent()) ?? '', /^\s*10,000 finished\s*$/);
      const first = await domHistoryIds(p);
      assert.ok(first.length >= 40 && first.length < 200, `${first.length} rows in the DOM`);
      assert.deepEqual(
        first.slice(0, 40),
        order.slice(0, 40).map((r) => r.id),
      );
      await p.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
      await frames(p);
      const middle = await domHistoryIds(p);
      assert.ok(middle.length < 200, `${middle.length} rows in the DOM`);
      const at = middle.map((id) => order.findIndex((r) => r.id === id)).filter((i) => i >= 40);
      assert.ok(at.length > 0 && Math.min(...at) > 1000, `the window moved down the list: from row ${at[0]}`);
      assert.equal(Math.max(...at) - Math.min(...at) + 1, at.length, 'a contiguous window, in order');
    });
  });

  test('a long list of interactive jobs is virtualized too: 200 active jobs, a window of rows in the DOM', async () => {
    await withPanel(async (p) => {
      const jobs = Array.from({ length: 200 }, (_, i) =>
        makeJobView({ id: `many-${i}`, state: 'queued', createdAt: SAMPLE_NOW - 200_000 + i * 1000 }),
      );
      await p.send(makeSnapshot({ jobs }));
      await frames(p);
      const rows = await p.page.locator('.section--active li.job').count();
      assert.ok(rows > 0 && rows < 200, `${rows} of 200 rows in the DOM`);
      assert.equal(
        await p.page.locator('.section--active li.job').first().getAttribute('data-id'),
        'many-0',
        'oldest first',
      );
    });
  });

  test('a progress patch re-renders that one card; history and the other rows are untouched', async () => {
    const p = await openPanel(browser, server);
    try {
      // A paused clock: no elapsed-timer tick may touch the rows while we watch.
      await p.page.clock.install({ time: SAMPLE_NOW - 60_000 });
      await p.reload();
      await p.page.clock.pauseAt(SAMPLE_NOW);
      const state = sampleSnapshot({ previewBase: server.mediaBase });
      await p.send(state);
      await p.page.evaluate(() => {
        const root = document.querySelector('genqueue-app')!.shadowRoot!;
        const touched = new Set<string>();
        (window as unknown as { __touched: Set<string> }).__touched = touched;
        new MutationObserver((records) => {
          for (const r of records) {
            const el = (r.target instanceof Element ? r.target : r.target.parentElement) as Element | null;
            const owner = el?.closest('[data-id]')?.getAttribute('data-id') ?? el?.closest('section')?.className;
            touched.add(owner ?? el?.tagName ?? '?');
          }
        }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
      });
      const running = state.jobs.find((j) => j.id === 'active-running')!;
      const moved: JobView = { ...running, progress: 0.8, logs: [...running.logs, 'Sampling: 80%'] };
      await p.clearPosted();
      await p.patch({ now: state.now, changed: [moved], removed: [] });
      const touched = await p.page.evaluate(() => [...(window as unknown as { __touched: Set<string> }).__touched]);
      assert.deepEqual(touched, ['active-running'], 'only the running card changed');
      assert.equal(
        await p.page
          .locator('.job[data-id="active-running"] progress')
          .evaluate((e) => (e as HTMLProgressElement).value),
        80,
      );
      assert.match(
        (await p.page.locator('.job[data-id="active-running"] .job-step').textContent()) ?? '',
        /Generating 80%/,
      );
      assert.deepEqual(await p.posted(), [], 'a patch asks nothing of the host');

      // A patch can add a job and remove one.
      const added = makeJobView({ id: 'new-one', createdAt: state.now, state: 'queued', queuePosition: 1 });
      await p.patch({ now: state.now, changed: [added], removed: ['active-queued'] });
      assert.equal(await p.page.locator('.job[data-id="new-one"]').count(), 1);
      assert.equal(await p.page.locator('.job[data-id="active-queued"]').count(), 0);
      // A malformed patch is ignored with a warning; the last good state stays.
      await p.page.evaluate(() =>
        window.dispatchEvent(new MessageEvent('message', { data: { type: 'jobs', patch: { changed: 'x' } } })),
      );
      assert.equal(await p.page.locator('.job[data-id="new-one"]').count(), 1);
      assert.deepEqual(await p.problems(), []);
    } finally {
      await p.page.context().close();
    }
  });

  test('batch jobs: the palette job comes first; 300 batch jobs are one collapsed line that opens to a virtualized list', async () => {
    await withPanel(async (p) => {
      const list = 'film/video.shots.yaml';
      const batch: JobView[] = Array.from({ length: 300 }, (_, i) => {
        const shotId = `s${String(i + 1).padStart(3, '0')}`;
        const state = i < 12 ? 'running' : i < 15 ? 'queued' : 'waiting';
        return makeJobView({
          id: `batch-${i}`,
          state,
          createdAt: SAMPLE_NOW - 600_000 + i,
          batchId: 'b-film',
          priority: 'batch',
          shot: { list, shotId, fingerprint: `f${i}` },
          ...(i >= 290 ? { held: 'paused' as const } : {}),
        });
      });
      const palette = makeJobView({ id: 'palette-job', state: 'queued', createdAt: SAMPLE_NOW - 1000 });
      const done: HistoryRow = {
        ...makeHistoryRows(1)[0]!,
        id: 'shot-done',
        batchId: 'b-film',
        shot: { list, shotId: 's000' },
      };
      await p.send(makeSnapshot({ jobs: [palette, ...batch], history: [done] }));
      const rows = p.page.locator('.section--active li.job');
      assert.deepEqual(
        await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))),
        ['palette-job'],
        'only the palette job has a row while the batch is collapsed',
      );
      const group = p.page.locator('.batch-group[data-batch="b-film"]');
      assert.equal((await group.locator('.batch-title').textContent())?.trim(), 'Batch video.shots.yaml');
      assert.equal(
        (await group.locator('.batch-summary').textContent())?.trim(),
        '300 jobs: 12 running · 3 queued · 275 waiting · 10 held (paused)',
      );
      assert.match((await p.page.locator('.toolbar .summary').textContent()) ?? '', /^301 active \(12 generating\)/);
      await group.locator('.batch-toggle').click();
      assert.equal(await group.locator('.batch-toggle').getAttribute('aria-expanded'), 'true');
      await frames(p);
      const open = await group.locator('li.job').count();
      assert.ok(open > 0 && open < 300, `${open} batch rows in the DOM`);
      assert.equal(
        (await group.locator('li.job[data-id="batch-0"] .shot').textContent())?.trim(),
        'video.shots.yaml · s001',
      );
      assert.match(
        (await p.page.locator('.history-list li[data-id="shot-done"] .history-meta').textContent()) ?? '',
        / · video\.shots\.yaml · s000 · /,
      );
      // Open state survives a new snapshot; it is forgotten when the batch is gone.
      await p.send(makeSnapshot({ jobs: [palette], history: [done] }));
      const saved = await p.page.evaluate(() => JSON.parse(sessionStorage.getItem('fake-vscode-state') ?? '{}'));
      assert.deepEqual(saved.expanded, []);
    });
  });
});
