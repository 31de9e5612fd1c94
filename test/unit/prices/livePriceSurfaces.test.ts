// Where a live price shows besides the job's own label: the spend confirmation and the sums.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JobSpec } from '../../../src/core/jobTypes';
import { PriceBook } from '../../../src/core/prices/priceBook';
import type { LivePriceFetch } from '../../../src/core/prices/priceTypes';
import { estimateSpend, needsConfirmation, spendQuestion } from '../../../src/extension/generate/spendEstimate';
import { costLabel, sumSource } from '../../../src/extension/shots/shotCostLabels';
import { selectionCostText } from '../../../webview/queue/queueModel';

const typed: JobSpec = { provider: 'fal', model: 'someone/new-model', modality: 'image', input: { prompt: 'x' } };
const schnell: JobSpec = { provider: 'fal', model: 'fal-ai/flux/schnell', modality: 'image', input: { prompt: 'x' } };

test("the spend confirmation uses the book's price: a hand-typed model priced by fal is no longer unknown", async () => {
  const fetchFal = async (ids: readonly string[]): Promise<LivePriceFetch> => ({
    ok: true,
    entries: Object.fromEntries(
      ids.map((id) => [
        id,
        id === typed.model
          ? {
              kind: 'price' as const,
              price: {
                amount: 0.5,
                unit: 'request' as const,
                currency: 'USD' as const,
                source: 'fal pricing API',
                date: '2026-12-02',
              },
            }
          : { kind: 'not-listed' as const },
      ]),
    ),
  });
  const book = new PriceBook({ fetchFal });
  assert.equal(estimateSpend([typed]).unknown, 1, 'without the book: unknown');
  await book.refresh([typed, schnell]);
  const est = estimateSpend([typed, schnell], (s) => book.estimate(s.provider, s.model, s.input));
  assert.equal(est.unknown, 0);
  assert.ok(Math.abs(est.total - 0.503) < 1e-9, String(est.total));
  assert.equal(needsConfirmation(est, 0.5), true);
  assert.equal(spendQuestion(est), 'This sends 2 generations and will cost about $0.50.');
  assert.deepEqual(est.lines, [
    'someone/new-model: ≈ $0.50 · 1 request × $0.50/request (fal pricing API, 2026-12-02)',
    'FLUX.1 [schnell]: ≈ $0.003 · 1 image ≈ 1 MP × $0.003/MP (catalog price, 2025; no live price: not listed by the fal pricing API)',
  ]);
});

test('sums name the provider price list, and a catalog part makes the sum a catalog estimate', () => {
  assert.equal(sumSource(['price-list', 'provider-metrics']), 'price-list');
  assert.equal(sumSource(['price-list', 'catalog']), 'catalog');
  assert.equal(costLabel(0.5, 'price-list').label, '$0.50 (estimate from the provider price list)');
  assert.equal(
    selectionCostText({ count: 2, amount: 0.5, unknown: 0, sources: ['price-list', 'catalog'] }),
    '$0.50 (provider price list, catalog price)',
  );
});
