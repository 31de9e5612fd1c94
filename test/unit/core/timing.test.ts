import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelayMs, DEFAULT_BACKOFF, seededRandom } from '../../../src/core/backoff';
import { DENSE_FROM, DENSE_UNTIL, denseDelayMs, MAX_POLL_DELAY_MS, nextPollDelayMs } from '../../../src/core/pollPlan';
import { RateBudget, SlidingWindow } from '../../../src/core/rateBudget';

describe('backoff', () => {
  it('grows exponentially within ±25 % and caps', () => {
    const r = seededRandom(1);
    for (let attempt = 1; attempt <= 10; attempt++) {
      const raw = Math.min(DEFAULT_BACKOFF.maxMs, 1000 * 2 ** (attempt - 1));
      const d = backoffDelayMs(attempt, undefined, r);
      assert.ok(d >= raw * 0.75 && d <= Math.min(raw * 1.25, DEFAULT_BACKOFF.maxMs), `attempt ${attempt}: ${d}`);
    }
  });

  it('never comes back earlier than the provider asked', () => {
    const r = seededRandom(2);
    for (let i = 0; i < 50; i++) assert.ok(backoffDelayMs(1, 5_000, r) >= 5_000);
  });

  it('is deterministic for a seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    assert.deepEqual(
      [1, 2, 3].map((n) => backoffDelayMs(n, undefined, a)),
      [1, 2, 3].map((n) => backoffDelayMs(n, undefined, b)),
    );
  });
});

describe('poll plan', () => {
  it('polls fast at first and slower over time, capped', () => {
    assert.equal(nextPollDelayMs(0), 1_000);
    assert.ok(nextPollDelayMs(60_000) > nextPollDelayMs(10_000));
    assert.equal(nextPollDelayMs(3_600_000), MAX_POLL_DELAY_MS);
  });

  it('is dense around the expected finish and never jumps over the dense window', () => {
    const expected = 300_000;
    assert.equal(nextPollDelayMs(expected, expected), denseDelayMs(expected));
    assert.ok(denseDelayMs(expected) <= 2_500);
    for (let t = 0; t < expected * DENSE_FROM; t += 7_000) {
      assert.ok(t + nextPollDelayMs(t, expected) <= expected * DENSE_FROM + denseDelayMs(expected), `at ${t}`);
    }
    assert.ok(nextPollDelayMs(expected * DENSE_UNTIL + 60_000, expected) > denseDelayMs(expected));
  });
});

describe('rate budget', () => {
  it('never allows more than the limit in any window', () => {
    const w = new SlidingWindow(10, 1_000);
    const sent: number[] = [];
    for (let t = 0; t < 5_000; t += 7) {
      if (w.waitMs(t) === 0) {
        w.take(t);
        sent.push(t);
      }
    }
    for (const t of sent) assert.ok(sent.filter((u) => u >= t && u < t + 1_000).length <= 10);
    assert.ok(sent.length >= 45, `${sent.length} sent in 5 s at 10/s`);
  });

  it('says how long to wait for the next slot', () => {
    const w = new SlidingWindow(2, 1_000);
    w.take(0);
    w.take(300);
    assert.equal(w.waitMs(500), 500);
    assert.equal(w.waitMs(999), 1);
    assert.equal(w.waitMs(1_000), 0);
  });

  it('spreads a per-minute budget over the seconds (600/min = at most 10 in any second)', () => {
    const b = new RateBudget({ createsPerMinute: 600, requestsPerMinute: 3_000 });
    let n = 0;
    while (b.waitMs('create', 0) === 0) {
      b.take('create', 0);
      n++;
    }
    assert.equal(n, 10);
    assert.equal(b.waitMs('other', 0), 0, 'other requests have their own budget');
  });

  it('a shared total caps every kind together', () => {
    const b = new RateBudget({ createsPerMinute: 600, requestsPerMinute: 600, totalPerMinute: 600 });
    for (let i = 0; i < 5; i++) b.take('create', 0);
    for (let i = 0; i < 5; i++) b.take('other', 0);
    assert.ok(b.waitMs('create', 0) > 0);
    assert.ok(b.waitMs('other', 0) > 0);
  });

  it('unlimited means never waiting', () => {
    const b = new RateBudget({
      createsPerMinute: Number.POSITIVE_INFINITY,
      requestsPerMinute: Number.POSITIVE_INFINITY,
    });
    for (let i = 0; i < 1000; i++) b.take('other', 0);
    assert.equal(b.waitMs('other', 0), 0);
  });
});
