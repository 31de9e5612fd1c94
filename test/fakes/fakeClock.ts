// Simulated time for tests and benchmarks: timers fire only when the test advances the clock,
// and pending promise chains settle between timers, so async code runs as it would for real.
import type { Clock, TimerHandle } from '../../src/core/clock';

interface FakeTimer {
  id: number;
  at: number;
  fn: () => void;
}

/** Let every queued promise continuation run (a macrotask turn drains the microtask queue). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: FakeTimer[] = [];

  constructor(start = Date.UTC(2026, 10, 23, 9, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: FakeTimer = { id: this.nextId++, at: this.current + Math.max(0, ms), fn };
    this.timers.push(timer);
    return { fakeTimerId: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const id = (handle as { fakeTimerId?: number }).fakeTimerId;
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  /** Move time without firing anything (for code under test that keeps no timers). */
  jump(ms: number): void {
    this.current += ms;
  }

  /** Number of timers not yet fired. */
  pendingTimers(): number {
    return this.timers.length;
  }

  /** Move time forward by `ms`, firing due timers in order and settling promises between them. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await this.runWhile((t) => t.at <= target);
    this.current = Math.max(this.current, target);
    await settle();
  }

  /** Fire timers until none are left (bounded, so a self-rescheduling loop cannot hang a test). */
  async runUntilIdle(maxTimers = 100_000): Promise<void> {
    await this.runWhile(() => true, maxTimers);
  }

  /** Fire timers until `done()` is true or no timers are left. */
  async runUntil(done: () => boolean, maxTimers = 1_000_000): Promise<void> {
    await this.runWhile(() => !done(), maxTimers);
  }

  private async runWhile(pred: (t: FakeTimer) => boolean, maxTimers = 1_000_000): Promise<void> {
    await settle();
    for (let fired = 0; fired < maxTimers; fired++) {
      const next = this.earliest();
      if (!next || !pred(next)) return;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = Math.max(this.current, next.at);
      next.fn();
      await settle();
    }
    throw new Error(`FakeClock: more than ${maxTimers} timers fired; is something rescheduling forever?`);
  }

  private earliest(): FakeTimer | undefined {
    let best: FakeTimer | undefined;
    for (const t of this.timers) if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    return best;
  }
}
