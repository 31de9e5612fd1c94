import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MODEL_CATALOG } from '../../../src/core/modelCatalog';
import { type ModelPickItem, modelPickItems } from '../../../src/extension/generate/modelPicks';

const models = (items: ModelPickItem[]) => items.filter((i) => i.kind === 'model');

test('the pick lists the chosen provider plus offline models, with price and typical time', () => {
  const items = modelPickItems({
    modality: 'image',
    provider: 'fal',
    models: MODEL_CATALOG,
    estimateMs: () => undefined,
  });
  const listed = models(items);
  assert.ok(listed.length > 1);
  assert.ok(listed.every((i) => i.kind === 'model' && (i.model.provider === 'fal' || i.model.provider === 'local')));
  assert.ok(listed.every((i) => i.kind === 'model' && i.model.modality === 'image'));
  const schnell = listed.find((i) => i.kind === 'model' && i.model.id === 'fal-ai/flux/schnell');
  assert.match(schnell?.description ?? '', /^\$0\.003\/MP · ~\d+ sec \(typical\)$/);
  const local = listed.find((i) => i.kind === 'model' && i.model.provider === 'local');
  assert.match(local?.description ?? '', /free \(offline\)/);
  assert.deepEqual(
    items.filter((i) => i.kind === 'dual' || i.kind === 'other').map((i) => i.kind),
    ['dual', 'other'],
  );
});

test("the user's own estimate replaces the typical time; the default model comes first", () => {
  const items = modelPickItems({
    modality: 'image',
    provider: 'replicate',
    models: MODEL_CATALOG,
    estimateMs: (id) => (id === 'black-forest-labs/flux-dev' ? 45_000 : undefined),
    defaultModel: 'black-forest-labs/flux-dev',
  });
  const first = models(items)[0];
  assert.ok(first?.kind === 'model');
  assert.equal(first.model.id, 'black-forest-labs/flux-dev');
  assert.match(first.description, /~45 sec \(your runs\)/);
  assert.equal(first.picked, true);
});

test('the special items can be left out (second pick of dual mode)', () => {
  const items = modelPickItems({
    modality: 'speech',
    provider: 'local',
    models: MODEL_CATALOG,
    estimateMs: () => undefined,
    includeSpecial: false,
  });
  assert.ok(!items.some((i) => i.kind === 'dual' || i.kind === 'other'));
  assert.ok(models(items).length >= 1);
});

test('offline: one model per type, so no dual mode and no "Other model id…" (nothing mentions fal.ai)', () => {
  for (const modality of ['image', 'video', 'audio', 'speech'] as const) {
    // The offline reference models (file inputs) are picked through their own commands.
    const models = MODEL_CATALOG.filter((m) => !m.fields.some((f) => f.type === 'file' || f.type === 'files'));
    const items = modelPickItems({ modality, provider: 'local', models, estimateMs: () => undefined });
    assert.deepEqual(
      items.map((i) => i.kind),
      ['separator', 'model'],
      modality,
    );
    assert.ok(!JSON.stringify(items).includes('fal'), `${modality}: no fal.ai hint`);
  }
});

test('a reference job lists its models from every provider, the chosen one first, without dual or other', () => {
  const items = modelPickItems({
    modality: 'video',
    provider: 'replicate',
    models: MODEL_CATALOG,
    estimateMs: () => undefined,
    task: 'talking-head',
  });
  const listed = models(items).map((i) => (i.kind === 'model' ? `${i.model.provider}:${i.model.id}` : ''));
  assert.ok(listed.includes('fal:fal-ai/bytedance/omnihuman/v1.5'));
  assert.ok(listed[0]?.startsWith('replicate:'), listed[0]);
  assert.ok(
    listed.every((id) => !id.includes('kling-v2.1')),
    'no image-to-video model',
  );
  assert.ok(items.every((i) => i.kind !== 'dual' && i.kind !== 'other'));
  assert.deepEqual(
    items.filter((i) => i.kind === 'separator').map((i) => i.label),
    ['Replicate', 'fal.ai', 'Offline'],
  );
  assert.ok(listed.includes('local:local/talking-head'));
});

test('the plain Generate list leaves out models that cannot run without a reference', () => {
  const items = modelPickItems({
    modality: 'video',
    provider: 'fal',
    models: MODEL_CATALOG,
    estimateMs: () => undefined,
  });
  const ids = models(items).map((i) => (i.kind === 'model' ? i.model.id : ''));
  assert.ok(ids.includes('fal-ai/kling-video/v2.1/master/text-to-video'));
  assert.ok(!ids.includes('fal-ai/kling-video/v2.1/standard/image-to-video'));
  assert.ok(!ids.includes('fal-ai/bytedance/omnihuman/v1.5'));
});

test('without a key (the offline provider) a reference job lists the offline model first', () => {
  const offline = {
    provider: 'local' as const,
    id: 'local/image-edit',
    label: 'Offline image edit',
    modality: 'image' as const,
    promptField: 'prompt',
    fields: [
      { name: 'prompt', type: 'text' as const, label: 'Prompt', required: true },
      { name: 'image', type: 'file' as const, label: 'Image', media: 'image' as const, required: true },
    ],
    output: { kind: 'bytes' as const },
  };
  const items = modelPickItems({
    modality: 'image',
    provider: 'local',
    models: [...MODEL_CATALOG, offline],
    estimateMs: () => undefined,
    task: 'image-edit',
  });
  assert.deepEqual(
    items.filter((i) => i.kind === 'separator').map((i) => i.label),
    ['Offline', 'fal.ai', 'Replicate'],
  );
  const first = models(items)[0];
  assert.equal(first?.kind === 'model' && first.model.id, 'local/image-edit');
  assert.match(first?.kind === 'model' ? first.description : '', /free \(offline\)/);
});
