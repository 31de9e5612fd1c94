// Both schema dialects → form fields (models-files-pricing.md §1.1–1.3), from documents written
// the way each provider publishes them (test/emulator/schemaFixtures.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { modalityFromCategory, modelFromSchema } from '../../../src/core/schemas/modelFromSchema';
import { schemaFromCog, schemaFromFal } from '../../../src/core/schemas/openApiDocs';
import { fieldsFromSchema } from '../../../src/core/schemas/schemaFields';
import { SchemaFetchError } from '../../../src/core/schemas/schemaTypes';
import {
  COG_ANIMATOR,
  cogAnimatorV2,
  FAL_ANIMATOR,
  FAL_VOICE,
  falAnimatorDoc,
  falVoiceDoc,
  KLING,
  klingDoc,
} from '../../emulator/schemaFixtures';

const id = (model: string) => ({ model, version: 'v', fetchedAt: Date.UTC(2026, 11, 1) });
const byName = <T extends { name: string }>(list: readonly T[], name: string): T => {
  const f = list.find((x) => x.name === name);
  assert.ok(f, `no field ${name} in ${list.map((x) => x.name).join(', ')}`);
  return f;
};

describe('Replicate (Cog) schemas', () => {
  const fields = fieldsFromSchema(schemaFromCog(cogAnimatorV2, id(COG_ANIMATOR)));

  test('fields come in x-order, deprecated inputs are left out', () => {
    assert.deepEqual(
      fields.map((f) => f.name),
      [
        'prompt',
        'start_image',
        'duration',
        'aspect_ratio',
        'fps',
        'negative_prompt',
        'guide_track',
        'reference_images',
        'extra_settings',
        'api_key',
      ],
    );
  });

  test('allOf $ref enums take the target enum; the property default and description win', () => {
    const duration = byName(fields, 'duration');
    assert.equal(duration.type, 'enum');
    assert.deepEqual(duration.options, [5, 10]);
    assert.equal(duration.default, 5);
    assert.equal(duration.description, 'Length of the clip, seconds');
    assert.equal(duration.label, 'Duration', 'the enum target title (its own name) is not the label');
    const aspect = byName(fields, 'aspect_ratio');
    assert.deepEqual(aspect.options, ['16:9', '9:16', '1:1']);
    assert.equal(aspect.default, '16:9');
    assert.equal(aspect.description, undefined, 'Cog\'s boilerplate "An enumeration." is not help text');
  });

  test('format uri is a file with media from the name, then the description; arrays of uri are files', () => {
    const start = byName(fields, 'start_image');
    assert.equal(start.type, 'file');
    assert.equal(start.media, 'image');
    assert.equal(start.required, true);
    const track = byName(fields, 'guide_track');
    assert.equal(track.type, 'file');
    assert.equal(track.media, 'audio', 'from "soundtrack" in the description');
    assert.equal(track.nullable, true);
    const refs = byName(fields, 'reference_images');
    assert.equal(refs.type, 'files');
    assert.equal(refs.media, 'image');
  });

  test('bounds, nullable, objects as JSON, secrets as strings, prompts as text', () => {
    const fps = byName(fields, 'fps');
    assert.deepEqual([fps.type, fps.min, fps.max, fps.nullable, fps.required], ['integer', 1, 60, true, undefined]);
    assert.equal(byName(fields, 'extra_settings').type, 'json');
    assert.equal(byName(fields, 'api_key').type, 'string');
    assert.equal(byName(fields, 'prompt').type, 'text');
    const neg = byName(fields, 'negative_prompt');
    assert.deepEqual([neg.type, neg.maxLength, neg.default], ['text', 500, '']);
  });

  test('inline enums of an official model (Kling, copied from its page)', () => {
    const kling = fieldsFromSchema(schemaFromCog(klingDoc, id(KLING)));
    assert.deepEqual(
      kling.map((f) => [f.name, f.type]),
      [
        ['prompt', 'text'],
        ['negative_prompt', 'text'],
        ['aspect_ratio', 'enum'],
        ['start_image', 'file'],
        ['cfg_scale', 'number'],
        ['duration', 'enum'],
      ],
    );
    assert.deepEqual(byName(kling, 'duration').options, [5, 10]);
    const cfg = byName(kling, 'cfg_scale');
    assert.deepEqual([cfg.min, cfg.max, cfg.default, cfg.label], [0, 1, 0.5, 'Cfg scale']);
  });

  test('a document without components.schemas.Input is refused with a reason', () => {
    assert.throws(
      () => schemaFromCog({ components: { schemas: {} } }, id(COG_ANIMATOR)),
      (e: unknown) => e instanceof SchemaFetchError && e.kind === 'no-schema',
    );
  });
});

