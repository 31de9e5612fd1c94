import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DurationHistory,
  formatEstimate,
  MAX_MODELS,
  median,
  phaseHint,
  RUNS_PER_MODEL,
  roundUpToStep,
} from '../../../src/core/durationEstimates';

const sec = (s: number) => s * 1000;

describe('DurationHistory estimates', () => {
  it('gives no estimate until three successful runs, then one', () => {
    const h = new DurationHistory();
    assert.equal(h.estimate('m'), undefined);
    h.record('m', sec(40));
    h.record('m', sec(44));
    assert.equal(h.estimate('m'), undefined);
    h.record('m', sec(42));
    // median 42 s × 1.1 = 46.2 s → up to the next 5 s.
    assert.equal(h.estimate('m'), sec(50));
    assert.equal(h.estimate('other'), undefined);
  });

  it('uses the median, so one slow outlier does not move the estimate', () => {
    const h = new DurationHistory();
    for (const s of [20, 21, 22, 23, 600]) h.record('m', sec(s));
    assert.equal(h.estimate('m'), sec(25)); // median 22 → 24.2 → 25
  });

  it('counts only the last runs of a model', () => {
    const h = new DurationHistory();
    for (let i = 0; i < 5; i++) h.record('m', sec(10));
    for (let i = 0; i < RUNS_PER_MODEL; i++) h.record('m', sec(100));
    assert.equal(h.runCount('m'), RUNS_PER_MODEL);
    assert.equal(h.estimate('m'), sec(120)); // 110 s → next 15 s step
  });

  it('ignores nonsense durations', () => {
    const h = new DurationHistory();
    for (const ms of [Number.NaN, -5, 0, Number.POSITIVE_INFINITY]) h.record('m', ms);
    h.record('', 1000);
    assert.equal(h.runCount('m'), 0);
    assert.deepEqual(h.toJSON(), {});
  });

  it('keeps at most MAX_MODELS models, dropping the least recently used', () => {
    const h = new DurationHistory();
    h.record('keep', 1000);
    for (let i = 0; i < MAX_MODELS; i++) {
      h.record(`m${i}`, 1000);
      if (i === 10) h.record('keep', 1000); // used recently: survives
    }
    assert.equal(Object.keys(h.toJSON()).length, MAX_MODELS);
    assert.equal(h.runCount('keep'), 2);
    assert.equal(h.runCount('m0'), 0);
  });

  it('round-trips through JSON and tolerates garbage', () => {
    const h = new DurationHistory();
    for (const s of [5, 6, 7]) h.record('a', sec(s));
    const back = DurationHistory.fromJSON(JSON.parse(JSON.stringify(h)));
    assert.deepEqual(back.toJSON(), h.toJSON());
    assert.equal(back.estimate('a'), h.estimate('a'));
    for (const junk of [null, undefined, 'x', 42, [1, 2], { a: 'b' }]) {
      assert.deepEqual(DurationHistory.fromJSON(junk).toJSON(), {});
    }
    const mixed = DurationHistory.fromJSON({ a: [1000, '2000', -1, null, 3000], b: 'nope' });
    assert.deepEqual(mixed.toJSON(), { a: [1000, 3000] });
    const long = DurationHistory.fromJSON({ a: Array.from({ length: 50 }, (_, i) => 1000 + i) });
    assert.equal(long.runCount('a'), RUNS_PER_MODEL);
    assert.equal(long.toJSON().a?.[0], 1030);
  });
});

describe('median and rounding', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });

  it('rounds up to 5 s under a minute, 15 s under five minutes, 30 s above', () => {
    assert.equal(roundUpToStep(sec(41)), sec(45));
    assert.equal(roundUpToStep(sec(45)), sec(45));
    assert.equal(roundUpToStep(sec(1)), sec(5));
    assert.equal(roundUpToStep(sec(61)), sec(75));
    assert.equal(roundUpToStep(sec(301)), sec(330));
  });
});

describe('phase hints', () => {
  it('says nothing without an estimate or early on', () => {
    assert.equal(phaseHint(sec(100), undefined), undefined);
    assert.equal(phaseHint(sec(10), sec(60)), undefined);
  });

  it('says "Almost done…" from 75% of the estimate up to the estimate', () => {
    assert.equal(phaseHint(sec(45), sec(60)), 'Almost done…');
    assert.equal(phaseHint(sec(60), sec(60)), 'Almost done…');
  });

  it('says "Still working…" past the estimate', () => {
    assert.equal(phaseHint(sec(61), sec(60)), 'Still working…');
    assert.equal(new DurationHistory().phaseHint(sec(61), sec(60)), 'Still working…');
  });
});

describe('formatEstimate', () => {
  it('shows seconds under a minute and a minute range above', () => {
    assert.equal(formatEstimate(sec(45)), '~45 sec');
    assert.equal(formatEstimate(sec(120)), '~2 min');
    assert.equal(formatEstimate(sec(150)), '~2–3 min');
    assert.equal(formatEstimate(sec(3900)), '~1 h 5 min');
    assert.equal(new DurationHistory().formatEstimate(sec(5)), '~5 sec');
  });
});
