// What a provider's pricing API says about a model, and the ports the price book needs: a fetcher
// (fal's Platform API, src/providers/fal/falPricing.ts) and a small store for the cache (the host
// backs it with a JSON file). Replicate publishes no prices by API, so it has no fetcher.
import type { ModelPrice } from '../modelCatalog';

/** The name a live price goes by in labels: "(fal pricing API, 2026-12-02)". */
export const FAL_PRICING_SOURCE = 'fal pricing API';

/** One model's entry in a pricing answer. */
export type LivePriceEntry =
  /** A price we can use: `source` is FAL_PRICING_SOURCE, `date` the ISO day it was fetched. */
  | { kind: 'price'; price: ModelPrice }
  /** Listed, but not usable as given (an unknown unit, another currency); `reason` says which. */
  | { kind: 'unusable'; reason: string }
  /** The API does not know the model. */
  | { kind: 'not-listed' };

/** What one fetch for a batch of model ids gave. */
export type LivePriceFetch =
  /** Every id asked for has an entry. */
  | { ok: true; entries: Record<string, LivePriceEntry> }
  /** No prices at all (offline, key rejected, rate limited, server error): `reason` in plain words. */
  | { ok: false; reason: string };

/** Fetch prices for 1–50 model ids. Never throws: a failure is `{ ok: false, reason }`. */
export type PriceFetcher = (ids: readonly string[], signal?: AbortSignal) => Promise<LivePriceFetch>;

/** Where the price cache lives between sessions (a small JSON document). */
export interface PriceCacheStore {
  /** The saved document, or undefined when there is none. May be anything: the book checks it. */
  load(): Promise<unknown>;
  save(doc: PriceCacheDoc): Promise<void>;
}

export interface PriceCacheDoc {
  version: 1;
  /** By model id (fal endpoint id). */
  entries: Record<string, CachedPrice>;
}

export interface CachedPrice {
  /** When fetched, ms since the epoch. */
  fetchedAt: number;
  entry: LivePriceEntry;
}
