// The price book: which unit price a cost figure uses. For fal, the price its pricing API gives
// (cached with its fetch date, refetched on the first use after `maxAgeMs`) overrides the catalog's,
// and prices hand-typed models the catalog does not know; Replicate publishes no prices by API, so
// it always uses the dated catalog. Every answer says which, and why the catalog was used when fal
// could have priced it (offline, key rejected, a unit we do not understand).
//
// Fetches are shared: ids asked for in the same tick go out together (up to `batchSize` per request),
// and a caller asking for an id already being fetched waits for that fetch instead of sending another.
import { actualCost, estimateCost, type PriceChoice } from '../cost';
import type { Costing } from '../engineOptions';
import type { CostFigure, ProviderId } from '../jobTypes';
import { findModel, type ModelPrice } from '../modelCatalog';
import { readCacheDoc } from './priceCacheDoc';
import type { CachedPrice, LivePriceFetch, PriceCacheStore, PriceFetcher } from './priceTypes';

export interface PriceBookOptions {
  /** fal's pricing API (createFalPriceFetcher); without it every price is the catalog's. */
  fetchFal?: PriceFetcher;
  /** Keeps fetched prices between sessions. */
  store?: PriceCacheStore;
  now?: () => number;
  /** A fetched price is refetched on its first use after this long; default 24 h. */
  maxAgeMs?: number;
  /** After a failed fetch, a model's price is not asked for again before this; default 5 min. */
  retryAfterMs?: number;
  /** Model ids per request; default 50 (fal's limit). */
  batchSize?: number;
  /** Told about cache and fetch problems (the host logs them). */
  log?: (message: string) => void;
}

export interface PriceQuote {
  /** The price to use; undefined: unknown. */
  price?: ModelPrice;
  /** 'live': from the provider's pricing API (`price.date` is the fetch day); 'catalog': the dated catalog. */
  source: 'live' | 'catalog';
  /** Why the catalog's price (or none) is used for a model the pricing API could have priced. */
  reason?: string;
}

export interface ModelRef {
  provider: ProviderId;
  model: string;
}

const DAY_MS = 24 * 3600_000;

export class PriceBook {
  private readonly entries = new Map<string, CachedPrice>();
  private readonly failures = new Map<string, { at: number; reason: string }>();
  private readonly inflight = new Map<string, Promise<void>>();
  private pending: Set<string> | undefined;
  private scheduled: Promise<void> | undefined;
  private loading: Promise<void> | undefined;
  private readonly now: () => number;
  private readonly maxAgeMs: number;
  private readonly retryAfterMs: number;
  private readonly batchSize: number;

  constructor(private readonly opts: PriceBookOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.maxAgeMs = opts.maxAgeMs ?? DAY_MS;
    this.retryAfterMs = opts.retryAfterMs ?? 5 * 60_000;
    this.batchSize = Math.max(1, Math.min(50, opts.batchSize ?? 50));
  }

  /** Reads the saved cache (once; later calls wait for the same read). */
  load(): Promise<void> {
    this.loading ??= this.readStore();
    return this.loading;
  }

  /**
   * The price to use now, from what is known now (never waits). A fal price that is missing or
   * stale is fetched in the background for the next use; call `refresh` first to wait for it.
   */
  quote(provider: ProviderId, model: string): PriceQuote {
    const catalog = findModel(provider, model)?.price;
    const fromCatalog = (reason?: string): PriceQuote => ({
      ...(catalog ? { price: catalog } : {}),
      source: 'catalog',
      ...(reason ? { reason } : {}),
    });
    if (provider !== 'fal' || !this.opts.fetchFal) return fromCatalog();
    void this.refresh([{ provider, model }]);
    const cached = this.entries.get(model);
    // A stale fetched price is still fal's own (its date says how old) and beats the catalog's.
    if (cached?.entry.kind === 'price') return { price: cached.entry.price, source: 'live' };
    if (cached?.entry.kind === 'unusable') return fromCatalog(cached.entry.reason);
    if (cached?.entry.kind === 'not-listed') return fromCatalog('not listed by the fal pricing API');
    return fromCatalog(this.failures.get(model)?.reason);
  }

  /** What cost.ts needs: the live price, or why the catalog's is used. */
  choice(provider: ProviderId, model: string): PriceChoice {
    const q = this.quote(provider, model);
    if (q.source === 'live' && q.price) return { live: q.price };
    return q.reason ? { fallbackReason: `no live price: ${q.reason}` } : {};
  }

