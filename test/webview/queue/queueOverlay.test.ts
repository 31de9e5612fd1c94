// The Production Queue's header actions and batch overlay in headless Chromium: counts, pause/resume,
// cancel, blocking states with their actions by reason, and an overlay that stays until Close.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { BatchView, BlockAction, QueueWebviewMessage } from '../../../src/extension/queue/queueProtocol';
import { TID } from '../../../webview/queue/testids';
import { makeBatch, queueSnapshot } from '../../fakes/queueViews';
import type { PanelServer } from '../harness';
import { buildQueueBundle, launchChromium, type QueuePage, startPanelServer, withQueue } from './queueHarness';

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

async function postsOf(q: QueuePage, testid: string): Promise<QueueWebviewMessage[]> {
  await q.clearPosted();
  await q.id(testid).click();
  return q.posted();
}

async function counts(q: QueuePage): Promise<Record<string, string | null>> {
  const ids = [TID.overlayRunning, TID.overlayWaiting, TID.overlayFailed, TID.overlayCanceled];
  return Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await q.id(id).getAttribute('data-count')])));
}

describe('Production Queue header and batch overlay (headless Chromium, production CSP)', () => {
  test('header: cost summary, counts on Generate stale and Retry failed, batch buttons disabled without a batch', async () => {
    await run(async (q) => {
      await q.send({ type: 'snapshot', snapshot: queueSnapshot() });
      assert.match(await q.id(TID.costSpent).innerText(), /\$0\.84 \(actual where known\)/);
      assert.match(await q.id(TID.costBudget).innerText(), /\$4\.16 left of \$5\.00 budget/);
      assert.match(await q.id(TID.generateStale).innerText(), /Generate stale \(1\)/);
      assert.match(await q.id(TID.retryFailed).innerText(), /Retry failed \(4\)/);
      assert.equal(await q.id(TID.cancelBatch).getAttribute('disabled'), '');
      assert.equal(await q.id(TID.pauseResume).getAttribute('title'), 'No batch is running');
      assert.deepEqual(await postsOf(q, TID.generateStale), [{ type: 'generateStale' }]);
      assert.deepEqual(await postsOf(q, TID.retryFailed), [{ type: 'retryFailed' }]);
      assert.deepEqual(await postsOf(q, TID.openText), [{ type: 'openText' }]);
      assert.deepEqual(await postsOf(q, TID.addShot), [{ type: 'addShot' }]);
      await q.send({ type: 'snapshot', snapshot: queueSnapshot({ fileError: 'Line 4: bad indentation.' }) });
      assert.match(
        await q.id(TID.fileError).innerText(),
        /Line 4: bad indentation\. The table shows the last readable version\./,
      );
    });
  });

  test('a running batch: N of M done, counts, spent vs estimate; Pause, Resume and Cancel post', async () => {
    await run(async (q) => {
      await q.send({ type: 'snapshot', snapshot: queueSnapshot({ batch: makeBatch() }) });
      assert.equal(await q.id(TID.overlayDone).innerText(), '5 of 12 done');
      assert.deepEqual(await counts(q), {
        [TID.overlayRunning]: '2',
        [TID.overlayWaiting]: '3',
        [TID.overlayFailed]: '1',
        [TID.overlayCanceled]: '1',
      });
      assert.equal(await q.id(TID.overlaySpent).innerText(), 'Spent $0.31 of an estimated $1.12 (catalog)');
      assert.equal(await q.id(TID.overlayProgress).evaluate((p) => (p as HTMLProgressElement).value), 7);
      assert.deepEqual(await postsOf(q, TID.overlayPauseResume), [{ type: 'pauseBatch' }]);
      await q.send({ type: 'batch', batch: makeBatch({ paused: true }) });
      assert.equal(await q.id(TID.overlayTitle).innerText(), 'Batch paused');
      assert.deepEqual(await postsOf(q, TID.overlayPauseResume), [{ type: 'resumeBatch' }]);
      assert.deepEqual(await postsOf(q, TID.overlayCancel), [{ type: 'cancelBatch' }]);
      // A progress message updates the counts in place.
      await q.send({ type: 'batch', batch: makeBatch({ done: 9, running: 1, waiting: 0 }) });
      assert.equal(await q.id(TID.overlayDone).innerText(), '9 of 12 done');
      assert.equal(await q.id(TID.overlayWaiting).getAttribute('data-count'), '0');
      assert.equal(await q.id(TID.overlayClose).count(), 0, 'no Close while running');
    });
  });

  test('hidden while running it shows as a pill; it comes back when the batch finishes and stays until Close', async () => {
    await run(async (q) => {
      await q.send({ type: 'snapshot', snapshot: queueSnapshot() });
      await q.send({ type: 'batch', batch: makeBatch() });
      await q.id(TID.overlayHide).click();
      assert.equal(await q.id(TID.overlay).count(), 0);
      assert.match(await q.id(TID.batchPill).innerText(), /Batch: 5 of 12 done/);
      assert.deepEqual(await postsOf(q, TID.pauseResume), [{ type: 'pauseBatch' }], 'header Pause works meanwhile');
      await q.id(TID.batchPill).click();
      assert.equal(await q.id(TID.overlay).count(), 1);
      await q.id(TID.overlayHide).click();
      const finished = makeBatch({ done: 10, running: 0, waiting: 0, failed: 1, canceled: 1, finished: true });
      await q.send({ type: 'batch', batch: finished });
      assert.equal(await q.id(TID.overlay).getAttribute('data-finished'), 'true');
      assert.equal(await q.id(TID.overlayTitle).innerText(), 'Batch finished with problems');
      await q.send({ type: 'snapshot', snapshot: queueSnapshot({ batch: finished }) });
      assert.equal(await q.id(TID.overlay).count(), 1, 'a new snapshot does not close it');
      assert.deepEqual(await postsOf(q, TID.overlayClose), [{ type: 'closeOverlay' }]);
      assert.equal(await q.id(TID.overlay).count(), 0);
      await q.send({ type: 'batch', batch: finished });
      assert.equal(await q.id(TID.overlay).count(), 0, 'the closed batch does not come back');
      await q.send({ type: 'batch', batch: makeBatch({ id: 'batch-2' }) });
      assert.equal(await q.id(TID.overlay).count(), 1, 'a new batch shows');
    });
  });

  test('a blocked batch says why and offers the fix for its reason, Resume and Cancel batch', async () => {
    const cases: [NonNullable<BatchView['blocked']>['reason'], BlockAction, string][] = [
      ['auth', 'setKey', 'Set key'],
      ['billing', 'topUp', 'Top up'],
      ['policy', 'editShots', 'Edit shots'],
      ['budget', 'raiseCap', 'Raise the cap'],
    ];
    await run(async (q) => {
      await q.send({ type: 'snapshot', snapshot: queueSnapshot() });
      for (const [reason, action, label] of cases) {
        const message = `Blocked because of ${reason}.`;
        await q.send({ type: 'batch', batch: makeBatch({ id: `b-${reason}`, blocked: { reason, message } }) });
        const blocked = q.id(TID.blocked);
        assert.equal(await blocked.getAttribute('data-reason'), reason);
        assert.match(await blocked.innerText(), new RegExp(message.replace('.', '\\.')));
        assert.match(await blocked.innerText(), /No shot was skipped/);
        assert.equal((await q.id(TID.blockAction(action)).innerText()).trim(), label);
        assert.deepEqual(await postsOf(q, TID.blockAction(action)), [{ type: 'blockAction', action }], reason);
        assert.deepEqual(await postsOf(q, TID.blockAction('resume')), [{ type: 'blockAction', action: 'resume' }]);
        assert.deepEqual(await postsOf(q, TID.blockAction('cancelBatch')), [
          { type: 'blockAction', action: 'cancelBatch' },
        ]);
        assert.equal(await q.id(TID.overlayHide).count(), 0, 'a block cannot be hidden: it needs an answer');
      }
      // A block always shows the overlay, even when it was hidden.
      await q.send({ type: 'batch', batch: makeBatch({ id: 'b-quiet' }) });
      await q.id(TID.overlayHide).click();
      await q.send({
        type: 'batch',
        batch: makeBatch({ id: 'b-quiet', blocked: { reason: 'auth', message: 'Key rejected.' } }),
      });
      assert.equal(await q.id(TID.blocked).count(), 1);
    });
  });
});
