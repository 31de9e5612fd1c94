// Model schemas, cached per provider + model + version with the date they were read, and kept
// through a small store port (the host backs it with a JSON file). A model id without a version
// points at the version last read; that pointer is trusted for `maxAgeMs`, then the provider is
// asked again (official models change their schema without a new id). A pinned Replicate version
// never changes, so it is read once. Concurrent lookups of one model share one request; a failed
// request is never stored, and the last good schema (if any) is handed back beside the failure.
import type { ProviderId } from '../jobTypes';
import {
  type FetchedSchema,
  isJsonObject,
  SchemaFetchError,
  type SchemaFetcher,
  type SchemaProvider,
  splitModelRef,
} from './schemaTypes';

/** Get/put JSON by key; values come back as stored, or undefined. */
export interface SchemaStorePort {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
}

export interface SchemaCacheOptions {
  store: SchemaStorePort;
  fetchers: Partial<Record<SchemaProvider, SchemaFetcher>>;
  now?: () => number;
  /** How long "the latest version is X" is trusted. Default 24 h. */
  maxAgeMs?: number;
  /**
   * Told when the store cannot be read or written. The lookup still answers (from the provider,
   * kept in memory for this session): a full disk must not hide a model's inputs.
   */
  onStoreError: (err: unknown) => void;
}

export type SchemaLookup =
  | { ok: true; schema: FetchedSchema; fromCache: boolean }
  | { ok: false; failure: SchemaFetchError; stale?: FetchedSchema };

interface Pointer {
  version: string;
  checkedAt: number;
}

const DAY_MS = 24 * 3600_000;

export class SchemaCache {
  private readonly entries = new Map<string, FetchedSchema>();
  private readonly pointers = new Map<string, Pointer>();
  private readonly inflight = new Map<string, Promise<SchemaLookup>>();
  private readonly now: () => number;
  private readonly maxAgeMs: number;

  constructor(private readonly opts: SchemaCacheOptions) {
    this.now = opts.now ?? Date.now;
    this.maxAgeMs = opts.maxAgeMs ?? DAY_MS;
  }

  /** The model's schema; `refresh` asks the provider even when the cached pointer is fresh. */
  lookup(
    provider: ProviderId,
    ref: string,
    opts: { refresh?: boolean; signal?: AbortSignal } = {},
  ): Promise<SchemaLookup> {
    if (provider === 'local') {
      return Promise.resolve({
        ok: false,
        failure: new SchemaFetchError('no-schema', 'Offline models have no schema'),
      });
    }
    const key = `${provider}:${ref.trim()}`;
    const running = this.inflight.get(key);
    if (running) return running;
    const p = this.resolve(provider, ref.trim(), opts).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  private async resolve(
    provider: SchemaProvider,
    ref: string,
    opts: { refresh?: boolean; signal?: AbortSignal },
  ): Promise<SchemaLookup> {
    const { model, version } = provider === 'replicate' ? splitModelRef(ref) : { model: ref, version: undefined };
    if (version !== undefined) {
      const pinned = await this.entry(provider, model, version);
      if (pinned) return { ok: true, schema: pinned, fromCache: true };
      return this.fetch(provider, ref, opts.signal, undefined);
    }
    const pointer = await this.pointer(provider, model);
    const last = pointer ? await this.entry(provider, model, pointer.version) : undefined;
    if (last && pointer && !opts.refresh && this.now() - pointer.checkedAt < this.maxAgeMs) {
      return { ok: true, schema: last, fromCache: true };
    }
    return this.fetch(provider, ref, opts.signal, last);
  }

  private async fetch(
    provider: SchemaProvider,
    ref: string,
    signal: AbortSignal | undefined,
    stale: FetchedSchema | undefined,
  ): Promise<SchemaLookup> {
    const fetcher = this.opts.fetchers[provider];
    let schema: FetchedSchema;
    try {
      if (!fetcher) throw new SchemaFetchError('no-schema', `No schema reader for ${provider}`);
      schema = await fetcher(ref, signal);
    } catch (err) {
      const failure =
        err instanceof SchemaFetchError
          ? err
          : new SchemaFetchError('http', err instanceof Error ? err.message : String(err));
      return stale ? { ok: false, failure, stale } : { ok: false, failure };
    }
    const key = entryKey(provider, schema.model, schema.version);
    const known = this.entries.get(key) ?? asSchema(await this.storeGet(key));
    // The same version read again: keep the first object (derived fields and validators stay cached).
    const kept = known ?? schema;
    this.entries.set(key, kept);
    if (!known) await this.storePut(key, schema);
    const pinned = provider === 'replicate' && splitModelRef(ref).version !== undefined;
    if (!pinned) {
      const pointer: Pointer = { version: schema.version, checkedAt: this.now() };
      this.pointers.set(pointerKey(provider, schema.model), pointer);
      await this.storePut(pointerKey(provider, schema.model), pointer);
    }
    return { ok: true, schema: kept, fromCache: false };
  }

  private async storeGet(key: string): Promise<unknown> {
    try {
      return await this.opts.store.get(key);
    } catch (err) {
      this.opts.onStoreError(err);
      return undefined;
    }
  }

  private async storePut(key: string, value: unknown): Promise<void> {
    try {
      await this.opts.store.put(key, value);
    } catch (err) {
      this.opts.onStoreError(err);
    }
  }

  private async entry(provider: SchemaProvider, model: string, version: string): Promise<FetchedSchema | undefined> {
    const key = entryKey(provider, model, version);
    const hit = this.entries.get(key) ?? asSchema(await this.storeGet(key));
    if (hit) this.entries.set(key, hit);
    return hit;
  }

  private async pointer(provider: SchemaProvider, model: string): Promise<Pointer | undefined> {
    const key = pointerKey(provider, model);
    const mem = this.pointers.get(key);
    if (mem) return mem;
    const stored = await this.storeGet(key);
    if (!isJsonObject(stored) || typeof stored.version !== 'string' || typeof stored.checkedAt !== 'number') {
      return undefined;
    }
    const p: Pointer = { version: stored.version, checkedAt: stored.checkedAt };
    this.pointers.set(key, p);
    return p;
  }
}

function entryKey(provider: SchemaProvider, model: string, version: string): string {
  return `schema:${provider}:${model}@${version}`;
}

function pointerKey(provider: SchemaProvider, model: string): string {
  return `latest:${provider}:${model}`;
}

/** A stored schema, checked: a damaged or older-format record reads as missing. */
function asSchema(v: unknown): FetchedSchema | undefined {
  if (!isJsonObject(v)) return undefined;
  const ok =
    (v.provider === 'fal' || v.provider === 'replicate') &&
    typeof v.model === 'string' &&
    typeof v.version === 'string' &&
    typeof v.fetchedAt === 'number' &&
    isJsonObject(v.input) &&
    isJsonObject(v.components);
  return ok ? (v as unknown as FetchedSchema) : undefined;
}
