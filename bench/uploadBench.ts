// The upload benchmark: 100 jobs (50 on fal, 50 on Replicate) sharing 5 reference stills, run by
// the engine with the real clients against the provider emulator over loopback. GenQueue uploads
// each reference once per provider; the clients' own auto-upload (fal transformInput, Replicate
// transformFileInputs) would upload it once per job. Then every upload expires at the provider and
// 20 more jobs run: each reference is renewed once per provider, not once per job.
// Run: node --import tsx bench/uploadBench.ts
import { createHash } from 'node:crypto';
import type { AssetSink } from '../src/core/assetSinkPort';
import { JobEngine } from '../src/core/jobEngine';
import { isTerminal, type JobSpec } from '../src/core/jobTypes';
import type { ReferenceReader } from '../src/core/references/referencePorts';
import type { JobReference } from '../src/core/references/referenceTypes';
import { sizeOf } from '../src/core/takeSpool';
import { createFalProvider } from '../src/providers/fal/falProvider';
import { createReplicateProvider } from '../src/providers/replicate/replicateProvider';
import type { EmulatedProvider } from '../test/emulator/emulatorTypes';
import { type ProviderEmulator, startEmulator } from '../test/emulator/providerEmulator';
import { MemoryJobStore } from '../test/fakes/memoryJobStore';

const JOBS = 100;
const REFS = 5;
const REF_BYTES = 256 * 1024;
const AFTER_EXPIRY_JOBS = 20;
const PROVIDERS: EmulatedProvider[] = ['fal', 'replicate'];
const MODELS: Record<EmulatedProvider, string> = {
  fal: 'fal-ai/kling-video/v2.1/standard/image-to-video',
  replicate: 'wan-video/wan-2.2-i2v-fast',
};

function makeRefs(): { reader: ReferenceReader; refs: JobReference[] } {
  const files = new Map<string, Uint8Array>();
  const refs = Array.from({ length: REFS }, (_, i) => {
    const path = `stills/shot-${i + 1}.png`;
    const data = new Uint8Array(REF_BYTES).map((_, j) => (j * (i + 3)) % 251);
    files.set(path, data);
    const sha256 = createHash('sha256').update(data).digest('hex');
    return { field: 'image_url', path, sha256, bytes: data.byteLength, contentType: 'image/png' };
  });
  const reader: ReferenceReader = {
    read: async (path) => {
      const data = files.get(path);
      if (!data) throw new Error(`missing ${path}`);
      return { data, contentType: 'image/png' };
    },
  };
  return { reader, refs };
}

function makeEngine(emu: ProviderEmulator, reader: ReferenceReader): JobEngine {
  const assets: AssetSink = {
    importTake: async (job, take, data) => ({ localPath: `assets/${job.id}-${take.index}`, bytes: sizeOf(data) }),
  };
  return new JobEngine({
    providers: {
      fal: createFalProvider({ credentials: () => 'bench-key', baseUrl: emu.falBaseUrl }),
      replicate: createReplicateProvider({ auth: () => 'bench-token', baseUrl: emu.replicateBaseUrl }),
    },
    store: new MemoryJobStore(),
    assets,
    references: { reader },
    minPollGapMs: 10,
    limits: {
      fal: { concurrency: 10, createsPerMinute: 6000, requestsPerMinute: 60_000 },
      replicate: { concurrency: 10, createsPerMinute: 6000, requestsPerMinute: 60_000 },
    },
  });
}

async function runAll(engine: JobEngine, specs: JobSpec[]): Promise<{ ms: number; states: Record<string, number> }> {
  const t0 = performance.now();
  const jobs = engine.submitBatch(specs);
  const end = Date.now() + 120_000;
  while (Date.now() < end && !jobs.every((j) => isTerminal(engine.get(j.id)?.state ?? 'waiting'))) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const states: Record<string, number> = {};
  for (const j of jobs) {
    const s = engine.get(j.id)?.state ?? 'missing';
    states[s] = (states[s] ?? 0) + 1;
  }
  return { ms: performance.now() - t0, states };
}

function specs(n: number, refs: JobReference[]): JobSpec[] {
  return Array.from({ length: n }, (_, i) => {
    const provider = PROVIDERS[i % 2] as EmulatedProvider;
    return {
      provider,
      model: MODELS[provider],
      modality: 'video',
      input: { prompt: `shot ${i}` },
      refs: [refs[Math.floor(i / 2) % REFS] as JobReference],
    };
  });
}

async function main(): Promise<void> {
  const emu = await startEmulator({ timeScale: 0.001, defaultScript: { queueMs: 2_000, runMs: 10_000 } });
  const { reader, refs } = makeRefs();
  const engine = makeEngine(emu, reader);
  await engine.start();
  try {
    const first = await runAll(engine, specs(JOBS, refs));
    const per = JOBS / PROVIDERS.length;
    console.log(
      `\nUpload benchmark: ${JOBS} jobs sharing ${REFS} references of ${REF_BYTES / 1024} KB, ` +
        `real clients against the emulator\n`,
    );
    console.log(`  jobs: ${JSON.stringify(first.states)} in ${first.ms.toFixed(0)} ms`);
    for (const p of PROVIDERS) {
      const made = emu.uploads(p);
      console.log(
        `  ${p.padEnd(9)} uploads ${String(made).padStart(3)} (one per reference: ${REFS})  ` +
          `auto-upload per job would make ${per} → ${(per / Math.max(1, made)).toFixed(0)}× fewer, ` +
          `${((made * REF_BYTES) / 2 ** 20).toFixed(2)} MB sent instead of ${((per * REF_BYTES) / 2 ** 20).toFixed(2)} MB`,
      );
    }
    const before = Object.fromEntries(PROVIDERS.map((p) => [p, emu.uploads(p)]));
    emu.expireUploads();
    const second = await runAll(engine, specs(AFTER_EXPIRY_JOBS, refs));
    console.log(`\nEvery upload expired at the provider; ${AFTER_EXPIRY_JOBS} more jobs:`);
    console.log(`  jobs: ${JSON.stringify(second.states)} in ${second.ms.toFixed(0)} ms`);
    for (const p of PROVIDERS) {
      const renewed = emu.uploads(p) - (before[p] ?? 0);
      const used = new Set(
        specs(AFTER_EXPIRY_JOBS, refs)
          .filter((s) => s.provider === p)
          .map((s) => s.refs?.[0]?.sha256),
      ).size;
      console.log(
        `  ${p.padEnd(9)} renewed ${renewed} upload(s) for ${used} reference(s) in use; ` +
          `${emu.submits(p)} creates for ${per + AFTER_EXPIRY_JOBS / 2} jobs (each failed job sent again once)`,
      );
    }
    if (PROVIDERS.some((p) => emu.uploads(p) - (before[p] ?? 0) > REFS || (before[p] ?? 0) !== REFS)) {
      process.exitCode = 1;
      console.error('  unexpected upload count');
    }
  } finally {
    await engine.dispose();
    await emu.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
