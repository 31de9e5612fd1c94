// Cancels that race the engine's own steps: during the durable save before a create, and after
// the provider accepted a cancel but answers ambiguously (no documented "cancelled" marker).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../src/core/errors';
import { jobCostLabel } from '../../../src/core/jobCostLabel';
import { makeHarness, settleAll, spec } from './engineHarness';

describe('engine: cancel', () => {
  it('a cancel that arrives while the submitting state is being saved sends no create and ends canceled', async () => {
    const h = makeHarness();
    await h.engine.start();
    const job = h.engine.submit(spec());
    let release: () => void = () => undefined;
    const realSave = h.store.save.bind(h.store);
    h.store.save = async (reg) => {
      await new Promise<void>((r) => {
        release = r;
      });
      return realSave(reg);
    };
    await h.clock.advance(1);
    assert.equal(h.engine.get(job.id)?.state, 'submitting');
    const cancelled = h.engine.cancel(job.id);
    h.store.save = realSave;
    release();
    await cancelled;
    await settleAll(h);
    assert.equal(h.provider.counts.submit, 0, 'no create was sent');
    assert.equal(h.engine.get(job.id)?.state, 'canceled');
  });
});

describe('engine: an accepted cancel ends canceled unless a usable result exists', () => {
  const cancelAt10s = async (h: ReturnType<typeof makeHarness>) => {
    await h.engine.start();
    const job = h.engine.submit(spec());
    await h.clock.advance(10_000);
    assert.equal(h.engine.get(job.id)?.state, 'running');
    await h.engine.cancel(job.id);
    await settleAll(h);
    return h.engine.get(job.id);
  };

  it('a job that reads failed after the provider accepted the cancel ends canceled, with no error', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 60_000, canceledReadsAs: 'failed' }) });
    const job = await cancelAt10s(h);
    assert.equal(job?.state, 'canceled');
    assert.equal(job?.error, undefined);
    assert.equal(job?.cancelAccepted, true, 'the acceptance is recorded on the job (persisted)');
  });

  it('a job that reads completed after an accepted cancel but has no outputs ends canceled, nothing imported', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 60_000, canceledReadsAs: 'completed' }) });
    const job = await cancelAt10s(h);
    assert.equal(job?.state, 'canceled');
    assert.equal(job?.error, undefined);
    assert.equal(h.provider.counts.result, 1, 'the result was asked for');
    assert.equal(h.assets.imported.length, 0);
  });

  it('a job whose cancel the provider refused, and that then fails, ends failed with its error', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 20_000, outcome: 'failed' }) });
    h.provider.fail('cancel', new ProviderError({ category: 'input', message: 'cannot cancel', httpStatus: 404 }));
    const job = await cancelAt10s(h);
    assert.equal(job?.state, 'failed');
    assert.equal(job?.error?.message, 'bad input');
    assert.equal(job?.cancelAccepted, undefined);
  });
});

describe('engine: the cost label of a cancelled job whose submit was cut off', () => {
  it('fal (cannot be asked): the job ends canceled and is labelled "may be charged", never "not charged"', async () => {
    const h = makeHarness({ id: 'fal', reconcile: 'unsupported' });
    const cutOff = new ProviderError({ category: 'transient', message: 'socket hang up', outcomeUnknown: true });
    h.provider.fail('submit', cutOff, true); // created at fal, the answer lost
    await h.engine.start();
    const job = h.engine.submit(spec({ provider: 'fal', model: 'fal-ai/flux/schnell' }));
    await h.clock.advance(10_000);
    assert.equal(h.engine.get(job.id)?.state, 'unknown');
    await h.engine.cancel(job.id);
    const done = h.engine.get(job.id);
    assert.equal(done?.state, 'canceled');
    assert.match(done ? (jobCostLabel(done) ?? '') : '', /^may be charged if fal\.ai received it/);
  });

  it('Replicate (reconcile says absent): the job ends canceled and is labelled "not charged"', async () => {
    const h = makeHarness({ reconcile: 'supported', latencyMs: 2_000 });
    h.provider.fail('submit', new Error('socket hang up')); // never created
    await h.engine.start();
    const job = h.engine.submit(spec());
    await h.clock.advance(2_500);
    assert.equal(h.engine.get(job.id)?.state, 'unknown');
    await h.engine.cancel(job.id);
    await settleAll(h);
    const done = h.engine.get(job.id);
    assert.equal(done?.state, 'canceled');
    assert.equal(done ? jobCostLabel(done) : undefined, 'not charged: it never reached the provider');
  });
});
