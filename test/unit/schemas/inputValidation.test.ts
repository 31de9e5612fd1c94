// Validation before submit: the messages a person reads, for fetched schemas of both dialects and
// for catalog fields without a schema.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findModel, type ModelField } from '../../../src/core/modelCatalog';
import { validateModelInput } from '../../../src/core/schemas/inputValidation';
import { schemaFromCog, schemaFromFal } from '../../../src/core/schemas/openApiDocs';
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

const id = (model: string) => ({ model, version: 'v', fetchedAt: 0 });
const cog = schemaFromCog(cogAnimatorV2, id(COG_ANIMATOR));
const kling = schemaFromCog(klingDoc, id(KLING));
const fal = schemaFromFal(falAnimatorDoc, id(FAL_ANIMATOR));
const IMG = 'https://example.com/a.png';

describe('fetched schemas', () => {
  test('a valid input has no problems (file:// and data: URLs pass format uri)', () => {
    assert.deepEqual(validateModelInput(cog, { prompt: 'a cat', start_image: 'file:///tmp/a.png', duration: 10 }), []);
    assert.deepEqual(validateModelInput(kling, { prompt: 'x', start_image: 'data:image/png;base64,AAAA' }), []);
    assert.deepEqual(
      validateModelInput(fal, { prompt: 'x', image_url: IMG, image_size: { width: 640, height: 480 } }),
      [],
    );
  });

  test('enums (inline and through allOf $ref) name the field and its choices', () => {
    assert.deepEqual(validateModelInput(kling, { prompt: 'x', duration: 7 }), ['duration must be one of 5, 10']);
    assert.deepEqual(validateModelInput(cog, { prompt: 'x', start_image: IMG, duration: 7 }), [
      'duration must be one of 5, 10',
    ]);
  });

  test('missing required inputs, bounds, types and lengths', () => {
    assert.deepEqual(validateModelInput(cog, {}).sort(), ['prompt is required', 'start_image is required']);
    assert.deepEqual(validateModelInput(kling, { prompt: 'x', cfg_scale: 2 }), ['cfg_scale must be at most 1']);
    assert.deepEqual(validateModelInput(kling, { prompt: 'x', cfg_scale: 'high' }), ['cfg_scale must be a number']);
    assert.deepEqual(validateModelInput(cog, { prompt: 'x', start_image: IMG, negative_prompt: 'n'.repeat(501) }), [
      'negative_prompt must be at most 500 characters',
    ]);
  });

  test('OpenAPI nullable accepts null; a wrong type says it may be left empty', () => {
    assert.deepEqual(validateModelInput(cog, { prompt: 'x', start_image: IMG, fps: null, api_key: null }), []);
    assert.deepEqual(validateModelInput(cog, { prompt: 'x', start_image: IMG, fps: 2.5 }), [
      'fps must be a whole number (or left empty)',
    ]);
    assert.deepEqual(validateModelInput(cog, { prompt: 'x', start_image: IMG, fps: 0 }), ['fps must be at least 1']);
  });

  test('fal unions: a bad preset lists the presets; a bad object names the nested input', () => {
    assert.deepEqual(validateModelInput(fal, { prompt: 'x', image_url: IMG, image_size: 'huge' }), [
      'image_size must be one of square_hd, square, portrait_4_3, portrait_16_9, landscape_4_3, landscape_16_9',
    ]);
    assert.deepEqual(validateModelInput(fal, { prompt: 'x', image_url: IMG, image_size: { width: 0 } }), [
      'image_size.width must be at least 1',
    ]);
    assert.deepEqual(validateModelInput(fal, { prompt: 'x', image_url: IMG, num_frames: 500 }), [
      'num_frames must be at most 161',
    ]);
    assert.deepEqual(validateModelInput(fal, { prompt: 'x', image_url: IMG, num_frames: null }), []);
  });

  test('numeric-string enums refuse numbers; lists name the item', () => {
    assert.deepEqual(validateModelInput(fal, { prompt: 'x', image_url: IMG, duration: 5 }), [
      'duration must be one of 5, 10',
    ]);
    assert.deepEqual(
      validateModelInput(fal, { prompt: 'x', image_url: IMG, reference_image_urls: [IMG, 3, IMG, IMG, IMG] }).sort(),
      ['reference_image_urls takes at most 4 items', 'reference_image_urls[1] must be text'],
    );
    assert.deepEqual(validateModelInput(fal, { prompt: 'x', image_url: IMG, loras: [{ scale: 2 }] }), [
      'loras[0].path is required',
    ]);
  });

  test('a numeric exclusiveMinimum (pydantic gt=0) inside a nullable union', () => {
    const voice = schemaFromFal(falVoiceDoc, id(FAL_VOICE));
    const ok = { gen_text: 'hi', ref_audio_url: IMG };
    assert.deepEqual(validateModelInput(voice, { ...ok, speed: 0 }), ['speed must be more than 0']);
    assert.deepEqual(validateModelInput(voice, { ...ok, speed: null }), []);
  });

  test('OpenAPI 3.0 boolean exclusiveMinimum beside minimum', () => {
    const s = schemaFromCog(
      {
        components: {
          schemas: {
            Input: { type: 'object', properties: { g: { type: 'number', minimum: 0, exclusiveMinimum: true } } },
          },
        },
      },
      id('acme/x'),
    );
    assert.deepEqual(validateModelInput(s, { g: 0 }), ['g must be more than 0']);
    assert.deepEqual(validateModelInput(s, { g: 0.1 }), []);
  });

  test('a document the validator cannot compile (a dangling $ref) is checked by its fields', () => {
    const s = schemaFromCog(
      {
        components: {
          schemas: {
            Input: {
              type: 'object',
              required: ['prompt'],
              properties: {
                prompt: { type: 'string' },
                steps: { type: 'integer', maximum: 50 },
                mode: { allOf: [{ $ref: '#/components/schemas/Missing' }] },
              },
            },
          },
        },
      },
      id('acme/broken'),
    );
    assert.deepEqual(validateModelInput(s, { steps: 60, mode: 'x' }).sort(), [
      'prompt is required',
      'steps must be at most 50',
    ]);
  });

  test('inputs a reference fills at submit count as present', () => {
    assert.deepEqual(validateModelInput(cog, { prompt: 'x' }, { refs: [{ field: 'start_image' }] }), []);
    assert.deepEqual(
      validateModelInput(
        fal,
        { prompt: 'x' },
        { refs: [{ field: 'image_url' }, { field: 'reference_image_urls', index: 1 }] },
      ),
      [],
    );
  });
});

