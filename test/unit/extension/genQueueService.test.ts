import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { JobSpec } from '../../../src/core/jobTypes';
import { GenQueueService } from '../../../src/extension/host/genQueueService';
import { FakeClock } from '../../fakes/fakeClock';
import { FakeJobEngine } from '../../fakes/fakeJobEngine';
import { SharedGlobalState } from '../../fakes/vscodeFakes';

const spec: JobSpec = { provider: 'local', model: 'local/image', modality: 'image', input: { prompt: 'fox' } };

/** One VS Code profile: the shared globalState storage and the extension's globalStorage folder. */
function profile() {
  return { storage: new SharedGlobalState(), dir: mkdtempSync(join(tmpdir(), 'genqueue-service-')) };
}

/** A window of that profile: its own globalState copy, the same folder. */
function window(p: ReturnType<typeof profile>, clock: FakeClock, id: string) {
  let engine: FakeJobEngine | undefined;
  const memento = p.storage.window();
  const service = new GenQueueService({
    memento,
    storageDir: p.dir,
    windowId: id,
    clock,
    createEngine: (o) => {
      engine = new FakeJobEngine(o);
      return engine;
    },
    providers: {},
    assets: { importTake: async () => ({ localPath: 'x', bytes: 1 }) },
    log: () => undefined,
  });
  return { service, engine: engine!, memento };
}

const flushPromises = () => new Promise((r) => setImmediate(r));

test('a job submitted in window A is driven by A, shown in B, and taken over by B when A closes', async () => {
  const p = profile();
  const clock = new FakeClock();
  const a = window(p, clock, 'A');
  const b = window(p, clock, 'B');
  await a.service.start();
  await b.service.start();

  const job = a.service.submit(spec);
  await flushPromises();
  a.engine.tick();
  assert.ok(a.engine.driving.has(job.id), 'A drives its own job at once');

  const seenInB: string[][] = [];
  b.service.onDidChange((c) => seenInB.push(c.jobs.map((j) => j.id)));
  await clock.advance(3_000); // B's mirror refresh
  assert.ok(
    b.service.jobs().some((j) => j.id === job.id),
    'B shows the job',
  );
  assert.ok(
    seenInB.some((ids) => ids.includes(job.id)),
    'B emitted a change for it',
  );

  // B learns of the job (e.g. after a reload it would load it); it must not drive it while A lives.
  b.engine.jobs.set(job.id, job);
  b.engine.tick();
  assert.equal(b.engine.driving.has(job.id), false);
  await clock.advance(25_000);
  b.engine.tick();
  assert.equal(b.engine.driving.has(job.id), false, 'A heartbeats: still A');

  await a.service.shutdown();
  assert.ok(a.engine.calls.includes('flush') && a.engine.calls.includes('dispose'));
  b.engine.tick();
  assert.ok(b.engine.driving.has(job.id), 'B took over at once');
  await b.service.shutdown();
});

test('progress made by the driving window replaces the stale copy the other window shows', async () => {
  const p = profile();
  const clock = new FakeClock();
  const a = window(p, clock, 'A');
  const b = window(p, clock, 'B');
  await a.service.start();
  await b.service.start();
  const job = a.service.submit(spec);
  await flushPromises();
  b.engine.jobs.set(job.id, job); // B has an old copy
  await clock.advance(1000);
  a.engine.setState(job.id, 'succeeded');
  await flushPromises();
  await clock.advance(3_000);
  assert.equal(b.service.jobs().find((j) => j.id === job.id)?.state, 'succeeded');
  await a.service.shutdown();
  await b.service.shutdown();
});

test('shutdown stops the timers', async () => {
  const p = profile();
  const clock = new FakeClock();
  const a = window(p, clock, 'A');
  await a.service.start();
  assert.ok(clock.pendingTimers() > 0);
  await a.service.shutdown();
  await clock.advance(60_000);
  assert.equal(clock.pendingTimers(), 0);
});

test('a window never drives its old copy of a job another window has moved on (no double submit/import)', async () => {
  const p = profile();
  const clock = new FakeClock();
  const a = window(p, clock, 'A');
  const b = window(p, clock, 'B');
  await a.service.start();
  await b.service.start();
  const job = a.service.submit(spec);
  await flushPromises();
  b.engine.jobs.set(job.id, job); // B's copy: waiting, no request id
  await clock.advance(1_000);
  a.engine.setState(job.id, 'running', { requestId: 'req-1' });
  await flushPromises();
  // A dies without releasing; its lease expires.
  (a.service as unknown as { disposed: boolean }).disposed = true;
  await clock.advance(60_000);
  assert.equal(b.service.leases.ownerOf(job.id), undefined, "A's lease has expired");
  b.engine.tick();
  await clock.advance(3_000);
  b.engine.tick();
  assert.equal(b.engine.driving.has(job.id), false, 'B would re-submit a job A already submitted');
  assert.equal(b.service.jobs().find((j) => j.id === job.id)?.requestId, 'req-1', 'B shows the newer copy');
  await b.service.shutdown();
});

