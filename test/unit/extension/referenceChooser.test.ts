// The palette's reference step against the fake `vscode` (files on disk): what the pick offers,
// the file given from the explorer, and bad files (wrong size, missing) that say why and open the
// pick again without anything being created.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, test } from 'node:test';
import type { CatalogModel } from '../../../src/core/modelCatalog';
import { findModel } from '../../../src/core/modelCatalog';
import type { HostContext } from '../../../src/extension/host/hostContext';
import { encodeWav } from '../../../src/providers/local/wav';
import { installFakeVscode } from '../../fakes/fakeVscodeModule';
import { FakeUri, type FakeVscodeState } from '../../fakes/vscodeFakes';

const fake = installFakeVscode();
const state: FakeVscodeState = fake.state;
const { ReferenceChooser } = fake.load(
  'src/extension/generate/referenceChooser',
) as typeof import('../../../src/extension/generate/referenceChooser');
const win = fake.api.window as Record<string, unknown>;

type Items = { items: { label: string; description?: string }[] };
const chooseLabel = (label: string) => (a: Items) => a.items.find((i) => i.label === label);
const labels = (a: Items) => a.items.map((i) => i.label);

let ws: string;
let outside: string;
/** Answers for showOpenDialog, like the real one: the picked files, or undefined when closed. */
let dialogs: (FakeUri[] | undefined)[];

function context(): HostContext {
  return { globalStorageUri: FakeUri.file('/global'), serviceIfStarted: () => undefined } as unknown as HostContext;
}

function model(provider: 'fal' | 'replicate', id: string): CatalogModel {
  const m = findModel(provider, id);
  assert.ok(m, id);
  return m;
}

beforeEach(() => {
  const root = mkdtempSync(join(tmpdir(), 'gq-refs-'));
  ws = join(root, 'ws');
  outside = join(root, 'elsewhere');
  mkdirSync(join(ws, 'shots'), { recursive: true });
  mkdirSync(join(ws, 'node_modules', 'pkg'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(ws, 'shots', 'portrait.png'), 'png bytes');
  writeFileSync(join(ws, 'node_modules', 'pkg', 'icon.png'), 'png');
  writeFileSync(join(ws, 'line.wav'), encodeWav(new Int16Array(8000 * 3), 8000));
  writeFileSync(join(ws, 'notes.txt'), 'text');
  writeFileSync(join(outside, 'me.jpg'), 'jpeg bytes');
  state.workspaceFolder = FakeUri.file(ws);
  state.quickPicks.length = 0;
  state.messages.length = 0;
  state.activeTextEditor = undefined;
  dialogs = [];
  win.showOpenDialog = async () => dialogs.shift();
});

test('a talking head: the explorer file fills the voice line, the portrait is picked from the workspace', async () => {
  let offered: string[] = [];
  state.quickPicks.push((a: Items) => {
    offered = labels(a);
    return chooseLabel('portrait.png')(a);
  });
  const chosen = await new ReferenceChooser(context()).choose(
    model('fal', 'fal-ai/bytedance/omnihuman/v1.5'),
    FakeUri.file(join(ws, 'line.wav')) as never,
  );
  assert.ok(chosen);
  // Only images, none from node_modules; Browse is always there; both fields are required (no Skip).
  assert.deepEqual(offered, ['Workspace', 'portrait.png', 'More', '$(folder-opened) Browse…']);
  assert.deepEqual(
    chosen.refs.map((r) => [r.field, r.path, r.contentType, r.bytes]),
    [
      ['image_url', 'shots/portrait.png', 'image/png', 9],
      ['audio_url', 'line.wav', 'audio/wav', 44 + 8000 * 3 * 2],
    ],
  );
  assert.match(chosen.refs[0]?.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.equal(chosen.audioSec, 3);
  assert.equal(state.quickPicks.length, 0);
});

test('a file outside the workspace needs Browse and is recorded by its absolute path; optional fields skip', async () => {
  dialogs.push([FakeUri.file(join(outside, 'me.jpg'))]);
  state.quickPicks.push(chooseLabel('$(folder-opened) Browse…'), chooseLabel('$(arrow-right) Skip'));
  const chosen = await new ReferenceChooser(context()).choose(
    model('fal', 'fal-ai/minimax/hailuo-02/standard/image-to-video'),
  );
  assert.deepEqual(
    chosen?.refs.map((r) => [r.field, r.path]),
    [['image_url', join(outside, 'me.jpg')]],
  );
});

test('a file too big for the field says so and the pick opens again; nothing is read into a reference', async () => {
  const tiny: CatalogModel = {
    ...model('replicate', 'kwaivgi/kling-v2.1'),
    fields: [
      { name: 'start_image', type: 'file', label: 'Image to animate', media: 'image', required: true, maxBytes: 5 },
    ],
  };
  writeFileSync(join(ws, 'small.png'), 'tiny');
  state.quickPicks.push(chooseLabel('portrait.png'), chooseLabel('small.png'));
  const chosen = await new ReferenceChooser(context()).choose(tiny);
  assert.deepEqual(
    state.messages.map((m) => [m.level, m.text]),
    [['error', 'portrait.png is 9 bytes; "Image to animate" takes at most 5 bytes. Choose a smaller file.']],
  );
  assert.deepEqual(
    chosen?.refs.map((r) => r.path),
    ['small.png'],
  );
});

test('a missing file is a clear error; cancelling the pick then cancels the whole generation', async () => {
  dialogs.push([FakeUri.file(join(ws, 'gone.png'))]);
  state.quickPicks.push(chooseLabel('$(folder-opened) Browse…'), () => undefined);
  const chosen = await new ReferenceChooser(context()).choose(model('fal', 'fal-ai/flux-pro/kontext'));
  assert.equal(chosen, undefined);
  assert.equal(state.messages.length, 1);
  assert.match(state.messages[0]?.text ?? '', /^The reference file .*gone\.png does not exist or cannot be read\.$/);
});

test('a wrong type given from the explorer is refused with what the field takes', async () => {
  state.quickPicks.push(() => undefined);
  const chosen = await new ReferenceChooser(context()).choose(
    model('replicate', 'resemble-ai/chatterbox'),
    FakeUri.file(join(ws, 'notes.txt')) as never,
  );
  assert.equal(chosen, undefined);
  // notes.txt fills no field: it says so, and the pick opens (cancelled here).
  assert.deepEqual(
    state.messages.map((m) => [m.level, m.text]),
    [['warning', 'notes.txt is not a file Chatterbox (reference voice) takes; choose its files below.']],
  );
  assert.equal(state.quickPicks.length, 0);
});

test('a list field takes several files, each offered once, until Skip', async () => {
  writeFileSync(join(ws, 'b.png'), 'b');
  const offered: string[][] = [];
  const note = (label: string) => (a: Items) => {
    offered.push(labels(a).filter((l) => l.endsWith('.png')));
    return chooseLabel(label)(a);
  };
  state.quickPicks.push(note('b.png'), note('portrait.png'), note('$(arrow-right) Skip'));
  const chosen = await new ReferenceChooser(context()).choose(model('fal', 'fal-ai/nano-banana-2/edit'));
  assert.deepEqual(offered, [['b.png', 'portrait.png'], ['portrait.png'], []]);
  assert.deepEqual(
    chosen?.refs.map((r) => [r.field, r.index, r.path]),
    [
      ['image_urls', 0, 'b.png'],
      ['image_urls', 1, 'shots/portrait.png'],
    ],
  );
});
