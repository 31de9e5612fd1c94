// The status column's rules, one row per case: an active job wins, then a failure newer than the
// chosen take, then the takes against the current inputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Job } from '../../../../src/core/jobTypes';
import { type StatusInput, type StatusPart, shotStatus } from '../../../../src/extension/queue/shotStatus';
import type { ShotTakeFile } from '../../../../src/extension/shots/shotRunnerPort';
import { makeJob } from '../jobFixtures';

const FP = 'fp-now';
const take = (n: number, fingerprint: string | undefined, createdAt = 5_000): ShotTakeFile => ({
  take: n,
  path: `assets/generated/demo/s01/take-${n}.png`,
  uri: `file:///ws/assets/generated/demo/s01/take-${n}.png`,
  createdAt,
  ...(fingerprint === undefined ? {} : { fingerprint }),
});
const job = (over: Partial<Job>): Job => makeJob({ id: 'j1', updatedAt: 10_000, ...over });
const failure = { category: 'billing-policy' as const, message: 'Balance exhausted', retryable: false };

const cases: [name: string, input: StatusInput, expected: StatusPart][] = [
  ['no job, no takes', { takes: [], fingerprint: FP }, { status: 'not-generated' }],
  ['waiting job', { job: job({ state: 'waiting' }), takes: [], fingerprint: FP }, { status: 'waiting', jobId: 'j1' }],
  [
    'held job (paused batch)',
    { job: job({ state: 'waiting', held: 'paused' }), takes: [], fingerprint: FP },
    { status: 'held', hold: 'paused', jobId: 'j1' },
  ],
  [
    'submitting job',
    { job: job({ state: 'submitting' }), takes: [], fingerprint: FP },
    { status: 'queued', jobId: 'j1' },
  ],
  [
    'queued job with its position',
    { job: job({ state: 'queued', queuePosition: 3 }), takes: [], fingerprint: FP },
    { status: 'queued', queuePosition: 3, jobId: 'j1' },
  ],
  [
    'running job with progress, over a chosen take',
    { job: job({ state: 'running', progress: 0.4 }), takes: [take(1, FP)], chosen: 1, fingerprint: FP },
    { status: 'generating', progress: 0.4, jobId: 'j1' },
  ],
  [
    'downloading job',
    { job: job({ state: 'downloading' }), takes: [], fingerprint: FP },
    { status: 'generating', jobId: 'j1' },
  ],
  [
    'unknown outcome (reconciling)',
    { job: job({ state: 'unknown' }), takes: [], fingerprint: FP },
    { status: 'queued', jobId: 'j1' },
  ],
  [
    'failed job, no takes',
    { job: job({ state: 'failed', error: failure }), takes: [], fingerprint: FP },
    { status: 'failed', jobId: 'j1', error: { category: 'billing-policy', message: 'Balance exhausted' } },
  ],
  [
    'failed job newer than the chosen take',
    {
      job: job({ state: 'failed', error: failure, updatedAt: 9_000 }),
      takes: [take(1, FP, 5_000)],
      chosen: 1,
      fingerprint: FP,
    },
    { status: 'failed', jobId: 'j1', error: { category: 'billing-policy', message: 'Balance exhausted' } },
  ],
  [
    'failed job older than the chosen take',
    {
      job: job({ state: 'failed', error: failure, updatedAt: 4_000 }),
      takes: [take(1, FP, 5_000)],
      chosen: 1,
      fingerprint: FP,
    },
    { status: 'chosen' },
  ],
  [
    'canceled job',
    { job: job({ state: 'canceled' }), takes: [], fingerprint: FP },
    { status: 'canceled', jobId: 'j1' },
  ],
  [
    'chosen take matches the inputs',
    { job: job({ state: 'succeeded' }), takes: [take(1, 'old'), take(2, FP)], chosen: 2, fingerprint: FP },
    { status: 'chosen' },
  ],
  ['chosen take made from other inputs', { takes: [take(1, 'old')], chosen: 1, fingerprint: FP }, { status: 'stale' }],
  [
    'chosen take without a readable sidecar',
    { takes: [take(1, undefined)], chosen: 1, fingerprint: FP },
    { status: 'stale' },
  ],
  ['chosen take missing on disk', { takes: [take(1, FP)], chosen: 4, fingerprint: FP }, { status: 'stale' }],
  [
    'takes, none chosen, one from the current inputs',
    { takes: [take(1, 'old'), take(2, FP)], fingerprint: FP },
    { status: 'done' },
  ],
  ['takes, none chosen, all from other inputs', { takes: [take(1, 'old')], fingerprint: FP }, { status: 'stale' }],
  ['orphan takes (shot removed)', { takes: [take(1, 'old')] }, { status: 'done' }],
];

for (const [name, input, expected] of cases) {
  test(`status: ${name}`, () => {
    assert.deepEqual(shotStatus(input), expected);
  });
}

test('every status of the protocol is reachable', () => {
  const seen = new Set(cases.map(([, , e]) => e.status));
  for (const s of [
    'not-generated',
    'stale',
    'waiting',
    'held',
    'queued',
    'generating',
    'failed',
    'canceled',
    'done',
    'chosen',
  ]) {
    assert.ok(seen.has(s as StatusPart['status']), s);
  }
});
