// Where takes go once downloaded: the extension writes them into the workspace with a
// provenance sidecar; tests keep them in memory.
import type { Job, Take } from './jobTypes';
import type { TakeBytes } from './takeSpool';

export interface ImportedTake {
  localPath: string;
  bytes: number;
}

export interface AssetSink {
  /**
   * Write one take atomically (temp file, then rename) and its sidecar; a spooled take's temp file
   * is moved, not copied. Importing the same job's take again returns the earlier file.
   */
  importTake(job: Job, take: Take, data: TakeBytes): Promise<ImportedTake>;
}
