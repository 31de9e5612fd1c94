// What the provider reports it ran with (seed, version) is kept on the job and persisted, and
// every call about a job tells the adapter the job's modality and input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeRegistry } from '../../../src/core/persistedForm';
import { makeHarness, settleAll, spec } from './engineHarness';

describe('engine: provenance from the result', () => {
  it('keeps ProviderResult.seed and .version on the job, and in the persisted form', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 2_000, seed: 42_424, version: 'v-5599ed30' }) });
    await h.engine.start();
    const job = h.engine.submit(spec());
    await settleAll(h);
    const done = h.engine.get(job.id);
    assert.equal(done?.state, 'succeeded');
    assert.equal(done?.seed, 42_424);
    assert.equal(done?.version, 'v-5599ed30');
    await h.engine.flush();
    const saved = decodeRegistry(await h.store.load()).jobs.find((j) => j.id === job.id);
    assert.equal(saved?.seed, 42_424);
    assert.equal(saved?.version, 'v-5599ed30');
    const restarted = await h.restart();
    assert.equal(restarted.get(job.id)?.seed, 42_424);
  });

  it('leaves them unset when the provider reports none', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 2_000 }) });
    await h.engine.start();
    const job = h.engine.submit(spec());
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    assert.equal('seed' in (h.engine.get(job.id) ?? {}), false);
    assert.equal('version' in (h.engine.get(job.id) ?? {}), false);
  });

  it('passes modality and input with every status, result and cancel call', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 4_000 }) });
    await h.engine.start();
    const input = { prompt: 'a red fox', seed: 3 };
    const job = h.engine.submit(spec({ input }));
    const other = h.engine.submit(spec({ input: { prompt: 'cancel me' } }));
    await h.clock.advance(1_500);
    await h.engine.cancel(other.id);
    await settleAll(h);
    assert.ok(h.provider.counts.status > 0 && h.provider.counts.result > 0 && h.provider.counts.cancel > 0);
    assert.ok(h.provider.refs.length > 0);
    for (const ref of h.provider.refs) {
      assert.equal(ref.modality, 'image');
      assert.ok(ref.input, 'input passed');
    }
    assert.ok(h.provider.refs.some((r) => r.requestId === h.engine.get(job.id)?.requestId));
    assert.deepEqual(h.provider.refs.find((r) => r.requestId === h.engine.get(job.id)?.requestId)?.input, input);
  });
});
