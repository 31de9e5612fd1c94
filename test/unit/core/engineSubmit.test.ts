import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../src/core/errors';
import { decodeRegistry } from '../../../src/core/persistedForm';
import { makeHarness, settleAll, spec, transient } from './engineHarness';

describe('engine: submit to import', () => {
  it('runs a job through every step and imports its take', async () => {
    const h = makeHarness({ plan: () => ({ queueMs: 1_000, runMs: 8_000 }) });
    await h.engine.start();
    const job = h.engine.submit(spec());
    assert.equal(h.engine.get(job.id)?.state, 'waiting');
    await settleAll(h);
    const done = h.engine.get(job.id);
    assert.equal(done?.state, 'succeeded');
    for (const s of ['waiting', 'submitting', 'queued', 'running', 'downloading', 'importing', 'succeeded'] as const) {
      assert.ok(done?.stateAt[s], `stamped ${s}`);
    }
    assert.equal(done?.takes[0]?.localPath, `assets/generated/${job.id}-0.png`);
    assert.equal(h.assets.imported.length, 1);
    assert.ok(done?.cost.estimate, 'an estimate at submit');
    assert.ok(done?.cost.actual, 'an actual cost on success');
    assert.equal(h.provider.submitsFor(job.id), 1);
    await h.engine.dispose();
  });

  it('persists submitting before the create and the request id before the first status request', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 5_000 }) });
    const seen: string[] = [];
    h.store.onSave = (reg) => {
      const j = decodeRegistry(reg).jobs[0];
      if (j) seen.push(`save:${j.state}:${j.requestId ?? '-'}`);
    };
    h.provider.onRequest = (op) => seen.push(`request:${op}`);
    await h.engine.start();
    h.engine.submit(spec());
    await settleAll(h);
    const firstCreate = seen.indexOf('request:submit');
    const firstStatus = seen.indexOf('request:status');
    const submittingSaved = seen.findIndex((s) => s.startsWith('save:submitting'));
    const idSaved = seen.findIndex((s) => /^save:\w+:r0-/.test(s));
    assert.ok(submittingSaved >= 0 && submittingSaved < firstCreate, seen.join(' '));
    assert.ok(idSaved > firstCreate && idSaved < firstStatus, seen.join(' '));
  });

  it('does not send a create whose submitting state could not be saved', async () => {
    const h = makeHarness();
    await h.engine.start();
    h.store.failSaves = true;
    const job = h.engine.submit(spec());
    await h.clock.advance(5_000);
    assert.equal(h.provider.counts.submit, 0);
    assert.equal(h.engine.get(job.id)?.state, 'waiting');
    assert.match(h.engine.get(job.id)?.error?.message ?? '', /could not save/);
    h.store.failSaves = false;
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    assert.equal(h.provider.submitsFor(job.id), 1);
  });

  it('retries a transient create with backoff, then succeeds', async () => {
    const h = makeHarness();
    h.provider.fail('submit', transient()).fail('submit', transient());
    await h.engine.start();
    const job = h.engine.submit(spec());
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    assert.equal(h.provider.counts.submit, 3);
    assert.equal(h.provider.submitsFor(job.id), 1);
    const times = h.provider.requestTimes.filter((r) => r.op === 'submit').map((r) => r.at);
    assert.ok((times[1] ?? 0) - (times[0] ?? 0) >= 750, 'first retry after ~1 s (±25 %)');
    assert.ok((times[2] ?? 0) - (times[1] ?? 0) >= 1_500, 'second retry after ~2 s (±25 %)');
  });

  it('honours retryAfterMs from the provider', async () => {
    const h = makeHarness();
    h.provider.fail('submit', transient('Request was throttled', { httpStatus: 429, retryAfterMs: 7_000 }));
    await h.engine.start();
    h.engine.submit(spec());
    await settleAll(h);
    const times = h.provider.requestTimes.filter((r) => r.op === 'submit').map((r) => r.at);
    assert.equal(times.length, 2);
    const gap = (times[1] ?? 0) - (times[0] ?? 0);
    assert.ok(gap >= 7_000 && gap < 9_000, `gap ${gap}`);
  });

  it('fails with category transient after the attempts are spent', async () => {
    const h = makeHarness();
    for (let i = 0; i < 8; i++) h.provider.fail('submit', transient());
    await h.engine.start();
    const job = h.engine.submit(spec());
    await settleAll(h);
    const done = h.engine.get(job.id);
    assert.equal(done?.state, 'failed');
    assert.equal(done?.error?.category, 'transient');
    assert.match(done?.error?.message ?? '', /8 attempts/);
    assert.equal(h.provider.counts.submit, 8);
  });

  it('fails at once, with the category, on a non-transient error', async () => {
    for (const category of ['input', 'billing-policy', 'auth'] as const) {
      const h = makeHarness();
      h.provider.fail('submit', new ProviderError({ category, message: `bad ${category}` }));
      await h.engine.start();
      const job = h.engine.submit(spec());
      await settleAll(h);
      assert.equal(h.engine.get(job.id)?.state, 'failed');
      assert.equal(h.engine.get(job.id)?.error?.category, category);
      assert.equal(h.provider.counts.submit, 1, category);
    }
  });

  it('reconciles a submit with an unknown outcome instead of sending it twice', async () => {
    const h = makeHarness({ reconcile: 'supported' });
    const cut = new ProviderError({ category: 'transient', message: 'socket hang up', outcomeUnknown: true });
    h.provider.fail('submit', cut, true); // the provider did create it
    await h.engine.start();
    const job = h.engine.submit(spec());
    await h.clock.advance(1);
    assert.equal(h.engine.get(job.id)?.state, 'unknown');
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    assert.equal(h.provider.counts.submit, 1, 'never re-sent');
    assert.equal(h.provider.counts.reconcile, 1);
    assert.equal(h.provider.submitsFor(job.id), 1);
  });

  it('submits again only after reconcile says the provider does not have it', async () => {
    const h = makeHarness({ reconcile: 'supported' });
    h.provider.fail('submit', new ProviderError({ category: 'transient', message: 'reset', outcomeUnknown: true }));
    await h.engine.start();
    const job = h.engine.submit(spec());
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    assert.equal(h.provider.counts.reconcile, 1);
    assert.equal(h.provider.counts.submit, 2);
    assert.equal(h.provider.submitsFor(job.id), 1);
  });

  it('waits for the user when the provider cannot be asked, then resubmits on request', async () => {
    const h = makeHarness({ reconcile: 'unsupported' });
    h.provider.fail('submit', new Error('fetch failed')); // unclassified: outcome unknown
    await h.engine.start();
    const job = h.engine.submit(spec());
    await settleAll(h, 10 * 60_000);
    const parked = h.engine.get(job.id);
    assert.equal(parked?.state, 'unknown');
    assert.match(parked?.error?.message ?? '', /could not confirm whether it received this job/);
    assert.equal(h.provider.counts.submit, 1);
    h.engine.resubmitUnknown(job.id);
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    assert.equal(h.provider.counts.submit, 2);
  });

  it('a model known to finish in under 50 s is created with a sync wait: it succeeds with one create and no status request', async () => {
    const h = makeHarness({ capabilities: { syncWait: true }, plan: () => ({ runMs: 12_000 }) });
    await h.engine.start();
    for (let i = 0; i < 3; i++) {
      h.engine.submit(spec());
      await settleAll(h);
    }
    const before = { ...h.provider.counts };
    const job = h.engine.submit(spec());
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    assert.equal(h.provider.counts.status - before.status, 0, 'no polling needed');
    assert.equal(h.provider.counts.submit - before.submit, 1);
  });
});
