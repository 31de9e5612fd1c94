// The bundled extension host against a fake `vscode` module: lazy activation, the Generate flow
// through to a real (offline) job imported into the workspace and inserted at the remembered
// cursor, dual mode with the cost confirmation, the panel's ready/snapshot handshake, deactivate.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MementoJobStore } from '../../../src/extension/persistence/mementoJobStore';
import { startEmulator } from '../../emulator/providerEmulator';
import {
  FakeSecretStorage,
  FakeUri,
  type FakeVscodeState,
  fakeEditor,
  fakeExtensionContext,
  InMemoryMemento,
} from '../../fakes/vscodeFakes';
import {
  type BundledHost,
  type Extension,
  newProfile as freshProfile,
  loadBundledHost,
  openFakePanel,
  pickKind,
  pickModel,
  resetState,
  waitFor,
} from './bundledHost';

let host: BundledHost;
let ext: Extension;
let state: FakeVscodeState;
let root: string;

before(async () => {
  host = await loadBundledHost();
  ({ ext, state, root } = host);
});

after(() => host?.close());

function newProfile(): string {
  return freshProfile(host);
}

function reset(): void {
  resetState(state);
}

test('activation is lazy: commands, panel and status bar are registered, nothing is loaded or written', async () => {
  reset();
  const memento = new InMemoryMemento();
  await ext.activate(fakeExtensionContext(newProfile(), memento));
  for (const id of [
    'genqueue.generateImage',
    'genqueue.generateVideo',
    'genqueue.generateAudio',
    'genqueue.generateSpeech',
    'genqueue.animateImage',
    'genqueue.generateTalkingHead',
    'genqueue.editImage',
    'genqueue.speakWithReferenceVoice',
    'genqueue.showGenerations',
    'genqueue.cancel',
    'genqueue.retry',
    'genqueue.retryAllFailed',
    'genqueue.clearFinished',
    'genqueue.insertResult',
    'genqueue.setApiKey',
    'genqueue.clearApiKey',
    'genqueue.rerunFromFile',
  ]) {
    assert.ok(state.commands.has(id), id);
  }
  assert.deepEqual(
    state.statusItems.map((i) => [i.id, i.visible]),
    [['genqueue.status', false]],
  );
  assert.ok(state.viewProviders.has('genqueue.generations'));
  assert.equal(memento.updates, 0, 'no engine started, nothing written');
  await ext.deactivate();
});

test('generate → job at once → imported into the workspace → Insert puts a Markdown image at the cursor', async () => {
  reset();
  const ws = join(root, 'ws1');
  mkdirSync(join(ws, 'docs'), { recursive: true });
  state.workspaceFolder = FakeUri.file(ws);
  const text = 'Intro\n\na red fox\n\nMore text';
  const start = text.indexOf('a red fox');
  const editor = fakeEditor(join(ws, 'docs', 'guide.md'), 'markdown', text, start + 'a red fox'.length, start);
  state.activeTextEditor = editor;
  const memento = new InMemoryMemento();
  await ext.activate(fakeExtensionContext(newProfile(), memento));

  let prefill: string | undefined;
  state.quickPicks.push(pickModel('local/image'));
  state.inputs.push((o) => {
    prefill = o.value;
    return o.value;
  });
  // The completion notification: click "Insert".
  state.messageAnswers.push(({ items }) => items.find((i) => i === 'Insert'));
  await state.commands.get('genqueue.generateImage')?.();
  assert.equal(prefill, 'a red fox', 'the prompt is prefilled from the selection');

  const store = new MementoJobStore({ memento });
  const jobs = () => store.read()?.jobs ?? [];
  await waitFor('the job to be persisted', () => jobs().length === 1);
  const job = jobs()[0]!;
  assert.equal(job.provider, 'local', 'no key: the offline provider');
  assert.deepEqual(job.destination?.insertAt, { uri: editor.document.uri.toString(), offset: start + 9 });
  assert.equal(job.destination?.folder, 'assets/generated');
  const bar = state.statusItems[0]!;
  assert.ok(bar.visible && /generating/.test(bar.text), `status bar: ${bar.text}`);

  await waitFor('the job to succeed', () => jobs()[0]?.state === 'succeeded');
  const file = join(ws, 'assets', 'generated', 'a-red-fox.png');
  assert.ok(existsSync(file), 'the take is in the workspace');
  const sidecar = JSON.parse(readFileSync(`${file}.genq.json`, 'utf8'));
  assert.equal(sidecar.model, 'local/image');
  assert.equal(sidecar.jobId, job.id);
  await waitFor('the insert', () => editor.document.text.includes('!['));
  // At the end of a line of text, a Markdown image starts a line of its own.
  assert.equal(
    editor.document.text,
    'Intro\n\na red fox\n![a red fox](../assets/generated/a-red-fox.png)\n\nMore text',
  );
  assert.ok(
    state.messages.some((m) => m.level === 'info' && m.text === 'Generated image with Offline test image: “a red fox”'),
  );
  await waitFor('the status bar to hide', () => !bar.visible);

  // Re-run from this file: same provider, model and input, next to the original.
  await state.commands.get('genqueue.rerunFromFile')?.(FakeUri.file(file));
  await waitFor('the re-run job', () => jobs().length === 2);
  const rerun = jobs().find((j) => j.id !== job.id)!;
  assert.deepEqual([rerun.provider, rerun.model, rerun.input], [job.provider, job.model, job.input]);
  assert.equal(rerun.destination?.folder, 'assets/generated');
  await waitFor('the re-run to finish', () => jobs().every((j) => j.state === 'succeeded'));
  assert.ok(existsSync(join(ws, 'assets', 'generated', 'a-red-fox-2.png')), 'a new file; the original is kept');
  await ext.deactivate();
  assert.ok(!memento.keys().some((k) => k.startsWith('genqueue.lease.')), 'leases released on deactivate');
});