for (const action of ['cancel', 'checkAgain'] as const) {
  test(`${action} from the window that only shows a job is forwarded to the window that drives it`, async () => {
    const p = profile();
    const clock = new FakeClock();
    const a = window(p, clock, 'A');
    const b = window(p, clock, 'B');
    await a.service.start();
    await b.service.start();
    const job = a.service.submit(spec);
    await flushPromises();
    await clock.advance(3_000);
    assert.equal(await b.service[action](job.id), 'forwarded');
    assert.ok(!b.engine.calls.includes(`${action}:${job.id}`), "B does not touch A's job");
    await clock.advance(3_000); // A's mirror refresh picks the request up
    assert.ok(a.engine.calls.includes(`${action}:${job.id}`), 'the driving window acts');
    assert.deepEqual(readdirSync(join(p.dir, 'requests')), [], 'the request is consumed');
    assert.equal(await a.service[action](job.id), 'here');
    await a.service.shutdown();
    await b.service.shutdown();
  });
}

test("dismissing another window's finished job hides it everywhere and no save brings it back", async () => {
  const p = profile();
  const clock = new FakeClock();
  const a = window(p, clock, 'A');
  const b = window(p, clock, 'B');
  await a.service.start();
  await b.service.start();
  const job = a.service.submit(spec);
  await flushPromises();
  b.engine.jobs.set(job.id, job); // B holds an old, non-terminal copy
  await clock.advance(1_000);
  a.engine.setState(job.id, 'succeeded');
  await flushPromises();
  await clock.advance(3_000);
  assert.equal(b.service.get(job.id)?.state, 'succeeded');
  await b.service.dismiss(job.id);
  assert.equal(
    b.service.jobs().some((j) => j.id === job.id),
    false,
  );
  // B's engine saves its stale copy; A saves its own: neither resurrects the job.
  b.engine.setState(b.engine.list()[0]!.id, 'running');
  a.engine.tick();
  await clock.advance(11_000); // A's heartbeat drops the finished job's lease
  a.engine.setState(job.id, 'succeeded');
  await flushPromises();
  await clock.advance(3_000);
  const stored = b.service.store.read();
  assert.equal(
    stored?.jobs.some((j) => j.id === job.id),
    false,
  );
  assert.equal(
    a.service.jobs().some((j) => j.id === job.id),
    false,
  );
  await a.service.shutdown();
  await b.service.shutdown();
});

test('with an engine that can adopt, a window takes over a job another window created and then lost', async () => {
  const p = profile();
  const clock = new FakeClock();
  const a = window(p, clock, 'A');
  const b = window(p, clock, 'B');
  b.engine.adoptEnabled = true;
  await a.service.start();
  await b.service.start();
  const job = a.service.submit(spec); // created after B started: B's engine never loaded it
  await flushPromises();
  await clock.advance(1_000);
  a.engine.setState(job.id, 'running', { requestId: 'req-9' });
  await flushPromises();
  await clock.advance(3_000);
  assert.deepEqual(b.engine.adopted, [job.id]);
  assert.equal(b.engine.get(job.id)?.requestId, 'req-9', 'B holds the up-to-date copy');
  b.engine.tick();
  assert.equal(b.engine.driving.has(job.id), false, 'A still holds the lease');
  // A crashes (no release, no heartbeat).
  (a.service as unknown as { disposed: boolean }).disposed = true;
  await clock.advance(60_000);
  b.engine.tick();
  await clock.advance(3_000);
  b.engine.tick();
  assert.ok(b.engine.driving.has(job.id), 'B resumes it from the adopted copy');
  await b.service.shutdown();
});

test('shutdown releases the leases even when the final save fails and the log throws (no wait after a reload)', async () => {
  const p = profile();
  const clock = new FakeClock();
  let logThrows = false;
  const make = (id: string) => {
    let engine: FakeJobEngine | undefined;
    const service = new GenQueueService({
      memento: p.storage.window(),
      storageDir: p.dir,
      windowId: id,
      clock,
      createEngine: (o) => {
        engine = new FakeJobEngine(o);
        return engine;
      },
      providers: {},
      assets: { importTake: async () => ({ localPath: 'x', bytes: 1 }) },
      log: () => {
        if (logThrows) throw new Error('Channel has been closed');
      },
    });
    return { service, engine: engine! };
  };
  const a = make('A');
  await a.service.start();
  const job = a.service.submit(spec);
  await flushPromises();
  a.engine.flush = async () => {
    throw new Error('Canceled');
  };
  logThrows = true;
  await a.service.shutdown();
  logThrows = false;
  const b = make('B');
  await b.service.start();
  b.engine.jobs.set(job.id, job);
  assert.notEqual(b.service.leases.ownerOf(job.id), 'A', "A's lease is gone at once");
  await b.service.shutdown();
});

