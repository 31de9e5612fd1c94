// Downloads through the engine with the host's spool: bytes stream to a temp file, the import
// moves (or copies) it into the assets folder, and no temp file outlives the job either way.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { isTerminal } from '../../../src/core/jobTypes';
import { createTakeDownloader } from '../../../src/core/takeDownloader';
import { AssetWriter } from '../../../src/extension/assetWriter';
import { FileTakeSpool } from '../../../src/extension/fileTakeSpool';
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

  async function run(body: Uint8Array) {
    const fs = new InMemoryFileSystem();
    const assets = new AssetWriter({
      fs,
      root: () => ({ baseUri: WS, inWorkspace: true, baseFsPath: '/home/me/project', folderSetting: undefined }),
      generatorVersion: '0.1.0',
    });
    const fetchFn = (async () => new Response(body as BodyInit, { status: 200 })) as typeof fetch;
    const h = makeHarness(
      { plan: () => ({ runMs: 5_000, takes: [{ url: 'https://cdn.test/clip.mp4' }] }) },
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
});
