// Why a job was parked stale is explicit in the data, so the UI can word it right:
// 'window' (the polling window passed; no error, it may still finish) or 'error' (checking or
// fetching kept failing; `error` says why).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../src/core/errors';
import { createJob } from '../../../src/core/jobFactory';
import type { Job } from '../../../src/core/jobTypes';
import { decodeRegistry, encodeRegistry } from '../../../src/core/persistedForm';
import { FakeClock } from '../../fakes/fakeClock';
import { makeHarness, settleAll, spec } from './engineHarness';

describe('engine: stale reasons', () => {
  it("window: staleReason 'window' and no error; Check again clears both", async () => {
    const h = makeHarness({ plan: () => ({ runMs: 40 * 60_000 }) });
    await h.engine.start();
    const job = h.engine.submit(spec());
    await settleAll(h);
    const stale = h.engine.get(job.id);
    assert.equal(stale?.stale, true);
    assert.equal(stale?.staleReason, 'window');
    assert.equal(stale?.error, undefined);
    h.engine.checkAgain(job.id);
    await h.clock.advance(1);
    assert.equal(h.engine.get(job.id)?.stale, undefined);
    assert.equal(h.engine.get(job.id)?.staleReason, undefined);
  });

  it("auth rejected mid-poll: staleReason 'error' with the auth error; Check again clears both", async () => {
    const h = makeHarness({ plan: () => ({ runMs: 60_000 }) });
    await h.engine.start();
    const job = h.engine.submit(spec());
    await h.clock.advance(3_000);
    h.provider.fail('status', new ProviderError({ category: 'auth', message: 'token rejected', httpStatus: 401 }));
    const changed: string[][] = [];
    h.engine.onDidChange((c) => changed.push([...c.changed]));
    await settleAll(h);
    assert.ok(
      changed.some((ids) => ids.includes(job.id)),
      'parking it stale is reported in `changed` (the host notifies on it)',
    );
    const stale = h.engine.get(job.id);
    assert.equal(stale?.state, 'running');
    assert.equal(stale?.stale, true);
    assert.equal(stale?.staleReason, 'error');
    assert.equal(stale?.error?.category, 'auth');
    h.engine.checkAgain(job.id);
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    assert.equal(h.engine.get(job.id)?.staleReason, undefined);
    assert.equal(h.engine.get(job.id)?.error, undefined);
  });

  it("imports that keep failing: staleReason 'error'", async () => {
    const h = makeHarness({ plan: () => ({ runMs: 1_000 }) });
    h.assets.failNext = 8;
    await h.engine.start();
    const job = h.engine.submit(spec());
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'importing');
    assert.equal(h.engine.get(job.id)?.staleReason, 'error');
    assert.match(h.engine.get(job.id)?.error?.message ?? '', /could not be downloaded or imported/);
  });

  it('no provider in this window for a job already sent: error, with its reason', async () => {
    const h = makeHarness();
    await h.engine.start();
    const job = h.engine.submit(spec());
    await h.clock.advance(3_000);
    await h.engine.dispose();
    const other = await h.restart({}, { ...h.provider, id: 'fal' } as never);
    await h.clock.advance(1_000);
    assert.equal(other.get(job.id)?.stale, true);
    assert.equal(other.get(job.id)?.staleReason, 'error');
    assert.match(other.get(job.id)?.error?.message ?? '', /not set up/);
  });

  it('Check again after a restart gives a stale job a whole new polling window', async () => {
    const clock = new FakeClock();
    const h = makeHarness({ clock, plan: () => ({ queueMs: 0, runMs: 3 * 3600_000 }) });
    const remote = await h.provider.submit(
      { jobId: 'j1', model: 'black-forest-labs/flux-schnell', modality: 'image', input: { prompt: 'x' } },
      new AbortController().signal,
    );
    const job: Job = {
      ...createJob(spec({ input: { prompt: 'x' } }), 'j1', clock.now()),
      state: 'running',
      requestId: remote.requestId,
      stale: true,
      staleReason: 'window',
    };
    job.stateAt.submitting = clock.now();
    await h.store.save(encodeRegistry([job]));
    await clock.advance(2 * 3600_000); // two hours later, VS Code starts again
    const engine = await h.restart();
    engine.checkAgain('j1');
    await clock.advance(10 * 60_000);
    assert.equal(engine.get('j1')?.stale, undefined, 'still being checked ten minutes later');
    assert.ok(h.provider.counts.status > 3);
    await clock.advance(25 * 60_000);
    assert.equal(engine.get('j1')?.stale, true, 'the new window passed');
    assert.equal(engine.get('j1')?.staleReason, 'window');
  });

  it('the reason survives the persisted form', () => {
    const h = makeHarness();
    const job = { ...h.engine.submit(spec()), stale: true, staleReason: 'window' as const };
    const back = decodeRegistry(JSON.parse(JSON.stringify(encodeRegistry([job])))).jobs[0];
    assert.equal(back?.staleReason, 'window');
    assert.equal(back?.stale, true);
  });
});
