import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Job } from '../../../src/core/jobTypes';
import { encodeRegistry } from '../../../src/core/persistedForm';
import {
  ACTIVE_COUNT_KEY,
  boundJobs,
  foreignJobs,
  MementoJobStore,
  mergeForDisplay,
  REGISTRY_KEY,
  storedActiveCount,
} from '../../../src/extension/persistence/mementoJobStore';
import { InMemoryMemento } from '../../fakes/vscodeFakes';
import { makeJob } from './jobFixtures';

function finished(n: number, t0 = 1_700_000_000_000): Job[] {
  return Array.from({ length: n }, (_, i) =>
    makeJob({
      id: `done-${i}`,
      state: i % 5 === 0 ? 'failed' : 'succeeded',
      createdAt: t0 + i * 1000,
      updatedAt: t0 + i * 1000 + 500,
      takes: [{ index: 0, localPath: `assets/generated/shot-${i}.png`, contentType: 'image/png', bytes: 12345 }],
      cost: { estimate: { amount: 0.003, currency: 'USD', source: 'catalog', label: '≈ $0.003 · 1 image' } },
      logs: Array.from({ length: 30 }, (_, k) => `step ${k}/30`),
    }),
  );
}

test('round trip: saved jobs load back equal (logs trimmed to the last lines)', async () => {
  const memento = new InMemoryMemento();
  const store = new MementoJobStore({ memento });
  const jobs = [makeJob({ id: 'a', state: 'running', requestId: 'r1', logs: ['1', '2', '3', '4', '5'] })];
  await store.save({ v: 1, jobs, durations: { m: [1000, 2000] } });
  const loaded = await new MementoJobStore({ memento }).load();
  assert.equal(loaded?.jobs.length, 1);
  const j = loaded?.jobs[0];
  assert.equal(j?.id, 'a');
  assert.equal(j?.requestId, 'r1');
  assert.deepEqual(j?.stateAt, jobs[0]?.stateAt);
  assert.deepEqual(j?.logs, ['3', '4', '5']);
  assert.deepEqual(loaded?.durations, { m: [1000, 2000] });
  assert.equal(storedActiveCount(memento), 1);
});

test('the packed form from the engine is accepted as well as plain jobs', async () => {
  const memento = new InMemoryMemento();
  const store = new MementoJobStore({ memento });
  await store.save(encodeRegistry([makeJob({ id: 'p1', state: 'queued' })]));
  assert.deepEqual(
    (await store.load())?.jobs.map((j) => j.id),
    ['p1'],
  );
});

test('bounded: all active jobs plus the most recent finished; the rest go to history', async () => {
  const memento = new InMemoryMemento();
  const archived: Job[] = [];
  const store = new MementoJobStore({
    memento,
    maxFinished: 100,
    history: { append: async (j) => void archived.push(...j) },
  });
  const active = Array.from({ length: 20 }, (_, i) => makeJob({ id: `act-${i}`, state: 'running' }));
  await store.save({ v: 1, jobs: [...finished(1000), ...active] });
  const loaded = await store.load();
  const ids = new Set(loaded?.jobs.map((j) => j.id));
  assert.equal(loaded?.jobs.length, 120);
  for (const a of active) assert.ok(ids.has(a.id), a.id);
  assert.ok(ids.has('done-999') && !ids.has('done-899'), 'the newest finished stay');
  assert.equal(archived.length, 900);
  assert.equal(memento.get(ACTIVE_COUNT_KEY), 20);
});

test('globalState stays far below 512 KB with 1,000 jobs saved', async () => {
  const memento = new InMemoryMemento();
  const store = new MementoJobStore({ memento });
  await store.save({ v: 1, jobs: finished(1000) });
  const size = memento.serializedSize();
  assert.ok(size < 512 * 1024, `${size} bytes`);
  assert.ok(size < 64 * 1024, `bounded to ~100 finished jobs: ${size} bytes`);
});

test('boundJobs never drops an active job, however many there are', () => {
  const jobs = Array.from({ length: 300 }, (_, i) => makeJob({ id: `a${i}`, state: 'queued' }));
  assert.equal(boundJobs(jobs, 10).kept.length, 300);
});

test('a corrupt stored registry is reported and treated as empty, never thrown', async () => {
  const memento = new InMemoryMemento();
  await memento.update(REGISTRY_KEY, 'garbage');
  const logs: string[] = [];
  const store = new MementoJobStore({ memento, log: (_l, m) => logs.push(m) });
  assert.equal(await store.load(), undefined);
  assert.equal(logs.length, 1);
  await memento.update(REGISTRY_KEY, { v: 2, jobs: [], packed: { s: [], b: 0, j: [['x', 99]] } });
  assert.deepEqual((await store.load())?.jobs, []);
  assert.ok(logs.length >= 2);
});

test('two windows saving: a job the other window advanced keeps its newer copy; new jobs are kept', async () => {
  const memento = new InMemoryMemento();
  const job = makeJob({ id: 'shared', state: 'running', updatedAt: 100 });
  const storeA = new MementoJobStore({ memento, drivenHere: (id) => id !== 'shared' });
  const storeB = new MementoJobStore({ memento, drivenHere: (id) => id === 'shared' });
  await storeA.save({ v: 1, jobs: [job] });
  await storeB.load();
  // B drives it to success; A still has its old copy and saves again with a new job of its own.
  await storeB.save({ v: 1, jobs: [{ ...job, state: 'succeeded', updatedAt: 200 }] });
  await storeA.save({ v: 1, jobs: [job, makeJob({ id: 'a-new', state: 'waiting' })] });
  const loaded = await new MementoJobStore({ memento }).load();
  const byId = new Map(loaded?.jobs.map((j) => [j.id, j]));
  assert.equal(byId.get('shared')?.state, 'succeeded');
  assert.ok(byId.has('a-new'));
  // B saves again without knowing a-new: it is kept (another window's job).
  await storeB.save({ v: 1, jobs: [{ ...job, state: 'succeeded', updatedAt: 200 }] });
  assert.ok((await new MementoJobStore({ memento }).load())?.jobs.some((j) => j.id === 'a-new'));
});

test('a job dismissed here is removed from storage and hidden from the display overlay', async () => {
  const memento = new InMemoryMemento();
  const store = new MementoJobStore({ memento });
  const done = makeJob({ id: 'd', state: 'succeeded' });
  await store.save({ v: 1, jobs: [done] });
  await store.save({ v: 1, jobs: [] });
  assert.deepEqual((await store.load())?.jobs, []);
  const foreign = foreignJobs(store.read(), [done]);
  assert.deepEqual(
    mergeForDisplay([done], foreign).map((j) => j.id),
    [],
  );
});

test('display overlay: newer copies from another window replace stale local ones', () => {
  const local = [makeJob({ id: 'x', state: 'running', updatedAt: 1 })];
  const stored = { jobs: [makeJob({ id: 'x', state: 'succeeded', updatedAt: 2 }), makeJob({ id: 'y' })], removed: [] };
  const merged = mergeForDisplay(local, foreignJobs(stored, local));
  assert.equal(merged.find((j) => j.id === 'x')?.state, 'succeeded');
  assert.ok(merged.some((j) => j.id === 'y'));
});

test('no stored registry: activation sees zero active jobs', () => {
  assert.equal(storedActiveCount(new InMemoryMemento()), 0);
});
