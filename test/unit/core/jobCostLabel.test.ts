import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jobCostLabel } from '../../../src/core/jobCostLabel';
import type { Job } from '../../../src/core/jobTypes';

function job(patch: Partial<Job>): Job {
  return {
    id: 'j1',
    provider: 'fal',
    model: 'fal-ai/flux/schnell',
    modality: 'image',
    input: { prompt: 'a fox' },
    state: 'running',
    stateAt: { waiting: 1, submitting: 2, queued: 3, running: 4 },
    createdAt: 1,
    updatedAt: 4,
    requestId: 'req-1',
    logs: [],
    takes: [],
    cost: { estimate: { amount: 0.003, currency: 'USD', source: 'catalog', label: '≈ $0.003' } },
    attempts: 0,
    ...patch,
  };
}

test('an active job shows its estimate, marked as one', () => {
  assert.equal(jobCostLabel(job({})), '≈ $0.003 (estimate)');
});

test('a finished job shows its actual cost', () => {
  const actual = { amount: 0.003, currency: 'USD' as const, source: 'provider-metrics' as const, label: '$0.003' };
  assert.equal(jobCostLabel(job({ state: 'succeeded', cost: { actual } })), '$0.003');
});

test('a failed fal job never shows the estimate as a charge', () => {
  assert.equal(jobCostLabel(job({ state: 'failed' })), 'not charged: fal bills successful outputs only');
});

test('a failed job that never reached the provider is not charged', () => {
  assert.match(jobCostLabel(job({ state: 'failed', requestId: undefined })) ?? '', /never reached/);
});

test('a canceled Replicate job is charged only if it ran', () => {
  const ran = job({ provider: 'replicate', state: 'canceled' });
  assert.match(jobCostLabel(ran) ?? '', /may be charged/);
  const queuedOnly = job({ provider: 'replicate', state: 'canceled', stateAt: { waiting: 1, queued: 3 } });
  assert.match(jobCostLabel(queuedOnly) ?? '', /never started/);
});

test('a canceled fal job whose submit outcome was never confirmed may be charged (fal may still run it)', () => {
  const label = jobCostLabel(
    job({ state: 'canceled', requestId: undefined, submitUnconfirmed: true, stateAt: { waiting: 1, unknown: 2 } }),
  );
  assert.match(label ?? '', /^may be charged if fal\.ai received it/);
});

test('a job whose create Replicate confirmed absent, then canceled, is not charged', () => {
  const label = jobCostLabel(
    job({ provider: 'replicate', state: 'canceled', requestId: undefined, stateAt: { waiting: 1, unknown: 2 } }),
  );
  assert.equal(label, 'not charged: it never reached the provider');
});

test('a job the provider reported finished but whose result could not be used may be charged, on either provider', () => {
  const stateAt = { waiting: 1, submitting: 2, queued: 3, downloading: 4, failed: 5 };
  assert.match(jobCostLabel(job({ state: 'failed', stateAt })) ?? '', /^may be charged: fal\.ai reported it finished/);
  const replicate = job({ provider: 'replicate', state: 'canceled', stateAt });
  assert.match(jobCostLabel(replicate) ?? '', /^may be charged: Replicate reported it finished/);
});
