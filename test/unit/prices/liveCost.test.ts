// cost.ts with a live price (the price book's choice): the label names the source and its date.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actualCost, estimateCost } from '../../../src/core/cost';
import type { ModelPrice } from '../../../src/core/modelCatalog';
import type { ProviderResult } from '../../../src/core/providerPort';

const live = (amount: number, unit: ModelPrice['unit']): ModelPrice => ({
  amount,
  unit,
  currency: 'USD',
  source: 'fal pricing API',
  date: '2026-12-02',
});

describe('cost figures with a live price', () => {
  it("uses the live price over the catalog's and says where it comes from and when", () => {
    const c = estimateCost('fal', 'fal-ai/flux/dev', { prompt: 'x' }, { live: live(0.04, 'image') });
    assert.equal(c.amount, 0.04);
    assert.equal(c.source, 'price-list');
    assert.equal(c.label, '≈ $0.04 · 1 image × $0.04/image (fal pricing API, 2026-12-02)');
  });

  it('keeps the catalog label when no live price is given (every existing caller)', () => {
    const c = estimateCost('fal', 'fal-ai/flux/dev', { prompt: 'x' });
    assert.equal(c.source, 'catalog');
    assert.equal(c.label, '≈ $0.025 · 1 image × $0.025/image (catalog price, 2026-11)');
  });

  it('says why the catalog price is used when told', () => {
    const c = estimateCost(
      'fal',
      'fal-ai/flux/dev',
      { prompt: 'x' },
      { fallbackReason: 'no live price: fal key rejected (401)' },
    );
    assert.equal(
      c.label,
      '≈ $0.025 · 1 image × $0.025/image (catalog price, 2026-11; no live price: fal key rejected (401))',
    );
  });

  it('prices a hand-typed model the catalog does not know, in the live unit', () => {
    const model = 'acme-labs/cinema-video/v1';
    assert.equal(estimateCost('fal', model, { prompt: 'x', duration: 6 }).amount, undefined);
    const c = estimateCost('fal', model, { prompt: 'x', duration: 6 }, { live: live(0.05, 'video-second') });
    assert.ok(Math.abs((c.amount ?? 0) - 0.3) < 1e-9);
    assert.equal(c.label, '≈ $0.30 · 6 s of video × $0.05/s (fal pricing API, 2026-12-02)');
  });

  it('an unknown price says why it is unknown', () => {
    const c = estimateCost(
      'fal',
      'acme/none',
      { prompt: 'x' },
      { fallbackReason: 'no live price: not listed by the fal pricing API' },
    );
    assert.equal(c.amount, undefined);
    assert.equal(c.source, 'unknown');
    assert.equal(c.label, 'price unknown for this model (no live price: not listed by the fal pricing API)');
  });

  it('counts per-minute prices in minutes of output, before and after the run', () => {
    const price = live(0.6, 'minute');
    const est = estimateCost('fal', 'fal-ai/stable-audio', { prompt: 'x', seconds_total: 30 }, { live: price });
    assert.ok(Math.abs((est.amount ?? 0) - 0.3) < 1e-9, String(est.amount));
    assert.match(est.label, /30 s of audio × \$0\.60\/min \(fal pricing API, 2026-12-02\)/);
    const result: ProviderResult = { takes: [{ url: 'https://x/a.wav', durationSec: 45 }] };
    const act = actualCost('fal', 'fal-ai/stable-audio', { prompt: 'x' }, result, { live: price });
    assert.ok(Math.abs((act.amount ?? 0) - 0.45) < 1e-9, String(act.amount));
    assert.equal(act.source, 'provider-metrics');
    assert.match(act.label, /^\$0\.45 · 45 s of audio × \$0\.60\/min \(fal pricing API × result, 2026-12-02\)$/);
  });

  it('an actual cost from the result names the live price too', () => {
    const result: ProviderResult = { takes: [{ url: 'https://x/1.png' }, { url: 'https://x/2.png' }] };
    const c = actualCost('fal', 'fal-ai/flux/dev', { prompt: 'x' }, result, { live: live(0.03, 'image') });
    assert.equal(c.label, '$0.06 · 2 images × $0.03/image (fal pricing API × result, 2026-12-02)');
  });

  it('a hand-typed model priced per second without a known length is unknown, and says why; the result prices it', () => {
    const model = 'acme-labs/gpu-thing';
    const perGpuSecond = live(0.001, 'second-of-gpu');
    const est = estimateCost('fal', model, { prompt: 'x' }, { live: perGpuSecond });
    assert.equal(est.amount, undefined);
    assert.equal(est.source, 'unknown');
    assert.equal(
      est.label,
      'price unknown for this model ($0.001/GPU-s from the fal pricing API, 2026-12-02, but the length is not known before the run)',
    );
    const noLength = estimateCost('fal', model, { prompt: 'x' }, { live: live(0.05, 'video-second') });
    assert.equal(noLength.amount, undefined);
    const result: ProviderResult = { takes: [{ url: 'https://x/a.png' }], metrics: { predictTimeSec: 12 } };
    const act = actualCost('fal', model, { prompt: 'x' }, result, { live: perGpuSecond });
    assert.ok(Math.abs((act.amount ?? 0) - 0.012) < 1e-12, String(act.amount));
    assert.equal(act.label, '$0.012 · 12 s GPU (reported) × $0.001/GPU-s (fal pricing API × result, 2026-12-02)');
  });
});
