// Replicate's `Prefer: wait=N` holds the create until the prediction finishes or N seconds pass.
// Until it answers there is no request id to save (a crash then costs a reconcile) and no progress
// to show, so the create waits about twice as long as the model usually takes, never the full 60 s
// for a model that usually needs 3: a slow run (cold boot, busy hour) is then polled like any other.
const MAX_WAIT_SECONDS = 60;
const MIN_WAIT_SECONDS = 5;
/** Models expected to take longer than this are polled from the start. */
export const SYNC_WAIT_UNDER_MS = 50_000;

export function syncWaitSeconds(expectedMs: number): number {
  return Math.min(MAX_WAIT_SECONDS, Math.max(MIN_WAIT_SECONDS, Math.ceil((expectedMs * 2) / 1000)));
}
