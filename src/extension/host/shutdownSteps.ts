// Shutdown steps that each run even when the one before failed or hung (on Reload Window the save
// and the log may both fail, and a lease left behind makes the new window wait out its expiry).

import type { Clock, TimerHandle } from '../../core/clock';

type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

/** Run one step; its failure is logged (if the log still works) and never stops the next one. */
export async function runShutdownStep(what: string, run: () => Promise<void>, log: Log): Promise<void> {
  try {
    await run();
  } catch (err) {
    safeLog(log, 'error', `Could not ${what}: ${String(err)}`);
  }
}

/** A save that never settles (the window's channel is gone) must not hold the lease release back. */
export function withinShutdownBudget(clock: Clock, p: Promise<void>, budgetMs: number): Promise<void> {
  let timer: TimerHandle | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = clock.setTimeout(() => reject(new Error('timed out')), budgetMs);
  });
  return Promise.race([p, timeout]).finally(() => {
    if (timer !== undefined) clock.clearTimeout(timer);
  });
}

function safeLog(log: Log, level: 'info' | 'warn' | 'error', message: string): void {
  try {
    log(level, message);
  } catch {
    // The log itself is gone (window closing).
  }
}
