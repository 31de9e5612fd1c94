import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProviderError } from '../../../src/core/errors';
import { requireTakeType } from '../../../src/core/takeMedia';
import type { SpooledTake } from '../../../src/core/takeSpool';
import { type AssetRoot, AssetWriter } from '../../../src/extension/assets/assetWriter';
import { parseSidecarForRerun } from '../../../src/extension/assets/sidecar';
import { makeMp4ish } from '../../emulator/mediaFiles';
import { InMemoryFileSystem } from '../../fakes/vscodeFakes';
import { makeJob } from './jobFixtures';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const WS = 'file:///home/me/project';

function setup(root: Partial<AssetRoot> = {}, maxBytes?: number) {
  const fs = new InMemoryFileSystem();
  let n = 0;
  const writer = new AssetWriter({
    fs,
    root: () => ({ baseUri: WS, inWorkspace: true, baseFsPath: '/home/me/project', folderSetting: undefined, ...root }),
    generatorVersion: '0.1.0',
    randomId: () => `r${++n}`,
    ...(maxBytes ? { maxBytes } : {}),
  });
  return { fs, writer };
}

test('a take is written into assets/generated with a sidecar, named from the prompt', async () => {
  const { fs, writer } = setup();
  const job = makeJob({ state: 'importing', requestId: 'req-1', batchId: 'b1', retriedFrom: 'j0' });
  const out = await writer.importTake(job, { index: 0, contentType: 'image/png' }, PNG);
  assert.equal(out.localPath, 'assets/generated/a-red-fox-in-the-snow.png');
  assert.equal(out.bytes, PNG.byteLength);
  const paths = fs.paths().sort();
  assert.deepEqual(paths, [
    `${WS}/assets/generated/a-red-fox-in-the-snow.png`,
    `${WS}/assets/generated/a-red-fox-in-the-snow.png.genq.json`,
  ]);
  const sidecar = JSON.parse(
    new TextDecoder().decode(await fs.readFile(`${WS}/assets/generated/a-red-fox-in-the-snow.png.genq.json`)),
  );
  assert.equal(sidecar.provider, 'fal');
  assert.equal(sidecar.model, 'fal-ai/flux/schnell');
  assert.equal(sidecar.requestId, 'req-1');
  assert.equal(sidecar.jobId, job.id);
  assert.equal(sidecar.batchId, 'b1');
  assert.equal(sidecar.retriedFrom, 'j0');
  assert.deepEqual(sidecar.input, job.input);
  assert.equal(sidecar.generator.version, '0.1.0');
  assert.equal(sidecar.timings.createdAt, job.createdAt);
  const rerun = parseSidecarForRerun(JSON.stringify(sidecar));
  assert.ok(rerun.ok);
  assert.equal(rerun.ok && rerun.spec.model, 'fal-ai/flux/schnell');
});

test('a name clash gets a new unique name; nothing is overwritten', async () => {
  const { fs, writer } = setup();
  const a = await writer.importTake(makeJob(), { index: 0, contentType: 'image/png' }, PNG);
  const b = await writer.importTake(makeJob(), { index: 0, contentType: 'image/png' }, PNG);
  assert.notEqual(a.localPath, b.localPath);
  assert.equal(b.localPath, 'assets/generated/a-red-fox-in-the-snow-2.png');
  // Another writer takes the next free name between our listing and our rename.
  fs.beforeRename = (to) => {
    if (to.endsWith('a-red-fox-in-the-snow-3.png') && !fs.files.has(to)) fs.files.set(to, new Uint8Array([9]));
  };
  const c = await writer.importTake(makeJob(), { index: 0, contentType: 'image/png' }, PNG);
  assert.equal(c.localPath, 'assets/generated/a-red-fox-in-the-snow-4.png');
  assert.ok(
    !fs.files.has(`${WS}/assets/generated/a-red-fox-in-the-snow-3.png.genq.json`),
    'the lost claim is withdrawn',
  );
  assert.deepEqual(await fs.readFile(`${WS}/assets/generated/a-red-fox-in-the-snow-3.png`), new Uint8Array([9]));
  assert.ok(!fs.paths().some((p) => p.includes('.genq-tmp-')), 'no temp files left');
});

test('importing a take again after a crash between rename and save finds the file; no second copy', async () => {
  const { fs, writer } = setup();
  const job = makeJob({ requestId: 'req-7' });
  const other = await writer.importTake(makeJob(), { index: 0, contentType: 'image/png' }, PNG);
  const first = await writer.importTake(job, { index: 1, contentType: 'image/png' }, PNG);
  // The host stopped here: the job's localPath was never saved, so the restart imports again.
  const again = await writer.importTake(job, { index: 1, contentType: 'image/png' }, PNG);
  assert.deepEqual(again, first);
  assert.notEqual(other.localPath, first.localPath);
  assert.equal(fs.paths().length, 4, 'two takes, two sidecars: nothing copied twice');
  assert.ok(!fs.paths().some((p) => p.includes('.genq-tmp-')));
});

