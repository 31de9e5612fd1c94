// The shot runner's VS Code port against the fake `vscode` module, with the few APIs it uses that
// the shared fake lacks (WorkspaceEdit, Position, applyEdit, openExternal, opening a document by URI)
// added here as strictly as VS Code behaves: an edit replaces exactly its range.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JobSpec } from '../../../../src/core/jobTypes';
import { estimateSpend } from '../../../../src/extension/generate/spendEstimate';
import type { HostContext } from '../../../../src/extension/host/hostContext';
import { catalogHostModels } from '../../../fakes/catalogHostModels';
import { installFakeVscode } from '../../../fakes/fakeVscodeModule';
import { type FakeRange, FakeUri } from '../../../fakes/vscodeFakes';

const fake = installFakeVscode();

const opened: string[] = [];
const docs = new Map<string, { text: string }>();
class FakeWorkspaceEdit {
  readonly edits: { uri: FakeUri; range: FakeRange; text: string }[] = [];
  replace(uri: FakeUri, range: FakeRange, text: string): void {
    this.edits.push({ uri, range, text });
  }
}
const api = fake.api as Record<string, Record<string, unknown>>;
api.Position = class {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
} as unknown as Record<string, unknown>;
api.WorkspaceEdit = FakeWorkspaceEdit as unknown as Record<string, unknown>;
Object.assign(api.env as object, {
  openExternal: async (uri: FakeUri) => {
    opened.push(uri.toString());
    return true;
  },
});
Object.assign(api.workspace as object, {
  openTextDocument: async (uri: FakeUri) => {
    const doc = docs.get(uri.toString());
    if (!doc) throw new Error(`cannot open ${uri.toString()}`);
    return {
      uri,
      getText: () => doc.text,
      positionAt: (offset: number) => ({ offset }),
    };
  },
  applyEdit: async (edit: FakeWorkspaceEdit) => {
    for (const e of edit.edits) {
      const doc = docs.get(e.uri.toString());
      if (!doc) return false;
      doc.text = doc.text.slice(0, e.range.start.offset) + e.text + doc.text.slice(e.range.end.offset);
    }
    return true;
  },
});

// Loaded after the additions: the module takes its copy of the `vscode` namespace when it loads.
const { vscodeShotUi } = fake.load(
  'src/extension/shots/vscodeShotDeps',
) as typeof import('../../../../src/extension/shots/vscodeShotDeps');

const ctx = {
  config: () => ({ budgetConfirmThreshold: 0.5 }),
  models: catalogHostModels(),
} as unknown as HostContext;
const ui = vscodeShotUi(ctx);
const LIST = FakeUri.file('/ws/trailer.shots.yaml').toString();

test('applyEdit replaces the range in the document, and refuses when the document moved on', async () => {
  docs.set(LIST, { text: 'shots:\n  - id: s1\n' });
  assert.equal(await ui.applyEdit(LIST, { offset: 0, length: 0, text: 'budget: 3\n' }, 'shots:\n  - id: s1\n'), true);
  assert.equal(docs.get(LIST)?.text, 'budget: 3\nshots:\n  - id: s1\n');
  // Made from the old text: its offsets would land elsewhere now.
  assert.equal(await ui.applyEdit(LIST, { offset: 0, length: 0, text: 'x' }, 'shots:\n  - id: s1\n'), false);
  assert.equal(docs.get(LIST)?.text, 'budget: 3\nshots:\n  - id: s1\n');
});

test('openExternal opens the page; reveal uses the Explorer inside the workspace, the OS outside', async () => {
  await ui.openExternal('https://replicate.com/account/billing');
  // The fake's Uri.parse keeps scheme and path only.
  assert.deepEqual(opened, [FakeUri.parse('https://replicate.com/account/billing').toString()]);
  fake.state.workspaceFolder = FakeUri.file('/ws');
  await ui.reveal(FakeUri.file('/ws/assets/generated/trailer/s1/take-1.png').toString());
  await ui.reveal(FakeUri.file('/elsewhere/take-1.png').toString());
  assert.deepEqual(fake.state.executed.slice(-2), ['revealInExplorer', 'revealFileInOS']);
});

test('confirmSpend asks once above the threshold, with the count, and sends only on yes', async () => {
  const spec: JobSpec = {
    provider: 'fal',
    model: 'fal-ai/flux/dev',
    modality: 'image',
    input: { prompt: 'a fox' },
  };
  const many = Array.from({ length: 40 }, () => spec);
  fake.state.messageAnswers.push(({ items }) => items[0]);
  assert.equal(await ui.confirmSpend(many, 'Generate 40 shots'), true);
  assert.ok(estimateSpend(many).total >= 0.5, 'above the threshold');
  const asked = fake.state.messages.at(-1);
  assert.match(asked?.text ?? '', /40 generations/);
  assert.deepEqual(asked?.items, ['Generate 40 shots']);
  fake.state.messageAnswers.push(() => undefined);
  assert.equal(await ui.confirmSpend(many, 'Generate 40 shots'), false);
  // Offline never asks.
  const asks = fake.state.messages.length;
  const offline: JobSpec = { provider: 'local', model: 'local/image', modality: 'image', input: { prompt: 'x' } };
  assert.equal(await ui.confirmSpend([offline, offline], 'Generate 2 shots'), true);
  assert.equal(fake.state.messages.length, asks);
});
