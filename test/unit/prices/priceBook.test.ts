// The price book with a fake fetcher. The fake answers like falPricing.ts does over the real API:
// one entry per id asked for (an unknown id is 'not-listed'), and a request for 0 or more than 50
// ids is refused (fal answers 422), so batching mistakes show.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PriceBook } from '../../../src/core/prices/priceBook';
import type {
  LivePriceEntry,
  LivePriceFetch,
  PriceCacheDoc,
  PriceCacheStore,
} from '../../../src/core/prices/priceTypes';

const DAY = 24 * 3600_000;
const T0 = Date.parse('2026-12-02T10:00:00Z');

function livePrice(amount: number, unit: 'image' | 'video-second' = 'image', day = '2026-12-02'): LivePriceEntry {
  return { kind: 'price', price: { amount, unit, currency: 'USD', source: 'fal pricing API', date: day } };
}

class FakeFal {
  calls: string[][] = [];
  prices = new Map<string, LivePriceEntry>([
    ['fal-ai/flux/dev', livePrice(0.04)],
    ['acme-labs/cinema-video/v1', livePrice(0.05, 'video-second')],
  ]);
  failWith: string | undefined;
  /** Hold answers until release() (to test sharing). */
  held: (() => void)[] | undefined;

  fetch = async (ids: readonly string[]): Promise<LivePriceFetch> => {
    this.calls.push([...ids]);
    if (this.held) await new Promise<void>((r) => this.held?.push(r));
    if (ids.length === 0 || ids.length > 50) return { ok: false, reason: 'fal pricing API refused the request (422)' };
    if (this.failWith) return { ok: false, reason: this.failWith };
    const entries: Record<string, LivePriceEntry> = {};
    for (const id of ids) entries[id] = this.prices.get(id) ?? { kind: 'not-listed' };
    return { ok: true, entries };
  };

  release(): void {
    const h = this.held ?? [];
    this.held = undefined;
    for (const r of h) r();
  }
}

class MemoryStore implements PriceCacheStore {
  doc: unknown;
  saves = 0;
  async load(): Promise<unknown> {
    return this.doc === undefined ? undefined : structuredClone(this.doc);
  }
  async save(doc: PriceCacheDoc): Promise<void> {
    this.saves++;
    this.doc = structuredClone(doc);
  }
}

function setup(opts: { store?: MemoryStore } = {}) {
  const fal = new FakeFal();
  let now = T0;
  const book = new PriceBook({ fetchFal: fal.fetch, now: () => now, ...(opts.store ? { store: opts.store } : {}) });
  return { fal, book, advance: (ms: number) => (now += ms) };
}

const FLUX = { provider: 'fal' as const, model: 'fal-ai/flux/dev' };

describe('price book: which price, labelled with its source and date', () => {
  it("a fetched fal price overrides the catalog's; the estimate says so with the fetch day", async () => {
    const { book } = setup();
    await book.refresh([FLUX]);
    assert.deepEqual(book.quote('fal', 'fal-ai/flux/dev').source, 'live');
    const c = book.estimate('fal', 'fal-ai/flux/dev', { prompt: 'x' });
    assert.equal(c.amount, 0.04);
    assert.equal(c.label, '≈ $0.04 · 1 image × $0.04/image (fal pricing API, 2026-12-02)');
  });

  it('before any fetch the catalog price is used and labelled as the catalog', () => {
    const { book } = setup();
    const c = book.estimate('fal', 'fal-ai/flux/dev', { prompt: 'x' });
    assert.equal(c.label, '≈ $0.025 · 1 image × $0.025/image (catalog price, 2026-11)');
  });

  it('Replicate always uses the dated catalog and never fetches', async () => {
    const { book, fal } = setup();
    await book.refresh([{ provider: 'replicate', model: 'black-forest-labs/flux-schnell' }]);
    const c = book.estimate('replicate', 'black-forest-labs/flux-schnell', { prompt: 'x' });
    assert.equal(c.label, '≈ $0.003 · 1 image × $0.003/image (catalog price, 2025)');
    assert.equal(book.estimate('replicate', 'someone/unknown', { prompt: 'x' }).label, 'price unknown for this model');
    await Promise.resolve();
    assert.deepEqual(fal.calls, []);
  });

  it('a hand-typed fal model gets a price when the API knows it, and an honest unknown when not', async () => {
    const { book } = setup();
    const typed = { provider: 'fal' as const, model: 'acme-labs/cinema-video/v1' };
    const typo = { provider: 'fal' as const, model: 'acme-labs/nope' };
    await book.refresh([typed, typo]);
    const c = book.estimate('fal', typed.model, { prompt: 'x', duration: 5 });
    assert.equal(c.label, '≈ $0.25 · 5 s of video × $0.05/s (fal pricing API, 2026-12-02)');
    const u = book.estimate('fal', typo.model, { prompt: 'x' });
    assert.equal(u.amount, undefined);
    assert.equal(u.label, 'price unknown for this model (no live price: not listed by the fal pricing API)');
  });

  it('the engine costing uses the book', async () => {
    const { book } = setup();
    await book.refresh([FLUX]);
    const figure = book.costing().estimate('fal', 'fal-ai/flux/dev', { prompt: 'x', num_images: 2 });
    assert.equal(figure?.amount, 0.08);
    assert.equal(figure?.source, 'price-list');
  });
});

