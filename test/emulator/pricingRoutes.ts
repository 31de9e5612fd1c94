// fal's Platform API unit prices, `GET https://api.fal.ai/v1/models/pricing` (provider-protocols.md
// §5.2), served at /fal/v1/models/pricing. What the real one does, and what is copied here:
// - Auth `Authorization: Key <FAL_KEY>` (checked by the common auth step: 401 `{"detail": …}`).
// - `endpoint_id` is required: 1–50 ids, comma-separated or repeated; otherwise 422 FastAPI-style.
// - Answer `{"prices":[{"endpoint_id","unit_price","unit","currency"}],"next_cursor":null,"has_more":false}`.
// - Unit strings are not an enum (image, megapixels, video_second, 1000 characters, minute, …): the
//   table below uses several spellings on purpose.
// - An id fal does not know: undocumented [UNCERTAIN]. By default it is left out of `prices`;
//   `unknownIds: '404'` answers the whole request 404 instead, to exercise the client's other path.
// Tests reach the state through `pricingEmulator(emu.url)`: a request counter, the ids of each
// request, prices to change, and faults (401, 500) for the next requests.
import { MODEL_CATALOG, type PriceUnit } from '../../src/core/modelCatalog';
import type { RouteContext, RouteResult } from './emulatorCore';
import type { FalRoute } from './falRoutes';

export const PRICING_PATH = '/v1/models/pricing';

/** One entry of fal's answer, as fal spells it. */
export interface FalPriceItem {
  endpoint_id: string;
  unit_price: number;
  unit: string;
  currency: string;
}

/** A fal model GenQueue's catalog does not have: a person types it by hand. */
export const HAND_TYPED_FAL_MODEL = 'acme-labs/cinema-video/v1';

export interface PricingEmulator {
  /** Requests served (faults included). */
  requests(): number;
  /** The endpoint ids of each request, in order. */
  idsAsked(): string[][];
  /** Change or remove (undefined) one model's price. */
  setPrice(id: string, item: Omit<FalPriceItem, 'endpoint_id'> | undefined): void;
  /** The next `times` requests answer with this status (401: key rejected; 500: server error). */
  fault(status: 401 | 403 | 429 | 500, times?: number): void;
  unknownIds: 'omit' | '404';
  /** Back to the default prices, no faults, counters at zero. */
  reset(): void;
}

const FAL_UNIT: Record<PriceUnit, string> = {
  image: 'image',
  megapixel: 'megapixels',
  'video-second': 'video_second',
  minute: 'minute',
  'second-of-gpu': 'compute_second',
  request: 'request',
  '1k-characters': '1000 characters',
};

function defaultPrices(): Map<string, FalPriceItem> {
  const prices = new Map<string, FalPriceItem>();
  for (const m of MODEL_CATALOG) {
    if (m.provider !== 'fal' || !m.price) continue;
    prices.set(m.id, { endpoint_id: m.id, unit_price: m.price.amount, unit: FAL_UNIT[m.price.unit], currency: 'USD' });
  }
  prices.set(HAND_TYPED_FAL_MODEL, {
    endpoint_id: HAND_TYPED_FAL_MODEL,
    unit_price: 0.05,
    unit: 'second',
    currency: 'USD',
  });
  return prices;
}

class PricingState implements PricingEmulator {
  prices = defaultPrices();
  asked: string[][] = [];
  faults: { status: number; left: number }[] = [];
  unknownIds: 'omit' | '404' = 'omit';

  requests(): number {
    return this.asked.length;
  }
  idsAsked(): string[][] {
    return this.asked.map((ids) => [...ids]);
  }
  setPrice(id: string, item: Omit<FalPriceItem, 'endpoint_id'> | undefined): void {
    if (item) this.prices.set(id, { endpoint_id: id, ...item });
    else this.prices.delete(id);
  }
  fault(status: 401 | 403 | 429 | 500, times = 1): void {
    this.faults.push({ status, left: times });
  }
  reset(): void {
    this.prices = defaultPrices();
    this.asked = [];
    this.faults = [];
    this.unknownIds = 'omit';
  }
}

/** By emulator origin, so the one-line registration in falRoutes.ts needs no other wiring. */
const STATES = new Map<string, PricingState>();

export function pricingEmulator(origin: string): PricingEmulator {
  let s = STATES.get(origin);
  if (!s) {
    s = new PricingState();
    STATES.set(origin, s);
  }
  return s;
}

export function matchPricing(method: string, path: string): FalRoute | undefined {
  if (method === 'GET' && path === PRICING_PATH) return { route: 'other', handle: async (c) => pricing(c) };
  return undefined;
}

function pricing(ctx: RouteContext): RouteResult {
  const state = pricingEmulator(ctx.origin) as PricingState;
  const ids = ctx.query
    .getAll('endpoint_id')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  state.asked.push(ids);
  const fault = state.faults[0];
  if (fault) {
    fault.left -= 1;
    if (fault.left <= 0) state.faults.shift();
    return { status: fault.status, json: { detail: FAULT_DETAIL[fault.status] ?? 'Internal Server Error' } };
  }
  if (ids.length === 0 || ids.length > 50) {
    return {
      status: 422,
      json: { detail: [{ loc: ['query', 'endpoint_id'], msg: 'field required (1 to 50 ids)', type: 'value_error' }] },
    };
  }
  const known = ids.map((id) => state.prices.get(id)).filter((p): p is FalPriceItem => p !== undefined);
  if (state.unknownIds === '404' && known.length < ids.length) {
    return { status: 404, json: { detail: 'Endpoint not found' } };
  }
  return { status: 200, json: { prices: known, next_cursor: null, has_more: false } };
}

const FAULT_DETAIL: Record<number, string> = {
  401: 'No user found for Key ID and Secret',
  403: 'Forbidden',
  429: 'Rate limit exceeded',
};
