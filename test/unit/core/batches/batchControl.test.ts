// Pause, resume, cancel and summary by batch: held jobs stay waiting, visible and unsent; the
// holds persist; cancel never lets an unsent job reach the provider.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeHarness, settleAll, spec } from '../engineHarness';
import { shotSpecs } from './batchFixtures';

function running(runMs = 30_000) {
  return makeHarness({ plan: () => ({ runMs }) }, { limits: { replicate: { concurrency: 2 } } });
}

describe('batches: pause, resume, cancel, summary', () => {
  it('pause holds the waiting jobs (never sent) while the sent ones finish; resume sends the rest', async () => {
    const h = running();
    await h.engine.start();
    const jobs = h.engine.submitBatch(shotSpecs('b1', 6));
    await h.clock.advance(1_000);
    h.engine.pauseBatch('b1');
    await h.clock.advance(10 * 60_000);
    const states = jobs.map((j) => h.engine.get(j.id)?.state);
    assert.deepEqual(states, ['succeeded', 'succeeded', 'waiting', 'waiting', 'waiting', 'waiting']);
    assert.equal(h.provider.counts.submit, 2, 'no held job reached the provider');
    assert.ok(jobs.slice(2).every((j) => h.engine.get(j.id)?.held === 'paused'));
    const summary = h.engine.batchSummary('b1');
    assert.equal(summary?.held, 'paused');
    assert.match(summary?.heldMessage ?? '', /resume/);
    assert.equal(summary?.finished, false);

    h.engine.resumeBatch('b1');
    await settleAll(h);
    assert.ok(jobs.every((j) => h.engine.get(j.id)?.state === 'succeeded'));
    assert.ok(
      jobs.every((j) => h.engine.get(j.id)?.held === undefined),
      'holds cleared',
    );
    assert.equal(h.provider.counts.submit, 6);
  });

  it('pause touches only its own batch; an interactive job and another batch go on', async () => {
    const h = running(5_000);
    await h.engine.start();
    const a = h.engine.submitBatch(shotSpecs('a', 3));
    const b = h.engine.submitBatch(shotSpecs('b', 3));
    h.engine.pauseBatch('a');
    const palette = h.engine.submit(spec());
    await settleAll(h, 10 * 60_000);
    assert.ok(b.every((j) => h.engine.get(j.id)?.state === 'succeeded'));
    assert.equal(h.engine.get(palette.id)?.state, 'succeeded');
    assert.ok(a.every((j) => h.engine.get(j.id)?.state === 'waiting'));
  });

  it('batch commands change only the jobs this engine drives (another window drives the rest)', async () => {
    const h = makeHarness({}, { shouldDrive: (j) => j.shot?.shotId !== 's02' });
    await h.engine.start();
    const [s1, s2] = h.engine.submitBatch(shotSpecs('b1', 2));
    h.engine.pauseBatch('b1');
    assert.equal(h.engine.get(s1?.id ?? '')?.held, 'paused');
    assert.equal(h.engine.get(s2?.id ?? '')?.held, undefined);
    await h.engine.cancelBatch('b1');
    assert.equal(h.engine.get(s1?.id ?? '')?.state, 'canceled');
    assert.equal(h.engine.get(s2?.id ?? '')?.state, 'waiting');
  });

  it('cancel: held and waiting jobs go canceled unsent, sent ones are cancelled at the provider', async () => {
    const h = running(60_000);
    await h.engine.start();
    const jobs = h.engine.submitBatch(shotSpecs('b1', 5));
    await h.clock.advance(5_000);
    h.engine.pauseBatch('b1');
    await h.engine.cancelBatch('b1');
    await settleAll(h);
    assert.ok(jobs.every((j) => h.engine.get(j.id)?.state === 'canceled'));
    assert.equal(h.provider.counts.submit, 2, 'only the two already sent ever reached the provider');
    assert.equal(h.provider.counts.cancel, 2, 'and both were cancelled there');
    assert.ok(jobs.every((j) => h.engine.get(j.id)?.held === undefined));
    const summary = h.engine.batchSummary('b1');
    assert.equal(summary?.counts.canceled, 5);
    assert.equal(summary?.finished, true);
    assert.equal(summary?.held, undefined);
  });

  it('summary: counts per state, spent (actual else estimate) and the estimate', async () => {
    const h = running(30_000);
    await h.engine.start();
    h.engine.submitBatch(shotSpecs('b1', 4));
    await h.clock.advance(1_000);
    const s = h.engine.batchSummary('b1');
    assert.equal(s?.total, 4);
    assert.equal(s?.counts.waiting, 2);
    assert.equal((s?.counts.queued ?? 0) + (s?.counts.running ?? 0), 2);
    assert.equal(s?.spentUsd, 0);
    const each = h.engine.list()[0]?.cost.estimate?.amount ?? 0;
    assert.ok(each > 0, 'the catalog prices this model');
    assert.ok(Math.abs((s?.estimateUsd ?? 0) - 4 * each) < 1e-9);
    await settleAll(h);
    const done = h.engine.batchSummary('b1');
    assert.equal(done?.counts.succeeded, 4);
    assert.equal(done?.finished, true);
    const spent = h.engine.list().reduce((t, j) => t + (j.cost.actual?.amount ?? j.cost.estimate?.amount ?? 0), 0);
    assert.ok(Math.abs((done?.spentUsd ?? 0) - spent) < 1e-9 && spent > 0);
    assert.equal(h.engine.batchSummary('nope'), undefined);
  });

  it('a running batch keeps its finished jobs in the registry past the finished-jobs cap', async () => {
    const h = makeHarness(
      { plan: () => ({ runMs: 2_000 }) },
      { maxFinishedJobs: 3, limits: { replicate: { concurrency: 2 } } },
    );
    await h.engine.start();
    h.engine.submitBatch(shotSpecs('b1', 10));
    await h.clock.advance(9_000);
    const mid = h.engine.batchSummary('b1');
    assert.ok((mid?.counts.succeeded ?? 0) > 3, `succeeded so far: ${mid?.counts.succeeded}`);
    assert.equal(mid?.total, 10);
    await settleAll(h);
    assert.ok(h.engine.list().length <= 3, 'the cap applies once the batch is finished');
    const end = h.engine.batchSummary('b1');
    assert.equal(end?.total, 10, 'jobs gone to history still count in the summary');
    assert.equal(end?.counts.succeeded, 10);
  });

  it('holds persist: after a restart a paused job is still held, with its message, and not sent', async () => {
    const h = running();
    await h.engine.start();
    const jobs = h.engine.submitBatch(shotSpecs('b1', 3));
    h.engine.pauseBatch('b1');
    await h.engine.dispose();
    const again = await h.restart();
    await h.clock.advance(5 * 60_000);
    for (const j of jobs) {
      assert.equal(again.get(j.id)?.state, 'waiting');
      assert.equal(again.get(j.id)?.held, 'paused');
      assert.match(again.get(j.id)?.heldMessage ?? '', /Paused/);
    }
    assert.equal(h.provider.counts.submit, 0);
    again.resumeBatch('b1');
    await settleAll({ clock: h.clock, engine: again });
    assert.ok(jobs.every((j) => again.get(j.id)?.state === 'succeeded'));
  });
});
