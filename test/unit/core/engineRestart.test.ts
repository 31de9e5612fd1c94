// A restart from persisted state, in each non-terminal state: nothing paid for is lost,
// nothing is sent twice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createJob } from '../../../src/core/jobFactory';
import type { Job, JobState } from '../../../src/core/jobTypes';
import { encodeRegistry } from '../../../src/core/persistedForm';
import { FakeClock } from '../../fakes/fakeClock';
import { makeHarness, settleAll, spec } from './engineHarness';

/** A persisted job in `state`, and (optionally) its remote twin already at the provider. */
async function restartIn(
  state: JobState,
  opts: { remote?: boolean; requestId?: boolean; takes?: 'url' | 'none'; reconcile?: 'supported' | 'unsupported' } = {},
) {
  const clock = new FakeClock();
  const h = makeHarness({ clock, reconcile: opts.reconcile ?? 'supported', plan: () => ({ runMs: 30_000 }) });
  const job: Job = { ...createJob(spec(), 'j1', clock.now()), state };
  job.stateAt.submitting = clock.now();
  if (opts.remote) {
    const res = await h.provider.submit(
      { jobId: job.id, model: job.model, modality: 'image', input: job.input },
      new AbortController().signal,
    );
    if (opts.requestId !== false) job.requestId = res.requestId;
  }
  if (opts.takes === 'url') job.takes = [{ index: 0, remoteUrl: `https://cdn.test/${job.requestId}/0.png` }];
  await h.store.save(encodeRegistry([job]));
  await clock.advance(5 * 60_000); // closed for five minutes; the remote job finished meanwhile
  const engine = await h.restart();
  await settleAll({ clock, engine });
  return { h, engine, job: () => engine.get('j1') };
}

describe('engine: restart from persisted state', () => {
  it('waiting: submits it once (it was never sent)', async () => {
    const { h, job } = await restartIn('waiting');
    assert.equal(job()?.state, 'succeeded');
    assert.equal(h.provider.counts.submit, 1);
  });

  it('submitting without a request id: unknown, reconciled, adopted, never re-sent', async () => {
    const { h, job } = await restartIn('submitting', { remote: true, requestId: false });
    assert.equal(job()?.state, 'succeeded');
    assert.ok(job()?.stateAt.unknown, 'went through unknown');
    assert.equal(h.provider.counts.reconcile, 1);
    assert.equal(h.provider.counts.submit, 1, 'only the original create');
  });

  it('submitting without a request id, provider never got it: submits after reconcile says absent', async () => {
    const { h, job } = await restartIn('submitting');
    assert.equal(job()?.state, 'succeeded');
    assert.equal(h.provider.counts.reconcile, 1);
    assert.equal(h.provider.counts.submit, 1);
  });

  it('submitting, provider cannot reconcile: stays unknown with a clear message', async () => {
    const { h, job } = await restartIn('submitting', { remote: true, requestId: false, reconcile: 'unsupported' });
    assert.equal(job()?.state, 'unknown');
    assert.match(job()?.error?.message ?? '', /dashboard/);
    assert.equal(h.provider.counts.submit, 1);
  });

  it('submitting with a request id: polls it', async () => {
    const { h, job } = await restartIn('submitting', { remote: true });
    assert.equal(job()?.state, 'succeeded');
    assert.equal(h.provider.counts.submit, 1);
    assert.equal(h.provider.counts.reconcile, 0);
  });

  for (const state of ['queued', 'running'] as const) {
    it(`${state}: polls again and imports`, async () => {
      const { h, job } = await restartIn(state, { remote: true });
      assert.equal(job()?.state, 'succeeded');
      assert.equal(h.provider.counts.submit, 1);
      assert.ok(h.provider.counts.status >= 1);
    });
  }

  it('cancelling: sends the cancel again and follows the status (finished meanwhile: imported)', async () => {
    const { h, job } = await restartIn('cancelling', { remote: true });
    assert.equal(h.provider.counts.cancel, 1);
    assert.equal(job()?.state, 'succeeded');
  });

  it('unknown: reconciles once, adopts the remote job and succeeds without a second create', async () => {
    const { h, job } = await restartIn('unknown', { remote: true, requestId: false });
    assert.equal(job()?.state, 'succeeded');
    assert.equal(h.provider.counts.reconcile, 1);
    assert.equal(h.provider.counts.submit, 1);
  });

  for (const state of ['downloading', 'importing'] as const) {
    it(`${state} with a saved URL: downloads again from it`, async () => {
      const { h, job } = await restartIn(state, { remote: true, takes: 'url' });
      assert.equal(job()?.state, 'succeeded');
      assert.equal(h.provider.counts.result, 0, 'no need to ask the provider');
      assert.equal(h.downloads.length, 1);
    });

    it(`${state} with no saved URL: fetches the result again`, async () => {
      const { h, job } = await restartIn(state, { remote: true, takes: 'none' });
      assert.equal(job()?.state, 'succeeded');
      assert.equal(h.provider.counts.result, 1);
    });
  }

  it('a stale job stays stale until checked again', async () => {
    const clock = new FakeClock();
    const h = makeHarness({ clock, plan: () => ({ runMs: 30_000 }) });
    const job: Job = { ...createJob(spec(), 'j1', clock.now()), state: 'running', stale: true, requestId: 'x' };
    await h.store.save(encodeRegistry([job]));
    const engine = await h.restart();
    await clock.advance(60_000);
    assert.equal(h.provider.counts.status, 0);
    assert.equal(engine.get('j1')?.stale, true);
  });
});
