import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateCost } from '../../../../src/core/cost';
import type { Job } from '../../../../src/core/jobTypes';
import { parseShotList } from '../../../../src/core/shots/parseShotList';
import { BILLING_PAGES } from '../../../../src/extension/shots/shotBlockActions';
import { makeJob } from '../jobFixtures';
import { LIST_PATH, LIST_URI, listRef, MODEL, makeShotHarness } from './shotHarness';

const PRICE = estimateCost('replicate', MODEL, { prompt: 'shot 1' }).amount ?? 0;

test('the catalog prices the test model (the budget tests need a price)', () => {
  assert.ok(PRICE > 0);
});

test('the budget cap holds the batch before spent + in flight + next would pass it, with the message', async () => {
  const h = await makeShotHarness();
  const list = listRef([{}, {}, {}, {}, {}], { budget: PRICE * 2.5 });
  await h.runner.generate(list, ['s1', 's2', 's3', 's4', 's5']);
  await h.settle();
  const jobs = h.engine.list();
  assert.equal(jobs.filter((j) => j.state === 'succeeded').length, 2);
  assert.equal(jobs.filter((j) => j.state === 'waiting' && j.held === 'budget').length, 3);
  assert.equal(h.provider.counts.submit, 2);
  const view = h.runner.batchFor(LIST_PATH);
  assert.equal(view?.blocked?.reason, 'budget');
  assert.match(view?.blocked?.message ?? '', /budget/);
  assert.equal(view?.done, 2);
  assert.equal(view?.waiting, 3);
  assert.equal(view?.finished, false);
});

test('raising the cap in the file and resuming sends the rest', async () => {
  const h = await makeShotHarness();
  const list = listRef([{}, {}, {}], { budget: PRICE * 1.5 });
  await h.runner.generate(list, ['s1', 's2', 's3']);
  await h.settle();
  assert.equal(h.provider.counts.submit, 1);
  // The user raises `budget:` in the open document, then presses Resume.
  h.ui.docs.set(LIST_URI, listRef([{}, {}, {}], { budget: PRICE * 10 }).text);
  await h.runner.blockAction(list, 'resume');
  await h.settle();
  assert.equal(h.engine.list().filter((j) => j.state === 'succeeded').length, 3);
  assert.equal(h.runner.batchFor(LIST_PATH)?.finished, true);
});

test('with no budget in the file the setting caps the list; without either nothing is held', async () => {
  const capped = await makeShotHarness();
  capped.settings.shotListBudget = PRICE * 1.5;
  await capped.runner.generate(listRef([{}, {}]), ['s1', 's2']);
  await capped.settle();
  assert.equal(capped.provider.counts.submit, 1);

  const free = await makeShotHarness();
  await free.runner.generate(listRef([{}, {}]), ['s1', 's2']);
  await free.settle();
  assert.equal(free.provider.counts.submit, 2);
});

function finishedJob(over: Partial<Job>): Job {
  return makeJob({
    state: 'succeeded',
    provider: 'replicate',
    model: MODEL,
    shot: { list: LIST_PATH, shotId: 's1', fingerprint: 'f' },
    ...over,
  });
}

test('spentOn sums actual costs where known (else the estimate of a success), from registry and history', async () => {
  const history = [
    finishedJob({
      cost: {
        estimate: { amount: 0.5, currency: 'USD', source: 'catalog', label: 'e' },
        actual: { amount: 0.2, currency: 'USD', source: 'provider-metrics', label: 'a' },
      },
    }),
    finishedJob({ cost: { estimate: { amount: 0.1, currency: 'USD', source: 'catalog', label: 'e' } } }),
    // A failure with no actual cost is not counted as spent.
    finishedJob({ state: 'failed', cost: { estimate: { amount: 5, currency: 'USD', source: 'catalog', label: 'e' } } }),
    // Another list's spending is not this list's.
    finishedJob({
      shot: { list: 'other.shots.yaml', shotId: 's1', fingerprint: 'f' },
      cost: { actual: { amount: 9, currency: 'USD', source: 'provider-metrics', label: 'a' } },
    }),
  ];
  const h = await makeShotHarness({ history });
  await h.runner.generate(listRef([{}]), ['s1']);
  await h.settle();
  const spent = h.runner.spentOn(LIST_PATH);
  const done = h.engine.list()[0];
  assert.equal(done?.state, 'succeeded');
  const doneCost = done?.cost.actual?.amount ?? done?.cost.estimate?.amount ?? 0;
  assert.ok(doneCost > 0);
  assert.ok(Math.abs((spent.amount ?? 0) - (0.3 + doneCost)) < 1e-9, JSON.stringify(spent));
  // One part is an estimate, so the sum is labelled as one.
  assert.equal(spent.source, 'catalog');
  assert.match(spent.label, /^\$0\.3\d* \(catalog estimate\)$/);
});

