// Every path that sends a paid job again asks the same cost question as Generate (the bundled host
// against the fake `vscode` and the provider emulator): Retry, Re-run, Edit & Retry from a failure
// notification, and Retry All Failed, which states what will really be sent.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Job } from '../../../src/core/jobTypes';
import { MementoJobStore } from '../../../src/extension/persistence/mementoJobStore';
import { startEmulator } from '../../emulator/providerEmulator';
import { FakeSecretStorage, FakeUri, fakeExtensionContext, InMemoryMemento } from '../../fakes/vscodeFakes';
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

test('Retry, Re-run, Edit & Retry and Retry All Failed ask before spending; declining sends nothing', async () => {
  const { ext, state, root } = host;
  resetState(state);
  const emu = await startEmulator({ timeScale: 0.01, defaultScript: { queueMs: 100, runMs: 300, output: 'images' } });
  const memento = new InMemoryMemento();
  try {
    const secrets = new FakeSecretStorage();
    await secrets.store('genqueue.key.fal', '11111111-2222-4333-8444-555555555555:abcdefabcdefabcdefabcdef');
    state.config = {
      'genqueue.defaultProvider': 'fal',
      'genqueue.baseUrl.fal': emu.falBaseUrl,
      // FLUX schnell is $0.003: every paid job is above this.
      'genqueue.budgetConfirmThreshold': 0.001,
    };
    state.workspaceFolder = FakeUri.file(join(root, 'ws-spend'));
    mkdirSync(join(root, 'ws-spend'), { recursive: true });
    // One router answers every message: cost questions by `accept`, failure toasts by `onFailure`.
    let accept = true;
    let onFailure: string | undefined;
    const router = ({ text, items }: { text: string; items: string[] }) => {
      if (/^This (will cost|sends)/.test(text)) return accept ? items[0] : undefined;
      if (/ failed: /.test(text)) return onFailure && items.includes(onFailure) ? onFailure : undefined;
      return undefined;
    };
    state.messageAnswers.push(...Array.from({ length: 200 }, () => router));
    await ext.activate(fakeExtensionContext(newProfile(host), memento, secrets));
    const panel = openFakePanel(state);
    panel.send({ type: 'ready' });
    const store = new MementoJobStore({ memento });
    const jobs = (): Job[] => store.read()?.jobs ?? [];
    const questions = () => state.messages.filter((m) => /^This (will cost|sends)/.test(m.text)).map((m) => m.text);
    const generateFailing = async (prompt: string, thenInput?: (o: { value?: string }) => unknown) => {
      emu.fault({ provider: 'fal', route: 'submit', kind: '422', times: 1 });
      state.quickPicks.push(pickModel('fal-ai/flux/schnell'));
      state.inputs.push(() => prompt);
      await state.commands.get('genqueue.generateImage')?.();
      if (thenInput) state.inputs.push(thenInput);
      await waitFor(`"${prompt}" to fail`, () => jobs().some((j) => j.state === 'failed' && j.input.prompt === prompt));
      return jobs().find((j) => j.input.prompt === prompt)!;
    };

    const first = await generateFailing('a red fox');
    assert.deepEqual(questions(), ['This will cost about $0.003.'], 'Generate asked');

    // Retry from the panel: declined, nothing is sent; accepted, one linked job.
    accept = false;
    panel.send({ type: 'retry', id: first.id });
    await waitFor('the Retry cost question', () => questions().length === 2);
    assert.equal(questions()[1], 'This will cost about $0.003.');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(jobs().length, 1, 'declined Retry sends nothing');
    accept = true;
    panel.send({ type: 'retry', id: first.id });
    await waitFor('the retry job', () => jobs().some((j) => j.retriedFrom === first.id));
    const retry = jobs().find((j) => j.retriedFrom === first.id)!;
    await waitFor('the retry to succeed', () => jobs().find((j) => j.id === retry.id)?.state === 'succeeded');

    // Re-run of the success: asked, declined, nothing sent.
    accept = false;
    const asked = questions().length;
    panel.send({ type: 'rerun', id: retry.id });
    await waitFor('the Re-run cost question', () => questions().length === asked + 1);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(jobs().length, 2, 'declined Re-run sends nothing');

    // An input error's notification offers Edit & Retry first; the edited job is asked about too.
    accept = true;
    onFailure = 'Edit & Retry';
    const second = await generateFailing('a blue whale', (o) => `${o.value} at night`);
    const toast = state.messages.find((m) => m.level === 'error' && m.text.includes('a blue whale'));
    assert.deepEqual(toast?.items, ['Edit & Retry', 'Show Error']);
    assert.match(toast?.text ?? '', /^FLUX\.1 \[schnell\] failed: .* \(“a blue whale”\)$/);
    await waitFor('the edited retry', () => jobs().some((j) => j.retriedFrom === second.id));
    assert.equal(jobs().find((j) => j.retriedFrom === second.id)?.input.prompt, 'a blue whale at night');
    onFailure = undefined;
    // Finished before the next fault is armed, so the fault meets the job it is meant for.
    await waitFor('the edited retry to succeed', () =>
      jobs().some((j) => j.retriedFrom === second.id && j.state === 'succeeded'),
    );

    // Retry All Failed: two new failures; the two retried ones are not sent again, and the question says so.
    await generateFailing('a green owl');
    await generateFailing('a grey wolf');
    accept = false;
    const count = jobs().length;
    const before = questions().length;
    await state.commands.get('genqueue.retryAllFailed')?.();
    assert.deepEqual(questions().slice(before), ['This sends 2 generations and will cost about $0.006.']);
    assert.equal(jobs().length, count, 'declined Retry All Failed sends nothing');
    accept = true;
    await state.commands.get('genqueue.retryAllFailed')?.();
    await waitFor('two retries', () => jobs().length === count + 2);
    const retriedIds = jobs().flatMap((j) => (j.retriedFrom ? [j.retriedFrom] : []));
    assert.equal(new Set(retriedIds).size, retriedIds.length, 'no failure was retried twice');
    await ext.deactivate();
  } finally {
    await emu.close();
  }
});
