// How the files of a job's takes are named in their folder. A palette job's take is named from its
// prompt ("a-red-fox.png", then "a-red-fox-2.png"); a shot's take is `take-<n>.<ext>`, n one past the
// highest number in the shot's folder, so a take is never overwritten nor renumbered.
// Names already claimed count as taken through their sidecars too (a crash may leave a sidecar alone).
import type { Job } from '../../core/jobTypes';
import { parseTakeFileName, takeFileName } from '../../core/shots/takePaths';
import { uniqueFileName } from './safeFileName';
import { SIDECAR_SUFFIX } from './sidecar';

export interface TakeNaming {
  /** Sidecar names of this naming in a folder (where an earlier import of the take may be). */
  sidecars: RegExp;
  /** A free name, given every name in the folder (media files and sidecars). */
  next(taken: ReadonlySet<string>): string;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SIDECAR = escapeRegExp(SIDECAR_SUFFIX);

/** `base` (and its "-2", "-3"… variants), never a name in use or claimed by a sidecar. */
export function promptNaming(base: string, ext: string): TakeNaming {
  return {
    sidecars: new RegExp(`^${escapeRegExp(base)}(-\\d+)?\\.[a-z0-9]+${SIDECAR}$`, 'i'),
    next: (taken) => uniqueFileName(base, ext, (n) => taken.has(n) || taken.has(`${n}${SIDECAR_SUFFIX}`)),
  };
}

/** take-<highest + 1>.<ext>, counting every take file or sidecar in the folder, whatever its extension. */
export function shotTakeNaming(ext: string): TakeNaming {
  return {
    sidecars: new RegExp(`^take-\\d+\\.[a-z0-9]+${SIDECAR}$`, 'i'),
    next: (taken) => {
      let highest = 0;
      for (const name of taken) {
        const media = name.endsWith(SIDECAR_SUFFIX) ? name.slice(0, -SIDECAR_SUFFIX.length) : name;
        const n = parseTakeFileName(media);
        if (n !== undefined && n > highest) highest = n;
      }
      return takeFileName(highest + 1, ext);
    },
  };
}

export function namingFor(job: Job, base: string, ext: string): TakeNaming {
  return job.shot ? shotTakeNaming(ext) : promptNaming(base, ext);
}
