// The engine's timing knobs (defaults unchanged) and its retry log line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock, TimerHandle } from '../../../src/core/clock';
import { FakeClock } from '../../fakes/fakeClock';
import { makeHarness, settleAll, spec, transient } from './engineHarness';

/** Gaps between consecutive status requests for one job, ms. */
function statusGaps(times: { op: string; at: number }[]): number[] {
  const at = times.filter((t) => t.op === 'status').map((t) => t.at);
  return at.slice(1).map((t, i) => t - (at[i] as number));
}

async function firstReconcileDelay(reconcileDelayMs?: number): Promise<number> {
  const h = makeHarness({ plan: () => ({ runMs: 2_000 }) }, reconcileDelayMs === undefined ? {} : { reconcileDelayMs });
  h.provider.fail('submit', new Error('socket hang up'), true);
  await h.engine.start();
  const job = h.engine.submit(spec());
  await settleAll(h);
  assert.equal(h.engine.get(job.id)?.state, 'succeeded');
  const unknownAt = h.engine.get(job.id)?.stateAt.unknown ?? Number.NaN;
  const reconcileAt = h.provider.requestTimes.find((t) => t.op === 'reconcile')?.at ?? Number.NaN;
  return reconcileAt - unknownAt;
}

describe('engine: timing options', () => {
  it('reconcileDelayMs: an unknown create is looked up after that delay (default 2 s)', async () => {
    assert.equal(await firstReconcileDelay(), 2_000);
    assert.equal(await firstReconcileDelay(150), 150);
  });

  it('minPollGapMs: the polling ladder starts at that gap and scales with it (default 1 s)', async () => {
    const run = async (minPollGapMs?: number) => {
      const h = makeHarness({ plan: () => ({ queueMs: 0, runMs: 30_000 }) }, minPollGapMs ? { minPollGapMs } : {});
      await h.engine.start();
      // A model with no history and no catalog time: the plain ladder.
      h.engine.submit(spec({ model: 'acme/uncatalogued' }));
      await settleAll(h);
      return statusGaps(h.provider.requestTimes);
    };
    const normal = await run();
    assert.equal(normal[0], 1_000);
    assert.ok(Math.min(...normal) >= 1_000);
    const small = await run(50);
    assert.equal(small[0], 50);
    assert.ok(Math.max(...small) <= 750, `the whole ladder shrinks: ${Math.max(...small)}`);
  });

  it('minPollGapMs: a status stream that keeps returning without news pauses that long', async () => {
    const run = async (minPollGapMs?: number) => {
      const h = makeHarness(
        { stream: true, plan: () => ({ queueMs: 0, runMs: 5_000 }) },
        minPollGapMs ? { minPollGapMs } : {},
      );
      // A stream that answers at once with nothing new (seen in the wild after a proxy drop).
      h.provider.waitForChange = (ref, signal) => h.provider.status(ref, signal);
      await h.engine.start();
      h.engine.submit(spec());
      await settleAll(h);
      return statusGaps(h.provider.requestTimes);
    };
    const normal = await run();
    assert.equal(Math.max(...normal), 1_000);
    assert.ok(
      normal.every((g) => g === 0 || g === 1_000),
      normal.join(','),
    );
    const small = await run(250);
    assert.equal(Math.max(...small), 250);
    assert.ok(
      small.every((g) => g === 0 || g === 250),
      small.join(','),
    );
    assert.ok(small.filter((g) => g === 250).length >= 10, 'paused between quick answers, never spinning');
  });
});

/** A clock that moves on a little every time it is read, like Date.now() under load. */
class TickingClock implements Clock {
  private ticks = 0;
  constructor(private readonly inner: FakeClock) {}
  now(): number {
    this.ticks += 1;
    return this.inner.now() + this.ticks;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.inner.setTimeout(fn, ms);
  }
  clearTimeout(handle: TimerHandle): void {
    this.inner.clearTimeout(handle);
  }
}

describe('engine: retry log line', () => {
  it('prints the delay it scheduled, never a negative one', async () => {
    const fake = new FakeClock();
    const logs: string[] = [];
    const h = makeHarness(
      { clock: fake, plan: () => ({ runMs: 5_000 }) },
      {
        clock: new TickingClock(fake),
        backoff: { baseMs: 0, factor: 2, maxMs: 0, jitter: 0, maxAttempts: 5 },
        log: (_level, message) => logs.push(message),
      },
    );
    h.provider.fail('status', transient()).fail('status', transient());
    await h.engine.start();
    h.engine.submit(spec());
    await settleAll(h);
    const retries = logs.filter((l) => /attempt \d+ failed/.test(l));
    assert.equal(retries.length, 2, logs.join('\n'));
    for (const line of retries) assert.match(line, /next try in 0 ms$/);
  });
});
