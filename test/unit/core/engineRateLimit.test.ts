// A 429 pauses the whole provider, not just the job that got it, and waiting on a rate limit
// never uses up a job's attempts. Simulated time (FakeClock) drives everything.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../src/core/errors';
import { FakeClock } from '../../fakes/fakeClock';
import type { InjectedFailure, Operation } from '../../fakes/scriptedProvider';
import { makeHarness, settleAll, spec } from './engineHarness';

const RETRY_AFTER_MS = 30_000;

function tooMany(retryAfterMs: number | undefined): InjectedFailure {
  return {
    error: new ProviderError({ category: 'transient', message: 'Too many requests', httpStatus: 429, retryAfterMs }),
  };
}

/** Requests answered between `from` and `to` (simulated ms) get a 429 (at most `limit`); events are logged in order. */
function storm(clockNow: () => number, from: number, to: number, retryAfterMs: number | undefined, limit = Infinity) {
  let left = limit;
  const events: { kind: 'start' | '429'; at: number; op: Operation }[] = [];
  return {
    events,
    onRequest: (op: Operation) => events.push({ kind: 'start', at: clockNow(), op }),
    chaos: (op: Operation): InjectedFailure | undefined => {
      const now = clockNow();
      if (now < from || now >= to || left <= 0) return undefined;
      left--;
      events.push({ kind: '429', at: now, op });
      return tooMany(retryAfterMs);
    },
  };
}

describe('engine: rate limits are per provider', () => {
  it('after one job gets a 429 with Retry-After 30 s, no request to that provider starts inside the 30 s, for any job', async () => {
    const clock = new FakeClock();
    const t0 = clock.now();
    // One 429 on one job's request, the rest of the batch polling on their own timelines.
    const s = storm(() => clock.now(), t0 + 20_000, t0 + 25_000, RETRY_AFTER_MS, 1);
    const plan = () => ({ queueMs: 1_000, runMs: 120_000 });
    const h = makeHarness({ clock, latencyMs: 400, plan, chaos: s.chaos });
    h.provider.onRequest = s.onRequest;
    await h.engine.start();
    const jobs = [];
    for (let i = 0; i < 20; i++) {
      jobs.push(h.engine.submit(spec({ input: { prompt: `fox ${i}` } })));
      await clock.advance(700);
    }
    await settleAll(h);

    const first429 = s.events.findIndex((e) => e.kind === '429');
    assert.ok(first429 >= 0, 'the storm hit');
    // In order of events: once a 429 is answered at `a`, no request starts before a + 30 s.
    let pausedUntil = Number.NEGATIVE_INFINITY;
    let startsInsidePause = 0;
    for (const e of s.events) {
      if (e.kind === '429') pausedUntil = Math.max(pausedUntil, e.at + RETRY_AFTER_MS);
      else if (e.at < pausedUntil) startsInsidePause++;
    }
    assert.equal(startsInsidePause, 0, 'requests started while the provider asked us to wait');
    for (const j of jobs) assert.equal(h.engine.get(j.id)?.state, 'succeeded', `job ${j.id}`);
  });

  it('a 429 storm on every request, longer than the attempt limit allows, fails no job: all succeed after it', async () => {
    // No Retry-After: the pause grows with consecutive 429s (bounded by the backoff's max).
    const clock = new FakeClock();
    const t0 = clock.now();
    const s = storm(() => clock.now(), t0, t0 + 15 * 60_000, undefined);
    const h = makeHarness({ clock, latencyMs: 200, plan: () => ({ queueMs: 500, runMs: 10_000 }), chaos: s.chaos });
    await h.engine.start();
    const jobs = Array.from({ length: 12 }, (_, i) => h.engine.submit(spec({ input: { prompt: `owl ${i}` } })));
    await settleAll(h);
    assert.ok(s.events.filter((e) => e.kind === '429').length > 8, 'more 429s than the attempt limit');
    for (const j of jobs) {
      const job = h.engine.get(j.id);
      assert.equal(job?.state, 'succeeded', `job ${j.id}: ${job?.state} ${job?.error?.message ?? ''}`);
    }
    assert.equal(h.provider.remote.size, 12, 'each job created once');
  });

  it('a 429 storm on status reads keeps running jobs alive (not failed, not stale) within their polling window', async () => {
    const clock = new FakeClock();
    const t0 = clock.now();
    const s = storm(() => clock.now(), t0 + 5_000, t0 + 10 * 60_000, 20_000);
    const h = makeHarness({ clock, latencyMs: 200, plan: () => ({ queueMs: 500, runMs: 60_000 }), chaos: s.chaos });
    await h.engine.start();
    const jobs = Array.from({ length: 6 }, (_, i) => h.engine.submit(spec({ input: { prompt: `elk ${i}` } })));
    await settleAll(h);
    for (const j of jobs) assert.equal(h.engine.get(j.id)?.state, 'succeeded', `job ${j.id}`);
  });
});
