import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Job } from '../../../../src/core/jobTypes';
import { AssetWriter } from '../../../../src/extension/assets/assetWriter';
import { InMemoryFileSystem } from '../../../fakes/vscodeFakes';
import { makeJob } from '../jobFixtures';
import { LIST_PATH, listRef, makeShotHarness, PNG, readText, WS } from './shotHarness';

const FOLDER = 'assets/generated/trailer/s1';

function writer(fs = new InMemoryFileSystem()) {
  let n = 0;
  return {
    fs,
    writer: new AssetWriter({
      fs,
      root: () => ({ baseUri: WS, inWorkspace: true, baseFsPath: '/home/me/film', folderSetting: undefined }),
      generatorVersion: '0.1.0',
      randomId: () => `r${++n}`,
    }),
  };
}

function shotJob(over: Partial<Job> = {}): Job {
  return makeJob({
    state: 'importing',
    shot: { list: LIST_PATH, shotId: 's1', fingerprint: 'fp-1' },
    destination: { folder: FOLDER },
    ...over,
  });
}

test("a shot job's take is take-<n> in its shot folder; the sidecar records the shot and keeps the usual fields", async () => {
  const { fs, writer: w } = writer();
  const job = shotJob({ requestId: 'req-9', batchId: 'b1' });
  const out = await w.importTake(job, { index: 0, contentType: 'image/png' }, PNG);
  assert.equal(out.localPath, `${FOLDER}/take-1.png`);
  const sidecar = JSON.parse(await readText(fs, `${FOLDER}/take-1.png.genq.json`));
  assert.deepEqual(sidecar.shot, { list: LIST_PATH, shotId: 's1', fingerprint: 'fp-1' });
  assert.equal(sidecar.jobId, job.id);
  assert.equal(sidecar.requestId, 'req-9');
  assert.equal(sidecar.batchId, 'b1');
  assert.equal(sidecar.model, job.model);
  assert.deepEqual(sidecar.input, job.input);
});

test('take numbers go one past the highest in the folder (sidecars count) and never overwrite', async () => {
  const { fs, writer: w } = writer();
  await fs.createDirectory(`${WS}/${FOLDER}`);
  await fs.writeFile(`${WS}/${FOLDER}/take-1.png`, PNG);
  await fs.writeFile(`${WS}/${FOLDER}/take-3.mp4`, PNG);
  // Claimed by another import that has not moved its file in yet.
  await fs.writeFile(`${WS}/${FOLDER}/take-4.png.genq.json`, new TextEncoder().encode('{"jobId":"other"}'));
  const a = await w.importTake(shotJob(), { index: 0, contentType: 'image/png' }, PNG);
  const b = await w.importTake(shotJob(), { index: 0, contentType: 'image/png' }, PNG);
  assert.equal(a.localPath, `${FOLDER}/take-5.png`);
  assert.equal(b.localPath, `${FOLDER}/take-6.png`);
  assert.equal((await fs.readFile(`${WS}/${FOLDER}/take-1.png`)).byteLength, PNG.byteLength);
});

test('another writer taking the next number first: the take gets the one after, nothing is overwritten', async () => {
  const { fs, writer: w } = writer();
  await fs.createDirectory(`${WS}/${FOLDER}`);
  fs.beforeRename = (to) => {
    if (to.endsWith('/take-1.png.genq.json') && !fs.files.has(to)) {
      fs.beforeRename = undefined;
      fs.files.set(to, new TextEncoder().encode('{"jobId":"someone-else"}'));
    }
  };
  const out = await w.importTake(shotJob(), { index: 0, contentType: 'image/png' }, PNG);
  assert.equal(out.localPath, `${FOLDER}/take-2.png`);
  assert.equal(await readText(fs, `${FOLDER}/take-1.png.genq.json`), '{"jobId":"someone-else"}');
});

