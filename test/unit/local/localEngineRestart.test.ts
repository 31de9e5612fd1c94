// The offline provider behind the real engine across an extension-host restart: the persisted
// request id is short, and the new provider rebuilds the job from what the engine sends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../src/core/backoff';
import { JobEngine } from '../../../src/core/jobEngine';
import { decodeRegistry } from '../../../src/core/persistedForm';
import { createLocalProvider } from '../../../src/providers/local/localProvider';
import { FakeClock } from '../../fakes/fakeClock';
import { MemoryAssetSink } from '../../fakes/memoryAssetSink';
import { MemoryJobStore } from '../../fakes/memoryJobStore';

function engineOn(clock: FakeClock, store: MemoryJobStore, assets: MemoryAssetSink): JobEngine {
  return new JobEngine({
    providers: { local: createLocalProvider({ clock }) },
    store,
    assets,
    clock,
    random: seededRandom(3),
  });
}

describe('offline provider through the engine, across a restart', () => {
  it('persists a short request id and finishes the job after a restart, with the same file', async () => {
    const clock = new FakeClock();
    const store = new MemoryJobStore();
    const before = new MemoryAssetSink();
    const first = engineOn(clock, store, before);
    await first.start();
    const input = {
      prompt: 'a lighthouse at dusk, waves breaking on the rocks below, gulls overhead '.repeat(6),
      seed: 9,
    };
    const job = first.submit({ provider: 'local', model: 'local/image', modality: 'image', input });
    await clock.advance(1_000); // running
    assert.equal(first.get(job.id)?.state, 'running');
    await first.dispose();
    const saved = decodeRegistry(await store.load()).jobs.find((j) => j.id === job.id);
    assert.match(saved?.requestId ?? '', /^local-image-[A-Za-z0-9_-]{12}$/);

    const after = new MemoryAssetSink();
    const second = engineOn(clock, store, after); // a new provider: it never saw this job
    await second.start();
    await clock.runUntil(() => second.get(job.id)?.state === 'succeeded' || second.get(job.id)?.state === 'failed');
    const done = second.get(job.id);
    assert.equal(done?.state, 'succeeded', JSON.stringify(done?.error));
    assert.equal(done?.requestId, saved?.requestId, 'the same job, not a new one');
    assert.equal(done?.seed, 9);
    assert.equal(after.imported.length, 1);

    // The same job run without a restart gives the same bytes (the offline files are deterministic).
    const clock2 = new FakeClock();
    const ref = new MemoryAssetSink();
    const straight = engineOn(clock2, new MemoryJobStore(), ref);
    await straight.start();
    const twin = straight.submit({ provider: 'local', model: 'local/image', modality: 'image', input });
    await clock2.runUntil(() => straight.get(twin.id)?.state === 'succeeded');
    assert.deepEqual(after.imported[0]?.data, ref.imported[0]?.data);
  });
});
