// `npm run bench`: every benchmark in turn. Each prints its own figures and ratios; nothing here
// asserts timing (benchmarks measure, tests assert behaviour).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runBundleSizesBench } from './bundleSizesBench';

const BENCHES = [
  'bench/engineBench.ts',
  'bench/batchBench.ts',
  'bench/activationBench.ts',
  'bench/webviewRenderBench.ts',
  'bench/shotListBench.ts',
  'bench/queueRenderBench.ts',
  'bench/schemaBench.ts',
  'bench/uploadBench.ts',
];

function main(): void {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('The production build failed; fix it before benchmarking.');
  let failed = 0;
  for (const file of BENCHES) {
    if (!existsSync(file)) {
      console.log(`\n(${file} is missing)`);
      failed++;
      continue;
    }
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`${file} exited with ${r.status}`);
      failed++;
    }
  }
  runBundleSizesBench();
  if (failed) process.exitCode = 1;
}

main();