test('a crash after the sidecar claimed the name: importing again finishes that take, no second one', async () => {
  const { fs, writer: w } = writer();
  const job = shotJob();
  await w.importTake(job, { index: 0, contentType: 'image/png' }, PNG);
  // The host stopped after the sidecar was written but before the file moved in.
  await fs.delete(`${WS}/${FOLDER}/take-1.png`);
  const again = await w.importTake(job, { index: 0, contentType: 'image/png' }, PNG);
  assert.equal(again.localPath, `${FOLDER}/take-1.png`);
  // And once the file is there, a third import finds it instead of writing take-2.
  const third = await w.importTake(job, { index: 0, contentType: 'image/png' }, PNG);
  assert.equal(third.localPath, `${FOLDER}/take-1.png`);
  const takes = fs.paths().filter((p) => p.includes('/take-') && !p.endsWith('.genq.json'));
  assert.deepEqual(takes, [`${WS}/${FOLDER}/take-1.png`]);
});

test('results land on their shot by id after the file is reordered and a shot renamed; the orphan take is kept', async () => {
  const h = await makeShotHarness();
  await h.runner.generate(listRef([{}, {}, {}]), ['s1', 's2', 's3']);
  // While the batch runs the file changes: s3 first, s2 renamed to s2b, s1 last.
  const edited = listRef([
    { id: 's3', prompt: 'shot 3' },
    { id: 's2b', prompt: 'shot 2' },
    { id: 's1', prompt: 'shot 1' },
  ]);
  await h.settle();
  const takes = await h.runner.takesFor(edited.listPath);
  assert.deepEqual([...takes.keys()].sort(), ['s1', 's2', 's3']);
  assert.equal(takes.get('s2b'), undefined);
  for (const id of ['s1', 's2', 's3']) {
    const [take] = takes.get(id) ?? [];
    assert.equal(take?.path, `assets/generated/trailer/${id}/take-1.png`);
    assert.equal(take?.uri, `${WS}/assets/generated/trailer/${id}/take-1.png`);
    const job = h.engine.list().find((j) => j.shot?.shotId === id);
    assert.equal(take?.jobId, job?.id);
    assert.equal(take?.fingerprint, job?.shot?.fingerprint);
  }
});

test('takesFor is cached per list and read again once a take lands; listeners hear which shots changed', async () => {
  const h = await makeShotHarness();
  const heard: string[] = [];
  h.runner.onDidChange((list, ids) => heard.push(`${list}:${ids === 'all' ? 'all' : [...ids].sort().join(',')}`));
  const before = await h.runner.takesFor(LIST_PATH);
  assert.equal(before.size, 0);
  await h.runner.generate(listRef([{}, {}]), ['s2']);
  await h.settle();
  assert.ok(heard.length > 0);
  assert.ok(
    heard.every((e) => e === `${LIST_PATH}:s2`),
    heard.join(' | '),
  );
  const after = await h.runner.takesFor(LIST_PATH);
  assert.deepEqual([...after.keys()], ['s2']);
});

test('a take file of another list with the same name is not shown as this list’s', async () => {
  const h = await makeShotHarness();
  const folder = `${WS}/assets/generated/trailer/s1`;
  await h.fs.createDirectory(folder);
  await h.fs.writeFile(`${folder}/take-1.png`, PNG);
  const sidecar = { jobId: 'x', shot: { list: 'other/trailer.shots.yaml', shotId: 's1', fingerprint: 'f' } };
  await h.fs.writeFile(`${folder}/take-1.png.genq.json`, new TextEncoder().encode(JSON.stringify(sidecar)));
  await h.fs.writeFile(`${folder}/take-2.png`, PNG);
  const takes = await h.runner.takesFor(LIST_PATH);
  // take-2 has no sidecar: it cannot be told apart, so it counts (with no fingerprint).
  assert.deepEqual(
    takes.get('s1')?.map((t) => [t.take, t.fingerprint]),
    [[2, undefined]],
  );
});
