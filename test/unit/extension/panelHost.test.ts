// The panel and the commands around it, through the bundled host and the fake `vscode`: Clear Finished
// keeps History, multi-line selections reach the job unchanged, the prompt limit is checked in the box,
// the "something failed" context key, and settings a workspace may not control.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Job } from '../../../src/core/jobTypes';
import { MementoJobStore } from '../../../src/extension/persistence/mementoJobStore';
import { startEmulator } from '../../emulator/providerEmulator';
import { FakeSecretStorage, FakeUri, fakeEditor, fakeExtensionContext, InMemoryMemento } from '../../fakes/vscodeFakes';
import {
  type BundledHost,
  loadBundledHost,
  newProfile,
  openFakePanel,
  pickModel,
  resetState,
  waitFor,
} from './bundledHost';

let host: BundledHost;

before(async () => {
  host = await loadBundledHost();
});

after(() => host?.close());

const FAL_KEY = '11111111-2222-4333-8444-555555555555:abcdefabcdefabcdefabcdef';

test('Clear Finished empties the list but not History, and says so', async () => {
  const { ext, state } = host;
  resetState(state);
  const memento = new InMemoryMemento();
  await ext.activate(fakeExtensionContext(newProfile(host), memento));
  const panel = openFakePanel(state);
  // The panel is open (and has read the empty history file) before anything finishes.
  panel.send({ type: 'ready' });
  await waitFor('the first snapshot', () => panel.latest() !== undefined);
  state.quickPicks.push(pickModel('local/image'));
  state.inputs.push(() => 'a lighthouse at dusk');
  await state.commands.get('genqueue.generateImage')?.();
  await waitFor('the job in the panel, finished', () => panel.latest()?.jobs[0]?.state === 'succeeded');
  const id = panel.latest()!.jobs[0]!.id;

  await state.commands.get('genqueue.clearFinished')?.();
  await waitFor('a snapshot without the job', () => panel.latest()?.jobs.length === 0);
  assert.deepEqual(
    panel.latest()?.history.map((r) => [r.id, r.modelLabel]),
    [[id, 'Offline test image']],
    'the job is in History (the panel shows History, not "No generations yet")',
  );
  assert.ok(state.messages.some((m) => m.text === 'Cleared 1 finished generation from the list. It stays in History.'));
  await ext.deactivate();
});

test('a multi-line selection reaches the job with its line breaks; a too-long one is refused in the box, not cut', async () => {
  const { ext, state, root } = host;
  resetState(state);
  const memento = new InMemoryMemento();
  await ext.activate(fakeExtensionContext(newProfile(host), memento));
  const script = 'Scene 1: a harbour at dawn\nScene 2: a storm rolls in\n\nScene 3: calm water';
  state.activeTextEditor = fakeEditor(join(root, 'notes.md'), 'markdown', script, script.length, 0);
  let shown: string | undefined;
  state.quickPicks.push(pickModel('local/image'));
  state.inputs.push((o) => {
    shown = o.value;
    return o.value;
  });
  await state.commands.get('genqueue.generateImage')?.();
  const store = new MementoJobStore({ memento });
  await waitFor('the job', () => (store.read()?.jobs.length ?? 0) === 1);
  assert.equal(shown, 'Scene 1: a harbour at dawn⏎Scene 2: a storm rolls in⏎⏎Scene 3: calm water');
  assert.equal(store.read()?.jobs[0]?.input.prompt, script, 'line breaks unchanged');

  const long = 'a very long prompt '.repeat(250).trim(); // 4,749 characters
  state.activeTextEditor = fakeEditor(join(root, 'long.md'), 'markdown', long, long.length, 0);
  let verdict: unknown;
  state.quickPicks.push(pickModel('local/image'));
  state.inputs.push((o) => {
    verdict = o.validateInput?.(o.value ?? '');
    return undefined; // the user presses Escape
  });
  await state.commands.get('genqueue.generateImage')?.();
  assert.equal(verdict, 'The prompt is 4,749 characters; this model takes at most 4,000. Shorten it by 749.');
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(store.read()?.jobs.length, 1, 'nothing submitted');
  await ext.deactivate();
});

