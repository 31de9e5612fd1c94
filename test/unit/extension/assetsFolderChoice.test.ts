import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseAssetsFolder, DEFAULT_FOLDER, REMOTION_FOLDER } from '../../../src/extension/assetsFolderChoice';

const remotionPkg = JSON.stringify({ dependencies: { remotion: '^4.0.0', react: '^18' } });

test('a Remotion project without an explicit setting saves under public/ (staticFile can see it)', async () => {
  const folder = await chooseAssetsFolder({ value: DEFAULT_FOLDER, explicit: false }, async () => remotionPkg);
  assert.equal(folder, REMOTION_FOLDER);
});

test('an explicit setting always wins', async () => {
  const folder = await chooseAssetsFolder({ value: 'media/ai', explicit: true }, async () => remotionPkg);
  assert.equal(folder, 'media/ai');
});

test('other projects, a missing or broken package.json keep the default', async () => {
  const plain = JSON.stringify({ dependencies: { react: '^18' } });
  assert.equal(await chooseAssetsFolder({ value: DEFAULT_FOLDER, explicit: false }, async () => plain), DEFAULT_FOLDER);
  assert.equal(
    await chooseAssetsFolder({ value: DEFAULT_FOLDER, explicit: false }, async () => undefined),
    DEFAULT_FOLDER,
  );
  assert.equal(
    await chooseAssetsFolder({ value: DEFAULT_FOLDER, explicit: false }, async () => '{oops'),
    DEFAULT_FOLDER,
  );
  const failing = async () => {
    throw new Error('EACCES');
  };
  assert.equal(await chooseAssetsFolder({ value: DEFAULT_FOLDER, explicit: false }, failing), DEFAULT_FOLDER);
});