test('a crash after the sidecar claimed a name but before the file moved in is finished on restart', async () => {
  const { fs, writer } = setup();
  const job = makeJob();
  // The host dies as the file is moved in: from then on nothing runs (no clean-up either).
  const realDelete = fs.delete.bind(fs);
  let dead = false;
  fs.beforeRename = (to) => {
    if (to.endsWith('.png')) dead = true;
    if (dead) throw new Error('extension host stopped (simulated)');
  };
  fs.delete = async (uri) => {
    if (dead) throw new Error('extension host stopped (simulated)');
    return realDelete(uri);
  };
  await assert.rejects(writer.importTake(job, { index: 0, contentType: 'image/png' }, PNG), /stopped/);
  assert.ok(fs.files.has(`${WS}/assets/generated/a-red-fox-in-the-snow.png.genq.json`), 'the claim was written');
  dead = false;
  fs.beforeRename = undefined;
  // The temp file of the dead host is a leftover for the start-up clean-up, not this import.
  for (const p of fs.paths()) if (p.includes('.genq-tmp-')) fs.files.delete(p);
  const out = await writer.importTake(job, { index: 0, contentType: 'image/png' }, PNG);
  assert.equal(out.localPath, 'assets/generated/a-red-fox-in-the-snow.png');
  assert.deepEqual(fs.paths().sort(), [
    `${WS}/assets/generated/a-red-fox-in-the-snow.png`,
    `${WS}/assets/generated/a-red-fox-in-the-snow.png.genq.json`,
  ]);
});

/** A downloaded take spooled to a temp file (here in the same fake file system, so it can be renamed). */
async function spooled(fs: InMemoryFileSystem, uri: string, data: Uint8Array): Promise<SpooledTake> {
  await fs.createDirectory(uri.slice(0, uri.lastIndexOf('/')));
  await fs.writeFile(uri, data);
  return {
    kind: 'spooled',
    uri,
    bytes: data.byteLength,
    head: data.slice(0, 512),
    read: async (o, l) => (await fs.readFile(uri)).slice(o, o + l),
    discard: () => fs.delete(uri),
  };
}

test('a spooled download is moved into place by rename (or copied when the spool is elsewhere)', async () => {
  const { fs, writer } = setup();
  const moved = await spooled(fs, 'file:///spool/1-a.part', PNG);
  const a = await writer.importTake(makeJob(), { index: 0, contentType: 'image/png' }, moved);
  assert.equal(a.bytes, PNG.byteLength);
  assert.deepEqual(await fs.readFile(`${WS}/${a.localPath}`), PNG);
  // Another file system (the real spool is on local disk): the rename fails, the bytes are copied.
  const realRename = fs.rename.bind(fs);
  fs.rename = async (from, to, o) => {
    if (from.startsWith('file:///spool/')) throw new Error('cannot move across file systems (simulated)');
    return realRename(from, to, o);
  };
  const copied = await spooled(fs, 'file:///spool/1-b.part', PNG);
  const b = await writer.importTake(makeJob(), { index: 0, contentType: 'image/png' }, copied);
  assert.deepEqual(await fs.readFile(`${WS}/${b.localPath}`), PNG);
  assert.ok(!fs.paths().some((p) => p.startsWith('file:///spool/')), 'no spool file is left');
  assert.ok(!fs.paths().some((p) => p.includes('.genq-tmp-')));
});

test('at start, temp files that dead processes left in the assets folder are removed; live ones stay', async () => {
  const fs = new InMemoryFileSystem();
  const writer = new AssetWriter({
    fs,
    root: () => ({ baseUri: WS, inWorkspace: true, baseFsPath: '/home/me/project', folderSetting: undefined }),
    generatorVersion: '0.1.0',
    pid: 4242,
    isAlive: (pid) => pid === 4242,
  });
  const folder = `${WS}/assets/generated`;
  await fs.createDirectory(folder);
  for (const name of ['.genq-tmp-977-x1.mp4', '.genq-tmp-977-x2.json', '.genq-tmp-4242-y.png', 'keep.png']) {
    await fs.writeFile(`${folder}/${name}`, PNG);
  }
  // A shot's take folder (<list name>/<shot id>) too.
  const shot = `${folder}/trailer/s1`;
  await fs.createDirectory(shot);
  for (const name of ['.genq-tmp-977-z.png', 'take-1.png']) await fs.writeFile(`${shot}/${name}`, PNG);
  assert.equal(await writer.removeLeftovers(), 3);
  assert.deepEqual(fs.paths().sort(), [`${folder}/.genq-tmp-4242-y.png`, `${folder}/keep.png`, `${shot}/take-1.png`]);
});

