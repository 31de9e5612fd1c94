// Adaptive polling for providers without a status stream. Fast at first (most short jobs finish
// early), slower over time (long jobs do not need a request every second), and dense around the
// expected finish once the model has a duration history, so detection stays quick without
// polling the whole way through.

/** The delay ladder by elapsed time when nothing better is known. */
const LADDER: ReadonlyArray<readonly [untilMs: number, delayMs: number]> = [
  [5_000, 1_000],
  [12_000, 1_500],
  [25_000, 2_000],
  [45_000, 3_000],
  [90_000, 5_000],
  [180_000, 8_000],
  [360_000, 12_000],
];
export const MAX_POLL_DELAY_MS = 15_000;
export const MIN_POLL_DELAY_MS = 1_000;

/** The dense window around an estimate: from 70 % to 150 % of it. */
export const DENSE_FROM = 0.7;
export const DENSE_UNTIL = 1.5;

export function ladderDelayMs(elapsedMs: number): number {
  for (const [until, delay] of LADDER) if (elapsedMs < until) return delay;
  return MAX_POLL_DELAY_MS;
}

/**
 * Poll interval inside the dense window: 1.5 s for short jobs up to 2.5 s for long ones, so a
 * finish is seen within about 2 s on average while a 10-minute job costs far fewer requests than
 * fixed 3-second polling.
 */
export function denseDelayMs(expectedMs: number): number {
  return Math.min(2_500, Math.max(1_500, Math.round(expectedMs / 150)));
}

/** When a model's runs finish: the estimate, and the spread of past runs when known. */
export interface FinishWindow {
  estimateMs: number;
  /** Dense polling from here… */
  fromMs: number;
  /** …until here. */
  untilMs: number;
}

/**
 * The dense window for a model: around the spread of its past runs (a little wider), or
 * 70 %–150 % of the estimate when the runs are not at hand. Bounded to 0.5×–2× the estimate.
 */
export function finishWindow(estimateMs: number, pastRunsMs?: readonly number[]): FinishWindow {
  let from = estimateMs * DENSE_FROM;
  let until = estimateMs * DENSE_UNTIL;
  if (pastRunsMs && pastRunsMs.length >= 3) {
    from = Math.max(estimateMs * 0.5, Math.min(...pastRunsMs) * 0.85);
    until = Math.min(estimateMs * 2, Math.max(estimateMs, Math.max(...pastRunsMs) * 1.15));
  }
  return { estimateMs, fromMs: from, untilMs: until };
}

/**
 * Delay until the next status request, given how long the job has been at the provider and,
 * when the model has history, when its runs usually finish.
 */
export function nextPollDelayMs(elapsedMs: number, expected?: FinishWindow | number): number {
  const w = typeof expected === 'number' ? (expected > 0 ? finishWindow(expected) : undefined) : expected;
  if (!w) return ladderDelayMs(elapsedMs);
  const dense = denseDelayMs(w.estimateMs);
  if (elapsedMs < w.fromMs) {
    // Sparse until the window opens (a run rarely ends far before its usual time; early failures
    // are still seen within MAX_POLL_DELAY_MS), but never overshoot the window's start.
    const toWindow = Math.ceil(w.fromMs - elapsedMs);
    const sparse = Math.min(MAX_POLL_DELAY_MS, Math.max(ladderDelayMs(elapsedMs), Math.round(toWindow / 4)));
    return Math.max(dense, Math.min(sparse, toWindow));
  }
  if (elapsedMs <= w.untilMs) return dense;
  // Longer than usual: back off again, starting moderately.
  return ladderDelayMs(elapsedMs - w.untilMs + 12_000);
}
