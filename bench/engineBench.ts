// The scheduler benchmark: 200 jobs with mixed durations (20 s to 15 min) on fal (status stream)
// and Replicate (sync wait for short models), in simulated time. Compares GenQueue's scheduler
// with simple pollers on the same workload: requests per job and completion-to-detection latency.
// Run: node --import tsx bench/engineBench.ts
import type { AssetSink } from '../src/core/assetSinkPort';
import { seededRandom } from '../src/core/backoff';
import { DurationHistory } from '../src/core/durationEstimates';
import { JobEngine } from '../src/core/jobEngine';
import type { Modality, ProviderId } from '../src/core/jobTypes';
import { FakeClock } from '../test/fakes/fakeClock';
import { MemoryJobStore } from '../test/fakes/memoryJobStore';
import { ScriptedProvider } from '../test/fakes/scriptedProvider';

const JOBS = 200;
/** Simulated round trip of one HTTP request (the server sees it half-way). */
const LATENCY_MS = 80;
/** Mean gap between submissions: a busy afternoon of generating. */
const MEAN_ARRIVAL_GAP_MS = 20_000;

interface ModelProfile {
  provider: ProviderId;
  model: string;
  modality: Modality;
  /** Typical total time at the provider (queue + run), ms. */
  medianMs: number;
  share: number;
}

const PROFILES: ModelProfile[] = [
  { provider: 'fal', model: 'fal-ai/flux/dev', modality: 'image', medianMs: 28_000, share: 0.2 },
  {
    provider: 'fal',
    model: 'fal-ai/kling-video/v2.1/standard/text-to-video',
    modality: 'video',
    medianMs: 180_000,
    share: 0.2,
  },
  { provider: 'fal', model: 'fal-ai/veo3', modality: 'video', medianMs: 540_000, share: 0.1 },
  { provider: 'replicate', model: 'black-forest-labs/flux-dev', modality: 'image', medianMs: 30_000, share: 0.2 },
  { provider: 'replicate', model: 'minimax/video-01', modality: 'video', medianMs: 270_000, share: 0.2 },
  { provider: 'replicate', model: 'wan-video/wan-2.1-t2v-720p', modality: 'video', medianMs: 720_000, share: 0.1 },
];

interface WorkItem {
  index: number;
  profile: ModelProfile;
  arriveAt: number;
  queueMs: number;
  runMs: number;
}

/** A run of this model: ±25 % around its median, within 20 s .. 15 min. */
function sampleDuration(p: ModelProfile, rnd: () => number): number {
  return Math.round(Math.min(900_000, Math.max(20_000, p.medianMs * (0.75 + 0.5 * rnd()))));
}

function pickProfile(rnd: () => number): ModelProfile {
  let x = rnd();
  for (const p of PROFILES) {
    x -= p.share;
    if (x < 0) return p;
  }
  return PROFILES[PROFILES.length - 1] as ModelProfile;
}

function makeWorkload(seed: number): WorkItem[] {
  const rnd = seededRandom(seed);
  let t = 0;
  return Array.from({ length: JOBS }, (_, index) => {
    t += Math.round(-Math.log(1 - rnd()) * MEAN_ARRIVAL_GAP_MS);
    const profile = pickProfile(rnd);
    const total = sampleDuration(profile, rnd);
    const queueMs = Math.round(total * 0.1 * rnd());
    return { index, profile, arriveAt: t, queueMs, runMs: total - queueMs };
  });
}

/** Earlier runs of the same models, as the user's history would hold them. */
function warmHistory(seed: number): DurationHistory {
  const rnd = seededRandom(seed);
  const h = new DurationHistory();
  for (const p of PROFILES) for (let i = 0; i < 7; i++) h.record(p.model, sampleDuration(p, rnd) + 200);
  return h;
}

