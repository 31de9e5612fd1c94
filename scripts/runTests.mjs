// Runs one suite (or all) with Node's built-in test runner, TypeScript through tsx.
// Node 20's --test does not expand globs, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SUITES = { unit: ['test/unit'], webview: ['test/webview'], e2e: ['test/e2e'] };
const names = process.argv.slice(2);
const chosen = names.length ? names : Object.keys(SUITES);

function walk(dir) {
  let out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(walk(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = chosen.flatMap((s) => {
  if (!SUITES[s]) throw new Error(`Unknown suite "${s}". Known: ${Object.keys(SUITES).join(', ')}`);
  return SUITES[s].flatMap(walk);
});
if (files.length === 0) {
  console.error(`No test files found for ${chosen.join(', ')}`);
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? (chosen.includes('e2e') ? '1' : '2');
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files.sort()],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
