// Priority: a big batch never starves an interactive (palette) job, for slots or for request budget.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createJob, specOf } from '../../../../src/core/jobFactory';
import { makeHarness, spec } from '../engineHarness';
import { shotSpec, shotSpecs } from './batchFixtures';

const creates = (h: ReturnType<typeof makeHarness>) =>
  h.provider.requestTimes.filter((r) => r.op === 'submit').map((r) => r.jobId);

describe('batches: priority', () => {
  it('a palette job submitted after 1,000 batch jobs is sent in the next free slot', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 60_000 }) }, { limits: { replicate: { concurrency: 4 } } });
    await h.engine.start();
    h.engine.submitBatch(shotSpecs('b1', 1_000));
    await h.clock.advance(10_000);
    assert.equal(creates(h).length, 4, 'every slot is taken by the batch');
    const palette = h.engine.submit(spec({ input: { prompt: 'one-off' } }));
    await h.clock.advance(45_000);
    assert.equal(h.engine.get(palette.id)?.state, 'waiting', 'no slot has freed yet');
    await h.clock.advance(10_000); // the first batch job finishes: one slot frees
    assert.equal(creates(h)[4], palette.id, 'the freed slot went to the palette job');
    assert.notEqual(h.engine.get(palette.id)?.state, 'waiting');
  });

  it('takes the create budget before batch jobs waiting longer', async () => {
    const h = makeHarness(
      { plan: () => ({ runMs: 1_000 }) },
      { limits: { replicate: { concurrency: 100, createsPerMinute: 60 } } },
    );
    await h.engine.start();
    h.engine.submitBatch(shotSpecs('b1', 30));
    await h.clock.advance(2_500); // one create a second: 3 sent, 27 waiting for budget
    const sentBefore = creates(h).length;
    const palette = h.engine.submit(spec({ input: { prompt: 'one-off' } }));
    await h.clock.advance(1_000);
    assert.equal(creates(h)[sentBefore], palette.id, 'the next create is the palette job');
  });

  it('a retry of a batch job stays in its batch, on the same shot, at batch priority', () => {
    const job = createJob(shotSpec('b7', 's03'), 'j1', 0);
    assert.equal(job.priority, 'batch');
    assert.deepEqual(job.shot, { list: 'shots/trailer.shots.yaml', shotId: 's03', fingerprint: 'fp-s03' });
    const again = specOf(job, { seed: 4 });
    assert.equal(again.batchId, 'b7');
    assert.equal(again.priority, 'batch');
    assert.deepEqual(again.shot, job.shot);
    assert.equal(again.retriedFrom, 'j1');
  });
});
