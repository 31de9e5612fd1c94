// A provider's file storage for engine tests, as strict as the real ones: an upload gets a URL
// that works until its expiry (fal: the lifecycle asked for; Replicate: `expires_at`, about 24 h),
// then the provider cannot fetch it and the job fails. Uploads can be made to fail (413, 5xx).
import type { Clock } from '../../src/core/clock';
import { ProviderError } from '../../src/core/errors';
import type { ReferenceBytes, ReferenceReader, UploadCacheStore } from '../../src/core/references/referencePorts';
import type { UploadedFile, UploadFile } from '../../src/core/references/referenceTypes';
import type { ScriptedPlan } from './scriptedProvider';

export class FakeFileHost {
  readonly files = new Map<string, { data: Uint8Array; expiresAt: number; name: string }>();
  /** Uploads that reached the host (failed ones included). */
  attempts = 0;
  /** Thrown by the next uploads, in order. */
  readonly failures: Error[] = [];
  /** Upload latency, simulated ms. */
  latencyMs = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 24 * 3600_000,
  ) {}

  get uploads(): number {
    return this.files.size;
  }

  readonly upload = async (file: UploadFile, signal: AbortSignal): Promise<UploadedFile> => {
    this.attempts++;
    if (this.latencyMs > 0) await new Promise<void>((r) => this.clock.setTimeout(r, this.latencyMs));
    if (signal.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    const failure = this.failures.shift();
    if (failure) throw failure;
    const url = `https://files.test/${this.files.size + 1}/${file.name}`;
    const expiresAt = this.clock.now() + this.ttlMs;
    this.files.set(url, { data: file.data, expiresAt, name: file.name });
    return { url, expiresAt };
  };

  /** Expire every file now (time passed, or the provider deleted them). */
  expireAll(): void {
    for (const f of this.files.values()) f.expiresAt = this.clock.now() - 1;
  }

  reachable(url: string): boolean {
    const f = this.files.get(url);
    return f !== undefined && f.expiresAt > this.clock.now();
  }

  /** Every files.test URL anywhere in the input (nested objects, lists). */
  urlsIn(value: unknown): string[] {
    if (typeof value === 'string') return value.startsWith('https://files.test/') ? [value] : [];
    if (Array.isArray(value)) return value.flatMap((v) => this.urlsIn(v));
    if (value && typeof value === 'object') return Object.values(value).flatMap((v) => this.urlsIn(v));
    return [];
  }

  /** The plan a provider follows: it fails like fal/Replicate when an input URL cannot be fetched. */
  plan(input: Record<string, unknown>, ok: ScriptedPlan): ScriptedPlan {
    const bad = this.urlsIn(input).find((u) => !this.reachable(u));
    if (!bad) return ok;
    return {
      runMs: 1_000,
      outcome: 'failed',
      inputFileUnreachable: true,
      error: { category: 'input', message: `could not download ${bad}`, retryable: false },
    };
  }
}

export function tooLarge(limit = '10 MB'): ProviderError {
  return new ProviderError({
    category: 'input',
    httpStatus: 413,
    message: `The provider refused the file: it is larger than ${limit}.`,
  });
}

/** Workspace files in memory, by path. */
export class MemoryReader implements ReferenceReader {
  readonly files = new Map<string, Uint8Array>();
  reads = 0;
  async read(path: string): Promise<ReferenceBytes> {
    this.reads++;
    const data = this.files.get(path);
    if (!data) throw new Error(`ENOENT: no such file ${path}`);
    return { data, contentType: 'image/png', absolutePath: `/work/${path}` };
  }
}

export class MemoryCacheStore implements UploadCacheStore {
  data: unknown;
  saves = 0;
  async load(): Promise<unknown> {
    return this.data === undefined ? undefined : structuredClone(this.data);
  }
  async save(data: unknown): Promise<void> {
    this.saves++;
    this.data = structuredClone(data);
  }
}
