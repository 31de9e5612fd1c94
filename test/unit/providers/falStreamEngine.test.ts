// The engine following fal jobs on one status stream each, with the real adapter against the
// emulator: requests per job at any queue depth, live positions/logs, and a dropped stream.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { JobEngine } from '../../../src/core/jobEngine';
import { isTerminal, type Job } from '../../../src/core/jobTypes';
import { createFalProvider } from '../../../src/providers/fal/falProvider';
import type { JobScript } from '../../emulator/emulatorTypes';
import { type ProviderEmulator, startEmulator } from '../../emulator/providerEmulator';
import { MemoryAssetSink } from '../../fakes/memoryAssetSink';
import { MemoryJobStore } from '../../fakes/memoryJobStore';

const MODEL = 'fal-ai/flux/schnell';
const API_ROUTES = ['submit', 'status', 'stream', 'result', 'cancel'] as const;
let emu: ProviderEmulator;

before(async () => {
  // A scripted second is 20 real ms.
  emu = await startEmulator({ timeScale: 0.02, tickMs: 5 });
});
after(() => emu.close());
beforeEach(() => emu.reset());

/** Run one job to the end; return what the user saw on the way and the API requests it cost. */
async function runJob(script: JobScript): Promise<{ job: Job; seen: Job[]; requests: Record<string, number> }> {
  emu.script({ model: MODEL, script });
  const engine = new JobEngine({
    providers: { fal: createFalProvider({ credentials: () => 'id:secret', baseUrl: emu.falBaseUrl }) },
    store: new MemoryJobStore(),
    assets: new MemoryAssetSink(),
    minPollGapMs: 50,
    saveDelayMs: 5,
  });
  await engine.start();
  const seen: Job[] = [];
  const sub = engine.onDidChange(() => {
    for (const j of engine.list()) seen.push(structuredClone(j));
  });
  const { id } = engine.submit({ provider: 'fal', model: MODEL, modality: 'image', input: { prompt: 'a heron' } });
  const end = Date.now() + 15_000;
  while (!isTerminal(engine.get(id)?.state ?? 'waiting') && Date.now() < end)
    await new Promise((r) => setTimeout(r, 20));
  const job = engine.get(id) as Job;
  sub.dispose();
  await engine.dispose();
  const requests: Record<string, number> = {};
  for (const r of API_ROUTES) requests[r] = emu.requests('fal', r);
  return { job, seen, requests };
}

const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

describe('fal jobs on one status stream', () => {
  for (const depth of [0, 3, 10]) {
    test(`queue depth ${depth}: submit, one stream, result (3 requests); positions are shown as they change`, async () => {
      const positions = Array.from({ length: depth + 1 }, (_, i) => depth - i);
      const { job, seen, requests } = await runJob({
        queueMs: 5_000 * (depth + 1),
        queuePositions: positions,
        runMs: 8_000,
      });
      assert.equal(job.state, 'succeeded', JSON.stringify(job.error));
      assert.deepEqual(requests, { submit: 1, status: 0, stream: 1, result: 1, cancel: 0 });
      assert.ok(total(requests) <= 4);
      // Positions reached the job while the stream was open (a loaded machine may merge a few).
      const shown = [...new Set(seen.filter((j) => j.state === 'queued').map((j) => j.queuePosition ?? -1))];
      // fal's queue_position counts from 0; the job shows 1 for next in line.
      assert.equal(shown[0], depth + 1);
      assert.deepEqual(
        shown,
        [...shown].sort((a, b) => b - a),
      );
      if (depth > 0) assert.ok(shown.length >= 2, `positions shown: ${JSON.stringify(shown)}`);
    });
  }

  test('log lines and progress update the job while it runs, before it completes', async () => {
    const { job, seen } = await runJob({ queueMs: 1_000, runMs: 20_000, steps: 5 });
    assert.equal(job.state, 'succeeded');
    const running = seen.filter((j) => j.state === 'running');
    const progress = [...new Set(running.map((j) => j.progress).filter((p) => p !== undefined))];
    assert.ok(progress.length >= 3, `progress steps seen while running: ${JSON.stringify(progress)}`);
    assert.ok(running.some((j) => j.logs.length >= 2 && j.logs.length < 5));
  });

  test('a stream that drops mid-way costs exactly one reconnect (4 requests), and is not an error', async () => {
    emu.fault({ provider: 'fal', route: 'stream', kind: 'drop' });
    const { job, seen, requests } = await runJob({ queueMs: 30_000, queuePositions: [2, 1, 0], runMs: 10_000 });
    assert.equal(job.state, 'succeeded', JSON.stringify(job.error));
    assert.deepEqual(requests, { submit: 1, status: 0, stream: 2, result: 1, cancel: 0 });
    // A drop is not a failed attempt: no error, no backoff, just the reconnect.
    assert.ok(seen.every((j) => j.error === undefined && j.attempts === 0));
  });
});
