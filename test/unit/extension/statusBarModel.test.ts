import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeStatusBar } from '../../../src/extension/status/statusBarModel';
import { makeJob } from './jobFixtures';

const NOW = 1_800_000_000_000;
const noEstimate = () => undefined;

test('idle: hidden', () => {
  const m = computeStatusBar([makeJob({ state: 'succeeded' }), makeJob({ state: 'canceled' })], NOW, noEstimate);
  assert.equal(m.visible, false);
  assert.equal(m.error, false);
});

test('active jobs: spinner and count; ETA from the largest remaining estimate', () => {
  const jobs = [
    makeJob({ state: 'running', model: 'm1', createdAt: NOW - 10_000, stateAt: { submitting: NOW - 10_000 } }),
    makeJob({ state: 'queued', model: 'm2', createdAt: NOW - 5_000, stateAt: { submitting: NOW - 5_000 } }),
    makeJob({ state: 'waiting', model: 'm3' }),
  ];
  const est = (m: string) => (m === 'm1' ? 40_000 : m === 'm2' ? 65_000 : undefined);
  const m = computeStatusBar(jobs, NOW, est);
  assert.equal(m.text, '$(loading~spin) 3 generating · ~1 min');
  assert.equal(m.visible, true);
  assert.equal(m.error, false);
  assert.match(m.tooltip, /\*\*m1\*\* — running · 10s/);
  assert.match(m.tooltip, /\*\*m2\*\* — queued · 5s/);
});

test('no estimate yet: no ETA', () => {
  assert.equal(computeStatusBar([makeJob({ state: 'running' })], NOW, noEstimate).text, '$(loading~spin) 1 generating');
});

test('failures with nothing active: error text and error background', () => {
  const m = computeStatusBar([makeJob({ state: 'failed' }), makeJob({ state: 'succeeded' })], NOW, noEstimate);
  assert.equal(m.text, '$(error) 1 failed');
  assert.equal(m.error, true);
  assert.equal(m.visible, true);
});

test('active and failed together: both parts, no error background while work is running', () => {
  const m = computeStatusBar(
    [makeJob({ state: 'running' }), makeJob({ state: 'downloading' }), makeJob({ state: 'failed' })],
    NOW,
    noEstimate,
  );
  assert.equal(m.text, '$(loading~spin) 2 generating · $(error) 1 failed');
  assert.equal(m.error, false);
});

test('stale and unknown jobs need attention rather than count as generating', () => {
  const m = computeStatusBar(
    [makeJob({ state: 'running', stale: true }), makeJob({ state: 'unknown' })],
    NOW,
    noEstimate,
  );
  assert.equal(m.text, '$(warning) 2 need attention');
  assert.match(m.tooltip, /stale/);
});

test('tooltip escapes markdown in model names and is capped', () => {
  const jobs = Array.from({ length: 20 }, (_, i) => makeJob({ state: 'running', model: `org/*bold*_${i}` }));
  const m = computeStatusBar(jobs, NOW, noEstimate);
  assert.match(m.tooltip, /\\\*bold\\\*\\_0/);
  assert.match(m.tooltip, /and 8 more/);
});

test('one job parked stale: "1 needs attention" (singular), warning background when nothing else is going on', () => {
  const m = computeStatusBar(
    [makeJob({ state: 'running', stale: true }), makeJob({ state: 'succeeded' })],
    NOW,
    noEstimate,
  );
  assert.equal(m.visible, true);
  assert.equal(m.text, '$(warning) 1 needs attention');
  assert.equal(m.warning, true);
  assert.equal(m.error, false);
});

test('attention next to running and failed jobs: all three parts; the failure colour wins, no warning colour', () => {
  const m = computeStatusBar(
    [makeJob({ state: 'unknown' }), makeJob({ state: 'failed' }), makeJob({ state: 'queued', stale: true })],
    NOW,
    noEstimate,
  );
  assert.equal(m.text, '$(warning) 2 need attention · $(error) 1 failed');
  assert.equal(m.error, true);
  assert.equal(m.warning, false);
  const busy = computeStatusBar([makeJob({ state: 'running' }), makeJob({ state: 'unknown' })], NOW, noEstimate);
  assert.equal(busy.text, '$(loading~spin) 1 generating · $(warning) 1 needs attention');
  assert.equal(busy.warning, false);
});

test('tooltip says why a job needs attention: stopped checking with the error, stale, or unknown outcome', () => {
  const authError = { category: 'auth' as const, message: 'fal.ai rejected the API key.', retryable: false };
  const m = computeStatusBar(
    [
      makeJob({ state: 'running', stale: true, model: 'org/a', error: authError }),
      makeJob({ state: 'running', stale: true, model: 'org/b' }),
      makeJob({ state: 'unknown', model: 'org/c' }),
    ],
    NOW,
    noEstimate,
  );
  assert.match(m.tooltip, /\*\*org\/a\*\* — stopped checking: fal\\\.ai rejected the API key\\\./);
  assert.match(m.tooltip, /\*\*org\/b\*\* — stale ·/);
  assert.match(m.tooltip, /\*\*org\/c\*\* — submit outcome unknown ·/);
});

test('a recorded staleReason wins over the inference from job.error', () => {
  const transient = { category: 'transient' as const, message: 'old hiccup', retryable: true };
  const job = {
    ...makeJob({ state: 'running', stale: true, model: 'org/d', error: transient }),
    staleReason: 'window' as const,
  };
  assert.match(computeStatusBar([job], NOW, noEstimate).tooltip, /\*\*org\/d\*\* — stale ·/);
});

test('a failure whose retry succeeded (even through a failed retry) no longer counts as failed', () => {
  const a = makeJob({ id: 'a', state: 'failed' });
  const b = makeJob({ id: 'b', state: 'failed', retriedFrom: 'a' });
  const c = makeJob({ id: 'c', state: 'succeeded', retriedFrom: 'b' });
  const other = makeJob({ id: 'x', state: 'failed' });
  const m = computeStatusBar([a, b, c, other], NOW, noEstimate);
  assert.equal(m.text, '$(error) 1 failed');
  assert.equal(computeStatusBar([a, b, c], NOW, noEstimate).visible, false);
});

test('a failure whose retry is still running is not an alarm; a retry that failed too is the one failure counted', () => {
  const a = makeJob({ id: 'a', state: 'failed' });
  const running = makeJob({ id: 'r', state: 'running', retriedFrom: 'a' });
  assert.equal(computeStatusBar([a, running], NOW, noEstimate).text, '$(loading~spin) 1 generating');
  const failedRetry = makeJob({ id: 'f', state: 'failed', retriedFrom: 'a' });
  assert.equal(computeStatusBar([a, failedRetry], NOW, noEstimate).text, '$(error) 1 failed');
  // A canceled retry hands the failure back.
  const canceledRetry = makeJob({ id: 'k', state: 'canceled', retriedFrom: 'a' });
  assert.equal(computeStatusBar([a, canceledRetry], NOW, noEstimate).text, '$(error) 1 failed');
  assert.equal(computeStatusBar([a, canceledRetry, failedRetry], NOW, noEstimate).text, '$(error) 1 failed');
});
