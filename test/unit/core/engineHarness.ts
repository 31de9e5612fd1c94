// Shared setup for the engine tests: a FakeClock, an in-memory store, history and asset sink,
// a scripted provider and a download function that serves PNG bytes (404 on demand).
import type { AssetSink, ImportedTake } from '../../../src/core/assetSinkPort';
import { seededRandom } from '../../../src/core/backoff';
import type { JobEngineOptions } from '../../../src/core/engineOptions';
import { ProviderError } from '../../../src/core/errors';
import { JobEngine } from '../../../src/core/jobEngine';
import type { Job, JobSpec, ProviderId, Take } from '../../../src/core/jobTypes';
import type { ProviderAdapter } from '../../../src/core/providerPort';
import { makePng } from '../../emulator/mediaFiles';
import { FakeClock } from '../../fakes/fakeClock';
import { MemoryHistorySink, MemoryJobStore } from '../../fakes/memoryJobStore';
import { ScriptedProvider, type ScriptedProviderOptions } from '../../fakes/scriptedProvider';

/** A real (tiny) PNG: takes are checked for an intact structure before they count as a success. */
export const PNG = new Uint8Array(makePng(2, 2));

export class MemoryAssets implements AssetSink {
  readonly imported: { jobId: string; take: Take; bytes: number }[] = [];
  failNext = 0;
  async importTake(job: Job, take: Take, data: Uint8Array): Promise<ImportedTake> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('disk full (simulated)');
    }
    this.imported.push({ jobId: job.id, take, bytes: data.byteLength });
    return { localPath: `assets/generated/${job.id}-${take.index}.png`, bytes: data.byteLength };
  }
}

export interface Harness {
  clock: FakeClock;
  store: MemoryJobStore;
  history: MemoryHistorySink;
  assets: MemoryAssets;
  provider: ScriptedProvider;
  engine: JobEngine;
  downloads: string[];
  /** URLs that answer 404. */
  gone: Set<string>;
  /** Build a second engine on the same store (a restart). */
  restart(extra?: Partial<JobEngineOptions>, provider?: ProviderAdapter): Promise<JobEngine>;
}

export function spec(over: Partial<JobSpec> = {}): JobSpec {
  return {
    provider: 'replicate',
    model: 'black-forest-labs/flux-schnell',
    modality: 'image',
    input: { prompt: 'a red fox in the snow' },
    ...over,
  };
}

export function makeHarness(
  providerOpts: Partial<ScriptedProviderOptions> = {},
  engineOpts: Partial<JobEngineOptions> = {},
): Harness {
  const clock = (providerOpts.clock as FakeClock | undefined) ?? new FakeClock();
  const store = new MemoryJobStore();
  const history = new MemoryHistorySink();
  const assets = new MemoryAssets();
  const provider = new ScriptedProvider({ ...providerOpts, clock });
  const downloads: string[] = [];
  const gone = new Set<string>();
  const download = async (url: string) => {
    downloads.push(url);
    if (gone.has(url)) {
      throw new ProviderError({ category: 'input', retryable: false, message: 'gone', httpStatus: 404 });
    }
    return { data: PNG, contentType: 'image/png' };
  };
  const build = (extra: Partial<JobEngineOptions> = {}, p: ProviderAdapter = provider) =>
    new JobEngine({
      providers: { [p.id]: p } as Partial<Record<ProviderId, ProviderAdapter>>,
      store,
      history,
      assets,
      clock,
      download,
      random: seededRandom(7),
      ...engineOpts,
      ...extra,
    });
  const h: Harness = {
    clock,
    store,
    history,
    assets,
    provider,
    engine: build(),
    downloads,
    gone,
    restart: async (extra, p) => {
      const e = build(extra, p);
      await e.start();
      return e;
    },
  };
  return h;
}

/** Run simulated time until every job is terminal (or parked/stale), bounded. */
export async function settleAll(h: { clock: FakeClock; engine: JobEngine }, limitMs = 3 * 3600_000): Promise<void> {
  const end = h.clock.now() + limitMs;
  await h.clock.runUntil(() => {
    if (h.clock.now() > end) return true;
    return h.engine.list().every((j) => ['succeeded', 'failed', 'canceled'].includes(j.state) || j.stale);
  });
}

export function transient(message = 'busy', extra: Partial<ConstructorParameters<typeof ProviderError>[0]> = {}) {
  return new ProviderError({ category: 'transient', message, httpStatus: 503, ...extra });
}
