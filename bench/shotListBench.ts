// Shot-list benchmark: a 1,000-shot list parsed and validated, every shot resolved and
// fingerprinted, and write-back edits (the take of one shot; a param on 100 shots).
// Prints medians with targets and the ratio to each; nothing here asserts timing.
// Run: node --import tsx bench/shotListBench.ts
import { cpus, loadavg } from 'node:os';
import { parseShotList } from '../src/core/shots/parseShotList';
import { resolveShot } from '../src/core/shots/resolveShot';
import { editShotList, type ShotEdit } from '../src/core/shots/shotEdits';
import { longShotList, shotIdOf } from './shotListWorkload';

const SHOTS = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const EDIT_TARGET_MS = 20;
// The queue's first render (300 ms) includes a parse; a parse in a third of it leaves room to draw.
const PARSE_TARGET_MS = 100;
const RESOLVE_TARGET_MS = 50;

const settings = () => ({ provider: 'local' as const, model: 'local/image' });

function timed(fn: () => void): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function row(name: string, times: number[], target: number): string {
  const m = median(times);
  return `${name.padEnd(40)} median ${m.toFixed(1).padStart(7)} ms   cold ${(times[0] as number).toFixed(1).padStart(7)} ms   target ${String(target).padStart(4)} ms   ratio ${(m / target).toFixed(2)}`;
}

function edit(text: string, e: ShotEdit): void {
  const r = editShotList(text, e);
  if (!r.ok) throw new Error(r.message);
}

function main(): void {
  const text = longShotList(SHOTS);
  const parsed = parseShotList(text);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (parsed.list.shots.length !== SHOTS || errors.length > 0) {
    throw new Error(`the workload should parse clean: ${parsed.list.shots.length} shots, ${errors.length} errors`);
  }
  const hundred = Array.from({ length: 100 }, (_, i) => shotIdOf(i * 10));
  const rows = [
    row(
      'parse + validate',
      timed(() => parseShotList(text)),
      PARSE_TARGET_MS,
    ),
    row(
      'resolve all + fingerprints',
      timed(() => {
        for (const s of parsed.list.shots) resolveShot(parsed.list, s, settings);
      }),
      RESOLVE_TARGET_MS,
    ),
    row(
      'edit: setTake on shot 500',
      timed(() => edit(text, { kind: 'setTake', id: shotIdOf(499), take: 2 })),
      EDIT_TARGET_MS,
    ),
    row(
      'edit: setParam on 100 shots',
      timed(() => edit(text, { kind: 'setParam', ids: hundred, name: 'seed', value: 9 })),
      EDIT_TARGET_MS,
    ),
  ];
  // Timings scale with a busy machine; the load says how busy it was.
  const load = `load ${loadavg()[0]?.toFixed(1)} on ${cpus().length} CPUs`;
  console.log(
    `\nshot-list bench: ${SHOTS.toLocaleString('en-US')} shots, ${(text.length / 1024).toFixed(0)} KB of YAML, ${RUNS} runs, ${load}\n`,
  );
  for (const r of rows) console.log(r);
}

main();
