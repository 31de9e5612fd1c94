// Activation with 1,000 persisted jobs, and the size of globalState they take.
// Measures the host's activation core (no VS Code): read the one small key that decides whether
// to start, read and decode the registry from a Memento, build the registry map, compute the
// status bar; then the same with the real engine's start() (nothing driven, so no network).
// Targets: activation core < 50 ms, globalState < 512 KB (VS Code warns above that).
import { performance } from 'node:perf_hooks';
import { JobEngine } from '../src/core/jobEngine';
import type { Job, JobState } from '../src/core/jobTypes';
import { MementoJobStore, storedActiveCount } from '../src/extension/persistence/mementoJobStore';
import { computeStatusBar } from '../src/extension/status/statusBarModel';
import { FakeClock } from '../test/fakes/fakeClock';
import { MemoryHistorySink } from '../test/fakes/memoryJobStore';
import { InMemoryMemento } from '../test/fakes/vscodeFakes';

const TARGET_MS = 50;
const TARGET_BYTES = 512 * 1024;
const RUNS = 15;
const T0 = Date.UTC(2026, 10, 1);

const PROMPTS = [
  'a red fox standing in fresh snow at dawn, cinematic lighting, 35mm film grain, shallow depth of field',
  'slow dolly shot across a neon-lit alley in the rain, reflections on wet asphalt, moody synthwave palette',
  'upbeat lo-fi hip hop loop with warm vinyl crackle, mellow keys and a soft kick, 90 bpm',
  'Welcome back to the channel! Today we are building a video pipeline entirely inside VS Code.',
];
const MODELS: [Job['provider'], string, Job['modality']][] = [
  ['fal', 'fal-ai/flux/schnell', 'image'],
  ['replicate', 'black-forest-labs/flux-schnell', 'image'],
  ['fal', 'fal-ai/kling-video/v2.1/master/text-to-video', 'video'],
  ['fal', 'fal-ai/stable-audio', 'audio'],
  ['replicate', 'jaaari/kokoro-82m', 'speech'],
];