test('shutdown releases the leases when the final save never settles', async () => {
  const p = profile();
  const clock = new FakeClock();
  const a = window(p, clock, 'A');
  await a.service.start();
  const job = a.service.submit(spec);
  await flushPromises();
  a.engine.flush = () => new Promise<void>(() => undefined);
  const done = a.service.shutdown();
  await clock.advance(2_000);
  await done;
  assert.equal(a.service.leases.ownerOf(job.id), undefined);
});

test("a job whose save A awaited survives B writing its whole globalState at the same moment (VS Code's last writer wins)", async () => {
  const p = profile();
  const clock = new FakeClock();
  const a = window(p, clock, 'A');
  const b = window(p, clock, 'B');
  await a.service.start();
  await b.service.start();
  // B has not seen A's write yet when it writes its own copy of the whole object.
  p.storage.holdOthers = true;
  const job = a.service.submit(spec);
  const submitting = { ...job, state: 'submitting' as const, updatedAt: job.updatedAt + 1 };
  await a.service.store.save({ v: 1, jobs: [submitting] });
  await b.memento.update('genqueue.activeCount', 0);
  p.storage.deliver();
  await flushPromises();
  // A reloads: the new window must find the job, still in `submitting`, so it is checked, never lost.
  await a.service.shutdown();
  const a2 = window(p, clock, 'A2');
  await a2.service.start();
  assert.equal(a2.engine.get(job.id)?.state, 'submitting');
  await a2.service.shutdown();
  await b.service.shutdown();
});

test('two windows never both drive one job, even when one overwrites the other’s globalState', async () => {
  const p = profile();
  const clock = new FakeClock();
  const a = window(p, clock, 'A');
  const b = window(p, clock, 'B');
  await a.service.start();
  await b.service.start();
  p.storage.holdOthers = true; // B's writes land on a copy that never saw A's
  const job = a.service.submit(spec);
  await flushPromises();
  b.engine.jobs.set(job.id, job); // B knows the job (e.g. it loaded it after a reload)
  for (let t = 0; t < 20; t++) {
    await b.memento.update('genqueue.activeCount', t); // any whole-object write by B
    a.engine.tick();
    b.engine.tick();
    const drivers = [a, b].filter((w) => w.engine.driving.has(job.id)).length;
    assert.ok(drivers <= 1, `tick ${t}: both windows drive ${job.id}`);
    await clock.advance(1_000);
  }
  assert.ok(a.engine.driving.has(job.id), 'A, which created it and lives, drives it');
  await a.service.shutdown();
  await b.service.shutdown();
});

test('after A reloads, B (or the reloaded window) drives A’s job within a second, and a restarted A shows it at once', async () => {
  const p = profile();
  const clock = new FakeClock();
  const a = window(p, clock, 'A');
  await a.service.start();
  const job = a.service.submit(spec);
  await flushPromises();
  a.engine.setState(job.id, 'running', { requestId: 'req-7' });
  await flushPromises();
  await a.service.shutdown();
  const a2 = window(p, clock, 'A2');
  await a2.service.start();
  assert.equal(a2.service.jobs().find((j) => j.id === job.id)?.state, 'running', 'shown right after start');
  assert.ok(a2.engine.driving.has(job.id), 'driven at once: the old window released its lease');
  await a2.service.shutdown();
});

test('a cancel forwarded from B reaches A even when A writes its whole globalState at the same moment', async () => {
  const p = profile();
  const clock = new FakeClock();
  const a = window(p, clock, 'A');
  const b = window(p, clock, 'B');
  await a.service.start();
  await b.service.start();
  const job = a.service.submit(spec);
  await flushPromises();
  await clock.advance(3_000);
  p.storage.holdOthers = true; // neither window sees the other's write before its own lands
  assert.equal(await b.service.cancel(job.id), 'forwarded');
  // A's own write is on its way when B's change event arrives; A's echo then replaces its copy.
  const writing = a.memento.update('genqueue.activeCount', 1);
  await new Promise((r) => setImmediate(r));
  p.storage.deliver();
  await writing;
  await clock.advance(3_000);
  assert.ok(a.engine.calls.includes(`cancel:${job.id}`), 'A cancels the job');
  await a.service.shutdown();
  await b.service.shutdown();
});
