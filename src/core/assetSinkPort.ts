// Where takes go once downloaded: the extension writes them into the workspace with a
// provenance sidecar; tests keep them in memory.
import type { Job, Take } from './jobTypes';

export interface ImportedTake {
  localPath: string;
  bytes: number;
}

export interface AssetSink {
  /** Write one take atomically (temp file, then rename) and its sidecar. */
  importTake(job: Job, take: Take, data: Uint8Array): Promise<ImportedTake>;
}
