// References in the Production Queue (headless Chromium, production CSP): the inspector has a box
// per file input of the shot's model; a file dropped from the VS Code explorer (uri-list, either
// type) posts dropRef, a row dragged from the table posts setRef shot:<id>, typing posts setRef,
// Browse… asks the host; the table shows the chain (waiting for / not sent, and "← s01").
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { ShotRow } from '../../../src/extension/queue/queueProtocol';
import { TID } from '../../../webview/queue/testids';
import { demoRows, makeRow, queueSnapshot } from '../../fakes/queueViews';
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

/** The demo rows plus an image-to-video shot made from s01-title, and a talking head that waits. */
function chainRows(extra: Partial<ShotRow> = {}): ShotRow[] {
  return [
    ...demoRows(),
    makeRow({
      id: 'i2v',
      modality: 'video',
      provider: 'local',
      model: 'local/image-to-video',
      modelLabel: 'Offline image to video (pan and zoom)',
      prompt: 'slow push-in',
      refs: { image: 'shot:s01-title' },
      from: ['s01-title'],
      status: 'not-generated',
      ...extra,
    }),
  ];
}

async function inspectI2v(q: QueuePage, extra: Partial<ShotRow> = {}): Promise<void> {
  await q.send({ type: 'snapshot', snapshot: queueSnapshot({ rows: chainRows(extra) }) });
  await q.id(TID.row('i2v')).click();
  await q.id(TID.inspRef('image')).waitFor();
  await q.clearPosted();
}

/** Drop a DataTransfer with these entries on the element (as the browser does for a real drop). */
async function dropOn(q: QueuePage, testid: string, data: Record<string, string>): Promise<void> {
  const dt = await q.page.evaluateHandle((entries) => {
    const t = new DataTransfer();
    for (const [type, value] of Object.entries(entries)) t.setData(type, value);
    return t;
  }, data);
  await q.id(testid).dispatchEvent('dragover', { dataTransfer: dt });
  await q.id(testid).dispatchEvent('drop', { dataTransfer: dt });
}

describe('Production Queue references and chains', () => {
  test("the inspector shows the model's file inputs with the shot's reference in each", async () => {
    await run(async (q) => {
      await inspectI2v(q);
      assert.equal(
        await q.id(TID.inspRefInput('image')).evaluate((e) => (e as HTMLInputElement).value),
        'shot:s01-title',
      );
      assert.match(await q.id(TID.inspRefs).innerText(), /Image \(image\) \*/);
      assert.match(await q.id(TID.inspRefs).innerText(), /Made from the chosen take of s01-title/);
      assert.deepEqual(await q.problems(), []);
    });
  });

  test('a file dropped from the explorer posts dropRef, with either uri-list type; comments are skipped', async () => {
    await run(async (q) => {
      await inspectI2v(q);
      await dropOn(q, TID.inspRef('image'), { 'application/vnd.code.uri-list': 'file:///ws/art/portrait.png' });
      await dropOn(q, TID.inspRef('image'), { 'text/uri-list': '# from the OS\r\nfile:///ws/art/other.png\r\n' });
      assert.deepEqual(await q.posted(), [
        { type: 'dropRef', id: 'i2v', field: 'image', uri: 'file:///ws/art/portrait.png' },
        { type: 'dropRef', id: 'i2v', field: 'image', uri: 'file:///ws/art/other.png' },
      ]);
    });
  });

  test('a row dragged from the table and dropped on a reference posts setRef shot:<id>', async () => {
    await run(async (q) => {
      await inspectI2v(q);
      // What the row puts on the drag is what the drop reads: one DataTransfer through both.
      const dt = await q.page.evaluateHandle(() => new DataTransfer());
      await q.id(TID.row('s02-harbour')).dispatchEvent('dragstart', { dataTransfer: dt });
      assert.equal(await dt.evaluate((t) => t.getData('text/plain')), 'shot:s02-harbour');
      await q.id(TID.inspRef('image')).dispatchEvent('drop', { dataTransfer: dt });
      assert.deepEqual(await q.posted(), [{ type: 'setRef', id: 'i2v', field: 'image', value: 'shot:s02-harbour' }]);
      // Plain text that is not a shot reference is ignored.
      await q.clearPosted();
      await dropOn(q, TID.inspRef('image'), { 'text/plain': 'hello' });
      assert.deepEqual(await q.posted(), []);
    });
  });

  test('typing a path posts setRef on blur; clearing removes it; Browse… asks the host', async () => {
    await run(async (q) => {
      await inspectI2v(q);
      const input = q.id(TID.inspRefInput('image')).locator('input');
      await input.fill('art/still.png');
      await q.id(TID.inspOutput).locator('input').focus();
      await q.id(TID.inspRefBrowse('image')).click();
      await q.id(TID.inspRefClear('image')).click();
      assert.deepEqual(await q.posted(), [
        { type: 'setRef', id: 'i2v', field: 'image', value: 'art/still.png' },
        { type: 'browseRef', id: 'i2v', field: 'image' },
        { type: 'setRef', id: 'i2v', field: 'image' },
      ]);
    });
  });

  test('the table shows the chain: waiting for a shot, not sent after a failure, and ← its source', async () => {
    await run(async (q) => {
      await q.send({
        type: 'snapshot',
        snapshot: queueSnapshot({
          rows: chainRows({ status: 'waiting', chain: { after: 's01-title', state: 'waiting' } }),
        }),
      });
      assert.equal((await q.id(TID.status('i2v')).innerText()).trim(), 'Waiting for s01-title');
      assert.equal((await q.id(TID.rowFrom('i2v')).innerText()).trim(), '← s01-title');
      assert.match((await q.id(TID.status('i2v')).getAttribute('title')) ?? '', /sent once s01-title has a new take/);
      await q.send({
        type: 'rows',
        rows: chainRows({ status: 'blocked', chain: { after: 's01-title', state: 'failed' } }).slice(-1),
      });
      assert.equal((await q.id(TID.status('i2v')).innerText()).trim(), 'Not sent: s01-title failed');
      assert.equal(await q.id(TID.status('i2v')).getAttribute('data-status'), 'blocked');
      assert.deepEqual(await q.problems(), []);
    });
  });
});
