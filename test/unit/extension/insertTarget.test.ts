// Where Insert writes (insertion.ts with lastTextEditor.ts) against the fake `vscode` module: the
// active editor's cursor, else the last text editor's (focus is in the panel after a click there),
// else the place remembered at submit, else the clipboard.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { Job } from '../../../src/core/jobTypes';
import type { HostContext } from '../../../src/extension/host/hostContext';
import { installFakeVscode } from '../../fakes/fakeVscodeModule';
import { FakeUri, type FakeVscodeState, fakeEditor } from '../../fakes/vscodeFakes';
import { makeJob } from './jobFixtures';

const fake = installFakeVscode();
const state: FakeVscodeState = fake.state;
const { insertTake } = fake.load(
  'src/extension/insert/insertion',
) as typeof import('../../../src/extension/insert/insertion');
const { LastTextEditor } = fake.load(
  'src/extension/insert/lastTextEditor',
) as typeof import('../../../src/extension/insert/lastTextEditor');

const WS = '/ws';
const IMAGE = '![a red fox](../assets/generated/fox.png)';

function context(): HostContext {
  return {
    globalStorageUri: FakeUri.file('/global'),
    config: () => ({ insertTemplates: {} }),
    log: { info() {} },
    lastEditor: new LastTextEditor(),
  } as unknown as HostContext;
}

function job(rememberedUri: string, offset: number): Job {
  return makeJob({
    state: 'succeeded',
    input: { prompt: 'a red fox' },
    takes: [{ index: 0, localPath: 'assets/generated/fox.png' }],
    destination: { folder: 'assets/generated', insertAt: { uri: rememberedUri, offset } },
  });
}

// Mid-line positions in text keep the Markdown reference exactly where the cursor is.
const submitted = () => fakeEditor(`${WS}/docs/submitted.md`, 'markdown', 'aaaa bbbb', 4);
const other = () => fakeEditor(`${WS}/docs/other.md`, 'markdown', 'cccc dddd', 4);

beforeEach(() => {
  state.activeTextEditor = undefined;
  state.visibleTextEditors = undefined;
  state.tabs = [];
  state.messages.length = 0;
  state.workspaceFolder = FakeUri.file(WS);
});

test('Insert goes to the active editor at its cursor, not to the file remembered at submit', async () => {
  const a = submitted();
  const b = other();
  state.visibleTextEditors = [a, b];
  state.activeTextEditor = b;
  const ok = await insertTake(context(), job(a.document.uri.toString(), 4), 0);
  assert.equal(ok, true);
  assert.equal(b.document.text, `cccc${IMAGE} dddd`);
  assert.equal(a.document.text, 'aaaa bbbb', 'the file of the submit is untouched');
});

test('focus in the panel (no active editor): Insert goes to the last text editor at its current cursor', async () => {
  const a = submitted();
  state.activeTextEditor = a;
  const ctx = context();
  state.setCursor(a, 2); // the user moved on after submitting at offset 4
  state.visibleTextEditors = [a];
  state.activeTextEditor = undefined; // clicked Insert in the panel
  assert.equal(await insertTake(ctx, job(a.document.uri.toString(), 4), 0), true);
  assert.equal(a.document.text, `aa${IMAGE}aa bbbb`);
});

test('the last text editor in a background tab is brought forward and gets the text at its kept cursor', async () => {
  const a = submitted();
  state.activeTextEditor = a;
  const ctx = context();
  state.setCursor(a, 7);
  state.tabs = [a];
  state.visibleTextEditors = []; // a webview editor covers it
  state.activeTextEditor = undefined;
  assert.equal(await insertTake(ctx, job(`file://${WS}/elsewhere.md`, 0), 0), true);
  assert.equal(a.document.text, `aaaa bb${IMAGE}bb`);
  assert.equal(state.activeTextEditor, a, 'shown, so the user sees the insert');
});

test('a closed last editor is not reopened: the remembered place is used, and without one the path is copied', async () => {
  const a = submitted();
  const b = other();
  state.activeTextEditor = a;
  const ctx = context();
  state.visibleTextEditors = [b]; // b sits in another group and was never focused; a's tab was closed
  state.activeTextEditor = undefined;
  assert.equal(await insertTake(ctx, job(b.document.uri.toString(), 0), 0), true);
  assert.equal(b.document.text, `${IMAGE}\ncccc dddd`);
  assert.equal(a.document.text, 'aaaa bbbb');

  state.visibleTextEditors = [];
  state.activeTextEditor = undefined;
  assert.equal(await insertTake(ctx, job(b.document.uri.toString(), 0), 0), false);
  assert.match(state.messages.at(-1)?.text ?? '', /copied to the clipboard/);
});
