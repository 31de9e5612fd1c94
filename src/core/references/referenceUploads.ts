// Turning a job's references into URLs its provider can read, just before the create is sent:
// each reference is read through the host's port, checked against the hash recorded when the job
// was made, and uploaded once per content and provider (uploadCache.ts).
//
// A changed file: the job stands for the content it was made with. While an upload of that
// content is live it is used (nothing is read); when the bytes must be read again and no longer
// match, the job fails with an input error naming the file (nothing was sent or spent). Make the
// job again to use the new content.
import { createHash } from 'node:crypto';
import { providerName } from '../engineMessages';
import { isProviderError, ProviderError } from '../errors';
import type { Job } from '../jobTypes';
import type { ProviderAdapter } from '../providerPort';
import { refUrlKey } from './referenceInput';
import type { ReferenceOptions } from './referencePorts';
import type { JobReference, UploadedFile } from './referenceTypes';
import { UploadCache } from './uploadCache';

export class ReferenceUploads {
  readonly cache: UploadCache;

  constructor(
    private readonly opts: ReferenceOptions | undefined,
    now: () => number,
    log?: (level: 'info' | 'warn' | 'error', message: string) => void,
  ) {
    this.cache = new UploadCache(opts?.cacheStore, now, opts?.renewMarginMs, log);
  }

  /** The URL of every reference of the job, by `refUrlKey`. Throws ProviderError. */
  async resolve(job: Job, adapter: ProviderAdapter, signal: AbortSignal): Promise<Record<string, string>> {
    const refs = job.refs ?? [];
    const urls = await Promise.all(refs.map((ref) => this.urlOf(job, ref, adapter, signal)));
    const out: Record<string, string> = {};
    refs.forEach((ref, i) => {
      out[refUrlKey(ref)] = urls[i] as string;
    });
    return out;
  }

  /** The provider could not fetch the job's files: its next submit uploads them again. */
  forget(job: Job): void {
    const used = (job.refs ?? []).flatMap((r) => {
      const url = job.refUrls?.[refUrlKey(r)];
      return url ? [{ sha256: r.sha256, url }] : [];
    });
    this.cache.drop(job.provider, used);
  }

  private urlOf(job: Job, ref: JobReference, adapter: ProviderAdapter, signal: AbortSignal): Promise<string> {
    const upload = adapter.upload?.bind(adapter);
    if (!upload) {
      throw new ProviderError({
        category: 'input',
        message: `${providerName(job.provider)} cannot take file inputs here, so "${ref.path}" cannot be sent. Choose another provider.`,
      });
    }
    return this.cache.obtain(job.provider, ref.sha256, (s) => this.upload(job, ref, upload, s), signal);
  }

  private async upload(
    job: Job,
    ref: JobReference,
    upload: NonNullable<ProviderAdapter['upload']>,
    signal: AbortSignal,
  ): Promise<UploadedFile> {
    const reader = this.opts?.reader;
    if (!reader) {
      throw new ProviderError({
        category: 'input',
        message: `This window cannot read reference files, so "${ref.path}" was not sent. Reload the window and retry.`,
      });
    }
    let bytes: Awaited<ReturnType<typeof reader.read>>;
    try {
      bytes = await reader.read(ref.path);
    } catch (err) {
      throw new ProviderError({
        category: 'input',
        message: `The reference "${ref.path}" (${ref.field}) could not be read: it was moved, deleted or is not readable. Nothing was sent. Restore it, or edit the job's references.`,
        detail: err instanceof Error ? err.message : String(err),
      });
    }
    const sha = createHash('sha256').update(bytes.data).digest('hex');
    if (sha !== ref.sha256) {
      throw new ProviderError({
        category: 'input',
        message: `The reference "${ref.path}" changed since this job was made, so it was not sent (nothing spent). Make the job again to use the file as it is now.`,
        detail: `sha256 recorded ${ref.sha256}, now ${sha} (${bytes.data.byteLength} bytes)`,
      });
    }
    const contentType = ref.contentType || bytes.contentType;
    const file = { data: bytes.data, contentType, name: fileNameOf(ref.path, contentType) };
    try {
      return await upload(bytes.absolutePath ? { ...file, path: bytes.absolutePath } : file, signal);
    } catch (err) {
      throw tooLargeInWords(err, job, ref, bytes.data.byteLength);
    }
  }
}

/** A 413 (or a provider's own "too large") says which file, how big, and the provider's limit. */
function tooLargeInWords(err: unknown, job: Job, ref: JobReference, size: number): unknown {
  if (!isProviderError(err) || err.category !== 'input') return err;
  if (err.httpStatus !== 413 && !/too large|too big|exceeds/i.test(`${err.message} ${err.detail ?? ''}`)) return err;
  return new ProviderError({
    category: 'input',
    message: `"${ref.path}" (${formatBytes(size)}) is too large for ${providerName(job.provider)}: ${err.message} Use a smaller file. Nothing was spent.`,
    detail: err.detail,
    httpStatus: err.httpStatus,
  });
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'audio/flac': 'flac',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
};

/** The file's own name, with an extension (some models reject URLs without one). */
export function fileNameOf(path: string, contentType: string): string {
  const base = path.split(/[\\/]/).pop() || 'reference';
  if (/\.[A-Za-z0-9]{1,5}$/.test(base)) return base;
  const ext = EXTENSIONS[contentType.toLowerCase()] ?? contentType.split('/')[1]?.replace(/[^a-z0-9]/gi, '') ?? 'bin';
  return `${base}.${ext || 'bin'}`;
}
