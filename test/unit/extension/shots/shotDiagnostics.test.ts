// Shot-list problems as VS Code diagnostics: on the line they are about when a list opens,
// updated after an edit, removed when it closes; other files are left alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ShotDiagnostics as Diagnostics } from '../../../../src/extension/shots/shotDiagnostics';
import { installFakeVscode } from '../../../fakes/fakeVscodeModule';
import { FakeUri } from '../../../fakes/vscodeFakes';

const fake = installFakeVscode();
const { ShotDiagnostics } = fake.load('src/extension/shots/shotDiagnostics') as { ShotDiagnostics: typeof Diagnostics };
fake.state.workspaceFolder = FakeUri.file('/ws');

const LIST = `shots:
  - id: s01
    modality: image
    prompt: a harbour at dawn
  # the same id again
  - id: s01
    modality: image
    prompt: gulls over the pier
`;

async function waitFor(what: string, cond: () => boolean): Promise<void> {
  const end = Date.now() + 5_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('a duplicate id is reported on its line, cleared when fixed, removed on close', async () => {
  const diagnostics = new ShotDiagnostics({ warn: () => undefined });
  const collection = fake.state.documents.diagnostics.get('genqueue.shots');
  assert.ok(collection);
  const doc = fake.state.documents.add(FakeUri.file('/ws/demo.shots.yaml'), LIST);
  const found = collection.get(doc.uri) ?? [];
  const dup = found.find((d) => d.code === 'duplicate-id');
  assert.ok(dup, `a duplicate-id diagnostic among ${JSON.stringify(found)}`);
  assert.equal(dup.range.start.line, 5, 'on the second `id: s01` line');
  assert.equal(dup.severity, 0, 'an error');
  assert.equal(dup.source, 'GenQueue');

  const at = doc.text.lastIndexOf('id: s01');
  fake.state.documents.type(doc, at, at + 'id: s01'.length, 'id: s02');
  await waitFor(
    'the diagnostic cleared',
    () => !(collection.get(doc.uri) ?? []).some((d) => d.code === 'duplicate-id'),
  );

  fake.state.documents.close(doc);
  assert.equal(collection.get(doc.uri), undefined);
  diagnostics.dispose();
  assert.equal(collection.disposed, true);
});

test('an output path outside the workspace is reported; other files are ignored', () => {
  const diagnostics = new ShotDiagnostics({ warn: () => undefined });
  const collection = fake.state.documents.diagnostics.get('genqueue.shots');
  assert.ok(collection);
  const doc = fake.state.documents.add(
    FakeUri.file('/ws/out.shots.yaml'),
    'shots:\n  - id: s01\n    modality: image\n    prompt: a fox\n    output: ../../etc/fox.png\n',
  );
  const out = (collection.get(doc.uri) ?? []).find((d) => d.code === 'output-outside-workspace');
  assert.equal(out?.range.start.line, 4);
  const other = fake.state.documents.add(FakeUri.file('/ws/other.yaml'), 'shots: [');
  assert.equal(collection.get(other.uri), undefined);
  diagnostics.dispose();
});

test('output paths are checked against the folder of the list', () => {
  const { isInsideFolder } = fake.load('src/extension/shots/shotListDocument') as {
    isInsideFolder(folder: string, rel: string): boolean;
  };
  for (const rel of ['public/shots/s01.png', 'a/../b.png', './x.png'])
    assert.equal(isInsideFolder('/ws', rel), true, rel);
  for (const rel of ['../x.png', 'a/../../x.png', '/etc/passwd', 'C:\\x.png', '', '.', 'a\\..\\..\\x.png']) {
    assert.equal(isInsideFolder('/ws', rel), false, rel);
  }
});

test('a referenced workspace file that is not there is an error on its line, once the check answers', async () => {
  const present = new Set(['/ws/art/portrait.png']);
  const checked: string[] = [];
  const diagnostics = new ShotDiagnostics({ warn: () => undefined }, async (uri) => {
    checked.push(uri.path);
    return present.has(uri.path);
  });
  const collection = fake.state.documents.diagnostics.get('genqueue.shots');
  assert.ok(collection);
  const text = `shots:
  - id: s01
    model: local/image-to-video
    prompt: pan
    refs: { image: art/portrait.png }
  - id: s02
    model: local/image-to-video
    prompt: pan
    refs: { image: art/missing.png }
  - id: s03
    model: local/image-to-video
    prompt: pan
    refs: { image: shot:s01 }
`;
  const doc = fake.state.documents.add(FakeUri.file('/ws/refs.shots.yaml'), text);
  await waitFor('the missing file', () => (collection.get(doc.uri) ?? []).some((d) => d.code === 'missing-reference'));
  const missing = (collection.get(doc.uri) ?? []).filter((d) => d.code === 'missing-reference');
  assert.equal(missing.length, 1);
  assert.equal(missing[0]?.range.start.line, 8);
  assert.match(missing[0]?.message ?? '', /there is no file art\/missing\.png in the workspace/);
  assert.deepEqual(checked.sort(), ['/ws/art/missing.png', '/ws/art/portrait.png'], 'shot references are not files');
  diagnostics.dispose();
});
