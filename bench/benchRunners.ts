// The engine benchmark's runners: GenQueue's engine on scripted providers in simulated time, and
// plain client pollers on the same workload; plus the statistics the tables print.
import type { AssetSink } from '../src/core/assetSinkPort';
import { seededRandom } from '../src/core/backoff';
import { DurationHistory } from '../src/core/durationEstimates';
import { JobEngine } from '../src/core/jobEngine';
import type { ProviderId } from '../src/core/jobTypes';
import { sizeOf } from '../src/core/takeSpool';
import { makeMp4ish, makePng } from '../test/emulator/mediaFiles';
import { FakeClock } from '../test/fakes/fakeClock';
import { MemoryJobStore } from '../test/fakes/memoryJobStore';
import { ScriptedProvider } from '../test/fakes/scriptedProvider';
import type { WorkItem } from './benchWorkload';

/** Simulated round trip of one HTTP request (the server sees it half-way). */
export const LATENCY_MS = 80;

export interface Outcome {
  provider: ProviderId;
  /** Total time at the provider, ms. */
  totalMs: number;
  requests: number;
  latencyMs: number;
}

// Structurally valid files: the engine checks every take before calling it a success.
const PNG = new Uint8Array(makePng(2, 2));
const MP4 = new Uint8Array(makeMp4ish());
const noAssets: AssetSink = {
  importTake: async (job, take, data) => ({ localPath: `${job.id}-${take.index}`, bytes: sizeOf(data) }),
};

export async function runGenQueue(work: WorkItem[], history: DurationHistory | undefined): Promise<Outcome[]> {
  const clock = new FakeClock();
  const byIndex = new Map(work.map((w) => [w.index, w]));
  const plan = (req: { input: Record<string, unknown> }) => {
    const w = byIndex.get(req.input.benchIndex as number) as WorkItem;
    const ext = w.profile.modality === 'video' ? 'mp4' : 'png';
    return {
      queueMs: w.queueMs,
      runMs: w.runMs,
      queuePositions: w.queuePositions,
      takes: [{ url: `https://cdn.test/${w.index}.${ext}` }],
    };
  };
  const fal = new ScriptedProvider({ id: 'fal', clock, stream: true, latencyMs: LATENCY_MS, plan });
  const replicate = new ScriptedProvider({
    id: 'replicate',
    clock,
    latencyMs: LATENCY_MS,
    capabilities: { syncWait: true },
    plan,
  });
  const engine = new JobEngine({
    providers: { fal, replicate },
    store: new MemoryJobStore(),
    assets: noAssets,
    clock,
    durations: history ?? new DurationHistory(),
    download: async (url) => (url.endsWith('.mp4') ? { data: MP4, contentType: 'video/mp4' } : { data: PNG }),
    random: seededRandom(3),
    costing: { estimate: () => undefined, actual: () => undefined },
  });
  await engine.start();
  const ids = new Map<number, string>();
  for (const w of work) {
    clock.setTimeout(() => {
      const job = engine.submit({
        provider: w.profile.provider,
        model: w.profile.model,
        modality: w.profile.modality,
        input: { prompt: `bench job ${w.index}`, benchIndex: w.index },
      });
      ids.set(w.index, job.id);
    }, w.arriveAt);
  }
  await clock.runUntil(() => ids.size === work.length && engine.list().every((j) => j.state === 'succeeded'));
  const out = work.map((w) => {
    const job = engine.get(ids.get(w.index) as string);
    if (job?.state !== 'succeeded') {
      throw new Error(`bench job ${w.index} did not finish: ${job?.state} ${JSON.stringify(job?.error)}`);
    }
    const adapter = job.provider === 'fal' ? fal : replicate;
    const finished = adapter.finishedAt(job.requestId as string) as number;
    return {
      provider: job.provider,
      totalMs: w.queueMs + w.runMs,
      requests: adapter.perJob.get(job.id) ?? 0,
      latencyMs: (job.stateAt.downloading as number) - finished,
    };
  });
  await engine.dispose();
  return out;
}

/**
 * A plain client poller: submit, then poll with `nextDelay(pollIndex)` between a response and the
 * next request, then fetch the result. Same latency model as the scripted provider.
 */
export function simulatePoller(work: WorkItem[], nextDelay: (i: number) => number): Outcome[] {
  return work.map((w) => {
    const submitSeenAt = LATENCY_MS / 2; // relative to the job's arrival
    const totalMs = w.queueMs + w.runMs;
    const finish = submitSeenAt + totalMs;
    let t = LATENCY_MS; // submit response
    let requests = 1;
    for (let i = 0; ; i++) {
      t += nextDelay(i);
      requests++;
      if (t + LATENCY_MS / 2 >= finish) {
        const detected = t + LATENCY_MS;
        return { provider: w.profile.provider, totalMs, requests: requests + 1, latencyMs: detected - finish };
      }
      t += LATENCY_MS;
    }
  });
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
}

export interface Row {
  name: string;
  reqMean: number;
  p50: number;
  p95: number;
  reqMax: number;
}

export function summarize(name: string, out: Outcome[]): Row {
  const req = out.map((o) => o.requests);
  const lat = out.map((o) => o.latencyMs);
  return {
    name,
    reqMean: req.reduce((a, b) => a + b, 0) / Math.max(1, req.length),
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    reqMax: Math.max(...req),
  };
}

export function printTable(rows: Row[], baseline: Row): void {
  const head = ['strategy', 'req/job', 'max req', 'p50 detect', 'p95 detect', 'req vs 3s', 'p95 vs 3s'];
  const lines = rows.map((r) => [
    r.name,
    r.reqMean.toFixed(1),
    String(r.reqMax),
    `${(r.p50 / 1000).toFixed(2)} s`,
    `${(r.p95 / 1000).toFixed(2)} s`,
    `${(r.reqMean / baseline.reqMean).toFixed(2)}×`,
    `${(r.p95 / baseline.p95).toFixed(2)}×`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}
