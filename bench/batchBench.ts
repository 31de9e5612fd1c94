// The batch benchmark: a 1,000-shot batch through the engine in simulated time (batchBenchRun.ts),
// once with the engine's default slots (8 per provider) and once with 40 (fal's documented top
// concurrency), where the request budgets are pressed harder. Prints user-visible 429s (target 0), throughput as a share
// of the documented budgets, requests per job, and how long a palette job submitted mid-batch waited.
// The providers are simulated in-process like engineBench's: the HTTP emulator runs in real time,
// and 1,000 jobs of up to 3 minutes would take hours there.
// Run: node --import tsx bench/batchBench.ts

import { type BatchRun, runBatch } from './batchBenchRun';
import { percentile } from './benchRunners';

const SHOTS = 1_000;

function report(title: string, r: BatchRun): void {
  const mins = r.elapsedMs / 60_000;
  const succeeded = r.batch.filter((j) => j.state === 'succeeded').length;
  const visible429 = r.batch.filter((j) => j.state === 'failed' || j.error?.httpStatus === 429).length;
  console.log(`\n${title}: ${SHOTS} shots finished in ${mins.toFixed(1)} simulated minutes (${succeeded} succeeded)`);
  console.log(`  user-visible 429s: ${visible429} (jobs failed or showing a rate-limit error; target 0)`);
  console.log(`  429 answers from the simulated providers: fal ${r.rejected.fal}, Replicate ${r.rejected.replicate}`);
  for (const id of ['fal', 'replicate'] as const) {
    const p = r.providers[id];
    const mine = r.batch.filter((j) => j.provider === id);
    const reqs = mine.map((j) => p.perJob.get(j.id) ?? 0);
    const creates = p.counts.submit;
    const others = p.requestTimes.length - creates;
    const budget =
      id === 'fal'
        ? `requests ${pct(p.requestTimes.length / mins, 600)} of 10/s`
        : `creates ${pct(creates / mins, 600)} of 600/min, other requests ${pct(others / mins, 3000)} of 3000/min`;
    const mean = reqs.reduce((a, b) => a + b, 0) / Math.max(1, reqs.length);
    const times = p.requestTimes.map((q) => q.at);
    const peak =
      id === 'fal'
        ? `peak ${peakIn(times, 1_000)} requests in a second (10)`
        : `peak ${peakIn(
            p.requestTimes.filter((q) => q.op === 'submit').map((q) => q.at),
            60_000,
          )} creates in a minute (600)`;
    console.log(
      `  ${id}: ${mine.length} jobs, ${(mine.length / mins).toFixed(1)} jobs/min; ${budget}; ${peak}; requests per job ` +
        `mean ${mean.toFixed(2)}, p95 ${percentile(reqs, 95)}, max ${Math.max(...reqs)}; at most ${p.maxActiveRemote} at once`,
    );
  }
  const createAt = (id: string) =>
    Object.values(r.providers)
      .flatMap((p) => p.requestTimes)
      .find((q) => q.op === 'submit' && q.jobId === id)?.at ?? Number.NaN;
  for (const j of r.palette) {
    const p = r.providers[j.provider as 'fal' | 'replicate'];
    const behind = r.batch.filter((b) => b.provider === j.provider && createAt(b.id) > j.createdAt).length;
    // When the first batch job running at the provider finished after the palette job arrived (a slot frees).
    const ends = [...p.remote.keys()].map((id) => p.finishedAt(id) ?? Number.POSITIVE_INFINITY);
    const slotFrees = Math.min(...ends.filter((t) => t > j.createdAt));
    console.log(
      `  palette job on ${j.provider} at minute ${((j.createdAt - r.start) / 60_000).toFixed(0)}, ahead of ${behind} ` +
        `unsent batch jobs: sent ${secs(createAt(j.id) - j.createdAt)} after it was submitted; the first batch job ` +
        `to finish at the provider after it did so at ${secs(slotFrees - j.createdAt)}`,
    );
  }
  console.log(`  registry saves: ${r.saves} (${(r.saves / SHOTS).toFixed(1)} per job)`);
}

/** Most events in any window of `ms` (times in order). */
function peakIn(times: readonly number[], ms: number): number {
  let best = 0;
  let from = 0;
  for (let i = 0; i < times.length; i++) {
    while ((times[from] as number) <= (times[i] as number) - ms) from++;
    best = Math.max(best, i - from + 1);
  }
  return best;
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function pct(perMin: number, budget: number): string {
  return `${((perMin / budget) * 100).toFixed(1)} %`;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  console.log('\nGenQueue batch benchmark: 60 % stills, 30 % voice-over, 10 % video; half fal, half Replicate');
  report('Default slots (8 per provider)', await runBatch(SHOTS));
  report('40 slots per provider', await runBatch(SHOTS, 40));
  console.log(`\n(wall time ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