test('blockAction setKey runs Set API Key for the blocked provider and resumes once a key is stored', async () => {
  const h = await makeShotHarness({ concurrency: 1 });
  const list = listRef([{}, {}, {}]);
  await h.runner.generate(list, ['s1', 's2', 's3']);
  h.runner.pause(LIST_PATH);
  assert.equal(h.runner.batchFor(LIST_PATH)?.paused, true);
  h.ui.keyAnswer = false;
  await h.runner.blockAction(list, 'setKey');
  assert.deepEqual(h.ui.calls, ['setKey:replicate']);
  assert.equal(h.runner.batchFor(LIST_PATH)?.paused, true, 'no key stored: the batch stays held');
  h.ui.keyAnswer = true;
  await h.runner.blockAction(list, 'setKey');
  assert.equal(h.runner.batchFor(LIST_PATH)?.paused, false);
  await h.settle();
  assert.equal(h.engine.list().filter((j) => j.state === 'succeeded').length, 3);
});

test('blockAction topUp opens the provider’s billing page and keeps the batch held', async () => {
  const h = await makeShotHarness({ concurrency: 1 });
  const list = listRef([{}, {}]);
  await h.runner.generate(list, ['s1', 's2']);
  h.runner.pause(LIST_PATH);
  await h.runner.blockAction(list, 'topUp');
  assert.deepEqual(h.ui.calls, [`openExternal:${BILLING_PAGES.replicate}`]);
  await h.settle();
  assert.equal(h.runner.batchFor(LIST_PATH)?.paused, true);
  // Only the job sent before the pause ran.
  assert.equal(h.provider.counts.submit, 1);
});

test('blockAction editShots opens the file at the first failed shot and keeps the batch held', async () => {
  const refused = { category: 'input' as const, message: 'refused', retryable: false };
  const h = await makeShotHarness({
    plan: (n) => (n === 0 ? { runMs: 500, outcome: 'failed', error: refused } : { runMs: 500 }),
  });
  const list = listRef([{}, {}, {}]);
  await h.runner.generate(list, ['s2']);
  await h.settle();
  await h.runner.blockAction(list, 'editShots');
  const line = list.parsed.spans.s2?.start.line;
  assert.ok(line !== undefined && line > 0);
  assert.deepEqual(h.ui.calls, [`openAt:${LIST_URI}:${line}`]);
  assert.match(h.ui.messages.at(-1)?.text ?? '', /Failed in this batch: s2/);
});

