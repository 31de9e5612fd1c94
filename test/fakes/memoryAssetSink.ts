// An in-memory AssetSink: keeps every imported take's bytes, so tests can check what would have
// landed in the workspace (and that nothing was imported twice).
import type { AssetSink, ImportedTake } from '../../src/core/assetSinkPort';
import type { Job, Take } from '../../src/core/jobTypes';

export interface ImportedRecord {
  jobId: string;
  index: number;
  localPath: string;
  contentType?: string;
  data: Uint8Array;
}

export class MemoryAssetSink implements AssetSink {
  readonly imported: ImportedRecord[] = [];
  /** Make the next N imports throw (a full disk, a read-only folder). */
  failNext = 0;

  async importTake(job: Job, take: Take, data: Uint8Array): Promise<ImportedTake> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('MemoryAssetSink: import failed (simulated)');
    }
    const ext = extensionOf(take.contentType) ?? 'bin';
    const localPath = `assets/generated/${job.id}-${take.index}.${ext}`;
    const record: ImportedRecord = { jobId: job.id, index: take.index, localPath, data: data.slice() };
    if (take.contentType) record.contentType = take.contentType;
    this.imported.push(record);
    return { localPath, bytes: data.byteLength };
  }

  forJob(jobId: string): ImportedRecord[] {
    return this.imported.filter((r) => r.jobId === jobId);
  }
}

function extensionOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const sub = contentType.split(';')[0]?.split('/')[1]?.trim();
  if (!sub) return undefined;
  return sub === 'jpeg' ? 'jpg' : sub === 'mpeg' ? 'mp3' : sub.replace(/[^a-z0-9]/gi, '');
}