interface Outcome {
  provider: ProviderId;
  requests: number;
  latencyMs: number;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MP4 = new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
const noAssets: AssetSink = {
  importTake: async (job, take, data) => ({ localPath: `${job.id}-${take.index}`, bytes: data.length }),
};

async function runGenQueue(work: WorkItem[], history: DurationHistory | undefined): Promise<Outcome[]> {
  const clock = new FakeClock();
  const start = clock.now();
  const byIndex = new Map(work.map((w) => [w.index, w]));
  const plan = (req: { input: Record<string, unknown> }) => {
    const w = byIndex.get(req.input.benchIndex as number) as WorkItem;
    const ext = w.profile.modality === 'video' ? 'mp4' : 'png';
    return { queueMs: w.queueMs, runMs: w.runMs, takes: [{ url: `https://cdn.test/${w.index}.${ext}` }] };
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
      requests: adapter.perJob.get(job.id) ?? 0,
      latencyMs: (job.stateAt.downloading as number) - finished,
    };
  });
  await engine.dispose();
  void start;
  return out;
}

/**
 * A plain client poller: submit, then poll with `nextDelay(pollIndex)` between a response and the
 * next request, then fetch the result. Same latency model as the scripted provider.
 */
function simulatePoller(work: WorkItem[], nextDelay: (i: number) => number): Outcome[] {
  return work.map((w) => {
    const submitSeenAt = LATENCY_MS / 2; // relative to the job's arrival
    const finish = submitSeenAt + w.queueMs + w.runMs;
    let t = LATENCY_MS; // submit response
    let requests = 1;
    for (let i = 0; ; i++) {
      t += nextDelay(i);
      requests++;
      if (t + LATENCY_MS / 2 >= finish) {
        const detected = t + LATENCY_MS;
        return { provider: w.profile.provider, requests: requests + 1, latencyMs: detected - finish };
      }
      t += LATENCY_MS;
    }
  });
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
}

interface Row {
  name: string;
  reqMean: number;
  p50: number;
  p95: number;
  reqMax: number;
}

function summarize(name: string, out: Outcome[]): Row {
  const req = out.map((o) => o.requests);
  const lat = out.map((o) => o.latencyMs);
  return {
    name,
    reqMean: req.reduce((a, b) => a + b, 0) / req.length,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    reqMax: Math.max(...req),
  };
}

function printTable(rows: Row[], baseline: Row): void {
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

async function main(): Promise<void> {
  const t0 = Date.now();
  const work = makeWorkload(2026);
  const gqWarm = await runGenQueue(work, warmHistory(11));
  const gqCold = await runGenQueue(work, undefined);
  const fixed3 = simulatePoller(work, () => 3_000);
  const client500 = simulatePoller(work, () => 500);
  const growing = simulatePoller(work, (i) => Math.min(30_000, 1_000 * 2 ** i));

  const baseline = summarize('fixed 3 s polling', fixed3);
  const rows = [
    summarize('GenQueue (model history)', gqWarm),
    summarize(
      '  fal only (status stream)',
      gqWarm.filter((o) => o.provider === 'fal'),
    ),
    summarize(
      '  replicate only (adaptive)',
      gqWarm.filter((o) => o.provider === 'replicate'),
    ),
    summarize('GenQueue (empty history at start)', gqCold),
    summarize(
      '  fal only',
      gqCold.filter((o) => o.provider === 'fal'),
    ),
    summarize(
      '  replicate only',
      gqCold.filter((o) => o.provider === 'replicate'),
    ),
    baseline,
    summarize('client default 500 ms', client500),
    summarize('1 s doubling to 30 s', growing),
  ];
  const fal = work.filter((w) => w.profile.provider === 'fal').length;
  console.log(
    `\nGenQueue engine benchmark: ${JOBS} jobs (${fal} fal, ${JOBS - fal} replicate), durations 20 s–15 min, ` +
      `${LATENCY_MS} ms per request, simulated time\n`,
  );
  printTable(rows, baseline);
  const [gq, falRow] = rows as [Row, Row];
  console.log('\nTargets:');
  console.log(`  beats fixed 3 s on requests: ${gq.reqMean < baseline.reqMean ? 'yes' : 'NO'}`);
  console.log(`  beats fixed 3 s on p95 detection: ${gq.p95 < baseline.p95 ? 'yes' : 'NO'}`);
  console.log(`  fal jobs at most 4 requests: ${falRow.reqMax <= 4 ? 'yes' : 'NO'} (max ${falRow.reqMax})`);
  console.log(`  fal p95 detection under 0.5 s: ${falRow.p95 < 500 ? 'yes' : 'NO'} (${falRow.p95} ms)`);
  console.log(`\n(wall time ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