test('dual mode asks for confirmation above the budget; declining submits nothing, accepting submits one batch', async () => {
  reset();
  const memento = new InMemoryMemento();
  const secrets = new FakeSecretStorage();
  await secrets.store('genqueue.key.fal', '11111111-2222-4333-8444-555555555555:abcdefabcdefabcdefabcdef');
  state.config = {
    'genqueue.defaultProvider': 'auto',
    'genqueue.budgetConfirmThreshold': 0.01,
    // Nothing listens here: the jobs are only submitted, never answered.
    'genqueue.baseUrl.fal': 'http://127.0.0.1:9',
  };
  await ext.activate(fakeExtensionContext(newProfile(), memento, secrets));
  const run = async (answer: string | undefined) => {
    state.quickPicks.push(pickKind('dual'), pickModel('fal-ai/flux/dev'), pickModel('fal-ai/flux/schnell'));
    state.inputs.push(() => 'two foxes');
    state.messageAnswers.push(({ items }) => (answer ? items.find((i) => i === answer) : undefined));
    await state.commands.get('genqueue.generateImage')?.();
  };
  await run(undefined);
  const confirm = state.messages.find((m) => m.level === 'warning');
  assert.match(confirm?.text ?? '', /^This sends 2 generations and will cost about \$0\.028\.$/);
  const store = new MementoJobStore({ memento });
  assert.equal(store.read()?.jobs.length ?? 0, 0, 'declined: nothing submitted');

  await run('Generate');
  await waitFor('two jobs', () => (store.read()?.jobs.length ?? 0) === 2);
  const jobs = store.read()!.jobs;
  assert.deepEqual(jobs.map((j) => j.model).sort(), ['fal-ai/flux/dev', 'fal-ai/flux/schnell']);
  assert.ok(jobs[0]?.batchId && jobs[0].batchId === jobs[1]?.batchId, 'one batch');
  assert.ok(!memento.dump().includes('abcdefabcdefabcdefabcdef'), 'the key is not in globalState');
  assert.ok(!state.logs.join('\n').includes('abcdefabcdefabcdefabcdef'), 'the key is not in the log');
  await ext.deactivate();
});

test('the panel waits for ready, then posts a complete snapshot; malformed messages are ignored and logged', async () => {
  reset();
  const memento = new InMemoryMemento();
  await ext.activate(fakeExtensionContext(newProfile(), memento));
  const { view, posted, send } = openFakePanel(state);
  assert.equal(view.webview.options.enableScripts, true);
  assert.ok(view.webview.options.localResourceRoots?.some((u) => u.path.endsWith('globalStorage')));
  assert.match(view.webview.html, /Content-Security-Policy/);
  assert.match(view.webview.html, /\/webview\/work\/main\/dist\/webview\.js/);
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(posted.length, 0, 'nothing before ready');
  send({ type: 'ready' });
  await waitFor('a snapshot', () => posted.length > 0);
  const first = posted[0];
  assert.equal(first?.type, 'snapshot');
  const snap = first?.type === 'snapshot' ? first.snapshot : undefined;
  assert.deepEqual(snap?.keys, { fal: false, replicate: false, local: true });
  assert.ok(Array.isArray(snap?.jobs) && Array.isArray(snap?.history.rows), 'jobs and the first page of history');
  send({ type: 'cancel' });
  send({ type: 'insert', id: 'x', take: '0' });
  await waitFor('malformed messages logged', () => state.logs.filter((l) => /malformed message/.test(l)).length === 2);
  await ext.deactivate();
});

