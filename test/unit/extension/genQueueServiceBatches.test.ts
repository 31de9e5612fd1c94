// The service's batch pass-throughs: the admit rule reaches the engine through a closure (set and
// cleared at any time), and cancelling a batch also reaches jobs another window drives.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { JobSpec } from '../../../src/core/jobTypes';
import { GenQueueService } from '../../../src/extension/host/genQueueService';
import { FakeClock } from '../../fakes/fakeClock';
import { FakeJobEngine } from '../../fakes/fakeJobEngine';
import { SharedGlobalState } from '../../fakes/vscodeFakes';

const shot = (shotId: string): JobSpec => ({
  provider: 'local',
  model: 'local/image',
  modality: 'image',
  input: { prompt: shotId },
  batchId: 'b1',
  priority: 'batch',
  shot: { list: 'a.shots.yaml', shotId, fingerprint: 'f' },
});

function window(storage: SharedGlobalState, dir: string, clock: FakeClock, id: string) {
  let engine: FakeJobEngine | undefined;
  const service = new GenQueueService({
    memento: storage.window(),
    storageDir: dir,
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
  return { service, engine: engine as FakeJobEngine };
}

test('the admit rule set on the service is the one the engine asks, and can be cleared', async () => {
  const w = window(new SharedGlobalState(), mkdtempSync(join(tmpdir(), 'gq-batches-')), new FakeClock(), 'A');
  await w.service.start();
  const [job] = w.service.submitBatch([shot('s01')]);
  const admit = w.engine.opts.admit;
  assert.ok(admit && job, 'the engine got an admit option');
  assert.equal(admit(job, []), undefined, 'no rule: admitted');
  w.service.setAdmitRule(() => ({ reason: 'budget', message: 'over the cap' }));
  assert.deepEqual(admit(job, []), { reason: 'budget', message: 'over the cap' });
  w.service.setAdmitRule(undefined);
  assert.equal(admit(job, []), undefined);
  await w.service.shutdown();
});

test('pause, resume and summary reach the engine; cancelling a batch reaches the window that drives it', async () => {
  const storage = new SharedGlobalState();
  const dir = mkdtempSync(join(tmpdir(), 'gq-batches-'));
  const clock = new FakeClock();
  const a = window(storage, dir, clock, 'A');
  const b = window(storage, dir, clock, 'B');
  await a.service.start();
  await b.service.start();
  const jobs = a.service.submitBatch([shot('s01'), shot('s02')]);
  a.service.pauseBatch('b1');
  assert.equal(a.service.batchSummary('b1')?.held, 'paused');
  a.service.resumeBatch('b1');
  assert.equal(a.service.batchSummary('b1')?.held, undefined);
  await clock.advance(3_000); // B's mirror shows A's jobs
  await b.service.cancelBatch('b1');
  for (const j of jobs) assert.ok(!b.engine.calls.includes(`cancel:${j.id}`), "B does not touch A's jobs");
  await clock.advance(3_000); // A picks the forwarded requests up
  for (const j of jobs) assert.ok(a.engine.calls.includes(`cancel:${j.id}`), `A cancels ${j.shot?.shotId}`);
  await a.service.shutdown();
  await b.service.shutdown();
});
