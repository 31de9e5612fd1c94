// The Production Queue table in headless Chromium under the production CSP: every status, selection by
// mouse and keyboard, filters, search, sort, `rows` patches and state kept across reloads.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { ShotRow } from '../../../src/extension/queue/queueProtocol';
import { TID } from '../../../webview/queue/testids';
import { demoRows, manyRows, queueSnapshot } from '../../fakes/queueViews';
import type { PanelServer } from '../harness';
import {
  buildQueueBundle,
  choose,
  launchChromium,
  openQueue,
  type QueuePage,
  rowIds,
  selectedIds,
  startPanelServer,
  withQueue,
} from './queueHarness';

let browser: Browser;
let server: PanelServer;

before(async () => {
  server = await startPanelServer(await buildQueueBundle());
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const run = (fn: (q: QueuePage) => Promise<void>) => withQueue(browser, server, fn);

async function loaded(q: QueuePage, firstVisible = 's01-title'): Promise<void> {
  await q.send({ type: 'snapshot', snapshot: queueSnapshot() });
  await q.id(TID.row(firstVisible)).waitFor();
}

const ALL_IDS = demoRows().map((r) => r.id);

describe('Production Queue table (headless Chromium, production CSP)', () => {
  test('says ready once, first; shows a loading line until the snapshot', async () => {
    await run(async (q) => {
      assert.deepEqual(await q.posted(), [{ type: 'ready' }]);
      assert.match(await q.page.locator('.loading').innerText(), /Loading the shot list/);
      await loaded(q);
      assert.deepEqual(await rowIds(q), ALL_IDS);
      assert.equal(await q.id(TID.listName).innerText(), 'launch');
    });
  });

  test('the CSP is enforced: an injected inline style attribute is reported (control for the checks)', async () => {
    const q = await openQueue(browser, server);
    try {
      await q.page.evaluate(() => document.body.setAttribute('style', 'color: red'));
      await q.page.waitForFunction(
        () => (window as unknown as { __cspViolations: unknown[] }).__cspViolations.length > 0,
      );
      assert.ok((await q.problems()).some((x) => x.includes('style-src')));
    } finally {
      await q.page.context().close();
    }
  });

  test('renders every status with its text, and failed ones coloured by error category', async () => {
    await run(async (q) => {
      await loaded(q);
      const expected: [id: string, status: string, text: string][] = [
        ['s01-title', 'chosen', 'Chosen (take 2)'],
        ['s02-harbour', 'stale', 'Stale'],
        ['s03-flyover', 'generating', 'Generating 45%'],
        ['s04-vo-open', 'done', 'Done'],
        ['s05-bed', 'queued', 'Queued #3'],
        ['s06-workshop', 'waiting', 'Waiting'],
        ['s07-keyboard', 'held', 'Held (paused)'],
        ['s08-typing', 'failed', 'Failed (input)'],
        ['s09-macro', 'failed', 'Failed (billing/policy)'],
        ['s10-vo-feature', 'failed', 'Failed (API key)'],
        ['s11-sting', 'failed', 'Failed (temporary)'],
        ['s12-city', 'canceled', 'Canceled'],
        ['s13-logo', 'not-generated', 'Not generated'],
        ['s14-vo-close', 'held', 'Held (budget cap)'],
      ];
      for (const [id, status, text] of expected) {
        const cell = q.id(TID.status(id));
        assert.equal(await cell.getAttribute('data-status'), status, id);
        assert.equal((await cell.innerText()).trim(), text, id);
      }
      // A submit whose outcome is unknown is never shown as queued: it says so, and where to act.
      await q.send({ type: 'rows', rows: [{ ...demoRows()[5]!, status: 'unconfirmed', jobId: 'j-u' }] });
      const unconfirmed = q.id(TID.status('s06-workshop'));
      assert.equal((await unconfirmed.innerText()).trim(), 'Unconfirmed');
      assert.match((await unconfirmed.getAttribute('title')) ?? '', /could not confirm/);
      // Theme colours of the fake dark theme: charts red, yellow, yellow, blue.
      const colours: [string, string][] = [
        ['s08-typing', 'rgb(241, 76, 76)'],
        ['s09-macro', 'rgb(204, 167, 0)'],
        ['s10-vo-feature', 'rgb(204, 167, 0)'],
        ['s11-sting', 'rgb(55, 148, 255)'],
      ];
      for (const [id, colour] of colours) {
        assert.equal(await q.id(TID.status(id)).evaluate((e) => getComputedStyle(e).color), colour, id);
      }
      assert.equal(
        await q.id(TID.status('s10-vo-feature')).getAttribute('title'),
        'Replicate rejected the API token (401).',
      );
      const problems = q.id(TID.problems('s13-logo'));
      assert.equal(await problems.getAttribute('title'), 'Unknown model "fal-ai/unknown-model" for fal.');
      assert.equal(await q.page.locator('[data-testid^="problems-"]').count(), 1);
      assert.equal(await q.id(TID.row('s13-logo')).locator('.cell--estimate').innerText(), 'unknown');
    });
  });

  test('click selects one, shift-click a range, ctrl-click toggles; the header prices the selection', async () => {
    await run(async (q) => {
      await loaded(q);
      assert.equal(await q.id(TID.generateSelected).getAttribute('disabled'), '');
      assert.match(await q.id(TID.generateSelectedReason).innerText(), /Select one or more shots/);
      await q.id(TID.row('s02-harbour')).click();
      assert.deepEqual(await selectedIds(q), ['s02-harbour']);
      assert.equal(await q.id(TID.generateSelectedReason).isVisible(), false, 'the reason goes with a selection');
      await q.id(TID.row('s05-bed')).click({ modifiers: ['Shift'] });
      assert.deepEqual(await selectedIds(q), ['s02-harbour', 's03-flyover', 's04-vo-open', 's05-bed']);
      await q.id(TID.row('s04-vo-open')).click({ modifiers: ['Control'] });
      await q.id(TID.row('s13-logo')).click({ modifiers: ['Control'] });
      assert.deepEqual(await selectedIds(q), ['s02-harbour', 's03-flyover', 's05-bed', 's13-logo']);
      // 0.003 + 0.25 + 0.02, and one unknown price said as such.
      assert.equal(
        (await q.id(TID.costSelected).innerText()).replace(/\s+/g, ' ').trim(),
        'Selected (4): $0.27 (catalog price) + 1 shot with unknown price',
      );
      await q.id(TID.rowCheck('s02-harbour')).click();
      assert.deepEqual(await selectedIds(q), ['s03-flyover', 's05-bed', 's13-logo']);
      await q.clearPosted();
      await q.id(TID.generateSelected).click();
      assert.deepEqual(await q.posted(), [{ type: 'generate', ids: ['s03-flyover', 's05-bed', 's13-logo'] }]);
    });
  });

  test('each filter and the search narrow the rows; select all takes only the visible ones', async () => {
    await run(async (q) => {
      await loaded(q);
      await choose(q.id(TID.filterScene), 'product');
      assert.deepEqual(await rowIds(q), [
        's06-workshop',
        's07-keyboard',
        's08-typing',
        's09-macro',
        's10-vo-feature',
        's11-sting',
      ]);
      await choose(q.id(TID.filterModality), 'video');
      assert.deepEqual(await rowIds(q), ['s08-typing', 's09-macro']);
      await q.id(TID.selectAll).click();
      assert.deepEqual(await selectedIds(q), ['s08-typing', 's09-macro']);
      await q.id(TID.clearFilters).click();
      assert.equal((await rowIds(q)).length, 15);
      assert.deepEqual(await selectedIds(q), ['s08-typing', 's09-macro'], 'selection survives clearing the filters');
      await choose(q.id(TID.filterStatus), 'failed');
      assert.deepEqual(await rowIds(q), ['s08-typing', 's09-macro', 's10-vo-feature', 's11-sting']);
      await q.id(TID.selectAll).click();
      assert.deepEqual(await selectedIds(q), ['s08-typing', 's09-macro', 's10-vo-feature', 's11-sting']);
      await q.id(TID.selectAll).click();
      assert.deepEqual(await selectedIds(q), [], 'a second click clears the visible rows');
      await choose(q.id(TID.filterStatus), 'all');
      await choose(q.id(TID.filterGroup), 'voice');
      assert.deepEqual(await rowIds(q), ['s04-vo-open', 's10-vo-feature', 's14-vo-close']);
      await choose(q.id(TID.filterGroup), 'all');
      // Search covers id, prompt and notes, case-insensitively.
      const search = q.id(TID.search).locator('input');
      await search.fill('KEYBOARD');
      assert.deepEqual(await rowIds(q), ['s06-workshop', 's07-keyboard', 's08-typing', 's12-city']);
      await search.fill('landing page');
      assert.deepEqual(await rowIds(q), ['s01-title']);
      await search.fill('s14');
      assert.deepEqual(await rowIds(q), ['s14-vo-close']);
      await search.fill('no such shot');
      assert.equal(await rowIds(q).then((x) => x.length), 0);
      assert.match(await q.page.locator('.empty').innerText(), /No shot matches/);
    });
  });

  test('clicking a column header sorts ascending, then descending, then back to file order', async () => {
    await run(async (q) => {
      await loaded(q);
      const estimate = q.id(TID.sort('estimate'));
      await estimate.click();
      const asc = await rowIds(q);
      assert.deepEqual(asc.slice(0, 3), ['s04-vo-open', 's10-vo-feature', 's14-vo-close'], 'free first');
      assert.equal(asc.at(-1), 's13-logo', 'unknown price last');
      assert.equal(await q.page.locator('[role="columnheader"][aria-sort="ascending"]').count(), 1);
      assert.equal(await estimate.locator('.codicon-arrow-up').count(), 1);
      await estimate.click();
      assert.equal((await rowIds(q))[0], 's13-logo');
      assert.equal(await estimate.locator('.codicon-arrow-down').count(), 1);
      await estimate.click();
      assert.deepEqual(await rowIds(q), ALL_IDS);
      await q.id(TID.sort('status')).click();
      assert.deepEqual((await rowIds(q)).slice(0, 2), ['s13-logo', 's02-harbour'], 'not generated, then stale');
      await q.id(TID.sort('id')).click();
      await q.id(TID.sort('id')).click();
      assert.equal((await rowIds(q))[0], 's15-outro-bed');
    });
  });

  test('keyboard: arrows move, shift extends, space toggles, ctrl+A selects visible, Enter goes to the inspector', async () => {
    await run(async (q) => {
      await loaded(q);
      await q.id(TID.row('s01-title')).click();
      await q.page.keyboard.press('ArrowDown');
      assert.deepEqual(await selectedIds(q), ['s02-harbour']);
      await q.page.keyboard.press('Shift+ArrowDown');
      await q.page.keyboard.press('Shift+ArrowDown');
      assert.deepEqual(await selectedIds(q), ['s02-harbour', 's03-flyover', 's04-vo-open']);
      await q.page.keyboard.press('Shift+ArrowUp');
      assert.deepEqual(await selectedIds(q), ['s02-harbour', 's03-flyover']);
      await q.page.keyboard.press('Space');
      assert.deepEqual(await selectedIds(q), ['s02-harbour'], 'space toggles the focused row');
      await q.page.keyboard.press('ArrowUp');
      await q.page.keyboard.press('ArrowUp');
      await q.page.keyboard.press('ArrowUp');
      assert.deepEqual(await selectedIds(q), ['s01-title'], 'stops at the top');
      await choose(q.id(TID.filterScene), 'outro');
      await q.id(TID.table).focus();
      await q.page.keyboard.press('ControlOrMeta+a');
      assert.deepEqual(await selectedIds(q), ['s12-city', 's13-logo', 's14-vo-close', 's15-outro-bed']);
      await q.id(TID.row('s12-city')).click();
      await q.page.keyboard.press('End');
      assert.deepEqual(await selectedIds(q), ['s15-outro-bed']);
      await q.page.keyboard.press('Enter');
      const active = await q.page.evaluate(
        () =>
          (document.querySelector('genqueue-queue')?.shadowRoot?.activeElement as HTMLElement | null)?.dataset.testid,
      );
      assert.equal(active, TID.inspPrompt);
    });
  });

  test('1,000 shots: only a screenful of rows is in the DOM; End scrolls the last shot into view', async () => {
    await run(async (q) => {
      await q.send({ type: 'snapshot', snapshot: queueSnapshot({ rows: manyRows(1000) }) });
      await q.id(TID.row('shot-0001')).click();
      const rendered = (await rowIds(q)).length;
      assert.ok(rendered > 10 && rendered < 200, `virtualized: ${rendered} rows rendered`);
      await q.page.keyboard.press('End');
      await q.id(TID.row('shot-1000')).waitFor();
      assert.deepEqual(await selectedIds(q), ['shot-1000']);
      await q.page.keyboard.press('Shift+Home');
      await q.id(TID.row('shot-0001')).waitFor();
      assert.match(await q.id(TID.costSelected).innerText(), /Selected \(1000\)/);
    });
  });

  test('a `rows` message changes only that row: no other row is rebuilt or touched', async () => {
    await run(async (q) => {
      await loaded(q);
      await q.page.evaluate(() => {
        const root = document.querySelector('genqueue-queue')!.shadowRoot!;
        for (const row of root.querySelectorAll<HTMLElement>('[role="row"][data-id]'))
          (row as unknown as { mark: string }).mark = row.dataset.id!;
        const w = window as unknown as { mutated: Set<string> };
        w.mutated = new Set();
        new MutationObserver((records) => {
          for (const r of records) {
            const node = r.target instanceof Element ? r.target : r.target.parentElement;
            w.mutated.add(
              node?.closest<HTMLElement>('[role="row"][data-id]')?.dataset.id ?? `outside:${node?.className}`,
            );
          }
        }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
      });
      const patched: ShotRow = { ...demoRows()[4]!, status: 'generating', progress: 0.6 };
      await q.send({ type: 'rows', rows: [patched] });
      assert.equal((await q.id(TID.status('s05-bed')).innerText()).trim(), 'Generating 60%');
      const { mutated, same } = await q.page.evaluate(() => {
        const root = document.querySelector('genqueue-queue')!.shadowRoot!;
        const rows = [...root.querySelectorAll<HTMLElement>('[role="row"][data-id]')];
        return {
          mutated: [...(window as unknown as { mutated: Set<string> }).mutated],
          same: rows.every((r) => (r as unknown as { mark: string }).mark === r.dataset.id),
        };
      });
      assert.deepEqual(mutated, ['s05-bed']);
      assert.equal(same, true, 'every row element is the one rendered before the patch');
    });
  });

  test('selection, filters, sort and inspector width survive a reload; the inspected shot asks for its takes again', async () => {
    const q = await openQueue(browser, server);
    try {
      await loaded(q);
      await q.id(TID.row('s09-macro')).click();
      await choose(q.id(TID.filterScene), 'product');
      await q.id(TID.search).locator('input').fill('macro');
      await q.id(TID.sort('id')).click();
      const handle = q.page.locator('vscode-split-layout .handle');
      const box = (await handle.boundingBox())!;
      await q.page.mouse.move(box.x + box.width / 2, box.y + 100);
      await q.page.mouse.down();
      await q.page.mouse.move(box.x - 100, box.y + 100, { steps: 4 });
      await q.page.mouse.up();
      const width = await q.page.locator('aside.inspector').evaluate((e) => e.getBoundingClientRect().width);
      assert.ok(width > 450, `inspector dragged wider (${width})`);
      await q.reload();
      await loaded(q, 's09-macro');
      assert.deepEqual(await rowIds(q), ['s09-macro']);
      assert.deepEqual(await selectedIds(q), ['s09-macro']);
      assert.equal(await q.id(TID.search).evaluate((e) => (e as HTMLInputElement).value), 'macro');
      assert.equal(await q.id(TID.filterScene).evaluate((e) => (e as HTMLSelectElement).value), 'product');
      assert.equal(await q.id(TID.sort('id')).locator('.codicon-arrow-up').count(), 1);
      const after = await q.page.locator('aside.inspector').evaluate((e) => e.getBoundingClientRect().width);
      assert.ok(Math.abs(after - width) < 3, `inspector width kept (${width} → ${after})`);
      assert.deepEqual(await q.posted(), [{ type: 'ready' }, { type: 'selectShot', id: 's09-macro' }]);
      assert.deepEqual(await q.problems(), []);
    } finally {
      await q.page.context().close();
    }
  });

  test('a shot deleted from the file leaves the selection and the inspector', async () => {
    await run(async (q) => {
      await loaded(q);
      await q.id(TID.row('s02-harbour')).click();
      assert.equal(await q.id(TID.inspector).getAttribute('data-shot'), 's02-harbour');
      await q.send({
        type: 'snapshot',
        snapshot: queueSnapshot({ rows: demoRows().filter((r) => r.id !== 's02-harbour') }),
      });
      assert.deepEqual(await selectedIds(q), []);
      assert.equal(await q.id(TID.inspEmpty).count(), 1);
    });
  });
});
