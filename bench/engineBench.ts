// The scheduler benchmark: 200 jobs with mixed durations (5 s to 15 min) on fal (status stream)
// and Replicate (sync wait for short models), in simulated time. Compares GenQueue's scheduler
// with simple pollers on the same workload: requests per job and completion-to-detection latency.
// Then short jobs (5–30 s) on their own, and fal jobs waiting behind 0, 3 and 10 others.
// Run: node --import tsx bench/engineBench.ts

import { LATENCY_MS, type Outcome, printTable, type Row, runGenQueue, simulatePoller, summarize } from './benchRunners';
import { falQueueWorkload, makeWorkload, SHORT_MAX_MS, warmHistory } from './benchWorkload';

const JOBS = 200;
/** Mean gap between submissions: a busy afternoon of generating. */
const MEAN_ARRIVAL_GAP_MS = 20_000;
const FAL_DEPTH_JOBS = 30;

const fixed3s = () => 3_000;
const client500 = () => 500;
const doubling = (i: number) => Math.min(30_000, 1_000 * 2 ** i);
const isShort = (o: Outcome) => o.totalMs <= SHORT_MAX_MS;
const only = (p: string) => (o: Outcome) => o.provider === p;

async function main(): Promise<void> {
  const t0 = Date.now();
  const work = makeWorkload(2026, JOBS, MEAN_ARRIVAL_GAP_MS);
  const gqWarm = await runGenQueue(work, warmHistory(11));
  const gqCold = await runGenQueue(work, undefined);
  const fixed = simulatePoller(work, fixed3s);

  const baseline = summarize('fixed 3 s polling', fixed);
  const rows = [
    summarize('GenQueue (model history)', gqWarm),
    summarize('  fal only (status stream)', gqWarm.filter(only('fal'))),
    summarize('  replicate only (adaptive)', gqWarm.filter(only('replicate'))),
    summarize('GenQueue (empty history at start)', gqCold),
    summarize('  fal only', gqCold.filter(only('fal'))),
    summarize('  replicate only', gqCold.filter(only('replicate'))),
    baseline,
    summarize('client default 500 ms', simulatePoller(work, client500)),
    summarize('1 s doubling to 30 s', simulatePoller(work, doubling)),
  ];
  const fal = work.filter((w) => w.profile.provider === 'fal').length;
  console.log(
    `\nGenQueue engine benchmark: ${JOBS} jobs (${fal} fal, ${JOBS - fal} replicate), durations 5 s–15 min, ` +
      `${LATENCY_MS} ms per request, simulated time\n`,
  );
  printTable(rows, baseline);

  // Short jobs (5–30 s) of the same run, against fixed 3 s polling on the same jobs.
  const shortBase = summarize('fixed 3 s polling', fixed.filter(isShort));
  const shortRows = [
    summarize('GenQueue (model history)', gqWarm.filter(isShort)),
    summarize('GenQueue (empty history at start)', gqCold.filter(isShort)),
    summarize('  replicate only', gqCold.filter(isShort).filter(only('replicate'))),
    summarize('  fal only', gqCold.filter(isShort).filter(only('fal'))),
    shortBase,
    summarize('  replicate only, fixed 3 s', fixed.filter(isShort).filter(only('replicate'))),
  ];
  console.log(`\nShort jobs (5–30 s at the provider): ${gqCold.filter(isShort).length} of the ${JOBS}\n`);
  printTable(shortRows, shortBase);

  // fal: 14 s jobs behind 0, 3 and 10 others (a queue position a second), no history.
  console.log(`\nfal queue depth: ${FAL_DEPTH_JOBS} jobs of 14 s each per row, empty history\n`);
  const depthRows: Row[] = [];
  let depthBase: Row | undefined;
  for (const depth of [0, 3, 10]) {
    const w = falQueueWorkload(depth, FAL_DEPTH_JOBS);
    depthRows.push(summarize(`fal, queue depth ${depth}`, await runGenQueue(w, undefined)));
    const fixedRow = summarize(`  fixed 3 s polling, depth ${depth}`, simulatePoller(w, fixed3s));
    depthRows.push(fixedRow);
    depthBase ??= fixedRow;
  }
  printTable(depthRows, depthBase as Row);

  const [gq, falRow] = rows as [Row, Row];
  const [shortWarm, shortCold] = shortRows as [Row, Row];
  const depthGq = depthRows.filter((_, i) => i % 2 === 0);
  const beats = (r: Row, b: Row) => r.reqMean < b.reqMean && r.p95 < b.p95;
  console.log('\nTargets:');
  console.log(`  beats fixed 3 s on requests: ${gq.reqMean < baseline.reqMean ? 'yes' : 'NO'}`);
  console.log(`  beats fixed 3 s on p95 detection: ${gq.p95 < baseline.p95 ? 'yes' : 'NO'}`);
  console.log(
    `  short jobs beat fixed 3 s on requests AND p95 (history / empty): ` +
      `${beats(shortWarm, shortBase) ? 'yes' : 'NO'} / ${beats(shortCold, shortBase) ? 'yes' : 'NO'}`,
  );
  console.log(`  fal jobs at most 4 requests: ${falRow.reqMax <= 4 ? 'yes' : 'NO'} (max ${falRow.reqMax})`);
  const depthMax = Math.max(...depthGq.map((r) => r.reqMax));
  console.log(`  fal at queue depth 0/3/10 at most 4 requests: ${depthMax <= 4 ? 'yes' : 'NO'} (max ${depthMax})`);
  console.log(`  fal p95 detection under 0.5 s: ${falRow.p95 < 500 ? 'yes' : 'NO'} (${falRow.p95} ms)`);
  console.log(`\n(wall time ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
