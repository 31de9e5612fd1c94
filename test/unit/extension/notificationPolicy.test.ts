import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Job } from '../../../src/core/jobTypes';
import {
  type NotificationMode,
  NotificationPolicy,
  summaryText,
} from '../../../src/extension/status/notificationPolicy';
import { makeJob } from './jobFixtures';

function run(mode: NotificationMode) {
  return new NotificationPolicy(() => mode);
}

test('each: one notice per job that finishes in this session; canceled jobs are quiet', () => {
  const p = run('each');
  const a = makeJob({ id: 'a', state: 'running' });
  const b = makeJob({ id: 'b', state: 'running' });
  const c = makeJob({ id: 'c', state: 'running' });
  const old = makeJob({ id: 'old', state: 'succeeded' });
  assert.deepEqual(p.update([a, b, c, old]), [], 'first sight never notifies');
  const n = p.update([{ ...a, state: 'succeeded' }, { ...b, state: 'failed' }, { ...c, state: 'canceled' }, old]);
  assert.deepEqual(
    n.map((x) => [x.kind, 'job' in x ? x.job.id : '']),
    [
      ['succeeded', 'a'],
      ['failed', 'b'],
    ],
  );
  assert.deepEqual(
    p.update([
      { ...a, state: 'succeeded' },
      { ...b, state: 'failed' },
    ]),
    [],
    'no repeats',
  );
});

test('whenAllFinish: one summary when the active count reaches zero', () => {
  const p = run('whenAllFinish');
  const jobs: Job[] = ['a', 'b', 'c'].map((id) => makeJob({ id, state: 'running' }));
  p.update(jobs);
  assert.deepEqual(p.update([{ ...jobs[0]!, state: 'succeeded' }, jobs[1]!, jobs[2]!]), []);
  const n = p.update([
    { ...jobs[0]!, state: 'succeeded' },
    { ...jobs[1]!, state: 'failed' },
    { ...jobs[2]!, state: 'succeeded' },
  ]);
  assert.equal(n.length, 1);
  const s = n[0];
  assert.ok(s?.kind === 'summary');
  assert.equal(s.succeeded, 2);
  assert.equal(s.failed, 1);
  assert.equal(summaryText(s), '3 generations finished, 1 failed');
  assert.equal(summaryText({ succeeded: 1, failed: 0 }), '1 generation finished');
});

test('never: silent', () => {
  const p = run('never');
  const a = makeJob({ id: 'a', state: 'running' });
  p.update([a]);
  assert.deepEqual(p.update([{ ...a, state: 'failed' }]), []);
});

test('a job that becomes stale or unknown asks for attention once', () => {
  const p = run('each');
  const a = makeJob({ id: 'a', state: 'running' });
  p.update([a]);
  const n = p.update([{ ...a, stale: true }]);
  assert.deepEqual(
    n.map((x) => x.kind),
    ['attention'],
  );
  assert.deepEqual(p.update([{ ...a, stale: true }]), []);
});

test('each: a shot-list batch gives one summary when nothing of it is left to send, not a notice per shot', () => {
  const p = run('each');
  const shot = (id: string, state: Job['state'], held?: Job['held']) =>
    makeJob({ id, state, batchId: 'b1', priority: 'batch', ...(held ? { held } : {}) });
  const palette = makeJob({ id: 'p', state: 'running' });
  p.update([shot('s1', 'running'), shot('s2', 'running'), shot('s3', 'waiting'), palette]);
  const first = p.update([
    shot('s1', 'succeeded'),
    shot('s2', 'running'),
    shot('s3', 'waiting'),
    { ...palette, state: 'succeeded' },
  ]);
  assert.deepEqual(
    first.map((n) => n.kind),
    ['succeeded'],
    'the palette job notifies on its own; the batch waits',
  );
  // s2 fails on the key and s3 is held: nothing of the batch is going any more.
  const second = p.update([shot('s1', 'succeeded'), shot('s2', 'failed'), shot('s3', 'waiting', 'auth')]);
  assert.equal(second.length, 1);
  const summary = second[0];
  assert.ok(summary?.kind === 'summary');
  assert.equal(summary.succeeded, 1);
  assert.deepEqual(
    summary.failedJobs.map((j) => j.id),
    ['s2'],
  );
  assert.deepEqual(p.update([shot('s1', 'succeeded'), shot('s2', 'failed'), shot('s3', 'waiting', 'auth')]), []);
});

test('each: a batch with a dependency plan waits for the shots sent after their dependencies, then sums them all', () => {
  const p = run('each');
  const chain = ['s01', 's02'];
  const shot = (id: string, state: Job['state']) =>
    makeJob({
      id,
      state,
      batchId: 'b2',
      priority: 'batch',
      shot: { list: 'video.shots.yaml', shotId: id, fingerprint: 'f', chain },
    });
  p.update([shot('s01', 'running')]);
  // s01 is done and s02 is not sent yet: the batch is not finished.
  assert.deepEqual(p.update([shot('s01', 'succeeded')]), []);
  p.update([shot('s01', 'succeeded'), shot('s02', 'waiting')]);
  const done = p.update([shot('s01', 'succeeded'), shot('s02', 'succeeded')]);
  assert.equal(done.length, 1);
  assert.ok(done[0]?.kind === 'summary' && done[0].succeeded === 2, JSON.stringify(done));
});

test('each: a failed dependency leaves its dependents unsent, so the batch reports at once', () => {
  const p = run('each');
  const shot = (id: string, state: Job['state']) =>
    makeJob({
      id,
      state,
      batchId: 'b3',
      priority: 'batch',
      shot: { list: 'video.shots.yaml', shotId: id, fingerprint: 'f', chain: ['s01', 's02'] },
    });
  p.update([shot('s01', 'running')]);
  const n = p.update([shot('s01', 'failed')]);
  assert.equal(n.length, 1);
  assert.ok(n[0]?.kind === 'summary' && n[0].failed === 1);
});
