import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  chooseAssetsFolder,
  DEFAULT_FOLDER,
  folderSettingProblem,
  REMOTION_FOLDER,
} from '../../../src/extension/assets/assetsFolderChoice';

const remotionPkg = JSON.stringify({ dependencies: { remotion: '^4.0.0', react: '^18' } });
const plain = JSON.stringify({ dependencies: { react: '^18' } });

test('a Remotion project without an explicit setting saves under public/ (staticFile can see it)', async () => {
  const choice = await chooseAssetsFolder({ value: DEFAULT_FOLDER, explicit: false }, async () => remotionPkg);
  assert.deepEqual(choice, { folder: REMOTION_FOLDER });
});

test('an explicit setting inside the workspace always wins', async () => {
  const choice = await chooseAssetsFolder({ value: 'media/ai', explicit: true }, async () => remotionPkg);
  assert.deepEqual(choice, { folder: 'media/ai' });
});

test('other projects, a missing or broken package.json keep the default', async () => {
  const choose = (read: () => Promise<string | undefined>) =>
    chooseAssetsFolder({ value: DEFAULT_FOLDER, explicit: false }, read);
  assert.deepEqual(await choose(async () => plain), { folder: DEFAULT_FOLDER });
  assert.deepEqual(await choose(async () => undefined), { folder: DEFAULT_FOLDER });
  assert.deepEqual(await choose(async () => '{oops'), { folder: DEFAULT_FOLDER });
  const failing = async () => {
    throw new Error('EACCES');
  };
  assert.deepEqual(await choose(failing), { folder: DEFAULT_FOLDER });
});

test('folders outside the workspace, no folder at all, or impossible names are problems; inside ones are not', () => {
  for (const v of ['../outside', 'assets/../../x', '/etc', '\\\\server\\share', 'C:\\media', 'c:/media', '~/media']) {
    assert.equal(folderSettingProblem(v), 'outside', v);
  }
  for (const v of ['.', './', ' / ']) assert.notEqual(folderSettingProblem(v), undefined, v);
  assert.equal(folderSettingProblem('.'), 'notAFolder');
  assert.equal(folderSettingProblem('assets/what?'), 'characters');
  for (const v of ['assets/generated', './media/ai', 'public\\generated', 'a..b']) {
    assert.equal(folderSettingProblem(v), undefined, v);
  }
});

test('an unusable explicit setting is not replaced silently: the choice names it, why, and the folder used instead', async () => {
  assert.deepEqual(await chooseAssetsFolder({ value: '../outside', explicit: true }, async () => remotionPkg), {
    folder: REMOTION_FOLDER,
    rejected: { value: '../outside', problem: 'outside' },
  });
  assert.deepEqual(await chooseAssetsFolder({ value: '/etc', explicit: true }, async () => plain), {
    folder: DEFAULT_FOLDER,
    rejected: { value: '/etc', problem: 'outside' },
  });
});

test("the setting's default and its description agree with the folders used (plain and Remotion projects)", () => {
  const repo = join(__dirname, '..', '..', '..');
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const nls = JSON.parse(readFileSync(join(repo, 'package.nls.json'), 'utf8'));
  assert.equal(pkg.contributes.configuration.properties['genqueue.assetsFolder'].default, DEFAULT_FOLDER);
  const description: string = nls['configuration.assetsFolder.markdownDescription'];
  assert.match(
    description,
    new RegExp(`default: \`${DEFAULT_FOLDER}\`, or \`${REMOTION_FOLDER}\` in a Remotion project`),
  );
  assert.match(description, /outside the workspace folder/);
});
