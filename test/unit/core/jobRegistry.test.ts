import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobChange } from '../../../src/core/engineApi';
import { createJob } from '../../../src/core/jobFactory';
import { JobRegistry } from '../../../src/core/jobRegistry';
import { decodeRegistry } from '../../../src/core/persistedForm';
import type { HistorySink } from '../../../src/core/storePort';
import { FakeClock } from '../../fakes/fakeClock';
import { MemoryHistorySink, MemoryJobStore } from '../../fakes/memoryJobStore';
import { spec } from './engineHarness';

function setup(opts: { maxFinishedJobs?: number; history?: HistorySink } = {}) {
  const clock = new FakeClock();
  const store = new MemoryJobStore();
  const history = new MemoryHistorySink();
  const reg = new JobRegistry({ store, history: opts.history ?? history, clock, ...opts });
  const changes: JobChange[] = [];
  reg.onDidChange((c) => changes.push(c));
  let n = 0;
  const add = (over: Parameters<typeof spec>[0] = {}) => {
    clock.jump(1);
    return reg.add(createJob(spec(over), `j${n++}`, clock.now()));
  };
  return { clock, store, history, reg, changes, add };
}

describe('job registry', () => {
  it('lists newest first and answers the queries', () => {
    const { reg, add } = setup();
    const a = add({ batchId: 'b1' });
    const b = add({ batchId: 'b1' });
    const c = add();
    reg.transition(a.id, 'submitting');
    reg.transition(a.id, 'failed', { error: { category: 'input', message: 'no', retryable: false } });
    reg.transition(b.id, 'submitting');
    reg.transition(b.id, 'downloading');
    reg.transition(b.id, 'importing');
    reg.transition(b.id, 'succeeded');
    assert.deepEqual(
      reg.list().map((j) => j.id),
      [c.id, b.id, a.id],
    );
    assert.deepEqual(
      reg.active().map((j) => j.id),
      [c.id],
    );
    assert.deepEqual(
      reg.failed().map((j) => j.id),
      [a.id],
    );
    assert.deepEqual(
      reg.recentSuccesses().map((j) => j.id),
      [b.id],
    );
    assert.deepEqual(
      reg.byBatch('b1').map((j) => j.id),
      [b.id, a.id],
    );
  });

  it('emits one change per burst, naming the jobs whose state changed, with snapshots that never change later', async () => {
    const { reg, add, changes } = setup();
    const a = add();
    await Promise.resolve();
    assert.equal(changes.length, 1);
    assert.deepEqual(changes[0]?.changed, [a.id]);
    const snapshot = changes[0]?.jobs[0];
    reg.transition(a.id, 'submitting');
    reg.update(a.id, { requestId: 'r1' });
    await Promise.resolve();
    assert.equal(changes.length, 2);
    assert.deepEqual(changes[1]?.changed, [a.id]);
    assert.equal(changes[1]?.jobs[0]?.requestId, 'r1');
    assert.equal(snapshot?.state, 'waiting', 'an emitted job object is never mutated');
    reg.update(a.id, { logs: ['step 1'] });
    await Promise.resolve();
    assert.deepEqual(changes[2]?.changed, [], 'a log line is a change but not a state change');
  });

  it('stamps each state with its time and rejects illegal moves', () => {
    const { reg, add, clock } = setup();
    const a = add();
    clock.jump(500);
    const s = reg.transition(a.id, 'submitting');
    assert.equal(s.stateAt.submitting, clock.now());
    assert.throws(() => reg.transition(a.id, 'succeeded'), /Illegal job transition: submitting → succeeded/);
    assert.throws(() => reg.update(a.id, { state: 'running' }), /transition/);
  });

  it('coalesces writes, and saveNow writes at once', async () => {
    const { reg, add, store, clock } = setup();
    add();
    add();
    add();
    assert.equal(store.saveCount, 0);
    await clock.advance(250);
    assert.equal(store.saveCount, 1, 'three changes, one write');
    const d = add();
    await reg.saveNow();
    assert.equal(store.saveCount, 2);
    const saved = decodeRegistry(await store.load());
    assert.ok(saved.jobs.some((j) => j.id === d.id));
  });

  it('moves finished jobs beyond the cap to history, oldest first', async () => {
    const { reg, add, history } = setup({ maxFinishedJobs: 2 });
    const ids = [add(), add(), add()].map((j) => j.id);
    for (const id of ids) reg.transition(id, 'canceled');
    await Promise.resolve();
    assert.deepEqual(
      history.jobs.map((j) => j.id),
      [ids[0]],
    );
    assert.equal(reg.list().length, 2);
  });

  it('puts jobs back when history cannot be written', async () => {
    const failing: HistorySink = { append: async () => Promise.reject(new Error('disk full')) };
    const { reg, add } = setup({ history: failing });
    const a = add();
    reg.transition(a.id, 'canceled');
    reg.remove([a.id]);
    assert.equal(reg.get(a.id), undefined);
    await new Promise((r) => setImmediate(r));
    assert.equal(reg.get(a.id)?.state, 'canceled');
  });

  it('tries a failed write again on its own', async () => {
    const { add, store, clock } = setup();
    store.failSaves = true;
    const a = add();
    await clock.advance(250);
    assert.equal(store.saveCount, 0);
    store.failSaves = false;
    await clock.advance(1_000);
    assert.equal(store.saveCount, 1);
    assert.ok(decodeRegistry(await store.load()).jobs.some((j) => j.id === a.id));
  });

  it('refuses a spec with an unknown provider or modality, saying which values are valid', () => {
    const { reg } = setup();
    assert.throws(
      () => createJob(spec({ provider: 'openai' as never }), 'x', 0),
      /Unknown provider "openai".*fal, replicate, local/,
    );
    assert.throws(() => createJob(spec({ modality: 'text' as never }), 'x', 0), /Unknown modality "text"/);
    assert.throws(() => createJob(spec({ model: ' ' }), 'x', 0), /needs a model/);
    assert.equal(reg.list().length, 0);
  });
});
