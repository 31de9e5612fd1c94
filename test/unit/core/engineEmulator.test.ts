// The engine with the real adapters over HTTP against the provider emulator (loopback only):
// checks the contract between the scheduler and the adapters, not timing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AssetSink } from '../../../src/core/assetSinkPort';
import { JobEngine } from '../../../src/core/jobEngine';
import { isTerminal, type JobSpec } from '../../../src/core/jobTypes';
import { sizeOf } from '../../../src/core/takeSpool';
import { createFalProvider } from '../../../src/providers/fal/falProvider';
import { createReplicateProvider } from '../../../src/providers/replicate/replicateProvider';
import { type ProviderEmulator, startEmulator } from '../../emulator/providerEmulator';
import { MemoryJobStore } from '../../fakes/memoryJobStore';

const FAL_IMAGE: JobSpec = {
  provider: 'fal',
  model: 'fal-ai/flux/schnell',
  modality: 'image',
  input: { prompt: 'a fox' },
};
const REPLICATE_IMAGE: JobSpec = {
  provider: 'replicate',
  model: 'black-forest-labs/flux-schnell',
  modality: 'image',
  input: { prompt: 'a fox' },
};
const REPLICATE_VIDEO: JobSpec = {
  provider: 'replicate',
  model: 'minimax/video-01',
  modality: 'video',
  input: { prompt: 'a fox' },
};

let emu: ProviderEmulator;
before(async () => {
  emu = await startEmulator({ timeScale: 0.02, defaultScript: { queueMs: 2_000, runMs: 20_000 } });
});
after(async () => {
  await emu.close();
});

function makeEngine(store = new MemoryJobStore()) {
  const imported: { provider: string; bytes: number; type?: string }[] = [];
  const assets: AssetSink = {
    importTake: async (job, take, data) => {
      imported.push({ provider: job.provider, bytes: sizeOf(data), type: take.contentType });
      return { localPath: `assets/generated/${job.id}-${take.index}`, bytes: sizeOf(data) };
    },
  };
  const engine = new JobEngine({
    providers: {
      fal: createFalProvider({ credentials: () => 'test-key', baseUrl: emu.falBaseUrl }),
      replicate: createReplicateProvider({ auth: () => 'test-token', baseUrl: emu.replicateBaseUrl }),
    },
    store,
    assets,
    log: process.env.GQ_DEBUG ? (l, m) => console.log(Date.now() % 100000, l, m) : undefined,
  });
  return { engine, imported, store };
}

async function until(done: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
}

describe('engine with the real adapters against the emulator', () => {
  it('runs fal (status stream) and Replicate (polling) jobs to imported takes, and cancels', async () => {
    emu.reset();
    // Long enough that the cancel lands before the video finishes (the race has its own unit test).
    emu.script({ model: REPLICATE_VIDEO.model, script: { queueMs: 1_000, runMs: 3_600_000 } });
    const { engine, imported } = makeEngine();
    await engine.start();
    const jobs = [FAL_IMAGE, REPLICATE_IMAGE, REPLICATE_VIDEO].map((s) => engine.submit(structuredClone(s)));
    await until(() => engine.get(jobs[2]?.id ?? '')?.state === 'running');
    await engine.cancel(jobs[2]?.id ?? '');
    await until(() => engine.list().every((j) => isTerminal(j.state)));
    assert.deepEqual(
      jobs.map((j) => engine.get(j.id)?.state),
      ['succeeded', 'succeeded', 'canceled'],
    );
    assert.equal(imported.length, 2);
    assert.ok(imported.every((i) => i.type === 'image/png' && i.bytes > 0));
    assert.equal(emu.requests('fal', 'status'), 0, 'fal is followed by its status stream');
    assert.equal(emu.submits('fal'), 1);
    assert.equal(emu.submits('replicate'), 2);
    assert.equal(emu.requests('replicate', 'cancel'), 1);
    await engine.dispose();
  });

  it('reconciles a Replicate create whose response was lost, without a second create', async () => {
    emu.reset();
    emu.fault({ provider: 'replicate', route: 'submit', kind: 'reset-after-create' });
    const { engine } = makeEngine();
    await engine.start();
    const job = engine.submit(structuredClone(REPLICATE_IMAGE));
    await until(() => isTerminal(engine.get(job.id)?.state ?? 'waiting'));
    assert.equal(engine.get(job.id)?.state, 'succeeded');
    assert.ok(engine.get(job.id)?.stateAt.unknown, 'went through unknown');
    assert.equal(emu.submits('replicate'), 1);
    await engine.dispose();
  });

  it('resumes a running job after a restart from the persisted registry', async () => {
    emu.reset();
    emu.script({ model: REPLICATE_IMAGE.model, script: { queueMs: 0, runMs: 75_000 } }); // 1.5 s here
    const store = new MemoryJobStore();
    const first = makeEngine(store);
    await first.engine.start();
    const job = first.engine.submit(structuredClone(REPLICATE_IMAGE));
    await until(() => first.engine.get(job.id)?.state === 'running');
    await first.engine.dispose();
    const second = makeEngine(store);
    await second.engine.start();
    await until(() => isTerminal(second.engine.get(job.id)?.state ?? 'waiting'));
    assert.equal(second.engine.get(job.id)?.state, 'succeeded');
    assert.equal(emu.submits('replicate'), 1);
    await second.engine.dispose();
  });
});
