import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveShot } from '../../../../src/core/shots/resolveShot';
import { shotFallback } from '../../../../src/extension/shots/shotFallback';
import { ShotRunnerHost } from '../../../../src/extension/shots/shotRunner';
import { LIST_PATH, listRef, makeShotHarness } from './shotHarness';

const fallback = shotFallback({ defaultProvider: 'replicate', defaultModel: () => undefined }, () => true);

test('Generate selected sends one batch: a job per shot with its shot, fingerprint, batch priority and take folder', async () => {
  const h = await makeShotHarness();
  const list = listRef([{}, {}, {}, {}, {}]);
  await h.runner.generate(list, ['s2', 's4', 's5']);
  const jobs = h.engine.list();
  assert.equal(jobs.length, 3);
  assert.equal(new Set(jobs.map((j) => j.batchId)).size, 1);
  assert.ok(jobs[0]?.batchId);
  for (const job of jobs) {
    const id = job.shot?.shotId ?? '';
    const shot = list.parsed.list.shots.find((s) => s.id === id);
    assert.ok(shot, `job for an unknown shot ${id}`);
    assert.equal(job.priority, 'batch');
    assert.deepEqual(job.shot, {
      list: LIST_PATH,
      shotId: id,
      fingerprint: resolveShot(list.parsed.list, shot, fallback).fingerprint,
    });
    assert.equal(job.destination?.folder, `assets/generated/trailer/${id}`);
  }
  assert.deepEqual(jobs.map((j) => j.shot?.shotId).sort(), ['s2', 's4', 's5']);
  // One confirmation for the whole batch, with its count.
  assert.deepEqual(h.ui.confirmations, [{ count: 3, button: 'Generate 3 shots' }]);
});

test('each Generate click is a new batch, and the overlay follows the latest', async () => {
  const h = await makeShotHarness();
  const list = listRef([{}, {}]);
  await h.runner.generate(list, ['s1']);
  await h.runner.generate(list, ['s2']);
  const batches = new Set(h.engine.list().map((j) => j.batchId));
  assert.equal(batches.size, 2);
  const newest = h.engine.list().find((j) => j.shot?.shotId === 's2');
  assert.equal(h.runner.batchFor(LIST_PATH)?.id, newest?.batchId);
  assert.equal(h.runner.batchFor(LIST_PATH)?.total, 1);
});

test('shots with errors are not sent; the message says which and why; the others still go', async () => {
  const h = await makeShotHarness();
  const list = listRef([{}, { prompt: '' }, {}]);
  const problem = list.parsed.diagnostics.find((d) => d.shotId === 's2' && d.severity === 'error');
  assert.ok(problem, 'the parser reports the missing prompt');
  await h.runner.generate(list, ['s1', 's2', 's3']);
  assert.deepEqual(
    h.engine
      .list()
      .map((j) => j.shot?.shotId)
      .sort(),
    ['s1', 's3'],
  );
  const warning = h.ui.messages.find((m) => m.level === 'warn');
  assert.ok(warning?.text.includes('s2'), warning?.text);
  assert.ok(warning?.text.includes(problem.message), warning?.text);
});

test('declining the cost confirmation sends nothing', async () => {
  const h = await makeShotHarness();
  h.ui.confirmAnswer = false;
  await h.runner.generate(listRef([{}, {}]), ['s1', 's2']);
  assert.equal(h.engine.list().length, 0);
  assert.equal(h.runner.batchFor(LIST_PATH), undefined);
});

test('Generate stale sends exactly the shots whose chosen take was made from other inputs', async () => {
  const h = await makeShotHarness();
  const first = listRef([{}, {}, {}, {}, {}]);
  await h.runner.generate(first, ['s1', 's2', 's3', 's4', 's5']);
  await h.settle();
  assert.equal(h.engine.list().filter((j) => j.state === 'succeeded').length, 5);
  // s1..s4 chose take 1; three of them get a new prompt; s5 (no take chosen) changes too but is not stale.
  const edited = listRef([
    { take: 1, prompt: 'shot 1, at dusk' },
    { take: 1, prompt: 'shot 2, at dusk' },
    { take: 1, prompt: 'shot 3, at dusk' },
    { take: 1 },
    { prompt: 'shot 5, at dusk' },
  ]);
  await h.runner.generateStale(edited);
  const sent = h.engine
    .list()
    .filter((j) => j.state === 'waiting' || j.state === 'submitting')
    .map((j) => j.shot?.shotId)
    .sort();
  assert.deepEqual(sent, ['s1', 's2', 's3']);
  assert.deepEqual(h.ui.confirmations.at(-1), { count: 3, button: 'Generate 3 shots' });
});

test('Generate stale with nothing stale sends nothing and says so; a shot never generated is not stale', async () => {
  const h = await makeShotHarness();
  await h.runner.generateStale(listRef([{}, {}]));
  assert.equal(h.engine.list().length, 0);
  assert.match(h.ui.messages.at(-1)?.text ?? '', /No stale shots/);
});

test('Retry failed sends the shots whose newest job failed', async () => {
  const h = await makeShotHarness({
    plan: (n) =>
      n === 1
        ? {
            runMs: 1_000,
            outcome: 'failed',
            error: { category: 'input', message: 'The prompt was refused.', retryable: false },
          }
        : { runMs: 1_000 },
  });
  const list = listRef([{}, {}, {}]);
  await h.runner.generate(list, ['s1', 's2', 's3']);
  await h.settle();
  const failed = h.engine.list().filter((j) => j.state === 'failed');
  assert.equal(failed.length, 1);
  const failedShot = failed[0]?.shot?.shotId;
  assert.equal(h.runner.jobsFor(LIST_PATH).get(failedShot ?? '')?.state, 'failed');
  await h.runner.retryFailed(list);
  const fresh = h.engine.list().filter((j) => j.state === 'waiting' || j.state === 'submitting');
  assert.deepEqual(
    fresh.map((j) => j.shot?.shotId),
    [failedShot],
  );
  // The newest job of that shot is the retry now.
  assert.equal(h.runner.jobsFor(LIST_PATH).get(failedShot ?? '')?.id, fresh[0]?.id);
});

test('after a reload the list finds its running batch again from the jobs, and pause reaches it', async () => {
  const h = await makeShotHarness({ concurrency: 1 });
  await h.runner.generate(listRef([{}, {}, {}]), ['s1', 's2', 's3']);
  const batchId = h.engine.list()[0]?.batchId;
  // A new runner over the same jobs: nothing remembered in memory.
  const reloaded = new ShotRunnerHost(h.deps);
  await reloaded.attach(h.service);
  assert.equal(reloaded.batchFor(LIST_PATH)?.id, batchId);
  reloaded.pause(LIST_PATH);
  assert.equal(reloaded.batchFor(LIST_PATH)?.paused, true);
  // A batch that had ended before the reload is not brought back as an overlay.
  await h.runner.cancel(LIST_PATH);
  await h.settle();
  // The one found running still shows, finished, until the user closes it.
  assert.equal(reloaded.batchFor(LIST_PATH)?.finished, true);
  reloaded.closeOverlay(LIST_PATH);
  assert.equal(reloaded.batchFor(LIST_PATH), undefined);
  const later = new ShotRunnerHost(h.deps);
  await later.attach(h.service);
  assert.equal(later.batchFor(LIST_PATH), undefined);
});
