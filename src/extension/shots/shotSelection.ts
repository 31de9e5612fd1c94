// Which shots "Generate stale" and "Retry failed" send, and which held batches a resume takes up again.
import { isBillingError } from '../../core/batches/batchBlocking';
import type { BatchSummary } from '../../core/batches/batchSummary';
import type { HoldReason, Job, ProviderId } from '../../core/jobTypes';
import { type ModelFallback, type RefContent, resolveShot } from '../../core/shots/resolveShot';
import { isStale } from '../../core/shots/shotStaleness';
import type { ShotList } from '../../core/shots/shotTypes';
import type { ShotTakes } from './shotTakeIndex';

/**
 * Shots whose chosen take was made from other inputs than the shot has now. A shot never
 * generated, or with no take chosen, is not stale; nor is one whose take has no readable sidecar
 * (its inputs are unknown, so nothing says they changed).
 */
export function staleShotIds(
  list: ShotList,
  takes: ShotTakes,
  fallback: ModelFallback,
  content?: RefContent,
): string[] {
  const out: string[] = [];
  for (const shot of list.shots) {
    if (shot.take === undefined) continue;
    const chosen = takes.get(shot.id)?.find((t) => t.take === shot.take);
    if (isStale(resolveShot(list, shot, fallback, content), chosen?.fingerprint)) out.push(shot.id);
  }
  return out;
}

/** Shots of the file whose newest job failed. */
export function failedShotIds(list: ShotList, newest: ReadonlyMap<string, Job>): string[] {
  return list.shots.filter((s) => newest.get(s.id)?.state === 'failed').map((s) => s.id);
}

/**
 * The failures that blocked a batch for a key or for billing: resuming sends them again (in the same
 * batch), so the shot that hit the block is not left behind. Content-policy failures are not
 * re-sent: the shot must be edited first. A failure already retried is left alone.
 */
export function blockedFailures(batchJobs: readonly Job[], reason: HoldReason | undefined): Job[] {
  if (reason !== 'auth' && reason !== 'billing') return [];
  const retried = new Set(batchJobs.map((j) => j.retriedFrom));
  return batchJobs.filter(
    (j) =>
      j.state === 'failed' &&
      j.error !== undefined &&
      !retried.has(j.id) &&
      (reason === 'auth' ? j.error.category === 'auth' : isBillingError(j.error)),
  );
}

/** The shot lists whose batch is held for a rejected key of a provider that now has one. */
export function listsHeldForKey(
  jobs: readonly Job[],
  summaryOf: (batchId: string) => BatchSummary | undefined,
  hasKey: (provider: ProviderId) => boolean,
): string[] {
  const lists = new Map<string, string>();
  for (const j of jobs) if (j.batchId && j.shot) lists.set(j.batchId, j.shot.list);
  return [...lists].flatMap(([batchId, listPath]) => {
    const s = summaryOf(batchId);
    return s?.held === 'auth' && s.heldProvider && hasKey(s.heldProvider) ? [listPath] : [];
  });
}
