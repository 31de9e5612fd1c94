// Two windows, one shared registry: each engine drives only the jobs it holds (shouldDrive) and
// adopts the other window's copies of the rest; when a window goes away, the other takes over
// from the adopted copy without sending anything twice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../src/core/backoff';
import type { JobChange } from '../../../src/core/engineApi';
import { JobEngine } from '../../../src/core/jobEngine';
import type { Job } from '../../../src/core/jobTypes';
import { decodeRegistry, encodeRegistry } from '../../../src/core/persistedForm';
import type { JobStore } from '../../../src/core/storePort';
import { FakeClock } from '../../fakes/fakeClock';
import { MemoryJobStore } from '../../fakes/memoryJobStore';
import { ScriptedProvider, type ScriptedProviderOptions } from '../../fakes/scriptedProvider';
import { MemoryAssets, PNG, spec } from './engineHarness';

function twoWindows(providerOpts: Partial<ScriptedProviderOptions> = {}) {
  const clock = new FakeClock();
  const store = new MemoryJobStore();
  const provider = new ScriptedProvider({ clock, plan: () => ({ queueMs: 500, runMs: 20_000 }), ...providerOpts });
  const assets = new MemoryAssets();
  const drives = { a: true, b: false };
  const saves = { a: 0, b: 0 };
  const window = (name: 'a' | 'b') => {
    // Each window's writes are counted; both land in the one shared store.
    const counted: JobStore = {
      load: () => store.load(),
      save: (r) => {
        saves[name]++;
        return store.save(r);
      },
    };
    return new JobEngine({
      providers: { replicate: provider },
      store: counted,
      assets,
      clock,
      download: async () => ({ data: PNG, contentType: 'image/png' }),
      random: seededRandom(name === 'a' ? 1 : 2),
      shouldDrive: () => drives[name],
    });
  };
  const shared = async (): Promise<Job[]> => decodeRegistry(await store.load()).jobs;
  return { clock, store, provider, assets, drives, saves, a: window('a'), b: window('b'), shared };
}

