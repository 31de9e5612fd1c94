// The one cost rule behind every path that sends jobs: free jobs never ask, paid ones ask from the threshold on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JobSpec } from '../../../src/core/jobTypes';
import { estimateSpend, needsConfirmation, spendQuestion } from '../../../src/extension/generate/spendEstimate';

const schnell: JobSpec = { provider: 'fal', model: 'fal-ai/flux/schnell', modality: 'image', input: { prompt: 'x' } };
const local: JobSpec = { provider: 'local', model: 'local/image', modality: 'image', input: { prompt: 'x' } };
const custom: JobSpec = { provider: 'fal', model: 'someone/new-model', modality: 'image', input: { prompt: 'x' } };

test('offline jobs never need a confirmation, whatever the threshold', () => {
  const est = estimateSpend([local, local, local]);
  assert.equal(est.paid, 0);
  assert.equal(needsConfirmation(est, 0), false);
});

test('paid jobs ask when the estimate reaches the threshold; the question says how many and how much', () => {
  const one = estimateSpend([schnell]);
  assert.equal(needsConfirmation(one, 0.5), false, '$0.003 is below $0.50');
  assert.equal(needsConfirmation(one, 0.003), true, 'at the threshold');
  assert.equal(spendQuestion(one), 'This will cost about $0.003.');
  const three = estimateSpend([schnell, schnell, local]);
  assert.equal(three.count, 3);
  assert.equal(needsConfirmation(three, 0.006), true, 'the sum counts: 2 × $0.003');
  assert.equal(spendQuestion(three), 'This sends 3 generations and will cost about $0.006.');
  assert.deepEqual(three.lines.slice(1), [
    'FLUX.1 [schnell]: ≈ $0.003 · 1 image ≈ 1 MP × $0.003/MP (catalog price, 2025)',
    'Offline test image: free (offline)',
  ]);
});

test('an unknown price asks only when every paid generation must be confirmed (threshold 0), and says so', () => {
  const est = estimateSpend([custom]);
  assert.equal(needsConfirmation(est, 0.5), false);
  assert.equal(needsConfirmation(est, 0), true);
  assert.equal(spendQuestion(est), 'This will cost about an unknown amount.');
  assert.equal(
    spendQuestion(estimateSpend([schnell, custom])),
    'This sends 2 generations and will cost about $0.003 plus 1 at an unknown price.',
  );
});