  /** estimateCost with this book's price (labelled with its source and date); `audioSec`: see PriceChoice. */
  estimate(provider: ProviderId, model: string, input: Record<string, unknown>, audioSec?: number): CostFigure {
    const choice = this.choice(provider, model);
    return estimateCost(provider, model, input, audioSec === undefined ? choice : { ...choice, audioSec });
  }

  /** Cost figures for the job engine (`JobEngineOptions.costing`). */
  costing(): Costing {
    return {
      estimate: (provider, model, input, audioSec) => this.estimate(provider, model, input, audioSec),
      actual: (provider, model, input, result, audioSec) =>
        actualCost(provider, model, input, result, { ...this.choice(provider, model), audioSec }),
    };
  }

  /**
   * Fetches the fal prices that are missing or stale among these models, and resolves when they
   * are in (or failed: `quote` then says why). Never rejects.
   */
  async refresh(models: Iterable<ModelRef>): Promise<void> {
    if (!this.opts.fetchFal) return;
    const ids = new Set<string>();
    for (const m of models) if (m.provider === 'fal') ids.add(m.model);
    if (ids.size === 0) return;
    await this.load();
    const waits: Promise<void>[] = [];
    for (const id of ids) {
      const w = this.request(id);
      if (w) waits.push(w);
    }
    await Promise.all(waits);
  }

  /** Forget every fetched price and failure (the key changed: prices may carry account discounts). */
  forget(): void {
    this.entries.clear();
    this.failures.clear();
  }

  private needsFetch(id: string): boolean {
    const now = this.now();
    const cached = this.entries.get(id);
    if (cached && now - cached.fetchedAt < this.maxAgeMs) return false;
    const failed = this.failures.get(id);
    return !(failed && now - failed.at < this.retryAfterMs);
  }

  private request(id: string): Promise<void> | undefined {
    const running = this.inflight.get(id);
    if (running) return running;
    if (!this.needsFetch(id)) return undefined;
    if (!this.pending || !this.scheduled) {
      const ids = new Set<string>();
      this.pending = ids;
      // A microtask later: every id asked for in this tick goes out in the same requests.
      this.scheduled = Promise.resolve().then(async () => {
        this.pending = undefined;
        this.scheduled = undefined;
        try {
          await this.fetchAll([...ids]);
        } finally {
          for (const i of ids) this.inflight.delete(i);
        }
      });
    }
    this.pending.add(id);
    this.inflight.set(id, this.scheduled);
    return this.scheduled;
  }

  private async fetchAll(ids: string[]): Promise<void> {
    const fetchFal = this.opts.fetchFal;
    if (!fetchFal) return;
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += this.batchSize) batches.push(ids.slice(i, i + this.batchSize));
    const results = await Promise.all(batches.map((b) => this.fetchBatch(fetchFal, b)));
    if (results.some((ok) => ok)) await this.writeStore();
  }

  private async fetchBatch(fetchFal: PriceFetcher, ids: string[]): Promise<boolean> {
    let res: LivePriceFetch;
    try {
      res = await fetchFal(ids);
    } catch (err) {
      // The fetcher promises not to throw; if it does, it is still only "no live price".
      res = { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
    const at = this.now();
    if (!res.ok) {
      this.opts.log?.(`fal prices not fetched (${ids.length} models): ${res.reason}`);
      for (const id of ids) this.failures.set(id, { at, reason: res.reason });
      return false;
    }
    for (const id of ids) {
      this.entries.set(id, { fetchedAt: at, entry: res.entries[id] ?? { kind: 'not-listed' } });
      this.failures.delete(id);
    }
    return true;
  }

  private async readStore(): Promise<void> {
    const store = this.opts.store;
    if (!store) return;
    try {
      const { entries, dropped } = readCacheDoc(await store.load());
      // Fetched while the file was read: those are newer.
      for (const [id, cached] of entries) if (!this.entries.has(id)) this.entries.set(id, cached);
      if (dropped > 0) this.opts.log?.(`price cache: ${dropped} unreadable entries dropped (they are fetched again)`);
    } catch (err) {
      this.opts.log?.(`price cache not read: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async writeStore(): Promise<void> {
    const store = this.opts.store;
    if (!store) return;
    try {
      await store.save({ version: 1, entries: Object.fromEntries(this.entries) });
    } catch (err) {
      this.opts.log?.(`price cache not saved: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