describe('engine: adopt (multi-window)', () => {
  it('B adopts A’s job, A goes away, B takes over and completes it: one submit, one import', async () => {
    const w = twoWindows();
    await w.a.start();
    await w.b.start();
    const changes: JobChange[] = [];
    w.b.onDidChange((c) => changes.push(c));

    const job = w.a.submit(spec());
    await w.clock.advance(3_000); // A submitted it and polls it
    assert.equal(w.a.get(job.id)?.state, 'running');
    const savesB = w.saves.b;

    w.b.adopt(await w.shared());
    await w.clock.advance(0);
    assert.equal(w.b.get(job.id)?.state, 'running', 'B shows A’s copy');
    assert.equal(w.b.get(job.id)?.requestId, w.a.get(job.id)?.requestId);
    const adoptEvent = changes.at(-1);
    assert.deepEqual(adoptEvent?.changed, [], 'no state-change notification for an adopted copy');
    assert.deepEqual(adoptEvent?.adopted, [job.id]);
    assert.equal(w.saves.b, savesB, 'adopt does not save');

    const statusBefore = w.provider.counts.status;
    await w.clock.advance(5_000);
    assert.ok(w.provider.counts.status > statusBefore, 'A keeps polling');
    assert.equal(w.saves.b, savesB, 'B neither polls nor saves a job it does not drive');

    // A's window closes (its lease lapses); B re-reads the shared registry and takes over.
    await w.a.dispose();
    w.drives.a = false;
    w.drives.b = true;
    w.b.adopt(await w.shared());
    w.b.refresh();
    await w.clock.runUntil(() => w.b.get(job.id)?.state === 'succeeded');

    assert.equal(w.provider.counts.submit, 1, 'never submitted twice');
    assert.equal(w.provider.submitsFor(job.id), 1);
    assert.equal(w.provider.counts.reconcile, 0, 'the request id came with the copy');
    assert.equal(w.assets.imported.length, 1, 'imported once');
    assert.equal(w.provider.maxInFlightPerJob, 1);
    assert.ok(
      changes.some((c) => c.changed.includes(job.id)),
      'B reports its own state changes once it drives',
    );
    const saved = (await w.shared()).find((j) => j.id === job.id);
    assert.equal(saved?.state, 'succeeded', 'B persisted the outcome');
  });

  it('a copy adopted mid-submit is reconciled on takeover, never re-sent blind', async () => {
    const w = twoWindows({ latencyMs: 2_000, reconcile: 'supported' });
    await w.a.start();
    await w.b.start();
    const job = w.a.submit(spec());
    await w.clock.advance(1_500); // the create has arrived at the provider; its answer has not
    assert.equal(w.a.get(job.id)?.state, 'submitting');
    assert.equal(w.provider.submitsFor(job.id), 1);
    await w.a.dispose(); // crash before the answer: the shared copy says submitting, no request id
    w.b.adopt(await w.shared());
    assert.equal(w.b.get(job.id)?.state, 'submitting');
    w.drives.b = true;
    w.b.refresh();
    await w.clock.runUntil(() => w.b.get(job.id)?.state === 'succeeded');
    assert.ok(w.b.get(job.id)?.stateAt.unknown, 'went through unknown');
    assert.equal(w.provider.counts.reconcile, 1);
    assert.equal(w.provider.submitsFor(job.id), 1, 'the one create, adopted');
  });

  it('never overwrites a job this engine drives, nor replaces a newer or finished copy with an older one', async () => {
    const w = twoWindows();
    await w.a.start();
    const job = w.a.submit(spec());
    await w.clock.advance(3_000);
    const mine = w.a.get(job.id);
    assert.equal(mine?.state, 'running');
    w.a.adopt([{ ...structuredClone(mine as Job), state: 'queued', updatedAt: w.clock.now() + 10_000 }]);
    await w.clock.advance(0);
    assert.equal(w.a.get(job.id)?.state, 'running', 'driven here: kept');

    await w.b.start();
    const copy = structuredClone(w.a.get(job.id) as Job);
    w.b.adopt([copy]);
    w.b.adopt([{ ...copy, state: 'queued', updatedAt: copy.updatedAt - 1 }]);
    assert.equal(w.b.get(job.id)?.state, 'running', 'an older copy does not replace a newer one');
    const done = { ...copy, state: 'succeeded' as const, updatedAt: copy.updatedAt + 1 };
    w.b.adopt([done]);
    w.b.adopt([{ ...copy, updatedAt: copy.updatedAt + 2 }]);
    assert.equal(w.b.get(job.id)?.state, 'succeeded', 'a finished job does not come back to life');
    done.logs.push('mutated after adopt');
    assert.equal(w.b.get(job.id)?.logs.includes('mutated after adopt'), false, 'adopt keeps its own copy');
  });

  it('a window starting while another drives a job leaves the job as it is until it drives it', async () => {
    const w = twoWindows({ latencyMs: 2_000 });
    await w.a.start();
    const job = w.a.submit(spec());
    await w.clock.advance(500); // A is mid-submit: the shared copy says submitting, no request id
    await w.a.flush();
    await w.b.start();
    await w.clock.advance(500);
    assert.equal(w.b.get(job.id)?.state, 'submitting', 'not B’s to turn into unknown');
    assert.equal(w.provider.counts.reconcile, 0);
    await w.clock.advance(3_000);
    const sharedCopy = (await w.shared()).find((j) => j.id === job.id);
    assert.equal(sharedCopy?.state, 'queued');
    w.b.adopt(await w.shared());
    assert.equal(w.b.get(job.id)?.state, 'queued', 'B follows A’s copy');
    await w.a.dispose();
    w.drives.b = true;
    w.b.refresh();
    await w.clock.runUntil(() => w.b.get(job.id)?.state === 'succeeded');
    assert.equal(w.provider.submitsFor(job.id), 1);
    assert.equal(w.provider.counts.reconcile, 0);
  });

  it('a cancel that arrives before this window drives a loaded job is not lost', async () => {
    const w = twoWindows({ latencyMs: 2_000 });
    await w.a.start();
    const job = w.a.submit(spec());
    await w.clock.advance(1_500); // created at the provider; A closes before the answer
    await w.a.dispose();
    const stored = (await w.shared()).find((j) => j.id === job.id) as Job;
    const [remote] = [...w.provider.remote.values()];
    assert.ok(remote);
    // As if the answer had been saved: submitting with its request id.
    await w.store.save(encodeRegistry([{ ...stored, requestId: remote.requestId }]));
    await w.b.start();
    await w.b.cancel(job.id); // the lease is still settling: B does not drive it yet
    w.drives.b = true;
    w.b.refresh();
    await w.clock.runUntil(() => w.b.get(job.id)?.state === 'canceled' || w.b.get(job.id)?.state === 'succeeded');
    assert.equal(w.b.get(job.id)?.state, 'canceled');
    assert.equal(w.provider.counts.cancel, 1);
  });

  it('drops jobs removed elsewhere unless it drives them', async () => {
    const w = twoWindows();
    await w.a.start();
    await w.b.start();
    // A model with no catalog time: polled from the first second, so it is running by then.
    const driven = w.a.submit(spec({ model: 'acme/uncatalogued' }));
    await w.clock.advance(1_000);
    const foreign = structuredClone(w.a.get(driven.id) as Job);
    const other = { ...foreign, id: 'other-window-job', state: 'succeeded' as const };
    w.a.adopt([other]);
    assert.equal(w.a.get(other.id)?.state, 'succeeded');
    const changes: JobChange[] = [];
    w.a.onDidChange((c) => changes.push(c));
    w.a.adopt([], { removed: [other.id, driven.id, 'never-known'] });
    await w.clock.advance(0);
    assert.equal(w.a.get(other.id), undefined, 'removed elsewhere, not driven here: gone');
    assert.equal(w.a.get(driven.id)?.state, 'running', 'driven here: kept');
    assert.deepEqual(changes.at(-1)?.adopted, [other.id]);
    assert.deepEqual(changes.at(-1)?.changed, []);
  });
});