describe('price book: fallbacks say why', () => {
  for (const reason of [
    'fal pricing API unreachable (connect ECONNREFUSED)',
    'fal key rejected (401)',
    'no fal key set',
  ]) {
    it(`a failed fetch (${reason}) falls back to the catalog with the reason`, async () => {
      const { book, fal } = setup();
      fal.failWith = reason;
      await book.refresh([FLUX]);
      const q = book.quote('fal', 'fal-ai/flux/dev');
      assert.equal(q.source, 'catalog');
      assert.equal(q.reason, reason);
      assert.equal(
        book.estimate('fal', 'fal-ai/flux/dev', { prompt: 'x' }).label,
        `≈ $0.025 · 1 image × $0.025/image (catalog price, 2026-11; no live price: ${reason})`,
      );
    });
  }

  it('a unit fal gives that we cannot count falls back to the catalog with that reason', async () => {
    const { book, fal } = setup();
    fal.prices.set('fal-ai/flux/dev', {
      kind: 'unusable',
      reason: 'fal\'s unit "token" is not one GenQueue can count',
    });
    await book.refresh([FLUX]);
    assert.match(
      book.estimate('fal', 'fal-ai/flux/dev', { prompt: 'x' }).label,
      /\(catalog price, 2026-11; no live price: fal's unit "token" is not one GenQueue can count\)$/,
    );
  });

  it('after a failure it waits before asking again, then recovers', async () => {
    const { book, fal, advance } = setup();
    fal.failWith = 'fal pricing API error (500)';
    await book.refresh([FLUX]);
    await book.refresh([FLUX]);
    assert.equal(fal.calls.length, 1, 'no second request straight after a failure');
    fal.failWith = undefined;
    advance(5 * 60_000);
    await book.refresh([FLUX]);
    assert.equal(fal.calls.length, 2);
    assert.equal(book.quote('fal', 'fal-ai/flux/dev').source, 'live');
  });

  it('a stale fetched price is still used (with its old date) when the refetch fails', async () => {
    const { book, fal, advance } = setup();
    await book.refresh([FLUX]);
    advance(2 * DAY);
    fal.failWith = 'fal pricing API unreachable';
    await book.refresh([FLUX]);
    assert.equal(fal.calls.length, 2);
    const c = book.estimate('fal', 'fal-ai/flux/dev', { prompt: 'x' });
    assert.match(c.label, /\(fal pricing API, 2026-12-02\)$/);
  });

  it('forget() drops fetched prices and failures (a new key)', async () => {
    const { book, fal } = setup();
    fal.failWith = 'fal key rejected (401)';
    await book.refresh([FLUX]);
    book.forget();
    fal.failWith = undefined;
    await book.refresh([FLUX]);
    assert.equal(fal.calls.length, 2);
    assert.equal(book.quote('fal', 'fal-ai/flux/dev').source, 'live');
  });
});

describe('price book: cache, expiry and shared fetches', () => {
  it('a fresh price is not fetched again; after 24 h it is refetched on next use', async () => {
    const { book, fal, advance } = setup();
    await book.refresh([FLUX]);
    advance(DAY - 1);
    await book.refresh([FLUX]);
    book.quote('fal', 'fal-ai/flux/dev');
    await new Promise((r) => setImmediate(r));
    assert.equal(fal.calls.length, 1);
    advance(1);
    fal.prices.set('fal-ai/flux/dev', livePrice(0.05, 'image', '2026-12-03'));
    // quote() answers at once with the stale price and refetches in the background.
    assert.equal(book.quote('fal', 'fal-ai/flux/dev').price?.amount, 0.04);
    await new Promise((r) => setImmediate(r));
    assert.equal(fal.calls.length, 2);
    assert.equal(book.quote('fal', 'fal-ai/flux/dev').price?.amount, 0.05);
  });

  it('concurrent callers share one fetch; ids asked in the same tick go out together', async () => {
    const { book, fal } = setup();
    fal.held = [];
    const a = book.refresh([FLUX]);
    const b = book.refresh([FLUX, { provider: 'fal', model: 'fal-ai/flux/schnell' }]);
    book.quote('fal', 'fal-ai/veo3');
    await new Promise((r) => setImmediate(r));
    const c = book.refresh([FLUX]);
    fal.release();
    await Promise.all([a, b, c]);
    assert.equal(fal.calls.length, 1);
    assert.deepEqual([...(fal.calls[0] ?? [])].sort(), ['fal-ai/flux/dev', 'fal-ai/flux/schnell', 'fal-ai/veo3']);
  });

  it('batches at most 50 ids per request', async () => {
    const { book, fal } = setup();
    const models = Array.from({ length: 120 }, (_, i) => ({ provider: 'fal' as const, model: `acme/m${i}` }));
    await book.refresh(models);
    assert.deepEqual(
      fal.calls.map((c) => c.length),
      [50, 50, 20],
    );
    assert.equal(new Set(fal.calls.flat()).size, 120);
  });

  it('persists fetched prices and reads them back in a new session (bad entries are dropped)', async () => {
    const store = new MemoryStore();
    const first = setup({ store });
    await first.book.refresh([FLUX]);
    assert.equal(store.saves, 1);
    const doc = store.doc as PriceCacheDoc;
    (doc.entries as Record<string, unknown>)['fal-ai/veo3'] = { fetchedAt: 'yesterday', entry: { kind: 'price' } };
    const second = setup({ store });
    await second.book.load();
    assert.equal(second.book.quote('fal', 'fal-ai/flux/dev').price?.amount, 0.04);
    await second.book.refresh([FLUX, { provider: 'fal', model: 'fal-ai/veo3' }]);
    assert.deepEqual(second.fal.calls, [['fal-ai/veo3']], 'only the dropped entry is fetched');
  });

  it('an unreadable cache file costs nothing but a refetch', async () => {
    const store = new MemoryStore();
    store.doc = 'not json at all';
    const { book, fal } = setup({ store });
    await book.refresh([FLUX]);
    assert.equal(fal.calls.length, 1);
    assert.equal(book.quote('fal', 'fal-ai/flux/dev').source, 'live');
  });
});
