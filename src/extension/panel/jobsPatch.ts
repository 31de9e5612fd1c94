// What the webview already has, so a job's progress sends that job alone: the JSON of every job view
// last sent, compared with the new views. A view is compared whole (state, progress, ETA, hint,
// takes...), so nothing the card shows can go stale.
import type { JobsPatch, JobView } from './generationsProtocol';

/** Above this share of changed jobs a complete snapshot is as cheap as a patch, and simpler. */
const SNAPSHOT_SHARE = 0.5;
/** Patches this small are always patches, whatever the share. */
const SMALL_PATCH = 20;

export class SentJobs {
  private sent = new Map<string, string>();

  /** The webview got all of `views` (a complete snapshot). */
  reset(views: readonly JobView[]): void {
    this.sent = new Map(views.map((v) => [v.id, JSON.stringify(v)]));
  }

  /** The jobs whose view differs from what was sent, and the ids that are gone; records them as sent. */
  diff(views: readonly JobView[], now: number): JobsPatch {
    const next = new Map<string, string>();
    const changed: JobView[] = [];
    for (const v of views) {
      const json = JSON.stringify(v);
      next.set(v.id, json);
      if (this.sent.get(v.id) !== json) changed.push(v);
    }
    const removed = [...this.sent.keys()].filter((id) => !next.has(id));
    this.sent = next;
    return { now, changed, removed };
  }
}

/** Whether a patch touches so much that a complete snapshot should go instead. */
export function patchIsLarge(patch: JobsPatch, jobCount: number): boolean {
  const touched = patch.changed.length + patch.removed.length;
  return touched > SMALL_PATCH && touched > jobCount * SNAPSHOT_SHARE;
}
