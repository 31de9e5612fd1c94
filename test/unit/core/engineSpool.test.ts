// Downloads through the engine with the host's spool: bytes stream to a temp file, the import
// moves (or copies) it into the assets folder, and no temp file outlives the job either way.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { AssetSink } from '../../../src/core/assetSinkPort';
import { ProviderError } from '../../../src/core/errors';
import { isTerminal } from '../../../src/core/jobTypes';
import { createTakeDownloader } from '../../../src/core/takeDownloader';
import { AssetWriter } from '../../../src/extension/assets/assetWriter';
import { FileTakeSpool } from '../../../src/extension/assets/fileTakeSpool';
import { makeMp4ish } from '../../emulator/mediaFiles';
import { InMemoryFileSystem } from '../../fakes/vscodeFakes';
import { makeHarness, spec } from './engineHarness';

const WS = 'file:///home/me/project';
const MP4 = new Uint8Array(makeMp4ish());

describe('engine: spooled downloads', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'genq-engine-spool-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(body: Uint8Array, failImport = false, fetchFn?: typeof fetch, takes = 1) {
    const fs = new InMemoryFileSystem();
    const writer = new AssetWriter({
      fs,
      root: () => ({ baseUri: WS, inWorkspace: true, baseFsPath: '/home/me/project', folderSetting: undefined }),
      generatorVersion: '0.1.0',
    });
    const assets: AssetSink = failImport
      ? {
          importTake: async () => {
            // What the asset writer throws for a take it refuses (not retried).
            throw new ProviderError({ category: 'input', message: 'The file does not fit the job.' });
          },
        }
      : writer;
    fetchFn ??= (async () => new Response(body as BodyInit, { status: 200 })) as typeof fetch;
    const urls = Array.from({ length: takes }, (_, i) => ({ url: `https://cdn.test/clip${i}.mp4` }));
    const h = makeHarness(
      { plan: () => ({ runMs: 5_000, takes: urls }) },
      { assets, download: createTakeDownloader({ spool: new FileTakeSpool(dir), fetchFn }) },
    );
    await h.engine.start();
    const job = h.engine.submit(spec({ modality: 'video', model: 'kwaivgi/kling-v2.1' }));
    // Real file I/O finishes in real time: let it, between steps of the fake clock.
    for (let i = 0; i < 2_000 && !isTerminal(h.engine.get(job.id)?.state ?? 'failed'); i++) {
      await h.clock.advance(1_000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { fs, job: h.engine.get(job.id) };
  }

  it('an intact video lands in the assets folder and the spool is empty', async () => {
    const { fs, job } = await run(MP4);
    assert.equal(job?.state, 'succeeded');
    assert.equal(job?.takes[0]?.localPath, 'assets/generated/a-red-fox-in-the-snow.mp4');
    assert.deepEqual(await fs.readFile(`${WS}/assets/generated/a-red-fox-in-the-snow.mp4`), MP4);
    assert.deepEqual(await readdir(dir), []);
  });

  it('a damaged video fails the job and its temp file is removed', async () => {
    const { fs, job } = await run(MP4.slice(0, -50));
    assert.equal(job?.state, 'failed');
    assert.match(job?.error?.message ?? '', /damaged/);
    assert.deepEqual(fs.paths(), []);
    assert.deepEqual(await readdir(dir), []);
  });

  it('a job whose import is refused ends failed and leaves no temp file behind', async () => {
    const { fs, job } = await run(MP4, true);
    assert.equal(job?.state, 'failed');
    assert.deepEqual(fs.paths(), []);
    // Let the background removal finish (real file I/O).
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(await readdir(dir), []);
  });

  it('a take that expired (404) makes the engine ask for the result again; the takes already spooled are not left behind', async () => {
    let expired = 0;
    const fetchFn = (async (url: string) => {
      if (String(url).endsWith('clip1.mp4') && expired++ === 0) return new Response('gone', { status: 404 });
      return new Response(MP4 as BodyInit, { status: 200 });
    }) as typeof fetch;
    const { job } = await run(MP4, false, fetchFn, 2);
    assert.equal(job?.state, 'succeeded');
    assert.equal(expired, 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(await readdir(dir), []);
  });
});
