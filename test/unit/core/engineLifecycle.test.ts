import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScriptedProvider } from '../../fakes/scriptedProvider';
import { makeHarness, PNG, settleAll, spec, transient } from './engineHarness';

describe('engine: lifecycle', () => {
  it('marks a job stale past the polling window, never failed, and checkAgain resumes it', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 40 * 60_000 }) });
    await h.engine.start();
    const job = h.engine.submit(spec());
    await settleAll(h);
    const stale = h.engine.get(job.id);
    assert.equal(stale?.stale, true);
    assert.equal(stale?.state, 'running');
    const polls = h.provider.counts.status;
    await h.clock.advance(5 * 60_000);
    assert.equal(h.provider.counts.status, polls, 'a stale job is not polled');
    h.engine.checkAgain(job.id);
    await h.clock.advance(1);
    assert.equal(h.provider.counts.status, polls + 1, 'checked once at once');
    assert.equal(h.engine.get(job.id)?.stale, undefined);
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
  });

  it('a job with its own 60 s polling window goes stale within 90 s of submitting', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 10 * 60_000 }) });
    await h.engine.start();
    const job = h.engine.submit(spec({ pollWindowMs: 60_000 }));
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.stale, true);
    assert.ok(h.clock.now() - (h.engine.get(job.id)?.stateAt.submitting ?? 0) < 90_000);
  });

  it('cancel of a running job: cancelling until the provider confirms, one cancel request, nothing imported', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 60_000 }) });
    await h.engine.start();
    const job = h.engine.submit(spec());
    await h.clock.advance(10_000);
    assert.equal(h.engine.get(job.id)?.state, 'running');
    await h.engine.cancel(job.id);
    assert.equal(h.engine.get(job.id)?.state, 'cancelling');
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'canceled');
    assert.equal(h.provider.counts.cancel, 1);
    assert.equal(h.assets.imported.length, 0);
  });

  it('cancels a waiting job locally at once', async () => {
    const h = makeHarness({}, { limits: { replicate: { concurrency: 1 } } });
    await h.engine.start();
    h.engine.submit(spec());
    const second = h.engine.submit(spec());
    await h.clock.advance(100);
    await h.engine.cancel(second.id);
    assert.equal(h.engine.get(second.id)?.state, 'canceled');
    await settleAll(h);
    assert.equal(h.provider.submitsFor(second.id), 0);
  });

  it('imports the result when the job finished before the cancel landed', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 19_000 }) });
    await h.engine.start();
    const job = h.engine.submit(spec());
    await h.clock.advance(19_500); // finished at the provider (19 s), next poll at 20.5 s
    const requestId = h.engine.get(job.id)?.requestId ?? '';
    assert.ok((h.provider.finishedAt(requestId) ?? Number.POSITIVE_INFINITY) < h.clock.now(), 'finished remotely');
    assert.equal(h.engine.get(job.id)?.state, 'running', 'not seen yet');
    await h.engine.cancel(job.id);
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    assert.ok(h.engine.get(job.id)?.stateAt.cancelling, 'went through cancelling');
    assert.equal(h.assets.imported.length, 1);
  });

  it('cancels during submit once the create returns', async () => {
    const h = makeHarness({ latencyMs: 2_000, plan: () => ({ runMs: 60_000 }) });
    await h.engine.start();
    const job = h.engine.submit(spec());
    await h.clock.advance(500);
    assert.equal(h.engine.get(job.id)?.state, 'submitting');
    await h.engine.cancel(job.id);
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'canceled');
    assert.equal(h.provider.counts.cancel, 1);
  });

  it('fails a job the provider failed, with its error', async () => {
    const h = makeHarness({
      plan: () => ({
        runMs: 3_000,
        outcome: 'failed',
        error: { category: 'input', message: 'NSFW content detected', retryable: false },
      }),
    });
    await h.engine.start();
    const job = h.engine.submit(spec());
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'failed');
    assert.equal(h.engine.get(job.id)?.error?.message, 'NSFW content detected');
  });

  it('retry creates a linked job; retryAllFailed retries each failed job once', async () => {
    const h = makeHarness({ plan: (_r, n) => (n < 2 ? { runMs: 1_000, outcome: 'failed' } : { runMs: 1_000 }) });
    await h.engine.start();
    const a = h.engine.submit(spec({ input: { prompt: 'a' } }));
    const b = h.engine.submit(spec({ input: { prompt: 'b' } }));
    await settleAll(h);
    assert.equal(h.engine.failedJobs().length, 2);
    const r = h.engine.retry(a.id, { prompt: 'a, sharper' });
    assert.equal(r.retriedFrom, a.id);
    assert.deepEqual(r.input, { prompt: 'a, sharper' });
    const all = h.engine.retryAllFailed();
    assert.deepEqual(
      all.map((j) => j.retriedFrom),
      [b.id],
      'a was already retried',
    );
    assert.deepEqual(h.engine.retryAllFailed(), []);
    await settleAll(h);
    assert.equal(h.engine.get(r.id)?.state, 'succeeded');
    assert.throws(() => h.engine.retry('nope'), /No job/);
  });

  it('dismiss and clearFinished move jobs to history; active jobs cannot be dismissed', async () => {
    const h = makeHarness({ plan: (_r, n) => ({ runMs: n === 2 ? 3_600_000 : 1_000 }) });
    await h.engine.start();
    const a = h.engine.submit(spec());
    const b = h.engine.submit(spec());
    const c = h.engine.submit(spec());
    await h.clock.advance(60_000);
    assert.throws(() => h.engine.dismiss(c.id), /Only a finished job/);
    h.engine.dismiss(a.id);
    assert.equal(h.engine.get(a.id), undefined);
    h.engine.clearFinished();
    await h.clock.advance(1);
    assert.deepEqual(
      h.history.jobs.map((j) => j.id),
      [a.id, b.id],
    );
    assert.deepEqual(
      h.engine.list().map((j) => j.id),
      [c.id],
    );
  });

  it('skips the download for takes whose bytes came with the result', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 1_000, takes: [{ data: PNG, contentType: 'image/png' }] }) });
    await h.engine.start();
    const job = h.engine.submit(spec());
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    assert.equal(h.downloads.length, 0);
    assert.equal(h.assets.imported[0]?.bytes, PNG.byteLength);
  });

  it('asks for the result again when an output URL is gone, then explains if it stays gone', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 1_000 }) });
    await h.engine.start();
    const job = h.engine.submit(spec());
    h.gone.add(`https://cdn.test/r0-${job.id}/0.png`);
    await settleAll(h);
    assert.equal(h.provider.counts.result, 2);
    assert.equal(h.engine.get(job.id)?.state, 'failed');
    assert.match(h.engine.get(job.id)?.error?.message ?? '', /gone/);
  });

  it('keeps a finished job (stale, not failed) when importing keeps failing, and resumes on checkAgain', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 1_000 }) });
    h.assets.failNext = 8;
    await h.engine.start();
    const job = h.engine.submit(spec());
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'importing');
    assert.equal(h.engine.get(job.id)?.stale, true);
    assert.match(h.engine.get(job.id)?.error?.message ?? '', /could not be downloaded or imported/);
    h.engine.checkAgain(job.id);
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
  });

  it('learns durations from successful runs and gives phase hints', async () => {
    const h = makeHarness({ plan: (_r, n) => ({ runMs: n < 3 ? 40_000 : 120_000 }) });
    await h.engine.start();
    const model = spec().model;
    assert.equal(h.engine.estimateDurationMs(model), undefined);
    for (let i = 0; i < 3; i++) {
      h.engine.submit(spec());
      await settleAll(h);
    }
    const est = h.engine.estimateDurationMs(model) ?? 0;
    assert.ok(est >= 40_000 && est <= 55_000, `estimate ${est}`);
    const job = h.engine.submit(spec());
    await h.clock.advance(est * 0.8);
    assert.equal(h.engine.phaseHint(h.engine.get(job.id) ?? job), 'Almost done…');
    await h.clock.advance(est * 0.3);
    assert.equal(h.engine.phaseHint(h.engine.get(job.id) ?? job), 'Still working…');
    await h.engine.flush();
    const saved = (await h.store.load())?.durations?.[model];
    assert.equal(saved?.length, 3, 'durations persisted');
  });

  it('dispose aborts in-flight requests and leaves the job resumable', async () => {
    const h = makeHarness({ id: 'fal', stream: true, plan: () => ({ runMs: 120_000 }) });
    await h.engine.start();
    const job = h.engine.submit(spec({ provider: 'fal', model: 'fal-ai/flux/dev' }));
    await h.clock.advance(5_000);
    await h.engine.dispose();
    await h.clock.advance(1_000);
    assert.equal(h.clock.pendingTimers(), 0, 'no timers left running');
    const again = await h.restart();
    await settleAll({ clock: h.clock, engine: again });
    assert.equal(again.get(job.id)?.state, 'succeeded');
    assert.equal(h.provider.submitsFor(job.id), 1);
  });

  it('submitBatch gives the jobs one batch id, and the batch can be queried', async () => {
    const h = makeHarness();
    await h.engine.start();
    const jobs = h.engine.submitBatch([spec(), spec({ model: 'black-forest-labs/flux-dev' })]);
    assert.equal(jobs.length, 2);
    assert.ok(jobs[0]?.batchId);
    assert.equal(jobs[0]?.batchId, jobs[1]?.batchId);
    assert.deepEqual(
      h.engine
        .jobsInBatch(jobs[0]?.batchId ?? '')
        .map((j) => j.id)
        .sort(),
      jobs.map((j) => j.id).sort(),
    );
  });

  it('refuses a job for a provider that is not set up, with a clear message', async () => {
    const h = makeHarness();
    await h.engine.start();
    assert.throws(() => h.engine.submit(spec({ provider: 'fal' })), /not set up/);
    assert.equal(h.engine.list().length, 0);
  });

  it('after a restart without the provider, keeps a running job (stale) instead of failing it', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 60_000 }) });
    await h.engine.start();
    const job = h.engine.submit(spec());
    await h.clock.advance(5_000);
    await h.engine.dispose();
    const other = new ScriptedProvider({ id: 'fal', clock: h.clock });
    const again = await h.restart({}, other);
    await h.clock.advance(10_000);
    assert.equal(again.get(job.id)?.state, 'running');
    assert.equal(again.get(job.id)?.stale, true);
    assert.match(again.get(job.id)?.error?.message ?? '', /not set up/);
  });

  it('dispose while the submitting state is being saved leaves the job waiting (it was never sent)', async () => {
    const h = makeHarness();
    await h.engine.start();
    const job = h.engine.submit(spec());
    let release: () => void = () => undefined;
    const realSave = h.store.save.bind(h.store);
    h.store.save = async (reg) => {
      await new Promise<void>((r) => {
        release = r;
      });
      return realSave(reg);
    };
    await h.clock.advance(1);
    assert.equal(h.engine.get(job.id)?.state, 'submitting');
    const disposed = h.engine.dispose();
    h.store.save = realSave;
    release();
    await disposed;
    await h.clock.advance(1);
    assert.equal(h.provider.counts.submit, 0);
    const again = await h.restart();
    await settleAll({ clock: h.clock, engine: again });
    assert.equal(again.get(job.id)?.state, 'succeeded');
    assert.equal(h.provider.counts.reconcile, 0, 'no doubt about it: it was waiting');
    assert.equal(h.provider.counts.submit, 1);
  });

  it('a job cancelled while its create is being refused is canceled, never sent again', async () => {
    const h = makeHarness({ latencyMs: 2_000 });
    h.provider.fail('submit', transient('throttled', { httpStatus: 429, retryAfterMs: 10_000 }));
    await h.engine.start();
    const job = h.engine.submit(spec());
    await h.clock.advance(500);
    assert.equal(h.engine.get(job.id)?.state, 'submitting');
    await h.engine.cancel(job.id);
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'canceled');
    assert.equal(h.provider.counts.submit, 1);
    assert.equal(h.provider.remote.size, 0);
  });

  it('a job cancelled while unknown is canceled when reconcile finds nothing, and never resubmitted', async () => {
    const h = makeHarness({ reconcile: 'supported', latencyMs: 2_000 });
    h.provider.fail('submit', new Error('socket hang up'));
    await h.engine.start();
    const job = h.engine.submit(spec());
    await h.clock.advance(2_500);
    assert.equal(h.engine.get(job.id)?.state, 'unknown');
    await h.engine.cancel(job.id);
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'canceled');
    assert.equal(h.provider.counts.submit, 1);
  });
});
