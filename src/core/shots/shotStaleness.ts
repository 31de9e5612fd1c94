// A shot is stale when its chosen take was made from other inputs than the shot has now.
import type { ResolvedShot } from './shotTypes';

/** False when there is no chosen take (the shot is "not generated", not stale). */
export function isStale(resolved: ResolvedShot, chosenTakeFingerprint: string | undefined): boolean {
  return chosenTakeFingerprint !== undefined && chosenTakeFingerprint !== resolved.fingerprint;
}