test('genqueue.hasFailed is true while a failure waits for the user, false once its retry succeeded', async () => {
  const { ext, state, root } = host;
  resetState(state);
  const emu = await startEmulator({ timeScale: 0.01, defaultScript: { queueMs: 100, runMs: 300, output: 'images' } });
  try {
    const memento = new InMemoryMemento();
    const secrets = new FakeSecretStorage();
    await secrets.store('genqueue.key.fal', FAL_KEY);
    state.config = { 'genqueue.defaultProvider': 'fal', 'genqueue.baseUrl.fal': emu.falBaseUrl };
    state.workspaceFolder = FakeUri.file(join(root, 'ws-failed'));
    mkdirSync(join(root, 'ws-failed'), { recursive: true });
    await ext.activate(fakeExtensionContext(newProfile(host), memento, secrets));
    const panel = openFakePanel(state);
    panel.send({ type: 'ready' });
    emu.fault({ provider: 'fal', route: 'submit', kind: '422', times: 1 });
    state.quickPicks.push(pickModel('fal-ai/flux/schnell'));
    state.inputs.push(() => 'a paper boat');
    await state.commands.get('genqueue.generateImage')?.();
    const store = new MementoJobStore({ memento });
    const jobs = (): Job[] => store.read()?.jobs ?? [];
    await waitFor('the failure', () => jobs()[0]?.state === 'failed');
    await waitFor('the context key', () => state.contextKeys.get('genqueue.hasFailed') === true);
    const failed = jobs()[0]!;
    panel.send({ type: 'retry', id: failed.id });
    await waitFor('the retry to succeed', () =>
      jobs().some((j) => j.retriedFrom === failed.id && j.state === 'succeeded'),
    );
    await waitFor('the context key to clear', () => state.contextKeys.get('genqueue.hasFailed') === false);
    await waitFor(
      'the panel to drop the failure from Failed',
      () => panel.latest()?.jobs.find((j) => j.id === failed.id)?.view.retried === true,
    );
    await ext.deactivate();
  } finally {
    await emu.close();
  }
});

test('a workspace cannot redirect requests or silence cost questions; an http base URL off this machine is refused', async () => {
  const { ext, state } = host;
  resetState(state);
  const memento = new InMemoryMemento();
  const secrets = new FakeSecretStorage();
  await secrets.store('genqueue.key.fal', FAL_KEY);
  state.config = {
    'genqueue.defaultProvider': 'fal',
    'genqueue.baseUrl.replicate': 'http://10.1.2.3:8080/v1',
    'genqueue.budgetConfirmThreshold': 0.001,
  };
  // A cloned repository's .vscode/settings.json.
  state.workspaceConfig = {
    'genqueue.baseUrl.fal': 'https://collector.example.com',
    'genqueue.budgetConfirmThreshold': 1000,
  };
  await ext.activate(fakeExtensionContext(newProfile(host), memento, secrets));
  state.quickPicks.push(pickModel('fal-ai/flux/schnell'));
  state.inputs.push(() => 'a red fox');
  await state.commands.get('genqueue.generateImage')?.();
  const warnings = state.messages.filter((m) => m.level === 'warning').map((m) => m.text);
  assert.deepEqual(warnings, [
    'GenQueue: genqueue.baseUrl.fal is ignored in workspace settings; set it in your user settings.',
    'GenQueue: genqueue.baseUrl.replicate is not used: plain http is only allowed for this machine (localhost, 127.0.0.1, [::1]). GenQueue uses the real service.',
    'GenQueue: genqueue.budgetConfirmThreshold is ignored in workspace settings; set it in your user settings.',
    'This will cost about $0.003.',
  ]);
  // The cost question was declined (no answer): nothing was sent anywhere.
  assert.equal(new MementoJobStore({ memento }).read()?.jobs.length ?? 0, 0);
  await ext.deactivate();
});