test('Set API Key: provider pick, password box, stored in secret storage only', async () => {
  reset();
  const memento = new InMemoryMemento();
  const secrets = new FakeSecretStorage();
  await ext.activate(fakeExtensionContext(newProfile(), memento, secrets));
  const key = 'r8_TestTokenValue0123456789abcdef';
  let password: boolean | undefined;
  state.quickPicks.push(({ items }) => items.find((i) => i.label === 'Replicate'));
  state.inputs.push((o) => {
    password = o.password;
    return key;
  });
  await state.commands.get('genqueue.setApiKey')?.();
  assert.equal(password, true);
  assert.equal(await secrets.get('genqueue.key.replicate'), key);
  assert.ok(!memento.dump().includes(key));
  assert.ok(!state.logs.join('\n').includes(key));
  assert.ok(state.messages.every((m) => !m.text.includes(key)));
  await ext.deactivate();
});

async function generateAndInsert(editor: ReturnType<typeof fakeEditor>, memento: InMemoryMemento): Promise<void> {
  state.activeTextEditor = editor;
  state.quickPicks.push(pickModel('local/image'));
  state.inputs.push(() => 'a red fox');
  state.messageAnswers.push(({ items }) => items.find((i) => i === 'Insert'));
  await state.commands.get('genqueue.generateImage')?.();
  const store = new MementoJobStore({ memento });
  await waitFor('the job to succeed', () => store.read()?.jobs.some((j) => j.state === 'succeeded') === true);
  await waitFor('the insert', () => editor.document.text.includes('fox.png'));
}

test('Insert into a .tsx file of a Remotion project adds the <Img> and its remotion import in one edit', async () => {
  reset();
  const ws = join(root, 'ws-remotion');
  mkdirSync(join(ws, 'src'), { recursive: true });
  writeFileSync(join(ws, 'package.json'), JSON.stringify({ dependencies: { remotion: '4.0.300', react: '19.0.0' } }));
  state.workspaceFolder = FakeUri.file(ws);
  state.config = { 'genqueue.assetsFolder': 'public/generated' };
  const before = "import React from 'react';\n\nexport const Scene = () => (\n  <div>\n    \n  </div>\n);\n";
  const cursor = before.indexOf('    \n') + 4;
  const editor = fakeEditor(join(ws, 'src', 'Scene.tsx'), 'typescriptreact', before, cursor);
  const memento = new InMemoryMemento();
  await ext.activate(fakeExtensionContext(newProfile(), memento));
  await generateAndInsert(editor, memento);
  assert.equal(
    editor.document.text,
    "import React from 'react';\nimport { Img, staticFile } from 'remotion';\n\nexport const Scene = () => (\n  <div>\n    <Img src={staticFile('generated/a-red-fox.png')} />\n  </div>\n);\n",
  );
  await ext.deactivate();
});

test('Insert into a .tsx file that is not a Remotion project: the plain path, no import', async () => {
  reset();
  const ws = join(root, 'ws-react');
  mkdirSync(join(ws, 'src'), { recursive: true });
  writeFileSync(join(ws, 'package.json'), JSON.stringify({ dependencies: { react: '19.0.0' } }));
  state.workspaceFolder = FakeUri.file(ws);
  const before = "import React from 'react';\nconst src = '';\n";
  const editor = fakeEditor(join(ws, 'src', 'App.tsx'), 'typescriptreact', before, before.indexOf("''") + 1);
  const memento = new InMemoryMemento();
  await ext.activate(fakeExtensionContext(newProfile(), memento));
  await generateAndInsert(editor, memento);
  assert.equal(editor.document.text, "import React from 'react';\nconst src = '../assets/generated/a-red-fox.png';\n");
  await ext.deactivate();
});

test('an assetsFolder outside the workspace is reported with the folder used instead, and nothing is written outside', async () => {
  reset();
  const ws = join(root, 'ws-outside');
  mkdirSync(ws, { recursive: true });
  state.workspaceFolder = FakeUri.file(ws);
  state.config = { 'genqueue.assetsFolder': '../outside' };
  const editor = fakeEditor(join(ws, 'notes.md'), 'markdown', '', 0);
  const memento = new InMemoryMemento();
  await ext.activate(fakeExtensionContext(newProfile(), memento));
  state.activeTextEditor = editor;
  state.quickPicks.push(pickModel('local/image'));
  state.inputs.push(() => 'a red fox');
  state.messageAnswers.push(() => undefined); // the warning, dismissed
  await state.commands.get('genqueue.generateImage')?.();
  const store = new MementoJobStore({ memento });
  await waitFor('the job to succeed', () => store.read()?.jobs.some((j) => j.state === 'succeeded') === true);
  const warning = state.messages.find((m) => m.level === 'warning');
  assert.equal(
    warning?.text,
    'The genqueue.assetsFolder setting "../outside" is outside the workspace folder, so results are saved to "assets/generated" in the workspace instead.',
  );
  assert.deepEqual(warning?.items, ['Open Settings']);
  assert.ok(existsSync(join(ws, 'assets', 'generated', 'a-red-fox.png')));
  assert.ok(!existsSync(join(root, 'outside')), 'nothing outside the workspace');
  await ext.deactivate();
});

