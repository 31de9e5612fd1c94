// The shipped extension keeps h264-mp4-encoder outside its bundle (esbuild.mjs marks it external)
// and loads it with import() at run time, where Node's CommonJS interop offers only `default`.
// Under tsx the import is a plain require, so only a real bundle run catches a broken load.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { encoderFactory } from '../../../src/providers/local/h264Encode';
import { fixtures } from './referenceFixtures';

const ROOT = resolve(__dirname, '../../..');

/**
 * Bundles `script` the way esbuild.mjs builds the shipped extension (encoder external) under
 * test-results/<name> (inside the repo, so the external package resolves from node_modules as it does
 * from dist/), runs it in Node and returns the JSON of its last output line.
 */
async function runBundled<T>(name: string, script: string, timeout: number): Promise<T> {
  const dir = join(ROOT, 'test-results', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, script);
  const out = join(dir, 'out.js');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    external: ['vscode', 'h264-mp4-encoder'],
    logLevel: 'silent',
  });
  const run = spawnSync(process.execPath, [out], { encoding: 'utf8', timeout });
  assert.equal(run.status, 0, `the bundled ${name} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as T;
}

test('the offline video renders from a bundle built like the shipped one (encoder external)', async () => {
  const result = await runBundled<{ bytes: number; box: string }>(
    'bundled-video',
    `import { renderVideo } from ${JSON.stringify(join(ROOT, 'src/providers/local/renderVideo'))};
renderVideo('clouds over a ridge', { width: 64, height: 36, durationSec: 0.25 }).then(
  (f) => console.log(JSON.stringify({ bytes: f.data.length, box: Buffer.from(f.data.subarray(4, 8)).toString('latin1') })),
  (e) => { console.error(String(e)); process.exit(1); },
);
`,
    60_000,
  );
  assert.equal(result.box, 'ftyp', 'an MP4 starts with its ftyp box');
  assert.ok(result.bytes > 500);
});

test('the talking head (lamejs and mediabunny bundled in, loaded by import()) renders from such a bundle', async () => {
  // lamejs's CommonJS entry is an IIFE that exports nothing: only its ES module works, and only a
  // bundle shows which one the shipped code gets.
  const files = fixtures();
  const input = { image: files.url('portrait.png'), audio: files.url('line.wav') };
  const result = await runBundled<{ bytes: number; version: string }>(
    'bundled-talking-head',
    `import { planLocalJob } from ${JSON.stringify(join(ROOT, 'src/providers/local/localRender'))};
planLocalJob('local/talking-head', 'video', ${JSON.stringify(input)}).render().then(
  (r) => console.log(JSON.stringify({ bytes: r.takes[0].data.length, version: r.version })),
  (e) => { console.error(String(e && e.stack || e)); process.exit(1); },
);
`,
    120_000,
  );
  assert.ok(result.bytes > 1000);
  assert.match(result.version, /MP3 audio \(lamejs\)/);
});

test('the encoder factory is found on either module shape, and a missing one is a clear error', () => {
  const create = async () => ({}) as never;
  assert.equal(encoderFactory({ createH264MP4Encoder: create } as never), create);
  assert.equal(encoderFactory({ default: { createH264MP4Encoder: create } } as never), create);
  assert.throws(() => encoderFactory({ default: {} } as never), /h264-mp4-encoder did not load/);
});
