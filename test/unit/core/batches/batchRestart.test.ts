// A restart mid-batch: some jobs sent (one with its create still in flight), some waiting, one
// held. The new engine on the same store loses nothing, sends nothing twice, and keeps the hold.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeHarness, settleAll } from '../engineHarness';
import { shotSpec, shotSpecs } from './batchFixtures';

describe('batches: restart mid-batch', () => {
  it('nothing lost, nothing submitted twice, holds kept', async () => {
    const h = makeHarness(
      { latencyMs: 400, plan: () => ({ queueMs: 1_000, runMs: 20_000 }) },
      { limits: { replicate: { concurrency: 3 } } },
    );
    await h.engine.start();
    const batch = h.engine.submitBatch(shotSpecs('b1', 8));
    const [held] = h.engine.submitBatch([shotSpec('b2', 'x01')]);
    h.engine.pauseBatch('b2');
    const states = () => batch.map((j) => h.engine.get(j.id)?.state);
    // Stop at the moment the first shots are done and the next creates are in flight.
    await h.clock.runUntil(() => states().includes('succeeded') && states().includes('submitting'));
    const before = states();
    assert.ok(before.includes('succeeded'), `some done: ${before}`);
    assert.ok(before.includes('submitting'), `a create in flight: ${before}`);
    assert.ok(before.includes('waiting'), `some waiting: ${before}`);
    await h.engine.dispose();

    const again = await h.restart();
    await settleAll({ clock: h.clock, engine: again }, 30 * 60_000);
    for (const j of batch) {
      assert.equal(again.get(j.id)?.state, 'succeeded', `job ${j.shot?.shotId}`);
      assert.equal(h.provider.submitsFor(j.id), 1, `shot ${j.shot?.shotId} created exactly once`);
      assert.deepEqual(again.get(j.id)?.shot, j.shot, 'still on its shot');
    }
    assert.ok(h.provider.counts.reconcile >= 1, 'the cut-off create was reconciled, not re-sent');
    assert.equal(again.get(held?.id ?? '')?.state, 'waiting');
    assert.equal(again.get(held?.id ?? '')?.held, 'paused');
    assert.equal(h.provider.submitsFor(held?.id ?? ''), 0);
    assert.equal(h.assets.imported.length, 8, 'every take imported once');
    assert.equal(again.batchSummary('b1')?.counts.succeeded, 8);
  });
});
