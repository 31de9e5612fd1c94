// The batch benchmark's run: a batch of shots (stills, voice-over, b-roll; fal and Replicate)
// through the engine in simulated time, against scripted providers that enforce the documented
// rate limits (provider-protocols.md: Replicate 600 creates/min and 3000 other requests/min; fal
// 10 requests/s) by answering 429; a palette job on each provider is submitted mid-batch.

import type { AssetSink } from '../src/core/assetSinkPort';
import { seededRandom } from '../src/core/backoff';
import { ProviderError } from '../src/core/errors';
import { JobEngine } from '../src/core/jobEngine';
import type { Job, JobSpec, Modality } from '../src/core/jobTypes';
import type { JobStore } from '../src/core/storePort';
import { sizeOf } from '../src/core/takeSpool';
import { makeMp4ish, makePng, makeWav } from '../test/emulator/mediaFiles';
import { FakeClock } from '../test/fakes/fakeClock';
import { MemoryHistorySink } from '../test/fakes/memoryJobStore';
import { type Operation, ScriptedProvider } from '../test/fakes/scriptedProvider';
import { LATENCY_MS } from './benchRunners';

const PALETTE_AT_MS = 60_000;

interface ShotKind {
  modality: Modality;
  models: Record<'fal' | 'replicate', string>;
  share: number;
  minMs: number;
  maxMs: number;
  ext: string;
}

const KINDS: ShotKind[] = [
  {
    modality: 'image',
    models: { fal: 'fal-ai/flux/schnell', replicate: 'black-forest-labs/flux-schnell' },
    share: 0.6,
    minMs: 3_000,
    maxMs: 15_000,
    ext: 'png',
  },
  {
    modality: 'speech',
    models: { fal: 'fal-ai/kokoro/american-english', replicate: 'jaaari/kokoro-82m' },
    share: 0.3,
    minMs: 4_000,
    maxMs: 20_000,
    ext: 'wav',
  },
  {
    modality: 'video',
    models: { fal: 'fal-ai/minimax/hailuo-02/standard/text-to-video', replicate: 'minimax/video-01' },
    share: 0.1,
    minMs: 60_000,
    maxMs: 180_000,
    ext: 'mp4',
  },
];

/** The documented limits, enforced where the provider would: on arrival, answering 429. */
class DocumentedLimits {
  readonly rejected: Record<'fal' | 'replicate', number> = { fal: 0, replicate: 0 };
  private readonly seen = new Map<string, number[]>();

  check(provider: 'fal' | 'replicate', op: Operation, now: number): ProviderError | undefined {
    const windows: [string, number, number][] =
      provider === 'fal'
        ? [['fal', 10, 1_000]]
        : op === 'submit'
          ? [['replicate:create', 600, 60_000]]
          : [['replicate:other', 3_000, 60_000]];
    for (const [key, limit, windowMs] of windows) {
      const times = (this.seen.get(key) ?? []).filter((t) => t > now - windowMs);
      this.seen.set(key, times);
      if (times.length >= limit) {
        this.rejected[provider]++;
        return new ProviderError({ category: 'transient', httpStatus: 429, message: 'throttled', retryAfterMs: 1_000 });
      }
    }
    for (const [key] of windows) this.seen.get(key)?.push(now);
    return undefined;
  }
}

function pickKind(x: number): ShotKind {
  let left = x;
  for (const k of KINDS) {
    left -= k.share;
    if (left < 0) return k;
  }
  return KINDS[KINDS.length - 1] as ShotKind;
}

function shotSpecs(
  shots: number,
  rnd: () => number,
): { specs: JobSpec[]; runMs: Map<string, number>; ext: Map<string, string> } {
  const runMs = new Map<string, number>();
  const ext = new Map<string, string>();
  const specs = Array.from({ length: shots }, (_, i) => {
    const kind = pickKind(rnd());
    const provider: 'fal' | 'replicate' = rnd() < 0.5 ? 'fal' : 'replicate';
    const shotId = `s${String(i + 1).padStart(4, '0')}`;
    runMs.set(shotId, Math.round(kind.minMs + (kind.maxMs - kind.minMs) * rnd()));
    ext.set(shotId, kind.ext);
    return {
      provider,
      model: kind.models[provider],
      modality: kind.modality,
      input: { prompt: `shot ${shotId}`, shotId },
      batchId: 'bench-batch',
      priority: 'batch' as const,
      shot: { list: 'bench.shots.yaml', shotId, fingerprint: shotId },
    };
  });
  return { specs, runMs, ext };
}

