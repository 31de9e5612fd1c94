import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actualCost, estimateCost, formatUsd } from '../../../src/core/cost';

const close = (a: number | undefined, b: number) => {
  assert.ok(a !== undefined, 'amount missing');
  assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);
};

describe('estimateCost before submit', () => {
  it('prices per image by the number of outputs asked for, labelled with its source and date', () => {
    const c = estimateCost('replicate', 'black-forest-labs/flux-schnell', { prompt: 'x', num_outputs: 2 });
    close(c.amount, 0.006);
    assert.equal(c.source, 'catalog');
    assert.equal(c.currency, 'USD');
    assert.equal(c.label, '≈ $0.006 · 2 images × $0.003/image (catalog price, 2025)');
  });

  it('defaults to one image, or the model default count', () => {
    close(estimateCost('fal', 'fal-ai/flux/dev', { prompt: 'x' }).amount, 0.025);
    close(estimateCost('fal', 'fal-ai/flux/dev', { prompt: 'x', num_images: 3 }).amount, 0.075);
  });

  it('prices per megapixel from the named size, width×height, rounding each image up', () => {
    // landscape_4_3 = 1024×768 ≈ 0.79 MP → billed 1 MP.
    close(estimateCost('fal', 'fal-ai/flux/schnell', { prompt: 'x' }).amount, 0.003);
    close(
      estimateCost('fal', 'fal-ai/flux/schnell', { prompt: 'x', image_size: 'square_hd', num_images: 2 }).amount,
      0.006,
    );
    close(estimateCost('fal', 'fal-ai/flux/schnell', { prompt: 'x', width: 2000, height: 1500 }).amount, 0.009); // 2.86 MP → 3
    close(
      estimateCost('fal', 'fal-ai/flux/schnell', { prompt: 'x', image_size: { width: 2048, height: 1536 } }).amount,
      0.009,
    );
  });

  it('prices per video second from the duration input ("10", "8s", 6)', () => {
    const kling = estimateCost('fal', 'fal-ai/kling-video/v2.1/master/text-to-video', { prompt: 'x', duration: '10' });
    close(kling.amount, 2.8);
    assert.match(kling.label, /10 s of video × \$0\.28\/s/);
    close(estimateCost('fal', 'fal-ai/veo3', { prompt: 'x', duration: '8s' }).amount, 6);
    close(estimateCost('fal', 'fal-ai/kling-video/v2.1/master/text-to-video', { prompt: 'x' }).amount, 1.4);
    close(estimateCost('replicate', 'google/veo-3', { prompt: 'x' }).amount, 6);
  });

  it('says when a catalog price is uncertain', () => {
    assert.match(estimateCost('fal', 'fal-ai/veo3', { prompt: 'x' }).label, /uncertain/);
    assert.doesNotMatch(estimateCost('fal', 'fal-ai/flux/dev', { prompt: 'x' }).label, /uncertain/);
  });

  it('prices GPU-second models by their typical run time', () => {
    const c = estimateCost('replicate', 'meta/musicgen', { prompt: 'x' });
    close(c.amount, 45 * 0.0014);
    assert.match(c.label, /~45 s GPU \(typical\)/);
  });

  it('prices speech per 1k characters of the text to speak', () => {
    const text = 'a'.repeat(500);
    close(estimateCost('fal', 'fal-ai/kokoro/american-english', { prompt: text }).amount, 0.01);
    const c = estimateCost('fal', 'fal-ai/elevenlabs/tts/multilingual-v2', { text: 'a'.repeat(2000) });
    close(c.amount, 0.2);
    assert.match(c.label, /2000 characters/);
  });

  it('prices per request', () => {
    close(estimateCost('replicate', 'minimax/video-01', { prompt: 'x' }).amount, 0.5);
  });

  it('is honest about a model with no price on file', () => {
    const c = estimateCost('replicate', 'someone/custom-model', { prompt: 'x' });
    assert.equal(c.source, 'unknown');
    assert.equal(c.amount, undefined);
    assert.equal(c.label, 'price unknown for this model');
  });

  it('calls the offline provider free', () => {
    assert.deepEqual(estimateCost('local', 'local/video', { prompt: 'x' }), {
      amount: 0,
      currency: 'USD',
      source: 'local',
      label: 'free (offline)',
    });
  });
});

describe('actualCost after the result', () => {
  it('counts the takes actually returned', () => {
    const c = actualCost(
      'replicate',
      'black-forest-labs/flux-schnell',
      { prompt: 'x', num_outputs: 4 },
      {
        takes: [{ url: 'a' }, { url: 'b' }],
      },
    );
    close(c.amount, 0.006);
    assert.equal(c.source, 'provider-metrics');
    assert.doesNotMatch(c.label, /^≈/);
  });

  it('uses the reported image size for megapixel pricing', () => {
    const c = actualCost(
      'fal',
      'fal-ai/flux/schnell',
      { prompt: 'x' },
      {
        takes: [
          { url: 'a', width: 1920, height: 1080 },
          { url: 'b', width: 512, height: 512 },
        ],
      },
    );
    close(c.amount, 0.003 * 3); // 1920×1080 = 1.98 MP → 2, 512×512 → 1
    assert.match(c.label, /2 images = 3 MP/);
  });

  it('bills predict_time × rate for GPU-second models', () => {
    const c = actualCost(
      'replicate',
      'meta/musicgen',
      { prompt: 'x' },
      { takes: [{ url: 'a' }], metrics: { predictTimeSec: 30 } },
    );
    close(c.amount, 0.042);
    assert.equal(c.source, 'provider-metrics');
    assert.match(c.label, /30 s GPU \(reported\)/);
  });

  it('falls back to the catalog estimate when the provider reported nothing usable', () => {
    const c = actualCost('replicate', 'meta/musicgen', { prompt: 'x' }, { takes: [{ url: 'a' }] });
    assert.equal(c.source, 'catalog');
    close(c.amount, 45 * 0.0014);
    const v = actualCost(
      'fal',
      'fal-ai/kling-video/v2.1/master/text-to-video',
      { prompt: 'x', duration: '5' },
      {
        takes: [{ url: 'v' }],
      },
    );
    assert.equal(v.source, 'catalog');
    close(v.amount, 1.4);
  });

  it('uses the returned video length for per-second models', () => {
    const c = actualCost(
      'fal',
      'fal-ai/kling-video/v2.1/master/text-to-video',
      { prompt: 'x', duration: '5' },
      {
        takes: [{ url: 'v', durationSec: 5.1 }],
      },
    );
    close(c.amount, 0.28 * 5.1);
    assert.equal(c.source, 'provider-metrics');
  });

  it('an unpriced model’s actual cost is unknown; the offline provider’s is 0', () => {
    assert.equal(actualCost('fal', 'fal-ai/unknown', { prompt: 'x' }, { takes: [{ url: 'a' }] }).source, 'unknown');
    assert.equal(actualCost('local', 'local/image', { prompt: 'x' }, { takes: [] }).amount, 0);
  });
});

describe('formatUsd', () => {
  it('keeps small amounts readable and dollars at cents', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(0.003), '$0.003');
    assert.equal(formatUsd(0.0014), '$0.0014');
    assert.equal(formatUsd(0.000225), '$0.00022');
    assert.equal(formatUsd(0.064), '$0.064');
    assert.equal(formatUsd(0.5), '$0.50');
    assert.equal(formatUsd(0.1), '$0.10');
    assert.equal(formatUsd(1.4), '$1.40');
    assert.equal(formatUsd(1234.5), '$1,234.50');
    assert.equal(formatUsd(Number.NaN), '$—');
  });
});