describe('catalog fields without a schema', () => {
  const fields: ModelField[] = [
    { name: 'prompt', type: 'text', label: 'Prompt', required: true },
    { name: 'duration', type: 'enum', label: 'Duration', options: [5, 10] },
    { name: 'steps', type: 'integer', label: 'Steps', min: 1, max: 50 },
    { name: 'image', type: 'file', label: 'Image', required: true, media: 'image' },
    { name: 'voice_setting.speed', type: 'number', label: 'Speed', min: 0.5, max: 2 },
    { name: 'seed', type: 'integer', label: 'Seed', nullable: true },
  ];

  test('the same messages as a schema would give, dotted names nested', () => {
    assert.deepEqual(
      validateModelInput(fields, { prompt: 'x', image: IMG, duration: 5, voice_setting: { speed: 1 } }),
      [],
    );
    assert.deepEqual(
      validateModelInput(fields, { duration: 7, steps: 0, image: IMG, voice_setting: { speed: 3 }, seed: null }).sort(),
      [
        'duration must be one of 5, 10',
        'prompt is required',
        'steps must be at least 1',
        'voice_setting.speed must be at most 2',
      ],
    );
  });

  test('a curated catalog model validates with its own fields', () => {
    const model = findModel('fal', 'fal-ai/flux/schnell');
    assert.ok(model);
    assert.deepEqual(validateModelInput(model.fields, { prompt: 'x', num_images: 2 }), []);
    assert.deepEqual(validateModelInput(model.fields, { prompt: 'x', num_images: 9 }), [
      'num_images must be at most 4',
    ]);
  });
});
