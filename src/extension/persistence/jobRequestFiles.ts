// Actions asked from a window that only shows a job (cancel, check again), for the window that
// drives it: one file per job and action in `<globalStorage>/requests/`, written by the asking
// window and deleted by the driving window once it acted. (In globalState, one value that windows
// overwrite whole, a request could be lost to another window's write at the same moment.)
import { join } from 'node:path';
import { ensureDir, listNames, readJson, removeFile, writeAtomic } from './atomicFiles';

export const REQUESTS_FOLDER = 'requests';
/** A request nobody acted on for this long is dropped (the job finished or was removed). */
export const JOB_REQUEST_TTL_MS = 10 * 60_000;
const SUFFIX = '.request';

export type ForwardedAction = 'cancel' | 'checkAgain';

export interface JobRequest {
  jobId: string;
  action: ForwardedAction;
}

export class JobRequestFiles {
  constructor(private readonly dir: string) {}

  add(jobId: string, action: ForwardedAction, at: number): void {
    ensureDir(this.dir);
    writeAtomic(join(this.dir, `${encodeURIComponent(jobId)}.${action}${SUFFIX}`), JSON.stringify({ at }));
  }

  /** Requests for jobs `isMine` accepts (their files are deleted); expired ones are dropped. */
  take(isMine: (jobId: string) => boolean, now: number): JobRequest[] {
    const out: JobRequest[] = [];
    for (const name of listNames(this.dir)) {
      if (!name.endsWith(SUFFIX)) continue;
      const [id, action] = name.slice(0, -SUFFIX.length).split('.');
      const path = join(this.dir, name);
      if (!id || (action !== 'cancel' && action !== 'checkAgain')) {
        removeFile(path);
        continue;
      }
      const jobId = decodeURIComponent(id);
      if (isMine(jobId)) {
        removeFile(path);
        out.push({ jobId, action });
        continue;
      }
      const at = readJson<{ at?: unknown }>(path)?.at;
      if (typeof at !== 'number' || now - at >= JOB_REQUEST_TTL_MS) removeFile(path);
    }
    return out;
  }
}
