import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Job } from '../../../src/core/jobTypes';
import { decodeRegistry, encodeRegistry, PERSISTED_LOG_LINES } from '../../../src/core/persistedForm';

const MODELS = [
  ['replicate', 'black-forest-labs/flux-schnell', 'image'],
  ['fal', 'fal-ai/flux/dev', 'image'],
  ['fal', 'fal-ai/kling-video/v2.1/standard/text-to-video', 'video'],
  ['replicate', 'minimax/speech-02-turbo', 'speech'],
] as const;

function prompt(i: number): string {
  const words =
    'cinematic shot of a lighthouse keeper walking through fog at dawn golden light volumetric haze detailed';
  return `${i} ${words} ${words}`.slice(0, 100);
}

export function realisticJob(i: number, base: number): Job {
  const [provider, model, modality] = MODELS[i % MODELS.length] as (typeof MODELS)[number];
  const t0 = base + i * 61_000;
  const label = provider === 'fal' ? '$0.025 × 1 image (catalog, 2026-11)' : '$0.003 × 1 image (catalog, 2026-11)';
  const requestId =
    provider === 'fal'
      ? `0f3c${String(i).padStart(4, '0')}-6a1e-4c2b-9d4e-8f1a2b3c4d5e`
      : `gm3qorzdhgbfurvjt${String(i).padStart(5, '0')}ck`;
  return {
    id: `mi8k${(t0 / 1000).toString(36).slice(-4)}-${(i * 7919).toString(36).padStart(6, '0')}`,
    provider,
    model,
    modality,
    input: { prompt: prompt(i), aspect_ratio: '16:9', num_outputs: 1, seed: 1000 + i },
    state: 'succeeded',
    stateAt: {
      waiting: t0,
      submitting: t0 + 3,
      queued: t0 + 420,
      running: t0 + 2_950,
      downloading: t0 + 24_100,
      importing: t0 + 24_900,
      succeeded: t0 + 25_010,
    },
    createdAt: t0,
    updatedAt: t0 + 25_010,
    requestId,
    logs: ['step 26/28', 'step 27/28', 'step 28/28', 'done'],
    takes: [
      {
        index: 0,
        remoteUrl: `https://replicate.delivery/xezq/${requestId}/out-0.png`,
        contentType: 'image/png',
        localPath: `assets/generated/lighthouse-keeper-fog-${i}.png`,
        bytes: 1_200_000 + i,
        width: 1344,
        height: 768,
      },
    ],
    cost: {
      estimate: { amount: 0.003, currency: 'USD', source: 'catalog', label },
      actual: { amount: 0.003, currency: 'USD', source: 'provider-metrics', label },
    },
    metrics: { predictTimeSec: 21.1 },
    attempts: 0,
  };
}

describe('compact persisted form', () => {
  it('round-trips a job, dropping only old log lines and the URL of an imported take', () => {
    const job = realisticJob(3, Date.UTC(2026, 10, 1));
    job.batchId = 'b-1';
    job.error = { category: 'transient', message: 'x', retryable: true };
    (job as Job & { futureField: string }).futureField = 'kept';
    const [back] = decodeRegistry(encodeRegistry([job])).jobs;
    const expected = structuredClone(job);
    expected.logs = []; // a succeeded job keeps no logs
    delete expected.takes[0]?.remoteUrl;
    assert.deepEqual(back, expected);
  });

  it('keeps the last log lines of an unfinished job', () => {
    const job = realisticJob(2, Date.UTC(2026, 10, 1));
    job.state = 'running';
    const [back] = decodeRegistry(encodeRegistry([job])).jobs;
    assert.deepEqual(back?.logs, job.logs.slice(-PERSISTED_LOG_LINES));
    assert.equal(back?.updatedAt, job.updatedAt);
  });

  it('keeps the remote URL of a take not imported yet (needed to resume the download)', () => {
    const job = realisticJob(1, Date.UTC(2026, 10, 1));
    job.state = 'downloading';
    delete job.takes[0]?.localPath;
    const [back] = decodeRegistry(encodeRegistry([job])).jobs;
    assert.equal(back?.takes[0]?.remoteUrl, job.takes[0]?.remoteUrl);
    assert.equal(back?.state, 'downloading');
  });

  it('stores 1,000 realistic jobs in well under 512 KB', () => {
    const base = Date.UTC(2026, 10, 1);
    const jobs = Array.from({ length: 1000 }, (_, i) => realisticJob(i, base));
    const bytes = Buffer.byteLength(JSON.stringify(encodeRegistry(jobs, { m: [1000, 2000, 3000] })), 'utf8');
    const plain = Buffer.byteLength(JSON.stringify({ v: 1, jobs }), 'utf8');
    console.log(
      `# persisted size: 1,000 jobs = ${(bytes / 1024).toFixed(1)} KB (plain JSON ${(plain / 1024).toFixed(1)} KB)`,
    );
    assert.ok(bytes < 400 * 1024, `${bytes} bytes`);
    assert.equal(decodeRegistry(JSON.parse(JSON.stringify(encodeRegistry(jobs)))).jobs.length, 1000);
  });

  it('accepts plain (v1) jobs and reports unreadable entries without dropping the rest', () => {
    const job = realisticJob(0, Date.UTC(2026, 10, 1));
    const enc = encodeRegistry([job, realisticJob(1, Date.UTC(2026, 10, 1))]);
    enc.packed.j[0] = ['broken'];
    const out = decodeRegistry({ ...enc, jobs: [realisticJob(2, Date.UTC(2026, 10, 1))] });
    assert.equal(out.jobs.length, 2);
    assert.equal(out.problems.length, 1);
    assert.match(out.problems[0] ?? '', /could not be read/);
  });

  it('decodes nothing from nothing', () => {
    assert.deepEqual(decodeRegistry(undefined).jobs, []);
  });

  it('keeps the facts the cancel rule and the cost label rely on (cancelAccepted, submitUnconfirmed)', () => {
    const job: Job = {
      id: 'j1',
      provider: 'fal',
      model: 'fal-ai/flux/schnell',
      modality: 'image',
      input: { prompt: 'a fox' },
      state: 'canceled',
      stateAt: { waiting: 1, unknown: 2, canceled: 3 },
      createdAt: 1,
      updatedAt: 3,
      logs: [],
      takes: [],
      cost: {},
      attempts: 0,
      cancelRequested: true,
      cancelAccepted: true,
      submitUnconfirmed: true,
    };
    const back = decodeRegistry(JSON.parse(JSON.stringify(encodeRegistry([job])))).jobs[0];
    assert.equal(back?.cancelAccepted, true);
    assert.equal(back?.submitUnconfirmed, true);
  });
});
