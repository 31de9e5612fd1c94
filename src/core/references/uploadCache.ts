// Uploaded references by provider and content hash, with their expiry: a reference used by 20
// jobs is uploaded once (uploads of the same content at the same time share one request), a
// retry uses the upload it already made, and an upload about to expire is made again. Kept
// across sessions through a port. URLs that are not provider-hosted copies (a file: path, an
// inline data: URI) are never cached: they stand for a path or for one request, not for content.
import type { ProviderId } from '../jobTypes';
import type { UploadCacheStore } from './referencePorts';
import type { UploadedFile } from './referenceTypes';

export interface UploadCacheEntry {
  url: string;
  /** Epoch ms; undefined: no known expiry. */
  expiresAt?: number;
  uploadedAt: number;
}

export const DEFAULT_RENEW_MARGIN_MS = 10 * 60_000;
/** Entries kept on disk (oldest uploads dropped first). */
const MAX_ENTRIES = 2_000;
const STORE_VERSION = 1;

interface Shared {
  promise: Promise<UploadedFile>;
  controller: AbortController;
  waiters: number;
}

function keyOf(provider: ProviderId, sha256: string): string {
  return `${provider}:${sha256}`;
}

function abortError(): Error {
  const e = new Error('The upload was stopped.');
  e.name = 'AbortError';
  return e;
}

export class UploadCache {
  private readonly entries = new Map<string, UploadCacheEntry>();
  private readonly inflight = new Map<string, Shared>();
  /** Dropped before the persisted copy was read: key → the URL that must not come back. */
  private readonly pendingDrops = new Map<string, string>();
  private loading: Promise<void> | undefined;
  private saving: Promise<void> = Promise.resolve();
  /** Uploads actually made (not served from the cache), for tests and benches. */
  uploads = 0;

  constructor(
    private readonly store: UploadCacheStore | undefined,
    private readonly now: () => number,
    private readonly marginMs = DEFAULT_RENEW_MARGIN_MS,
    private readonly log?: (level: 'info' | 'warn' | 'error', message: string) => void,
  ) {}

  /** The cached upload, if it is still good for at least the renew margin. */
  async live(provider: ProviderId, sha256: string): Promise<UploadCacheEntry | undefined> {
    await this.load();
    const key = keyOf(provider, sha256);
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt !== undefined && e.expiresAt - this.marginMs <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /**
   * The URL of this content at this provider: cached, joined to an upload already under way, or
   * uploaded now. The upload runs on its own signal, stopped only when every caller gave up.
   */
  async obtain(
    provider: ProviderId,
    sha256: string,
    upload: (signal: AbortSignal) => Promise<UploadedFile>,
    signal: AbortSignal,
  ): Promise<string> {
    const cached = await this.live(provider, sha256);
    if (cached) return cached.url;
    const key = keyOf(provider, sha256);
    let shared = this.inflight.get(key);
    if (!shared) {
      const controller = new AbortController();
      const promise = upload(controller.signal).then((file) => {
        this.uploads += 1;
        this.remember(key, file);
        return file;
      });
      const entry: Shared = { promise, controller, waiters: 0 };
      shared = entry;
      this.inflight.set(key, entry);
      promise.then(
        () => this.inflight.delete(key),
        () => this.inflight.delete(key),
      );
    }
    return (await this.join(shared, signal)).url;
  }

  /**
   * Forget these uploads (the provider could not fetch them): the next use uploads again. Only
   * while the cache still holds that same URL: a newer upload made meanwhile (another job that
   * hit the same expiry first) is kept.
   */
  drop(provider: ProviderId, uploads: readonly { sha256: string; url: string }[]): void {
    for (const u of uploads) {
      const key = keyOf(provider, u.sha256);
      const e = this.entries.get(key);
      if (e && e.url !== u.url) continue;
      this.entries.delete(key);
      this.pendingDrops.set(key, u.url); // in case the persisted copy is still loading
    }
    this.persist();
  }

  private join(shared: Shared, signal: AbortSignal): Promise<UploadedFile> {
    shared.waiters += 1;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        shared.waiters -= 1;
        if (shared.waiters === 0) shared.controller.abort();
        reject(abortError());
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (err: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(err);
        },
      );
    });
  }

  private remember(key: string, file: UploadedFile): void {
    if (!/^https?:/i.test(file.url)) return;
    const entry: UploadCacheEntry = { url: file.url, uploadedAt: this.now() };
    if (file.expiresAt !== undefined) entry.expiresAt = file.expiresAt;
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.pendingDrops.delete(key);
    this.persist();
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      if (!this.store) return;
      try {
        const data = (await this.store.load()) as { v?: unknown; entries?: unknown } | undefined;
        if (data?.v !== STORE_VERSION || typeof data.entries !== 'object' || data.entries === null) return;
        for (const [key, raw] of Object.entries(data.entries as Record<string, unknown>)) {
          const e = raw as Partial<UploadCacheEntry> | null;
          if (this.entries.has(key) || typeof e?.url !== 'string' || typeof e.uploadedAt !== 'number') continue;
          if (this.pendingDrops.get(key) === e.url) continue;
          const entry: UploadCacheEntry = { url: e.url, uploadedAt: e.uploadedAt };
          if (typeof e.expiresAt === 'number') entry.expiresAt = e.expiresAt;
          this.entries.set(key, entry);
        }
      } catch (err) {
        this.log?.('warn', `upload cache: could not read it, starting empty (${String(err)})`);
      }
    })();
    return this.loading;
  }

  /** Write the live entries (serialised: one write at a time, the last one wins). */
  private persist(): void {
    const store = this.store;
    if (!store) return;
    this.saving = this.saving
      .then(() => this.load())
      .then(() => store.save(this.snapshot()))
      .catch((err: unknown) => this.log?.('warn', `upload cache: could not save it (${String(err)})`));
  }

  private snapshot(): { v: number; entries: Record<string, UploadCacheEntry> } {
    const now = this.now();
    const live = [...this.entries].filter(([, e]) => e.expiresAt === undefined || e.expiresAt > now);
    return { v: STORE_VERSION, entries: Object.fromEntries(live.slice(-MAX_ENTRIES)) };
  }

  /** Resolves once every write asked for so far is done (tests, shutdown). */
  flush(): Promise<void> {
    return this.saving;
  }
}
