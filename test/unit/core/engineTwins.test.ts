// Two jobs in a batch with identical input whose creates both end `unknown`: a provider that
// reconciles by model + input (Replicate's list) sees two look-alike predictions. Each job must
// adopt its own, never the same one twice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeHarness, settleAll, spec } from './engineHarness';

const cutOff = () => new Error('socket hang up');

describe('engine: reconciling twin jobs', () => {
  it('two unknown twins adopt two different predictions; nothing is submitted again', async () => {
    const h = makeHarness({ reconcile: 'supported', plan: () => ({ runMs: 3_000 }) });
    h.provider.fail('submit', cutOff(), true).fail('submit', cutOff(), true);
    await h.engine.start();
    const [a, b] = h.engine.submitBatch([spec(), spec()]);
    assert.ok(a && b);
    await h.clock.advance(500);
    assert.equal(h.engine.get(a.id)?.state, 'unknown');
    assert.equal(h.engine.get(b.id)?.state, 'unknown');
    await settleAll(h);
    const ja = h.engine.get(a.id);
    const jb = h.engine.get(b.id);
    assert.equal(ja?.state, 'succeeded');
    assert.equal(jb?.state, 'succeeded');
    assert.notEqual(ja?.requestId, jb?.requestId, 'each job has its own prediction');
    assert.equal(h.provider.counts.submit, 2, 'no re-send');
    assert.equal(h.provider.remote.size, 2);
    assert.equal(h.assets.imported.length, 2);
    assert.ok(
      h.provider.reconcileExcludes.some((ex) => ex.has(ja?.requestId ?? '') || ex.has(jb?.requestId ?? '')),
      'the id the twin owns was excluded',
    );
  });

  it('a twin whose create never arrived is found absent (the other’s prediction is excluded) and sent once', async () => {
    const h = makeHarness({ reconcile: 'supported', plan: () => ({ runMs: 3_000 }) });
    h.provider.fail('submit', cutOff(), true).fail('submit', cutOff(), false);
    await h.engine.start();
    const [a, b] = h.engine.submitBatch([spec(), spec()]);
    assert.ok(a && b);
    await settleAll(h);
    assert.equal(h.engine.get(a.id)?.state, 'succeeded');
    assert.equal(h.engine.get(b.id)?.state, 'succeeded');
    assert.notEqual(h.engine.get(a.id)?.requestId, h.engine.get(b.id)?.requestId);
    assert.equal(h.provider.remote.size, 2, 'one lost create sent again, one adopted');
  });
});
