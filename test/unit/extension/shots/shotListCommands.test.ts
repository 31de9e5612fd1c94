// New Shot List writes the example and never overwrites; Add Selection as Shot appends the
// selected storyboard text to the chosen list as a document edit, and says what to do otherwise.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach, test } from 'node:test';
import type { registerShotListCommands as Register } from '../../../../src/extension/shots/shotListCommands';
import { FakeDocuments } from '../../../fakes/fakeDocuments';
import { installFakeVscode } from '../../../fakes/fakeVscodeModule';
import { FakeUri, fakeEditor } from '../../../fakes/vscodeFakes';

const fake = installFakeVscode();
const { registerShotListCommands } = fake.load('src/extension/shots/shotListCommands') as {
  registerShotListCommands: typeof Register;
};
const { EXAMPLE_SHOT_LIST } = fake.load('src/core/shots/exampleShotList') as { EXAMPLE_SHOT_LIST: string };
const commands = new Map<string, (...args: unknown[]) => unknown>();
registerShotListCommands((id, fn) => commands.set(id, fn));
const run = (id: string) => commands.get(id)?.();

const root = mkdtempSync(join(tmpdir(), 'genqueue-shotlists-'));
after(() => rmSync(root, { recursive: true, force: true }));
const opened: unknown[][] = [];

let ws: string;
beforeEach(() => {
  ws = mkdtempSync(join(root, 'ws-'));
  const s = fake.state;
  s.workspaceFolder = FakeUri.file(ws);
  s.documents = new FakeDocuments();
  s.messages.length = 0;
  s.messageAnswers.length = 0;
  s.inputs.length = 0;
  s.quickPicks.length = 0;
  s.activeTextEditor = undefined;
  opened.length = 0;
  s.commands.set('vscode.openWith', (...args) => opened.push(args));
});

test('New Shot List writes the commented example and opens it in the Production Queue', async () => {
  fake.state.inputs.push(() => 'storyboard');
  await run('genqueue.newShotList');
  const path = join(ws, 'storyboard.shots.yaml');
  assert.equal(readFileSync(path, 'utf8'), EXAMPLE_SHOT_LIST);
  assert.equal((opened[0]?.[0] as FakeUri | undefined)?.path, path);
  assert.equal(opened[0]?.[1], 'genqueue.productionQueue');
});

test('New Shot List never overwrites an existing file', async () => {
  const path = join(ws, 'mine.shots.yaml');
  writeFileSync(path, 'shots: []\n# my work\n');
  fake.state.inputs.push(() => 'mine.shots.yaml');
  await run('genqueue.newShotList');
  assert.equal(readFileSync(path, 'utf8'), 'shots: []\n# my work\n');
  assert.match(fake.state.messages.find((m) => m.level === 'error')?.text ?? '', /already exists/);
  assert.equal(opened.length, 0);
});

test('New Shot List refuses a name with a folder in it', async () => {
  let verdict: unknown;
  fake.state.inputs.push((o) => {
    verdict = o.validateInput?.('../escape');
    return undefined;
  });
  await run('genqueue.newShotList');
  assert.match(String(verdict), /no folders/);
});

test('Add Selection as Shot appends the selected text to the chosen list', async () => {
  const list = join(ws, 'demo.shots.yaml');
  writeFileSync(list, '# my list\nshots:\n  - id: s01\n    modality: image\n    prompt: a harbour at dawn\n');
  const story = 'Scene 2: gulls wheel over the pier as the fog lifts.';
  fake.state.activeTextEditor = fakeEditor(join(ws, 'story.md'), 'markdown', story, story.length, 0);
  fake.state.quickPicks.push((a) => a.items.find((i) => i.label === 'demo.shots.yaml'));
  await run('genqueue.addSelectionAsShot');
  const doc = fake.state.documents.open.get(FakeUri.file(list).toString());
  assert.ok(doc, 'the list is open as a document');
  assert.match(doc.text, /gulls wheel over the pier/);
  assert.ok(doc.text.startsWith('# my list\nshots:\n  - id: s01\n'), 'the comment and the first shot are kept');
  assert.equal(readFileSync(list, 'utf8').includes('gulls'), false, 'a document edit, saved by the user');
  assert.match(fake.state.messages.at(-1)?.text ?? '', /^Added shot .+ to demo\.shots\.yaml\.$/);
});

test('Add Selection as Shot without a selection or without a list says what to do', async () => {
  fake.state.activeTextEditor = fakeEditor(join(ws, 'story.md'), 'markdown', 'Scene 1', 3, 3);
  await run('genqueue.addSelectionAsShot');
  assert.match(fake.state.messages.at(-1)?.text ?? '', /Select the text of a shot/);

  fake.state.activeTextEditor = fakeEditor(join(ws, 'story.md'), 'markdown', 'Scene 1', 7, 0);
  await run('genqueue.addSelectionAsShot');
  assert.match(fake.state.messages.at(-1)?.text ?? '', /no shot list/);
  assert.deepEqual(fake.state.messages.at(-1)?.items, ['New Shot List']);
});

test('Open Production Queue and Open as Text switch the editor of a list; other files get a message', async () => {
  const list = join(ws, 'demo.shots.yaml');
  fake.state.activeTextEditor = fakeEditor(list, 'yaml', 'shots: []\n', 0);
  await run('genqueue.openProductionQueue');
  assert.deepEqual(
    opened.map(([uri, viewType]) => [(uri as FakeUri).path, viewType]),
    [[list, 'genqueue.productionQueue']],
  );
  await commands.get('genqueue.openShotListAsText')?.(FakeUri.file(list));
  assert.deepEqual(opened.at(-1)?.[1], 'default');

  fake.state.activeTextEditor = fakeEditor(join(ws, 'notes.md'), 'markdown', 'x', 0);
  await run('genqueue.openProductionQueue');
  assert.equal(opened.length, 2);
  assert.match(fake.state.messages.at(-1)?.text ?? '', /\*\.shots\.yaml/);
});