const PNG = new Uint8Array(makePng(2, 2));
const MP4 = new Uint8Array(makeMp4ish());
const WAV = new Uint8Array(makeWav());
const noAssets: AssetSink = {
  importTake: async (job, take, data) => ({ localPath: `${job.id}-${take.index}`, bytes: sizeOf(data) }),
};

export interface BatchRun {
  elapsedMs: number;
  batch: Job[];
  palette: Job[];
  providers: Record<'fal' | 'replicate', ScriptedProvider>;
  rejected: Record<'fal' | 'replicate', number>;
  saves: number;
  /** Epoch ms the batch was submitted. */
  start: number;
}

/** Run `shots` shots with `concurrency` slots per provider (undefined: the engine's defaults). */
export async function runBatch(shots: number, concurrency?: number): Promise<BatchRun> {
  const clock = new FakeClock();
  const rnd = seededRandom(2026);
  const { specs, runMs, ext } = shotSpecs(shots, rnd);
  const limits = new DocumentedLimits();
  const plan = (req: { input: Record<string, unknown> }) => {
    const id = String(req.input.shotId ?? 'palette');
    const e = ext.get(id) ?? 'png';
    return { queueMs: 500, runMs: runMs.get(id) ?? 8_000, takes: [{ url: `https://cdn.test/${id}.${e}` }] };
  };
  const provider = (id: 'fal' | 'replicate') =>
    new ScriptedProvider({
      id,
      clock,
      latencyMs: LATENCY_MS,
      plan,
      stream: id === 'fal',
      capabilities: { syncWait: id === 'replicate' },
      chaos: (op) => {
        const e = limits.check(id, op, clock.now());
        return e ? { error: e } : undefined;
      },
    });
  const fal = provider('fal');
  const replicate = provider('replicate');
  // Saves are encoded by the engine as always, then dropped: what a store does with them is not measured here.
  let saves = 0;
  const store: JobStore = { load: async () => undefined, save: async () => void saves++ };
  const history = new MemoryHistorySink();
  const engine = new JobEngine({
    providers: { fal, replicate },
    store,
    history,
    assets: noAssets,
    clock,
    download: async (url) => {
      if (url.endsWith('.mp4')) return { data: MP4, contentType: 'video/mp4' };
      if (url.endsWith('.wav')) return { data: WAV, contentType: 'audio/wav' };
      return { data: PNG, contentType: 'image/png' };
    },
    random: seededRandom(5),
    maxFinishedJobs: 50,
    ...(concurrency ? { limits: { fal: { concurrency }, replicate: { concurrency } } } : {}),
  });
  await engine.start();
  const start = clock.now();
  const batch = engine.submitBatch(specs);
  const palette: Job[] = [];
  clock.setTimeout(() => {
    for (const p of ['fal', 'replicate'] as const) {
      const model = p === 'fal' ? 'fal-ai/flux/schnell' : 'black-forest-labs/flux-schnell';
      palette.push(engine.submit({ provider: p, model, modality: 'image', input: { prompt: 'palette' } }));
    }
  }, PALETTE_AT_MS);
  let checkAt = 0;
  await clock.runUntil(() => {
    if (clock.now() < checkAt) return false;
    checkAt = clock.now() + 1_000; // a summary a simulated second is plenty
    const s = engine.batchSummary('bench-batch');
    return !!s?.finished && palette.length === 2 && palette.every((j) => engine.get(j.id)?.state === 'succeeded');
  });
  // Finished jobs beyond the engine's cap went to history.
  const gone = new Map(history.jobs.map((j) => [j.id, j]));
  const final = (j: Job) => engine.get(j.id) ?? gone.get(j.id) ?? j;
  const batchNow = batch.map(final);
  const paletteNow = palette.map(final);
  await engine.dispose();
  return {
    elapsedMs: clock.now() - start,
    batch: batchNow,
    palette: paletteNow,
    providers: { fal, replicate },
    rejected: limits.rejected,
    saves,
    start,
  };
}