test('hostile provider names and URLs never write outside the assets folder', async () => {
  const { fs, writer } = setup();
  const hostile = [
    { suggestedName: '../../../../.ssh/authorized_keys' },
    { suggestedName: '..\\..\\evil.png' },
    { remoteUrl: 'https://evil.test/%2e%2e%2f%2e%2e%2f.bashrc' },
    { suggestedName: '/etc/passwd' },
    { suggestedName: 'CON' },
  ];
  for (const [i, extra] of hostile.entries()) {
    const job = makeJob({ input: {} }); // no prompt: the provider's name is the only candidate
    await writer.importTake(job, { index: i, contentType: 'image/png', ...extra }, PNG);
  }
  for (const p of fs.paths()) {
    assert.ok(p.startsWith(`${WS}/assets/generated/`), p);
    const name = p.slice(`${WS}/assets/generated/`.length);
    assert.ok(!name.includes('/') && !name.startsWith('.'), name);
  }
  assert.equal(fs.paths().length, hostile.length * 2);
});

test('a destination folder that escapes the workspace falls back to the default', async () => {
  const { fs, writer } = setup({ folderSetting: '../outside' });
  const job = makeJob({ destination: { folder: '../../tmp' } });
  const out = await writer.importTake(job, { index: 0, contentType: 'image/png' }, PNG);
  assert.equal(out.localPath, 'assets/generated/a-red-fox-in-the-snow.png');
  assert.ok(fs.paths().every((p) => p.startsWith(`${WS}/assets/generated/`)));
});

test('the folder setting is honoured', async () => {
  const { writer } = setup({ folderSetting: 'public/gen' });
  const out = await writer.importTake(makeJob(), { index: 0, contentType: 'image/png' }, PNG);
  assert.equal(out.localPath, 'public/gen/a-red-fox-in-the-snow.png');
});

test('without a workspace folder, takes go to global storage with an absolute path', async () => {
  const { writer } = setup({ baseUri: 'file:///home/me/.gs', inWorkspace: false, baseFsPath: '/home/me/.gs' });
  const out = await writer.importTake(makeJob(), { index: 0, contentType: 'image/png' }, PNG);
  assert.equal(out.localPath, '/home/me/.gs/assets/a-red-fox-in-the-snow.png');
});

test('wrong content, empty and oversized takes are refused with a clear message and nothing written', async () => {
  const { fs, writer } = setup({}, 20);
  const bigPng = new Uint8Array(30);
  bigPng.set(PNG);
  const html = new TextEncoder().encode('<html>denied</html>');
  await assert.rejects(writer.importTake(makeJob(), { index: 0, contentType: 'image/png' }, html), (e) => {
    assert.ok(e instanceof ProviderError);
    assert.match(e.message, /where an image file was expected; nothing was imported/);
    return true;
  });
  await assert.rejects(writer.importTake(makeJob(), { index: 0 }, new Uint8Array()), /empty/);
  await assert.rejects(
    writer.importTake(makeJob(), { index: 0, contentType: 'image/png' }, bigPng),
    /larger than the 20 bytes limit/,
  );
  assert.equal(fs.paths().length, 0);
});

test('an M4A and an ADTS AAC that pass the download check are imported as .m4a and .aac', async () => {
  const { fs, writer } = setup();
  const job = makeJob({ modality: 'audio', model: 'fal-ai/stable-audio', input: { prompt: 'rain on a tin roof' } });
  const m4a = makeMp4ish('M4A ');
  const adts = new Uint8Array([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc, ...new Array(64).fill(0)]);
  for (const [index, data, declared] of [
    [0, m4a, 'audio/mp4'],
    [1, adts, 'audio/aac'],
  ] as const) {
    // The engine's download check runs first; the import must agree with it.
    const checked = requireTakeType(job.modality, data, declared);
    await writer.importTake(job, { index, contentType: checked.contentType }, data);
  }
  const media = fs.paths().filter((p) => !p.endsWith('.genq.json'));
  assert.deepEqual(media.sort(), [
    `${WS}/assets/generated/rain-on-a-tin-roof-2.aac`,
    `${WS}/assets/generated/rain-on-a-tin-roof.m4a`,
  ]);
});

test('the extension comes from the content, not from the provider name', async () => {
  const { writer } = setup();
  const out = await writer.importTake(
    makeJob({ input: {} }),
    { index: 0, contentType: 'image/png', suggestedName: 'payload.exe' },
    PNG,
  );
  assert.match(out.localPath, /payload\.png$/);
});

test('a sidecar without a usable spec is rejected with a reason', () => {
  assert.equal(parseSidecarForRerun('{').ok, false);
  const r = parseSidecarForRerun(JSON.stringify({ provider: 'evil', model: 'm', modality: 'image', input: {} }));
  assert.ok(!r.ok && /unknown provider/.test(r.reason));
  assert.equal(parseSidecarForRerun(JSON.stringify({ provider: 'fal', model: 'm', modality: 'image' })).ok, false);
});
