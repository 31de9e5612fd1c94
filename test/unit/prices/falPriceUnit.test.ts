import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapFalUnit } from '../../../src/providers/fal/falPriceUnit';

describe("fal's price units", () => {
  it('maps every unit seen in pricing answers, whatever the spelling', () => {
    const cases: [string, string, number][] = [
      ['image', 'image', 1],
      ['images', 'image', 1],
      ['megapixel', 'megapixel', 1],
      ['megapixels', 'megapixel', 1],
      ['second', 'video-second', 1],
      ['video_second', 'video-second', 1],
      ['Video_Seconds', 'video-second', 1],
      ['request', 'request', 1],
      ['requests', 'request', 1],
      ['1000 characters', '1k-characters', 1],
      ['1,000 characters', '1k-characters', 1],
      ['per 1000 characters', '1k-characters', 1],
      ['character', '1k-characters', 1000],
      ['minute', 'minute', 1],
      ['minutes', 'minute', 1],
      ['compute_second', 'second-of-gpu', 1],
      ['compute seconds', 'second-of-gpu', 1],
    ];
    for (const [raw, unit, factor] of cases) {
      assert.deepEqual(mapFalUnit(raw), { unit, factor }, raw);
    }
  });

  it('reports a unit it does not know instead of guessing one', () => {
    for (const raw of ['token', '1m tokens', 'frame', 'hour', '', 'gpu']) assert.equal(mapFalUnit(raw), undefined, raw);
  });
});
