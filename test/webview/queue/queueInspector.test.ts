// The Production Queue inspector in headless Chromium: edits post setField/setModel/setParam for the shot
// (text after a pause and on blur, never losing typed text to a snapshot), bulk edits of several shots,
// and the takes with their actions and compare views.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { QueueWebviewMessage } from '../../../src/extension/queue/queueProtocol';
import { TID } from '../../../webview/queue/testids';
import { demoRows, makeTakes, QUEUE_MODELS, queueSnapshot } from '../../fakes/queueViews';
import type { PanelServer } from '../harness';
import {
  buildQueueBundle,
  choose,
  launchChromium,
  openQueue,
  type QueuePage,
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

/** Loads the demo list and selects `id`; returns with the posted messages cleared. */
async function inspect(q: QueuePage, id: string): Promise<void> {
  await q.send({ type: 'snapshot', snapshot: queueSnapshot() });
  await q.id(TID.row(id)).click();
  await q.id(TID.inspector).waitFor();
  await q.clearPosted();
}

async function postsOf(q: QueuePage, act: () => Promise<void>): Promise<QueueWebviewMessage[]> {
  await q.clearPosted();
  await act();
  return q.posted();
}

describe('Production Queue inspector and takes (headless Chromium, production CSP)', () => {
  test('a text setting shows its default as a placeholder, and none when the default is empty', async () => {
    await run(async (q) => {
      // Schemas often give a string input an empty default (e.g. a negative prompt).
      const models = QUEUE_MODELS.map((m) =>
        m.model === 'fal-ai/flux/schnell'
          ? {
              ...m,
              fields: [
                ...m.fields,
                { name: 'negative_prompt', label: 'Negative prompt', kind: 'string' as const, default: '' },
                { name: 'style', label: 'Style', kind: 'string' as const, default: 'film' },
              ],
            }
          : m,
      );
      await q.send({ type: 'snapshot', snapshot: queueSnapshot({ models }) });
      await q.id(TID.row('s01-title')).click();
      assert.equal(await q.id(TID.inspParam('negative_prompt')).getAttribute('placeholder'), '');
      assert.equal(await q.id(TID.inspParam('style')).getAttribute('placeholder'), 'Default: film');
    });
  });

  test('a JSON setting shows the object as JSON and posts an object; text that is not JSON is refused', async () => {
    await run(async (q) => {
      const models = QUEUE_MODELS.map((m) =>
        m.model === 'fal-ai/flux/schnell'
          ? { ...m, fields: [...m.fields, { name: 'loras', label: 'LoRAs', kind: 'json' as const }] }
          : m,
      );
      const rows = demoRows().map((r) => (r.id === 's01-title' ? { ...r, params: { loras: [{ scale: 1 }] } } : r));
      await q.send({ type: 'snapshot', snapshot: queueSnapshot({ models, rows }) });
      await q.id(TID.row('s01-title')).click();
      const field = q.id(TID.inspParam('loras'));
      assert.equal(await field.evaluate((e) => (e as HTMLInputElement).value), '[{"scale":1}]');
      const input = field.locator('input');
      await input.fill('{"path": ');
      assert.match(await q.page.locator('.field-problem').innerText(), /Enter JSON/);
      assert.deepEqual(await postsOf(q, () => input.blur()), [], 'not JSON: not sent');
      await input.fill('[{"path": "a.safetensors"}]');
      assert.deepEqual(await postsOf(q, () => input.blur()), [
        { type: 'setParam', ids: ['s01-title'], name: 'loras', value: [{ path: 'a.safetensors' }] },
      ]);
    });
  });

  test('selecting a shot asks for its takes and shows its fields, model price and typical time', async () => {
    await run(async (q) => {
      await q.send({ type: 'snapshot', snapshot: queueSnapshot() });
      assert.deepEqual(await postsOf(q, () => q.id(TID.row('s01-title')).click()), [
        { type: 'selectShot', id: 's01-title' },
      ]);
      assert.equal(await q.id(TID.inspPrompt).evaluate((e) => (e as HTMLTextAreaElement).value), demoRows()[0]!.prompt);
      assert.equal(await q.id(TID.inspOutput).evaluate((e) => (e as HTMLInputElement).value), 'public/shots/s01.png');
      assert.equal(
        await q.id(TID.inspModel).evaluate((e) => (e as HTMLSelectElement).value),
        'fal|fal-ai/flux/schnell',
      );
      assert.equal(await q.id(TID.inspModelInfo).innerText(), '$0.003 / image (catalog, 2026-11) · about 2 s');
      assert.equal(
        await q.id(TID.inspParam('image_size')).evaluate((e) => (e as HTMLSelectElement).value),
        'landscape_16_9',
      );
      assert.equal(
        await q.id(TID.inspParam('num_inference_steps')).evaluate((e) => (e as HTMLInputElement).value),
        '4',
      );
      assert.match(await q.id(TID.inspRefs).innerText(), /FLUX\.1 \[schnell\] takes no files/);
      // A value the model does not offer is shown as such, not replaced by another.
      const rows = demoRows().map((r) => (r.id === 's01-title' ? { ...r, params: { image_size: 'huge' } } : r));
      await q.send({ type: 'snapshot', snapshot: queueSnapshot({ rows }) });
      assert.equal(await q.id(TID.inspParam('image_size')).evaluate((e) => (e as HTMLSelectElement).value), 'huge');
      assert.match(
        await q.id(TID.inspParam('image_size')).locator('vscode-option[value="huge"]').innerText(),
        /not an option of this model/,
      );
      // Only image models are offered for an image shot.
      const options = await q
        .id(TID.inspModel)
        .locator('vscode-option')
        .evaluateAll((os) => os.map((o) => o.getAttribute('value')));
      assert.deepEqual(options, ['fal|fal-ai/flux/schnell', 'replicate|black-forest-labs/flux-schnell']);
      assert.equal(
        await q.page
          .locator('.takes')
          .innerText()
          .then((t) => /Loading takes/.test(t)),
        true,
      );
    });
  });

  test('text edits post setField after a 400 ms pause and on blur, once, with the final text', async () => {
    const q = await openQueue(browser, server);
    try {
      await q.page.clock.install();
      await q.reload();
      await inspect(q, 's02-harbour');
      const prompt = q.id(TID.inspPrompt).locator('textarea');
      await prompt.fill('Fishing harbour at dawn');
      await prompt.pressSequentially(', fog');
      assert.deepEqual(await q.posted(), [], 'nothing is sent while typing');
      await q.page.clock.runFor(400);
      assert.deepEqual(await q.posted(), [
        { type: 'setField', ids: ['s02-harbour'], field: 'prompt', value: 'Fishing harbour at dawn, fog' },
      ]);
      await q.clearPosted();
      const notes = q.id(TID.inspNotes).locator('textarea');
      await notes.fill('Use the wide lens');
      await q.id(TID.inspOutput).locator('input').focus();
      assert.deepEqual(await q.posted(), [
        { type: 'setField', ids: ['s02-harbour'], field: 'notes', value: 'Use the wide lens' },
      ]);
      await q.page.clock.runFor(1000);
      assert.equal((await q.posted()).length, 1, 'the blur sent it; the timer does not send it again');
      assert.deepEqual(await q.problems(), []);
    } finally {
      await q.page.context().close();
    }
  });

  test('a snapshot arriving while the prompt has focus keeps the typed text; the host value shows after', async () => {
    await run(async (q) => {
      await inspect(q, 's02-harbour');
      const prompt = q.id(TID.inspPrompt).locator('textarea');
      await prompt.fill('Typed but not saved yet');
      await q.send({ type: 'snapshot', snapshot: queueSnapshot() }); // still the old prompt
      assert.equal(await prompt.inputValue(), 'Typed but not saved yet');
      await q.id(TID.inspOutput).locator('input').focus(); // blur: sent now
      await q.send({ type: 'snapshot', snapshot: queueSnapshot() }); // the host has not applied it yet
      assert.equal(await prompt.inputValue(), 'Typed but not saved yet', 'the draft stays until the host agrees');
      const rows = demoRows().map((r) => (r.id === 's02-harbour' ? { ...r, prompt: 'Typed but not saved yet' } : r));
      await q.send({ type: 'snapshot', snapshot: queueSnapshot({ rows }) });
      const edited = rows.map((r) => (r.id === 's02-harbour' ? { ...r, prompt: 'Edited in the text editor' } : r));
      await q.send({ type: 'snapshot', snapshot: queueSnapshot({ rows: edited }) });
      assert.equal(
        await prompt.inputValue(),
        'Edited in the text editor',
        'text-editor edits show once nothing is pending',
      );
    });
  });

  test('model, enum, boolean and number params post setModel/setParam for the shot; bad numbers are not sent', async () => {
    await run(async (q) => {
      await inspect(q, 's01-title');
      assert.deepEqual(
        await postsOf(q, () => choose(q.id(TID.inspModel), 'replicate|black-forest-labs/flux-schnell')),
        [{ type: 'setModel', ids: ['s01-title'], provider: 'replicate', model: 'black-forest-labs/flux-schnell' }],
      );
      assert.deepEqual(await postsOf(q, () => choose(q.id(TID.inspParam('image_size')), 'square_hd')), [
        { type: 'setParam', ids: ['s01-title'], name: 'image_size', value: 'square_hd' },
      ]);
      assert.deepEqual(await postsOf(q, () => choose(q.id(TID.inspParam('image_size')), '')), [
        { type: 'setParam', ids: ['s01-title'], name: 'image_size' },
      ]);
      assert.deepEqual(await postsOf(q, () => q.id(TID.inspParam('enable_safety_checker')).click()), [
        { type: 'setParam', ids: ['s01-title'], name: 'enable_safety_checker', value: false },
      ]);
      const steps = q.id(TID.inspParam('num_inference_steps')).locator('input');
      await steps.fill('40');
      assert.match(await q.page.locator('.field-problem').innerText(), /At most 12\. The file keeps its old value\./);
      assert.deepEqual(await postsOf(q, () => steps.blur()), [], 'out of range: not sent');
      await steps.fill('8');
      assert.deepEqual(await postsOf(q, () => steps.blur()), [
        { type: 'setParam', ids: ['s01-title'], name: 'num_inference_steps', value: 8 },
      ]);
      assert.equal(await q.page.locator('.field-problem').count(), 0);
      assert.deepEqual(await postsOf(q, () => choose(q.id(TID.inspModality), 'video')), [
        { type: 'setField', ids: ['s01-title'], field: 'modality', value: 'video' },
      ]);
    });
  });

  test('several shots selected: set the model (one modality) or a param on all of them at once', async () => {
    await run(async (q) => {
      await inspect(q, 's01-title');
      await q.id(TID.row('s02-harbour')).click({ modifiers: ['Control'] });
      await q.id(TID.row('s06-workshop')).click({ modifiers: ['Control'] });
      assert.match(await q.id(TID.bulk).innerText(), /3 shots selected/);
      const ids = ['s01-title', 's02-harbour', 's06-workshop'];
      assert.deepEqual(
        await postsOf(q, () => choose(q.id(TID.bulkModel), 'replicate|black-forest-labs/flux-schnell')),
        [{ type: 'setModel', ids, provider: 'replicate', model: 'black-forest-labs/flux-schnell' }],
      );
      await choose(q.id(TID.bulkParamName), 'num_inference_steps');
      await q.id(TID.bulkParamValue).locator('input').fill('6');
      assert.deepEqual(await postsOf(q, () => q.id(TID.bulkParamApply).click()), [
        { type: 'setParam', ids, name: 'num_inference_steps', value: 6 },
      ]);
      await choose(q.id(TID.bulkParamName), 'image_size');
      await choose(q.id(TID.bulkParamValue), 'portrait_16_9');
      assert.deepEqual(await postsOf(q, () => q.id(TID.bulkParamApply).click()), [
        { type: 'setParam', ids, name: 'image_size', value: 'portrait_16_9' },
      ]);
      // Mixed modalities: no model picker, a note instead.
      await q.id(TID.row('s03-flyover')).click({ modifiers: ['Control'] });
      assert.equal(await q.id(TID.bulkModel).count(), 0);
      assert.match(await q.id(TID.bulkModelNote).innerText(), /mixes image, video shots/);
    });
  });

  test('takes render with cost, time and badges; each action posts for its take', async () => {
    await run(async (q) => {
      await inspect(q, 's01-title');
      await q.send({
        type: 'takes',
        shotId: 's01-title',
        takes: makeTakes('s01-title', server.mediaBase, 'image', 2, 2),
      });
      const t1 = q.id(TID.take(1));
      const t2 = q.id(TID.take(2));
      assert.equal(await t1.locator('[data-badge="stale"]').count(), 1);
      assert.equal(await t2.locator('[data-badge="chosen"]').count(), 1);
      assert.equal(await t1.locator('[data-fact="cost"]').innerText(), '$0.003 (catalog)');
      assert.equal((await t2.locator('[data-fact="time"]').innerText()).trim(), '3.1 s');
      await t1.locator('img').evaluate((img) => (img as HTMLImageElement).decode());
      assert.equal(await q.id(TID.takeUse(2)).getAttribute('disabled'), '', 'the chosen take cannot be used again');
      const cases: [string, QueueWebviewMessage][] = [
        [TID.takeUse(1), { type: 'useTake', id: 's01-title', take: 1 }],
        [TID.takeRerun(1), { type: 'rerun', id: 's01-title', take: 1 }],
        [TID.takeEditRetry(2), { type: 'editRetry', id: 's01-title', take: 2 }],
        [TID.takeInsert(1), { type: 'insertTake', id: 's01-title', take: 1 }],
        [TID.takeReveal(2), { type: 'revealTake', id: 's01-title', take: 2 }],
      ];
      for (const [testid, message] of cases)
        assert.deepEqual(await postsOf(q, () => q.id(testid).click()), [message], testid);
    });
  });

  test('compare two image takes side by side', async () => {
    await run(async (q) => {
      await inspect(q, 's01-title');
      await q.send({
        type: 'takes',
        shotId: 's01-title',
        takes: makeTakes('s01-title', server.mediaBase, 'image', 3, 2),
      });
      await q.id(TID.takeCompare(1)).click();
      assert.equal(await q.id(TID.compare).count(), 0);
      await q.id(TID.takeCompare(3)).click();
      const compare = q.id(TID.compare);
      assert.equal(await compare.getAttribute('data-kind'), 'image');
      assert.deepEqual(await compare.locator('figcaption').allInnerTexts(), [
        'Take 1 · $0.003 (catalog)',
        'Take 3 · $0.003 (catalog)',
      ]);
      await q.id(TID.compareClose).click();
      assert.equal(await compare.count(), 0);
    });
  });

  test('compared videos play, pause and seek together', async () => {
    await run(async (q) => {
      await inspect(q, 's03-flyover');
      await q.send({
        type: 'takes',
        shotId: 's03-flyover',
        takes: makeTakes('s03-flyover', server.mediaBase, 'video', 2),
      });
      await q.id(TID.takeCompare(1)).click();
      await q.id(TID.takeCompare(2)).click();
      const videos = q.id(TID.compare).locator('video');
      await videos.evaluateAll((vs) =>
        Promise.all(
          vs.map((v) =>
            (v as HTMLVideoElement).readyState >= 2
              ? 0
              : new Promise((r) => v.addEventListener('loadeddata', r, { once: true })),
          ),
        ),
      );
      const [a, b] = [videos.nth(0), videos.nth(1)];
      await a.evaluate((v) => (v as HTMLVideoElement).play());
      await b.evaluate(
        (v) =>
          new Promise((r) =>
            !(v as HTMLVideoElement).paused ? r(0) : v.addEventListener('playing', r, { once: true }),
          ),
      );
      await a.evaluate((v) => (v as HTMLVideoElement).pause());
      assert.equal(await b.evaluate((v) => (v as HTMLVideoElement).paused), true);
      await b.evaluate((v) => {
        (v as HTMLVideoElement).currentTime = 0.5;
        return new Promise((r) => v.addEventListener('seeked', r, { once: true }));
      });
      await a.evaluate(
        (v) =>
          new Promise((r) =>
            Math.abs((v as HTMLVideoElement).currentTime - 0.5) < 0.06
              ? r(0)
              : v.addEventListener('seeked', r, { once: true }),
          ),
      );
      assert.ok(Math.abs((await a.evaluate((v) => (v as HTMLVideoElement).currentTime)) - 0.5) < 0.06);
    });
  });

  test('audio A/B switches which take plays at the same time position', async () => {
    await run(async (q) => {
      await inspect(q, 's04-vo-open');
      await q.send({
        type: 'takes',
        shotId: 's04-vo-open',
        takes: makeTakes('s04-vo-open', server.mediaBase, 'speech', 2),
      });
      await q.id(TID.takeCompare(1)).click();
      await q.id(TID.takeCompare(2)).click();
      const compare = q.id(TID.compare);
      assert.equal(await compare.getAttribute('data-kind'), 'audio');
      const side = (s: string) => compare.locator(`audio[data-side="${s}"]`);
      // Wait for metadata (a seek before it is ignored), then move A to 0.25 s.
      await side('a').evaluate(
        (el) =>
          new Promise((r) =>
            (el as HTMLAudioElement).readyState >= 1 ? r(0) : el.addEventListener('loadedmetadata', r, { once: true }),
          ),
      );
      await side('a').evaluate(
        (el) =>
          new Promise((r) => {
            el.addEventListener('seeked', r, { once: true });
            (el as HTMLAudioElement).currentTime = 0.25;
          }),
      );
      assert.equal(await side('b').isHidden(), true);
      await q.id(TID.compareAb).click();
      assert.equal(await q.id(TID.compareAb).getAttribute('data-side'), 'b');
      assert.equal(await side('a').isHidden(), true);
      assert.ok(Math.abs((await side('b').evaluate((el) => (el as HTMLAudioElement).currentTime)) - 0.25) < 0.01);
    });
  });
});
