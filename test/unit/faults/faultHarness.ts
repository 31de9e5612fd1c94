// End-to-end fault harness: the real JobEngine (real clock, small backoff), the real fal and
// Replicate adapters on their official SDKs, and the emulator over loopback. One emulator per
// test, so counters ("no duplicate submit") and faults never leak between concurrent tests.
import assert from 'node:assert/strict';
import { seededRandom } from '../../../src/core/backoff';
import { JobEngine } from '../../../src/core/jobEngine';
import type { Job, JobSpec, JobState, ProviderId } from '../../../src/core/jobTypes';
import { decodeRegistry } from '../../../src/core/persistedForm';
import { createFalProvider } from '../../../src/providers/fal/falProvider';
import { createReplicateProvider } from '../../../src/providers/replicate/replicateProvider';
import type { Fault, JobScript } from '../../emulator/emulatorTypes';
import { type ProviderEmulator, startEmulator } from '../../emulator/providerEmulator';
import { MemoryAssetSink } from '../../fakes/memoryAssetSink';
import { MemoryJobStore } from '../../fakes/memoryJobStore';

export const MODELS = {
  fal: { image: 'fal-ai/flux/schnell', video: 'fal-ai/kling-video/v2.1/master/text-to-video' },
  replicate: { image: 'black-forest-labs/flux-schnell', video: 'minimax/video-01' },
} as const;

/** A quick job: queued and running for a few real milliseconds at the harness time scale. */
export const QUICK: JobScript = { queueMs: 1000, runMs: 3000, steps: 3 };

export interface FaultRig {
  emu: ProviderEmulator;
  /** The current engine (replaced by restart()). */
  readonly engine: JobEngine;
  /** Dispose the engine and start a new one on the same store: a window reload or a crash. */
  restart(): Promise<JobEngine>;
  store: MemoryJobStore;
  assets: MemoryAssetSink;
  logs: string[];
  submit(over?: Partial<JobSpec>): Job;
  /** Resolve when the job satisfies `pred` (a guard fails the test after `guardMs`, with the job's state). */
  until(id: string, pred: (job: Job) => boolean, guardMs?: number): Promise<Job>;
  untilState(id: string, states: JobState | JobState[], guardMs?: number): Promise<Job>;
  close(): Promise<void>;
}

export interface RigOptions {
  /** The adapters' per-request timeout; generous by default so a loaded machine does not time out. */
  requestTimeoutMs?: number;
}

/** For the 'slow' fault: the adapter gives up well before the emulator answers. */
export const SLOW = { requestTimeoutMs: 700, delayMs: 5000 } as const;

export async function faultRig(
  provider: Exclude<ProviderId, 'local'>,
  faults: Fault[] = [],
  script: JobScript = QUICK,
  opts: RigOptions = {},
): Promise<FaultRig> {
  const requestTimeoutMs = opts.requestTimeoutMs ?? 5000;
  // 0.02: a scripted second is 20 real ms.
  const emu = await startEmulator({ timeScale: 0.02, tickMs: 5 });
  emu.script({ script });
  for (const f of faults) emu.fault(f);
  const store = new MemoryJobStore();
  const assets = new MemoryAssetSink();
  const logs: string[] = [];
  const adapters =
    provider === 'fal'
      ? { fal: createFalProvider({ credentials: () => 'id:secret', baseUrl: emu.falBaseUrl, requestTimeoutMs }) }
      : {
          replicate: createReplicateProvider({
            auth: () => 'r8_token',
            baseUrl: emu.replicateBaseUrl,
            requestTimeoutMs,
          }),
        };
  // A fresh engine on the same store and adapters is what a window reload looks like.
  const makeEngine = () =>
    new JobEngine({
      providers: adapters,
      store,
      assets,
      random: seededRandom(7),
      backoff: { baseMs: 40, factor: 2, maxMs: 400, jitter: 0, maxAttempts: 5 },
      maxStreamWaitMs: 1000,
      // The emulator lists a created prediction at once and runs at 1/50 speed: no need for
      // the real-world pauses (2 s before reconciling, 1 s between status requests).
      reconcileDelayMs: 50,
      minPollGapMs: 50,
      saveDelayMs: 5,
      log: (level, message) => logs.push(`${level}: ${message}`),
    });
  let engine = makeEngine();
  await engine.start();

  const until = (id: string, pred: (job: Job) => boolean, guardMs = 8000): Promise<Job> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const job = engine.get(id);
        if (job && pred(job)) {
          done();
          resolve(job);
        }
      };
      const sub = engine.onDidChange(check);
      const guard = setTimeout(() => {
        done();
        const job = engine.get(id);
        reject(new Error(`job never got there; now ${job?.state} ${JSON.stringify(job?.error)}\n${logs.join('\n')}`));
      }, guardMs);
      const done = () => {
        clearTimeout(guard);
        sub.dispose();
      };
      check();
    });

  return {
    emu,
    get engine() {
      return engine;
    },
    async restart() {
      await engine.dispose();
      engine = makeEngine();
      await engine.start();
      return engine;
    },
    store,
    assets,
    logs,
    submit: (over = {}) =>
      engine.submit({
        provider,
        model: MODELS[provider].image,
        modality: 'image',
        input: { prompt: 'a lighthouse at dusk' },
        ...over,
      }),
    until,
    untilState: (id, states, guardMs) => {
      const want = Array.isArray(states) ? states : [states];
      return until(id, (j) => want.includes(j.state) && !(j.state === 'unknown' && j.error === undefined), guardMs);
    },
    close: async () => {
      await engine.dispose();
      await emu.close();
    },
  };
}

/** The job finished with its takes imported (real bytes), and the provider created it exactly once. */
export async function assertDelivered(rig: FaultRig, job: Job, takes = 1): Promise<void> {
  assert.equal(job.state, 'succeeded', JSON.stringify(job.error));
  assert.equal(job.takes.length, takes);
  assert.ok(
    job.takes.every((t) => t.localPath),
    'every take imported',
  );
  const imported = rig.assets.forJob(job.id);
  assert.equal(imported.length, takes, 'each take imported once');
  assert.ok(imported.every((r) => r.data.byteLength > 8));
  assert.equal(rig.emu.jobs().length, 1, 'the provider created the job exactly once');
  assert.equal(await savedState(rig, job.id), 'succeeded', 'the final state is persisted');
}

/** The job's state as the store last saved it (the registry is saved in a packed form). */
export async function savedState(rig: FaultRig, id: string): Promise<JobState | undefined> {
  await rig.engine.flush();
  return decodeRegistry(await rig.store.load()).jobs.find((j) => j.id === id)?.state;
}
