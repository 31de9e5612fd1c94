// The status column's rules, one row per case: an active job wins, then a failure newer than the
// chosen take, then the takes against the current inputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Job } from '../../../../src/core/jobTypes';
import type { ResolvedShot } from '../../../../src/core/shots/shotTypes';
import { type StatusInput, type StatusPart, shotStatus } from '../../../../src/extension/queue/shotStatus';
import type { ShotTakeFile } from '../../../../src/extension/shots/shotRunnerPort';
import { makeJob } from '../jobFixtures';

const FP = 'fp-now';
const shot: ResolvedShot = {
  shot: { id: 's01', modality: 'image', prompt: 'a harbour at dawn' },
  provider: 'local',
  model: 'local/image',
  modality: 'image',
  input: { prompt: 'a harbour at dawn' },
  fingerprint: FP,
};
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
  ['no job, no takes', { takes: [], resolved: shot }, { status: 'not-generated' }],
  ['waiting job', { job: job({ state: 'waiting' }), takes: [], resolved: shot }, { status: 'waiting', jobId: 'j1' }],
  [
    'held job (paused batch)',
    { job: job({ state: 'waiting', held: 'paused' }), takes: [], resolved: shot },
    { status: 'held', hold: 'paused', jobId: 'j1' },
  ],
  [
    'submitting job',
    { job: job({ state: 'submitting' }), takes: [], resolved: shot },
    { status: 'queued', jobId: 'j1' },
  ],
  [
    'queued job with its position',
    { job: job({ state: 'queued', queuePosition: 3 }), takes: [], resolved: shot },
    { status: 'queued', queuePosition: 3, jobId: 'j1' },
  ],
  [
    'running job with progress, over a chosen take',
    { job: job({ state: 'running', progress: 0.4 }), takes: [take(1, FP)], chosen: 1, resolved: shot },
    { status: 'generating', progress: 0.4, jobId: 'j1' },
  ],
  [
    'downloading job',
    { job: job({ state: 'downloading' }), takes: [], resolved: shot },
    { status: 'generating', jobId: 'j1' },
  ],
  [
    'unknown outcome: unconfirmed, never shown as queued',
    { job: job({ state: 'unknown' }), takes: [], resolved: shot },
    { status: 'unconfirmed', jobId: 'j1' },
  ],
  [
    'failed job, no takes',
    { job: job({ state: 'failed', error: failure }), takes: [], resolved: shot },
    { status: 'failed', jobId: 'j1', error: { category: 'billing-policy', message: 'Balance exhausted' } },
  ],
  [
    'failed job newer than the chosen take',
    {
      job: job({ state: 'failed', error: failure, updatedAt: 9_000 }),
      takes: [take(1, FP, 5_000)],
      chosen: 1,
      resolved: shot,
    },
    { status: 'failed', jobId: 'j1', error: { category: 'billing-policy', message: 'Balance exhausted' } },
  ],
  [
    'failed job older than the chosen take',
    {
      job: job({ state: 'failed', error: failure, updatedAt: 4_000 }),
      takes: [take(1, FP, 5_000)],
      chosen: 1,
      resolved: shot,
    },
    { status: 'chosen' },
  ],
  ['canceled job', { job: job({ state: 'canceled' }), takes: [], resolved: shot }, { status: 'canceled', jobId: 'j1' }],
  [
    'chosen take matches the inputs',
    { job: job({ state: 'succeeded' }), takes: [take(1, 'old'), take(2, FP)], chosen: 2, resolved: shot },
    { status: 'chosen' },
  ],
  ['chosen take made from other inputs', { takes: [take(1, 'old')], chosen: 1, resolved: shot }, { status: 'stale' }],
  // Like Generate stale: nothing says the inputs of a take without a sidecar changed.
  [
    'chosen take without a readable sidecar',
    { takes: [take(1, undefined)], chosen: 1, resolved: shot },
    { status: 'chosen' },
  ],
  [
    'chosen take missing on disk, another take there',
    { takes: [take(1, FP)], chosen: 4, resolved: shot },
    { status: 'done' },
  ],
  ['chosen take missing on disk, no takes', { takes: [], chosen: 4, resolved: shot }, { status: 'not-generated' }],
  ['takes, none chosen', { takes: [take(1, 'old'), take(2, FP)], resolved: shot }, { status: 'done' }],
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
    'unconfirmed',
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
