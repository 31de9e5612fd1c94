// The price cache file under globalStorageUri, over the in-memory workspace.fs (which fails like
// the real one: no parent folder, no file).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PriceBook } from '../../../src/core/prices/priceBook';
import type { LivePriceFetch } from '../../../src/core/prices/priceTypes';
import { PRICE_CACHE_FILE, PriceCacheFile } from '../../../src/extension/persistence/priceCacheFile';
import { InMemoryFileSystem } from '../../fakes/vscodeFakes';

const BASE = 'file:///storage/genqueue';
const FLUX = { provider: 'fal' as const, model: 'fal-ai/flux/dev' };

function fetcher(calls: string[][]) {
  return async (ids: readonly string[]): Promise<LivePriceFetch> => {
    calls.push([...ids]);
    return {
      ok: true,
      entries: Object.fromEntries(
        ids.map((id) => [
          id,
          {
            kind: 'price' as const,
            price: {
              amount: 0.03,
              unit: 'image' as const,
              currency: 'USD' as const,
              source: 'fal pricing API',
              date: '2026-12-02',
            },
          },
        ]),
      ),
    };
  };
}

test('fetched prices survive a restart through the file; no file is no cache', async () => {
  const fs = new InMemoryFileSystem();
  assert.equal(await new PriceCacheFile(fs, BASE).load(), undefined);
  const calls: string[][] = [];
  const first = new PriceBook({ fetchFal: fetcher(calls), store: new PriceCacheFile(fs, BASE) });
  await first.refresh([FLUX]);
  assert.deepEqual(fs.paths(), [`${BASE}/${PRICE_CACHE_FILE}`]);
  const second = new PriceBook({ fetchFal: fetcher(calls), store: new PriceCacheFile(fs, BASE) });
  await second.refresh([FLUX]);
  assert.equal(calls.length, 1, 'the second session read the price from the file');
  assert.equal(
    second.estimate('fal', FLUX.model, { prompt: 'x' }).label,
    '≈ $0.03 · 1 image × $0.03/image (fal pricing API, 2026-12-02)',
  );
});

test('a damaged file is read as nothing usable and replaced on the next fetch', async () => {
  const fs = new InMemoryFileSystem();
  await fs.createDirectory(BASE);
  await fs.writeFile(`${BASE}/${PRICE_CACHE_FILE}`, new TextEncoder().encode('{"version":1,"entr'));
  const calls: string[][] = [];
  const book = new PriceBook({ fetchFal: fetcher(calls), store: new PriceCacheFile(fs, BASE) });
  await book.refresh([FLUX]);
  assert.equal(calls.length, 1);
  const saved = JSON.parse(new TextDecoder().decode(await fs.readFile(`${BASE}/${PRICE_CACHE_FILE}`)));
  assert.equal(saved.entries[FLUX.model].entry.price.amount, 0.03);
});