test('blockAction raiseCap opens the file at budget:, or adds the line when there is none', async () => {
  const h = await makeShotHarness();
  const withBudget = listRef([{}, {}], { budget: PRICE * 1.5 });
  h.ui.docs.set(LIST_URI, withBudget.text);
  await h.runner.generate(withBudget, ['s1', 's2']);
  await h.settle();
  await h.runner.blockAction(withBudget, 'raiseCap');
  // Line 0 is the comment; `budget:` is on line 1.
  assert.deepEqual(h.ui.calls, [`openAt:${LIST_URI}:1`]);
  assert.equal(h.ui.edits.length, 0);
  assert.equal(h.runner.batchFor(LIST_PATH)?.blocked?.reason, 'budget');

  const without = listRef([{}, {}]);
  h.ui.docs.set(LIST_URI, without.text);
  await h.runner.blockAction(without, 'raiseCap');
  const text = h.ui.docs.get(LIST_URI) ?? '';
  assert.equal(parseShotList(text).list.budget, Math.ceil(h.runner.spentOn(LIST_PATH).amount ?? 0));
  assert.match(text, /^# The trailer's shots\n/, 'the comment is kept');
  const budgetLine = text.split('\n').findIndex((l) => l.startsWith('budget:'));
  assert.equal(h.ui.calls.at(-1), `openAt:${LIST_URI}:${budgetLine}`);
  assert.equal(h.runner.batchFor(LIST_PATH)?.blocked?.reason, 'budget');
});

test('blockAction cancelBatch cancels every unfinished job of the batch; resume resumes a paused one', async () => {
  const h = await makeShotHarness({ concurrency: 1 });
  const list = listRef([{}, {}, {}]);
  await h.runner.generate(list, ['s1', 's2']);
  h.runner.pause(LIST_PATH);
  await h.runner.blockAction(list, 'resume');
  assert.equal(h.runner.batchFor(LIST_PATH)?.paused, false);
  await h.runner.blockAction(list, 'cancelBatch');
  await h.settle();
  assert.ok(h.engine.list().every((j) => j.state === 'canceled'));
  const view = h.runner.batchFor(LIST_PATH);
  assert.equal(view?.canceled, 2);
  assert.equal(view?.finished, true);
  h.runner.closeOverlay(LIST_PATH);
  assert.equal(h.runner.batchFor(LIST_PATH), undefined);
});

/** Three shots, one at a time; the first is refused for its key, which holds the batch. */
async function batchWithRejectedKey() {
  const rejected = { category: 'auth' as const, message: 'Invalid token.', retryable: false, httpStatus: 401 };
  const h = await makeShotHarness({
    concurrency: 1,
    plan: (n) => (n === 0 ? { runMs: 500, outcome: 'failed', error: rejected } : { runMs: 500 }),
  });
  const list = listRef([{}, {}, {}]);
  await h.runner.generate(list, ['s1', 's2', 's3']);
  await h.settle();
  return { h, list };
}

test('a rejected key holds the batch; Set key sends the refused shot again with the rest, in the same batch', async () => {
  const { h, list } = await batchWithRejectedKey();
  const view = h.runner.batchFor(LIST_PATH);
  assert.equal(view?.blocked?.reason, 'auth');
  assert.equal(view?.blocked?.provider, 'replicate');
  assert.equal(h.provider.counts.submit, 1);
  await h.runner.blockAction(list, 'setKey');
  await h.settle();
  const newest = h.runner.jobsFor(LIST_PATH);
  assert.deepEqual(
    ['s1', 's2', 's3'].map((id) => newest.get(id)?.state),
    ['succeeded', 'succeeded', 'succeeded'],
  );
  assert.equal(new Set(h.engine.list().map((j) => j.batchId)).size, 1);
  assert.equal(h.runner.batchFor(LIST_PATH)?.finished, true);
});

test('a key stored from the palette resumes a batch held for a rejected key, once, even with the button too', async () => {
  const { h, list } = await batchWithRejectedKey();
  assert.equal(h.runner.batchFor(LIST_PATH)?.blocked?.reason, 'auth');
  // A key for another provider changes nothing.
  h.runner.resumeKeyHeld((p) => p === 'fal');
  await h.settle();
  assert.equal(h.runner.batchFor(LIST_PATH)?.blocked?.reason, 'auth', 'still held: no Replicate key');
  assert.equal(h.provider.counts.submit, 1);
  // The key event alone resumes the batch...
  h.runner.resumeKeyHeld((p) => p === 'replicate');
  await h.settle();
  assert.equal(h.runner.batchFor(LIST_PATH)?.blocked, undefined, 'resumed by the key event');
  // ...and with the Set key button and the event again, the refused shot is still sent again only once.
  await h.runner.blockAction(list, 'setKey');
  h.runner.resumeKeyHeld((p) => p === 'replicate');
  await h.settle();
  const newest = h.runner.jobsFor(LIST_PATH);
  assert.deepEqual(
    ['s1', 's2', 's3'].map((id) => newest.get(id)?.state),
    ['succeeded', 'succeeded', 'succeeded'],
  );
  assert.equal(h.provider.counts.submit, 4, 'the refused shot once more, then the two held ones');
  assert.equal(h.engine.list().filter((j) => j.retriedFrom !== undefined).length, 1);
});

test('a batch the engine resumes before the list is opened is capped by the file’s budget', async () => {
  const h = await makeShotHarness();
  const list = listRef([{}, {}, {}], { budget: PRICE * 1.5 });
  h.ui.docs.set(LIST_URI, list.text);
  // Jobs from before a reload: submitted without this runner ever seeing the list.
  const specs = list.parsed.list.shots.map((s) => ({
    provider: 'replicate' as const,
    model: MODEL,
    modality: 'image' as const,
    input: { prompt: s.prompt },
    batchId: 'b-before-reload',
    priority: 'batch' as const,
    shot: { list: LIST_PATH, shotId: s.id, fingerprint: 'f' },
  }));
  h.service.submitBatch(specs);
  await h.settle();
  assert.equal(h.provider.counts.submit, 1);
  assert.equal(h.runner.batchFor(LIST_PATH)?.blocked?.reason, 'budget');
});

test('before anything finished, the header and the overlay both say nothing was spent yet', async () => {
  const h = await makeShotHarness();
  assert.equal(h.runner.spentOn(LIST_PATH).label, '$0.00 (nothing spent yet)');
  const list = listRef([{}, {}]);
  await h.runner.generate(list, ['s1', 's2']);
  const view = h.runner.batchFor(LIST_PATH);
  assert.equal(view?.done, 0);
  assert.equal(view?.spent.label, '$0.00 (nothing spent yet)');
  assert.equal(h.runner.spentOn(LIST_PATH).label, '$0.00 (nothing spent yet)');
  await h.settle();
  assert.match(h.runner.batchFor(LIST_PATH)?.spent.label ?? '', /^\$0\.\d+ \(/);
});
