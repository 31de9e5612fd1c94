// Prices of the models that read references: per second from the duration asked for, per second of
// the voice line for talking heads (unknown until its length is), per edited image.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actualCost, estimateCost } from '../../../src/core/cost';

const close = (a: number | undefined, b: number) => {
  assert.ok(a !== undefined, 'amount missing');
  assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);
};

describe('reference model costs', () => {
  it('prices image-to-video per second of the duration asked for (or its default)', () => {
    const kling = 'fal-ai/kling-video/v2.1/standard/image-to-video';
    close(estimateCost('fal', kling, { prompt: 'x' }).amount, 0.28);
    close(estimateCost('fal', kling, { prompt: 'x', duration: '10' }).amount, 0.56);
    close(estimateCost('replicate', 'kwaivgi/kling-v2.1', { prompt: 'x', duration: 10 }).amount, 0.5);
    assert.match(estimateCost('replicate', 'kwaivgi/kling-v2.1', { prompt: 'x' }).label, /uncertain/);
    close(estimateCost('replicate', 'wan-video/wan-2.2-i2v-fast', { prompt: 'x' }).amount, 0.05);
  });

  it('prices a talking head by the length of its audio reference when it is known', () => {
    const c = estimateCost('fal', 'fal-ai/bytedance/omnihuman/v1.5', {}, { audioSec: 12.5 });
    close(c.amount, 2);
    assert.match(c.label, /12\.5 s of video \(the audio's length\) × \$0\.16\/s/);
    close(estimateCost('fal', 'fal-ai/sync-lipsync/v2', {}, { audioSec: 60 }).amount, 3);
  });

  it('says the cost is unknown, with the rate, when the audio length is not known', () => {
    for (const audioSec of [undefined, 0, Number.NaN]) {
      const c = estimateCost('fal', 'fal-ai/bytedance/omnihuman/v1.5', {}, audioSec === undefined ? {} : { audioSec });
      assert.equal(c.amount, undefined);
      assert.match(c.label, /\$0\.16\/s × the audio's length, not known yet/);
    }
    assert.match(estimateCost('replicate', 'bytedance/omni-human', {}).label, /uncertain/);
  });

  it('prices the result of a talking head from the video length the provider returned', () => {
    const model = 'fal-ai/bytedance/omnihuman/v1.5';
    const done = actualCost('fal', model, {}, { takes: [{ url: 'https://x/a.mp4', durationSec: 10 }] });
    close(done.amount, 1.6);
    assert.equal(done.source, 'provider-metrics');
    const noLength = actualCost('fal', model, {}, { takes: [{ url: 'https://x/a.mp4' }] });
    assert.equal(noLength.amount, undefined);
  });

  it('prices an edit per image and an unpublished price as unknown', () => {
    close(estimateCost('fal', 'fal-ai/flux-pro/kontext', { prompt: 'x', num_images: 2 }).amount, 0.08);
    close(estimateCost('fal', 'fal-ai/f5-tts', { gen_text: 'a'.repeat(2000) }).amount, 0.1);
    const unknown = estimateCost('replicate', 'sync/lipsync-2', {});
    assert.equal(unknown.amount, undefined);
    assert.equal(unknown.source, 'unknown');
  });
});