describe('fal (pydantic) schemas', () => {
  const schema = schemaFromFal(falAnimatorDoc, id(FAL_ANIMATOR));
  const fields = fieldsFromSchema(schema);

  test('the Input is found through the POST path $ref, ordered by x-fal-order-properties', () => {
    assert.deepEqual(
      fields.map((f) => f.name),
      [
        'prompt',
        'image_url',
        'end_image_url',
        'duration',
        'image_size',
        'num_frames',
        'reference_image_urls',
        'audio_url',
        'loras',
        'enable_safety_checker',
      ],
    );
  });

  test('ui.field, _fal_ui_field on items and *_url names are files with their media', () => {
    assert.deepEqual(
      ['image_url', 'end_image_url', 'reference_image_urls', 'audio_url'].map((n) => {
        const f = byName(fields, n);
        return [f.type, f.media];
      }),
      [
        ['file', 'image'],
        ['file', 'image'],
        ['files', 'image'],
        ['file', 'audio'],
      ],
    );
    assert.equal(byName(fields, 'end_image_url').nullable, true);
    assert.equal(byName(fields, 'reference_image_urls').maxBytes, 10 * 1024 * 1024, 'from "Max 10 MB each"');
    assert.equal(byName(fields, 'image_url').maxBytes, undefined);
  });

  test('anyOf with null is nullable with the branch bounds; the image_size union shows its presets', () => {
    const frames = byName(fields, 'num_frames');
    assert.deepEqual([frames.type, frames.min, frames.max, frames.nullable], ['integer', 16, 161, true]);
    const size = byName(fields, 'image_size');
    assert.equal(size.type, 'enum');
    assert.equal(size.default, 'landscape_16_9');
    assert.ok(size.options?.includes('square_hd'));
  });

  test('numeric-string enums stay strings; lists of objects are JSON with their default as JSON text', () => {
    assert.deepEqual(byName(fields, 'duration').options, ['5', '10']);
    assert.equal(byName(fields, 'duration').default, '5');
    const loras = byName(fields, 'loras');
    assert.deepEqual([loras.type, loras.default], ['json', '[]']);
    assert.equal(byName(fields, 'enable_safety_checker').default, true);
  });

  test('a document whose POST path is missing is refused (the component name is never guessed)', () => {
    const doc = { ...falAnimatorDoc, paths: {} };
    assert.throws(
      () => schemaFromFal(doc, id(FAL_ANIMATOR)),
      (e: unknown) => e instanceof SchemaFetchError && e.kind === 'bad-schema',
    );
  });
});

describe('a catalog entry from a schema', () => {
  test('fal: prompt field, output shape from the Output schema, no price, custom', () => {
    const s = { ...schemaFromFal(falAnimatorDoc, id(FAL_ANIMATOR)), displayName: 'Emu Animator' };
    const m = modelFromSchema('fal', FAL_ANIMATOR, 'video', s);
    assert.equal(m.promptField, 'prompt');
    assert.deepEqual(m.output, { kind: 'file', key: 'video' });
    assert.equal(m.price, undefined);
    assert.equal(m.custom, true);
    assert.equal(m.label, 'Emu Animator');
    assert.match(m.note ?? '', /read from fal on 2026-12-01/);
  });

  test('Replicate: one URI output is a url; speech models find text / gen_text', () => {
    const m = modelFromSchema('replicate', KLING, 'video', schemaFromCog(klingDoc, id(KLING)));
    assert.deepEqual(m.output, { kind: 'url' });
    const tts = schemaFromCog(
      {
        components: {
          schemas: {
            Input: {
              type: 'object',
              properties: { gen_text: { type: 'string' }, ref_audio: { type: 'string', format: 'uri' } },
            },
            Output: { type: 'array', items: { type: 'string', format: 'uri' } },
          },
        },
      },
      id('acme/tts'),
    );
    const speech = modelFromSchema('replicate', 'acme/tts', 'speech', tts);
    assert.equal(speech.promptField, 'gen_text');
    assert.deepEqual(speech.output, { kind: 'url-list' });
    assert.equal(byName(speech.fields, 'ref_audio').media, 'audio');
  });

  test('a model with no prompt-like field has promptField ""', () => {
    const s = schemaFromCog(
      {
        components: { schemas: { Input: { type: 'object', properties: { face: { type: 'string', format: 'uri' } } } } },
      },
      id('acme/lipsync'),
    );
    assert.equal(modelFromSchema('replicate', 'acme/lipsync', 'video', s).promptField, '');
  });

  test('fal categories guess a modality', () => {
    assert.equal(modalityFromCategory('image-to-video'), 'video');
    assert.equal(modalityFromCategory('text-to-speech'), 'speech');
    assert.equal(modalityFromCategory('text-to-image'), 'image');
    assert.equal(modalityFromCategory('training'), undefined);
  });
});

describe('a fal voice model', () => {
  test('gen_text is the prompt; a *_url string without a UI hint is a file, media from its name', () => {
    const s = schemaFromFal(falVoiceDoc, id(FAL_VOICE));
    const m = modelFromSchema('fal', FAL_VOICE, modalityFromCategory('text-to-speech') ?? 'audio', s);
    assert.equal(m.promptField, 'gen_text');
    assert.equal(m.modality, 'speech');
    assert.deepEqual(m.output, { kind: 'file', key: 'audio' });
    const ref = byName(m.fields, 'ref_audio_url');
    assert.deepEqual([ref.type, ref.media, ref.required], ['file', 'audio', true]);
    const speed = byName(m.fields, 'speed');
    assert.deepEqual([speed.type, speed.default, speed.nullable], ['number', 1, true]);
  });
});
