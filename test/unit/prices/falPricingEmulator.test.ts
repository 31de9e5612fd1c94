// The fal price fetcher and the price book with real fetch over loopback, against the emulator's
// /v1/models/pricing (test/emulator/pricingRoutes.ts).
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { MODEL_CATALOG } from '../../../src/core/modelCatalog';
import { PriceBook } from '../../../src/core/prices/priceBook';
import type { LivePriceEntry } from '../../../src/core/prices/priceTypes';
import { createFalPriceFetcher } from '../../../src/providers/fal/falPricing';
import { HAND_TYPED_FAL_MODEL, type PricingEmulator, pricingEmulator } from '../../emulator/pricingRoutes';
import { type ProviderEmulator, startEmulator } from '../../emulator/providerEmulator';

const KEY = 'key-id:secret';
const NOW = Date.parse('2026-12-02T10:00:00Z');
let emu: ProviderEmulator;
let prices: PricingEmulator;

before(async () => {
  emu = await startEmulator({ falKey: KEY });
  prices = pricingEmulator(emu.url);
});
afterEach(() => prices.reset());
after(async () => {
  await emu.close();
});

const fetcher = (key: string | undefined = KEY) =>
  createFalPriceFetcher({ credentials: () => key, baseUrl: emu.falBaseUrl, now: () => NOW });

const FAL_CATALOG = MODEL_CATALOG.filter((m) => m.provider === 'fal' && m.price).map((m) => m.id);

describe('fal prices over HTTP (emulator)', () => {
  it("reads every catalog fal model's price and the hand-typed one, units mapped, dated today", async () => {
    const res = await fetcher()([...FAL_CATALOG, HAND_TYPED_FAL_MODEL]);
    if (!res.ok) return assert.fail(res.reason);
    assert.equal(prices.requests(), 1);
    assert.deepEqual(prices.idsAsked()[0], [...FAL_CATALOG, HAND_TYPED_FAL_MODEL]);
    for (const id of FAL_CATALOG) {
      const e: LivePriceEntry | undefined = res.entries[id];
      const catalog = MODEL_CATALOG.find((m) => m.provider === 'fal' && m.id === id)?.price;
      assert.equal(e?.kind, 'price', id);
      if (e?.kind !== 'price') continue;
      assert.equal(e.price.unit, catalog?.unit, id);
      assert.equal(e.price.amount, catalog?.amount, id);
      assert.equal(e.price.source, 'fal pricing API');
      assert.equal(e.price.date, '2026-12-02');
    }
    const typed = res.entries[HAND_TYPED_FAL_MODEL];
    assert.deepEqual(typed?.kind === 'price' && [typed.price.amount, typed.price.unit], [0.05, 'video-second']);
  });

  it('an id fal does not list is "not-listed"; when fal 404s the whole request, the others still get prices', async () => {
    const ids = ['fal-ai/flux/dev', 'acme/typo'];
    const omitted = await fetcher()(ids);
    assert.deepEqual(omitted.ok && omitted.entries['acme/typo'], { kind: 'not-listed' });
    prices.reset();
    prices.unknownIds = '404';
    const split = await fetcher()(ids);
    assert.ok(split.ok);
    assert.equal(split.entries['fal-ai/flux/dev']?.kind, 'price');
    assert.deepEqual(split.entries['acme/typo'], { kind: 'not-listed' });
    assert.deepEqual(prices.idsAsked(), [ids, ['fal-ai/flux/dev'], ['acme/typo']]);
  });

  it('a unit GenQueue cannot count is reported, not guessed', async () => {
    prices.setPrice('fal-ai/flux/dev', { unit_price: 0.5, unit: '1m tokens', currency: 'USD' });
    const res = await fetcher()(['fal-ai/flux/dev']);
    assert.deepEqual(res.ok && res.entries['fal-ai/flux/dev'], {
      kind: 'unusable',
      reason: 'fal\'s unit "1m tokens" is not one GenQueue can count',
    });
  });

  it('a wrong key, a 401 fault and a server error are "no live price" with the reason', async () => {
    assert.deepEqual(await fetcher('wrong:key')(['fal-ai/flux/dev']), {
      ok: false,
      reason: 'fal key rejected (401): No user found for Key ID and Secret',
    });
    prices.fault(401);
    const r401 = await fetcher()(['fal-ai/flux/dev']);
    assert.equal(!r401.ok && r401.reason, 'fal key rejected (401): No user found for Key ID and Secret');
    prices.fault(500);
    assert.deepEqual(await fetcher()(['fal-ai/flux/dev']), { ok: false, reason: 'fal pricing API error (500)' });
    assert.equal(prices.requests(), 2, 'the wrong key was refused by the auth step before the pricing route');
  });

  it('no key: no request at all', async () => {
    const noKey = createFalPriceFetcher({ credentials: () => undefined, baseUrl: emu.falBaseUrl });
    assert.deepEqual(await noKey(['fal-ai/flux/dev']), { ok: false, reason: 'no fal key set' });
    assert.equal(prices.requests(), 0);
  });

  it('offline (connection refused) is "unreachable"', async () => {
    const port = await freePort();
    const f = createFalPriceFetcher({ credentials: () => KEY, baseUrl: `http://127.0.0.1:${port}` });
    const res = await f(['fal-ai/flux/dev']);
    assert.equal(res.ok, false);
    assert.match(!res.ok ? res.reason : '', /^fal pricing API unreachable \(.*ECONNREFUSED.*\)$/);
  });

  it('the price book: one request for concurrent callers, live labels, the catalog with a reason on a fault', async () => {
    let now = NOW;
    const book = new PriceBook({
      fetchFal: createFalPriceFetcher({ credentials: () => KEY, baseUrl: emu.falBaseUrl, now: () => now }),
      now: () => now,
    });
    prices.setPrice('fal-ai/flux/dev', { unit_price: 0.02, unit: 'image', currency: 'USD' });
    const flux = { provider: 'fal' as const, model: 'fal-ai/flux/dev' };
    const typed = { provider: 'fal' as const, model: HAND_TYPED_FAL_MODEL };
    await Promise.all([book.refresh([flux]), book.refresh([flux, typed]), book.refresh([typed])]);
    assert.equal(prices.requests(), 1);
    assert.equal(
      book.estimate('fal', 'fal-ai/flux/dev', { prompt: 'x' }).label,
      '≈ $0.02 · 1 image × $0.02/image (fal pricing API, 2026-12-02)',
    );
    assert.equal(
      book.estimate('fal', HAND_TYPED_FAL_MODEL, { prompt: 'x', duration: 4 }).label,
      '≈ $0.20 · 4 s of video × $0.05/s (fal pricing API, 2026-12-02)',
    );
    // A model not fetched yet, while fal's key is refused: the catalog, and why.
    prices.fault(401);
    const veo = { provider: 'fal' as const, model: 'fal-ai/kling-video/v2.1/master/text-to-video' };
    await book.refresh([veo]);
    assert.match(
      book.estimate('fal', veo.model, { prompt: 'x', duration: '5' }).label,
      /\(catalog price, 2025; no live price: fal key rejected \(401\): No user found for Key ID and Secret\)$/,
    );
    // A day later the fetched prices are refetched on first use.
    now += 24 * 3600_000;
    await book.refresh([flux]);
    assert.equal(prices.requests(), 3);
  });
});

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const addr = srv.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