function realisticJob(i: number, state: JobState): Job {
  const [provider, model, modality] = MODELS[i % MODELS.length]!;
  const c = T0 + i * 60_000;
  const finished = state === 'succeeded' || state === 'failed' || state === 'canceled';
  const job: Job = {
    id: `${c.toString(36)}-${(i * 7919).toString(36).padStart(6, '0')}`,
    provider,
    model,
    modality,
    input: { prompt: PROMPTS[i % PROMPTS.length], image_size: 'landscape_16_9', num_images: 1, seed: 1000 + i },
    state,
    stateAt: {
      waiting: c,
      submitting: c + 40,
      queued: c + 400,
      running: c + 2_400,
      ...(finished ? { downloading: c + 30_000, importing: c + 31_000, [state]: c + 31_500 } : {}),
    },
    createdAt: c,
    updatedAt: c + (finished ? 31_500 : 2_400),
    requestId: `8f14e45f-ceea-467f-a0e6-${String(i).padStart(12, '0')}`,
    logs: ['Loading model', 'Step 10/28', 'Step 20/28', 'Step 28/28'],
    takes:
      state === 'succeeded'
        ? [
            {
              index: 0,
              localPath: `assets/generated/shot-${i}.png`,
              contentType: 'image/png',
              bytes: 1_234_567,
              width: 1024,
              height: 576,
            },
          ]
        : [],
    cost: {
      estimate: {
        amount: 0.003,
        currency: 'USD',
        source: 'catalog',
        label: '≈ $0.003 · 1 image ≈ 1 MP × $0.003/MP (catalog price, 2025)',
      },
      ...(state === 'succeeded'
        ? {
            actual: {
              amount: 0.003,
              currency: 'USD' as const,
              source: 'provider-metrics' as const,
              label: '$0.003 · 1 image = 1 MP × $0.003/MP (catalog price × result, 2025)',
            },
          }
        : {}),
    },
    attempts: 0,
  };
  if (state === 'failed')
    job.error = {
      category: 'input',
      message: 'The prompt was rejected by the content filter.',
      detail: 'HTTP 422',
      retryable: false,
    };
  return job;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function persist(jobs: Job[]): Promise<InMemoryMemento> {
  const memento = new InMemoryMemento();
  await new MementoJobStore({ memento, history: new MemoryHistorySink() }).save({ v: 1, jobs });
  return memento;
}

async function activationCore(memento: InMemoryMemento): Promise<{ ms: number; jobs: number }> {
  const t = performance.now();
  const active = storedActiveCount(memento);
  let count = 0;
  if (active > 0) {
    const reg = await new MementoJobStore({ memento }).load();
    const registry = new Map((reg?.jobs ?? []).map((j) => [j.id, j]));
    const model = computeStatusBar([...registry.values()], T0 + 10_000_000, () => undefined);
    count = registry.size + (model.visible ? 0 : 0);
  }
  return { ms: performance.now() - t, jobs: count };
}

async function engineStart(memento: InMemoryMemento): Promise<number> {
  const store = new MementoJobStore({ memento });
  const t = performance.now();
  const engine = new JobEngine({
    providers: {},
    store,
    assets: { importTake: async () => ({ localPath: 'x', bytes: 0 }) },
    clock: new FakeClock(T0 + 10_000_000),
    // Measure loading, not driving: no job is polled here.
    shouldDrive: () => false,
  });
  await engine.start();
  const ms = performance.now() - t;
  await engine.dispose();
  return ms;
}

async function scenario(name: string, jobs: Job[]): Promise<void> {
  const memento = await persist(jobs);
  const bytes = memento.serializedSize();
  const core: number[] = [];
  const engine: number[] = [];
  let kept = 0;
  for (let r = 0; r < RUNS; r++) {
    const a = await activationCore(memento);
    core.push(a.ms);
    kept = a.jobs;
    engine.push(await engineStart(memento));
  }
  const coreMs = median(core);
  const engineMs = median(engine);
  console.log(`\n${name}: 1,000 jobs handed to the store, ${kept} kept in globalState`);
  console.log(
    `  globalState size        ${(bytes / 1024).toFixed(1)} KB  (target < 512 KB, ratio ${(bytes / TARGET_BYTES).toFixed(3)})`,
  );
  console.log(
    `  activation core         ${coreMs.toFixed(2)} ms  (target < ${TARGET_MS} ms, ratio ${(coreMs / TARGET_MS).toFixed(3)}), median of ${RUNS}`,
  );
  console.log(
    `  + JobEngine.start()     ${engineMs.toFixed(2)} ms  (ratio ${(engineMs / TARGET_MS).toFixed(3)} of the 50 ms budget)`,
  );
}

async function main(): Promise<void> {
  console.log('activationBench: host activation with 1,000 persisted jobs');
  // Idle start: nothing to resume, activation reads one number and stops.
  const idle = await persist(
    Array.from({ length: 1000 }, (_, i) => realisticJob(i, i % 7 === 0 ? 'failed' : 'succeeded')),
  );
  const idleMs = median(await Promise.all(Array.from({ length: RUNS }, async () => (await activationCore(idle)).ms)));
  console.log(`\nidle (1,000 finished, 0 active): activation core ${idleMs.toFixed(3)} ms (engine not started)`);
  await scenario(
    'typical (20 active, 980 finished)',
    Array.from({ length: 1000 }, (_, i) =>
      realisticJob(i, i >= 980 ? 'running' : i % 7 === 0 ? 'failed' : 'succeeded'),
    ),
  );
  await scenario(
    'worst case (1,000 active)',
    Array.from({ length: 1000 }, (_, i) => realisticJob(i, i % 2 ? 'running' : 'queued')),
  );
}

void main();
