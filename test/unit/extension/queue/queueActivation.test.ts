// The bundled extension registers the Production Queue, the shot-list diagnostics and commands on
// activation, opens a list through its custom editor end to end, and releases all of it on deactivate.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fakeWebviewPanel } from '../../../fakes/fakeWebviewPanel';
import { FakeUri, fakeExtensionContext } from '../../../fakes/vscodeFakes';
import { type BundledHost, loadBundledHost, newProfile, resetState, waitFor } from '../bundledHost';

let host: BundledHost;

before(async () => {
  host = await loadBundledHost();
});

after(() => host?.close());

test('activation registers the Production Queue; a list opens in it; deactivate releases it', async () => {
  const { ext, state } = host;
  resetState(state);
  const profile = newProfile(host);
  state.workspaceFolder = FakeUri.file(profile);
  await ext.activate(fakeExtensionContext(profile));

  const editor = state.documents.customEditors.get('genqueue.productionQueue');
  assert.deepEqual(editor?.options, {
    webviewOptions: { retainContextWhenHidden: false },
    supportsMultipleEditorsPerDocument: true,
  });
  for (const id of [
    'genqueue.openProductionQueue',
    'genqueue.openShotListAsText',
    'genqueue.newShotList',
    'genqueue.addSelectionAsShot',
  ]) {
    assert.ok(state.commands.has(id), id);
  }
  const collection = state.documents.diagnostics.get('genqueue.shots');
  assert.ok(collection);

  const path = join(profile, 'demo.shots.yaml');
  const text = 'shots:\n  - id: s01\n    modality: image\n    prompt: a harbour at dawn\n';
  writeFileSync(path, text);
  const doc = state.documents.add(FakeUri.file(path), text);
  const view = fakeWebviewPanel();
  const provider = editor?.provider as { resolveCustomTextEditor(d: unknown, p: unknown): void };
  provider.resolveCustomTextEditor(doc, view.panel);
  view.send({ type: 'ready' });
  await waitFor('a snapshot', () => view.ofType('snapshot').length === 1);
  const [msg] = view.ofType<{ snapshot: { rows: { id: string; model: string }[] } }>('snapshot');
  assert.deepEqual(
    msg?.snapshot.rows.map((r) => r.id),
    ['s01'],
  );
  assert.ok(msg?.snapshot.rows[0]?.model, 'a model from the settings fallback');

  await ext.deactivate();
  assert.equal(state.documents.customEditors.size, 0);
  assert.equal(collection.disposed, true);
  assert.equal(view.listeners(), 0, 'the open editor was released with the host');
});
