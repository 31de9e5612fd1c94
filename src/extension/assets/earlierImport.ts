// Finding a take this job already imported: if the extension host stopped after a take was
// renamed into place but before the job's localPath was saved, the next start imports the take
// again. The sidecar names the job and the take, and it is written first (it claims the name),
// so the earlier file is found instead of a second copy being made.
import type { Job, Take } from '../../core/jobTypes';
import { type HostFileSystem, joinUri } from './hostFileSystem';
import { SIDECAR_SUFFIX } from './sidecar';

export interface EarlierImport {
  /** The media file's name in the folder. */
  name: string;
  /** False when the host stopped between claiming the name and moving the file in. */
  mediaPresent: boolean;
  bytes: number;
}

/** Sidecars in the folder whose names `sidecars` matches (see takeNaming.ts) that belong to this job's take. */
export async function findEarlierImport(
  fs: HostFileSystem,
  folderUri: string,
  sidecars: RegExp,
  job: Job,
  take: Take,
): Promise<EarlierImport | undefined> {
  const entries = await fs.readDirectory(folderUri).catch(() => [] as [string, 'file' | 'directory'][]);
  for (const [sidecarName, kind] of entries) {
    if (kind !== 'file' || !sidecars.test(sidecarName)) continue;
    if (!(await belongsTo(fs, joinUri(folderUri, sidecarName), job, take))) continue;
    const name = sidecarName.slice(0, -SIDECAR_SUFFIX.length);
    const stat = await fs.stat(joinUri(folderUri, name));
    return { name, mediaPresent: stat?.kind === 'file', bytes: stat?.size ?? 0 };
  }
  return undefined;
}

async function belongsTo(fs: HostFileSystem, uri: string, job: Job, take: Take): Promise<boolean> {
  try {
    const sidecar = JSON.parse(new TextDecoder().decode(await fs.readFile(uri))) as {
      jobId?: unknown;
      take?: { index?: unknown };
    };
    return sidecar.jobId === job.id && sidecar.take?.index === take.index;
  } catch {
    return false; // unreadable or not ours: never adopt it
  }
}
