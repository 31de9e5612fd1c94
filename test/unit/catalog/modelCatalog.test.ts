import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MODALITIES } from '../../../src/core/jobTypes';
import {
  buildModelInput,
  customModel,
  defaultInput,
  findModel,
  MODEL_CATALOG,
  modelsFor,
  resolveModel,
} from '../../../src/core/modelCatalog';

const UNITS = ['image', 'megapixel', 'video-second', 'second-of-gpu', 'request', '1k-characters'];

describe('model catalog integrity', () => {
  it('gives every curated model a price with unit, currency, source and date', () => {
    for (const m of MODEL_CATALOG) {
      const where = `${m.provider}:${m.id}`;
      assert.ok(m.price, `${where} has no price`);
      assert.ok(m.price.amount >= 0 && Number.isFinite(m.price.amount), `${where} amount`);
      assert.ok(UNITS.includes(m.price.unit), `${where} unit ${m.price.unit}`);
      assert.equal(m.price.currency, 'USD');
      assert.ok(m.price.source.trim().length > 5, `${where} source`);
      assert.match(m.price.date, /^\d{4}(-\d{2})?$/, `${where} date`);
      assert.ok(m.typicalDurationSec && m.typicalDurationSec > 0, `${where} typical duration`);
      assert.ok(m.label.trim(), `${where} label`);
      if (m.price.unit === 'second-of-gpu') assert.ok(m.hardware, `${where} GPU-second pricing names its hardware`);
    }
  });

  it('has unique ids per provider', () => {
    const keys = MODEL_CATALOG.map((m) => `${m.provider}:${m.id}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('uses the id shapes each client expects', () => {
    for (const m of MODEL_CATALOG) {
      if (m.provider === 'fal') assert.match(m.id, /^fal-ai\/[a-z0-9./-]+$/, m.id);
      if (m.provider === 'replicate') assert.match(m.id, /^[a-z0-9-]+\/[a-z0-9.-]+$/, m.id);
      if (m.provider === 'local') assert.match(m.id, /^local\/[a-z-]+$/, m.id);
    }
  });

  it('offers at least two models per modality on each remote provider and one offline model each', () => {
    for (const modality of MODALITIES) {
      assert.ok(modelsFor(modality, 'fal').length >= 2, `fal ${modality}`);
      assert.ok(modelsFor(modality, 'replicate').length >= 2, `replicate ${modality}`);
      // One offline text-to-X model each; the reference models (file inputs) come on top.
      const fromText = modelsFor(modality, 'local').filter((m) => !m.fields.some((f) => f.type === 'file'));
      assert.equal(fromText.length, 1, `local ${modality}`);
    }
  });

  it('prices offline models at zero', () => {
    for (const m of modelsFor('image', 'local').concat(modelsFor('speech', 'local'))) assert.equal(m.price?.amount, 0);
  });

  it('declares the prompt field as a required input and keeps defaults inside their bounds', () => {
    for (const m of MODEL_CATALOG) {
      const prompt = m.fields.find((f) => f.name === m.promptField);
      assert.ok(prompt?.required, `${m.id} prompt field ${m.promptField}`);
      for (const f of m.fields) {
        if (f.default === undefined) continue;
        if (f.options)
          assert.ok(f.options.includes(f.default as string | number), `${m.id}.${f.name} default in options`);
        if (typeof f.default === 'number' && f.min !== undefined)
          assert.ok(f.default >= f.min, `${m.id}.${f.name} min`);
        if (typeof f.default === 'number' && f.max !== undefined)
          assert.ok(f.default <= f.max, `${m.id}.${f.name} max`);
      }
    }
  });

  it('uses the documented fal price for fal-ai/flux/dev', () => {
    const m = findModel('fal', 'fal-ai/flux/dev');
    assert.equal(m?.price?.amount, 0.025);
    assert.equal(m?.price?.unit, 'image');
    assert.equal(m?.price?.date, '2026-11');
  });

  it('records the output shape per provider', () => {
    assert.deepEqual(findModel('fal', 'fal-ai/flux/schnell')?.output, { kind: 'file-list', key: 'images' });
    assert.deepEqual(findModel('fal', 'fal-ai/stable-audio')?.output, { kind: 'file', key: 'audio_file' });
    assert.deepEqual(findModel('replicate', 'black-forest-labs/flux-schnell')?.output, { kind: 'url-list' });
    assert.deepEqual(findModel('local', 'local/video')?.output, { kind: 'bytes' });
  });
});

describe('model lookup', () => {
  it('finds by provider and id, and not across providers', () => {
    assert.equal(findModel('fal', 'fal-ai/flux/schnell')?.label, 'FLUX.1 [schnell]');
    assert.equal(findModel('replicate', 'fal-ai/flux/schnell'), undefined);
    assert.equal(findModel('fal', 'nope/nothing'), undefined);
  });

  it('lists models of one modality, optionally for one provider', () => {
    const all = modelsFor('video');
    assert.ok(all.every((m) => m.modality === 'video'));
    assert.ok(all.some((m) => m.provider === 'fal') && all.some((m) => m.provider === 'replicate'));
    assert.ok(modelsFor('video', 'fal').every((m) => m.provider === 'fal'));
  });

  it('makes an honest entry for a hand-typed model id: no price, marked custom', () => {
    const m = customModel('replicate', '  someone/new-model ', 'image');
    assert.equal(m.id, 'someone/new-model');
    assert.equal(m.price, undefined);
    assert.equal(m.typicalDurationSec, undefined);
    assert.equal(m.custom, true);
    assert.equal(m.fields[0]?.name, 'prompt');
    assert.equal(customModel('fal', 'fal-ai/x', 'video').output.kind, 'file');
    assert.equal(resolveModel('fal', 'fal-ai/flux/dev', 'image').custom, undefined);
    assert.equal(resolveModel('fal', 'fal-ai/unknown', 'image').custom, true);
  });
});

describe('model input helpers', () => {
  it('collects field defaults', () => {
    const m = findModel('replicate', 'black-forest-labs/flux-schnell');
    assert.ok(m);
    assert.deepEqual(defaultInput(m), { aspect_ratio: '1:1', num_outputs: 1, output_format: 'webp' });
  });

  it('nests dotted field names and skips undefined values', () => {
    assert.deepEqual(
      buildModelInput({
        text: 'hi',
        'voice_setting.voice_id': 'Wise_Woman',
        'voice_setting.speed': 1.2,
        seed: undefined,
      }),
      { text: 'hi', voice_setting: { voice_id: 'Wise_Woman', speed: 1.2 } },
    );
  });
});
