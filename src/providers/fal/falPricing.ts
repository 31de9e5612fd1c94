// fal's unit prices from its Platform API (the fal client has no Platform API, so plain fetch):
// `GET https://api.fal.ai/v1/models/pricing?endpoint_id=a&endpoint_id=b` (1–50 ids),
// `Authorization: Key <key>` → `{"prices":[{"endpoint_id","unit_price","unit","currency"}],
// "next_cursor","has_more"}` (provider-protocols.md §5.2). Prices may include account discounts.
// Every failure is "no live price" with a reason in plain words; nothing here throws.
import type { ModelPrice } from '../../core/modelCatalog';
import {
  FAL_PRICING_SOURCE,
  type LivePriceEntry,
  type LivePriceFetch,
  type PriceFetcher,
} from '../../core/prices/priceTypes';
import { isRecord, num, str } from '../shared/values';
import { mapFalUnit } from './falPriceUnit';

export const FAL_PLATFORM_URL = 'https://api.fal.ai';
const MAX_PAGES = 5;

export interface FalPricingOptions {
  /** Read on every fetch, so a key set later is used at once. */
  credentials: () => string | undefined;
  /** An origin replacing https://api.fal.ai (an emulator: the same `genqueue.baseUrl.fal`). */
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Per request; default 15 s. */
  timeoutMs?: number;
}

export function createFalPriceFetcher(opts: FalPricingOptions): PriceFetcher {
  const base = (opts.baseUrl ?? FAL_PLATFORM_URL).replace(/\/+$/, '');
  const doFetch = opts.fetch ?? globalThis.fetch;
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 15_000;

  const page = async (ids: readonly string[], key: string, cursor: string | undefined, signal?: AbortSignal) => {
    const url = new URL(`${base}/v1/models/pricing`);
    for (const id of ids) url.searchParams.append('endpoint_id', id);
    if (cursor) url.searchParams.set('cursor', cursor);
    // A timer of our own, not AbortSignal.timeout: that one does not keep Node's event loop alive, so a
    // request that never answers could be dropped with its promise pending instead of timing out.
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException('The price request timed out.', 'TimeoutError')),
      timeoutMs,
    );
    try {
      const res = await doFetch(url.href, {
        headers: { authorization: `Key ${key}`, accept: 'application/json' },
        signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
      });
      const text = await res.text();
      return { status: res.status, text };
    } finally {
      clearTimeout(timer);
    }
  };

  const fetchIds = async (ids: readonly string[], key: string, signal?: AbortSignal): Promise<LivePriceFetch> => {
    const day = new Date(now()).toISOString().slice(0, 10);
    const entries: Record<string, LivePriceEntry> = {};
    let cursor: string | undefined;
    for (let p = 0; p < MAX_PAGES; p++) {
      let reply: { status: number; text: string };
      try {
        reply = await page(ids, key, cursor, signal);
      } catch (err) {
        return { ok: false, reason: transportReason(err) };
      }
      if (reply.status < 200 || reply.status >= 300) return { ok: false, reason: statusReason(reply) };
      let body: unknown;
      try {
        body = JSON.parse(reply.text);
      } catch {
        return { ok: false, reason: 'the fal pricing API answered with something that is not JSON' };
      }
      if (!isRecord(body) || !Array.isArray(body.prices))
        return { ok: false, reason: 'the fal pricing API answer has no price list' };
      for (const item of body.prices) {
        const id = isRecord(item) ? str(item.endpoint_id) : undefined;
        if (id && ids.includes(id)) entries[id] = readEntry(item as Record<string, unknown>, day);
      }
      cursor = body.has_more === true ? str(body.next_cursor) : undefined;
      if (!cursor) break;
    }
    for (const id of ids) entries[id] ??= { kind: 'not-listed' };
    return { ok: true, entries };
  };

  return async (ids, signal) => {
    const key = opts.credentials()?.trim();
    if (!key) return { ok: false, reason: 'no fal key set' };
    if (ids.length === 0) return { ok: true, entries: {} };
    const all = await fetchIds(ids, key, signal);
    // An unknown id may fail the whole request [UNCERTAIN: undocumented]; then ask for each alone,
    // so one mistyped model does not cost the others their prices.
    if (all.ok || ids.length === 1 || !/\((400|404|422)\)/.test(all.reason)) return all;
    const entries: Record<string, LivePriceEntry> = {};
    for (const id of ids) {
      const one = await fetchIds([id], key, signal);
      if (one.ok) Object.assign(entries, one.entries);
      else if (/\((400|404|422)\)/.test(one.reason)) entries[id] = { kind: 'not-listed' };
      else return one;
    }
    return { ok: true, entries };
  };
}

function readEntry(item: Record<string, unknown>, day: string): LivePriceEntry {
  const amount = num(item.unit_price);
  const unitText = str(item.unit);
  const currency = str(item.currency);
  if (amount === undefined || amount < 0) return { kind: 'unusable', reason: 'fal gave no unit price' };
  if (unitText === undefined) return { kind: 'unusable', reason: 'fal gave no unit' };
  const mapped = mapFalUnit(unitText);
  if (!mapped) return { kind: 'unusable', reason: `fal's unit "${unitText}" is not one GenQueue can count` };
  if (currency?.toUpperCase() !== 'USD')
    return { kind: 'unusable', reason: `fal's price is in ${currency ?? 'an unnamed currency'}, not USD` };
  const price: ModelPrice = {
    amount: amount * mapped.factor,
    unit: mapped.unit,
    currency: 'USD',
    source: FAL_PRICING_SOURCE,
    date: day,
    note: `fal unit "${unitText}"; account discounts may apply`,
  };
  return { kind: 'price', price };
}

function statusReason(reply: { status: number; text: string }): string {
  const detail = detailOf(reply.text);
  const tail = detail ? `: ${detail}` : '';
  if (reply.status === 401) return `fal key rejected (401)${tail}`;
  if (reply.status === 403) return `fal key may not read prices (403)${tail}`;
  if (reply.status === 429) return 'fal pricing API rate limit reached (429)';
  if (reply.status >= 500) return `fal pricing API error (${reply.status})`;
  return `fal pricing API refused the request (${reply.status})${tail}`;
}

function detailOf(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (isRecord(body) && typeof body.detail === 'string') return body.detail.slice(0, 200);
  } catch {
    // Not JSON: the status says enough.
  }
  return undefined;
}

function transportReason(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return err.name === 'TimeoutError' ? 'fal pricing API did not answer in time' : 'price fetch canceled';
  const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `fal pricing API unreachable${cause}`;
}