test('a key rejected mid-poll: a sticky "Stopped checking" error with Set API Key; a new key checks again and the job finishes', async () => {
  reset();
  const emu = await startEmulator({ timeScale: 0.01, defaultScript: { queueMs: 100, runMs: 500, output: 'images' } });
  try {
    const memento = new InMemoryMemento();
    const secrets = new FakeSecretStorage();
    await secrets.store('genqueue.key.fal', '11111111-2222-4333-8444-555555555555:abcdefabcdefabcdefabcdef');
    state.config = { 'genqueue.defaultProvider': 'fal', 'genqueue.baseUrl.fal': emu.falBaseUrl };
    state.workspaceFolder = FakeUri.file(join(root, 'ws-auth'));
    mkdirSync(join(root, 'ws-auth'), { recursive: true });
    // The key is revoked once the job is accepted: every status check is refused.
    for (const route of ['status', 'stream', 'result'] as const)
      emu.fault({ provider: 'fal', route, kind: '401', times: -1 });
    await ext.activate(fakeExtensionContext(newProfile(), memento, secrets));
    state.messageAnswers.push(({ items }) => items.find((i) => i === 'Set API Key'));
    state.inputs.push(() => {
      emu.clearFaults();
      return '99999999-2222-4333-8444-555555555555:fedcbafedcbafedcbafedcba';
    });
    state.quickPicks.push(pickModel('fal-ai/flux/schnell'));
    state.inputs.unshift(() => 'a red fox');
    await state.commands.get('genqueue.generateImage')?.();

    await waitFor('the stopped-checking notification', () =>
      state.messages.some((m) => /Stopped checking/.test(m.text)),
    );
    const notice = state.messages.find((m) => /Stopped checking/.test(m.text))!;
    assert.equal(notice.level, 'error', 'an error with actions: VS Code keeps it until dismissed');
    assert.match(notice.text, /^FLUX\.1 \[schnell\] — Stopped checking: /);
    assert.doesNotMatch(notice.text, /polling window/);
    assert.deepEqual(notice.items, ['Set API Key', 'Check Again']);
    const store = new MementoJobStore({ memento });
    await waitFor('the job to finish after the new key', () => store.read()?.jobs[0]?.state === 'succeeded');
    assert.equal(
      await secrets.get('genqueue.key.fal'),
      '99999999-2222-4333-8444-555555555555:fedcbafedcbafedcbafedcba',
    );
    assert.ok(
      state.logs.some((l) => l.includes('Checking 1 job(s) again with the new fal key.')),
      'storing the key resumed the stopped job',
    );
    assert.ok(!state.logs.join('\n').includes('fedcbafedcbafedcbafedcba'), 'the new key is not logged');
    const bar = state.statusItems[0]!;
    await waitFor('the status bar to hide', () => !bar.visible);
    await ext.deactivate();
  } finally {
    await emu.close();
  }
});

test('activation resumes an unfinished job from its job file when globalState lost it (another window overwrote it)', async () => {
  reset();
  const profile = newProfile();
  const jobsDir = join(profile, 'globalStorage', 'jobs');
  mkdirSync(jobsDir, { recursive: true });
  const now = Date.now();
  const job = {
    id: 'kept-on-disk',
    provider: 'local',
    model: 'local/image',
    modality: 'image',
    input: { prompt: 'a fox that survived' },
    state: 'waiting',
    stateAt: { waiting: now },
    createdAt: now,
    updatedAt: now,
    logs: [],
    takes: [],
    cost: {},
    attempts: 0,
  };
  writeFileSync(join(jobsDir, 'kept-on-disk.json'), JSON.stringify(job));
  const memento = new InMemoryMemento(); // empty: the count and the registry were overwritten
  await ext.activate(fakeExtensionContext(profile, memento));
  const store = new MementoJobStore({ memento });
  await waitFor(
    'the job to finish',
    () => store.read()?.jobs.some((j) => j.id === job.id && j.state === 'succeeded') === true,
  );
  assert.ok(existsSync(join(jobsDir, 'kept-on-disk.done.json')), 'its file says it finished');
  await ext.deactivate();
});
