// The schema readers over loopback: the real `replicate` client (models.get, models.versions.get)
// and a plain fetch to fal's Platform API, against the emulator's schema routes; then the cache on
// top of them: one read per model version.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { validateModelInput } from '../../../src/core/schemas/inputValidation';
import { loadModelInputs } from '../../../src/core/schemas/modelInputs';
import { SchemaCache, type SchemaStorePort } from '../../../src/core/schemas/schemaCache';
import { SchemaFetchError, type SchemaFetcher } from '../../../src/core/schemas/schemaTypes';
import { createFalSchemaFetcher } from '../../../src/providers/fal/falModelSchema';
import { createReplicateSchemaFetcher } from '../../../src/providers/replicate/replicateSchema';
import { type ProviderEmulator, startEmulator } from '../../emulator/providerEmulator';
import {
  COG_ANIMATOR,
  COG_ANIMATOR_V1,
  COG_ANIMATOR_V2,
  FAL_ANIMATOR,
  FAL_NO_OPENAPI,
  KLING,
  KLING_VERSION,
  NO_VERSION_MODEL,
  OVERLOADED_MODEL,
} from '../../emulator/schemaFixtures';
import { schemaFetches } from '../../emulator/schemaRoutes';

const TOKEN = 'r8_schematoken';
const FAL_KEY = 'key-id:key-secret';
let emu: ProviderEmulator;
let replicate: SchemaFetcher;
let fal: SchemaFetcher;

before(async () => {
  emu = await startEmulator({ replicateToken: TOKEN, falKey: FAL_KEY });
  replicate = createReplicateSchemaFetcher({ auth: () => TOKEN, baseUrl: emu.replicateBaseUrl });
  fal = createFalSchemaFetcher({ credentials: () => FAL_KEY, platformBaseUrl: emu.falBaseUrl });
});
after(() => emu.close());
beforeEach(() => emu.reset());

const failsWith = (kind: string) => (e: unknown) => e instanceof SchemaFetchError && e.kind === kind;

describe('Replicate through the official client', () => {
  test('models.get reads the latest version and its Input', async () => {
    const s = await replicate(COG_ANIMATOR);
    assert.equal(s.version, COG_ANIMATOR_V2);
    assert.ok('start_image' in (s.input.properties as object));
    assert.equal(schemaFetches(emu, 'replicate', COG_ANIMATOR), 1);
    assert.equal(s.official, false);
    const k = await replicate(KLING);
    assert.equal(k.version, KLING_VERSION);
    assert.equal(k.official, true);
  });

  test('a pinned owner/name:version reads that version through models.versions.get', async () => {
    const s = await replicate(`${COG_ANIMATOR}:${COG_ANIMATOR_V1}`);
    assert.equal(s.version, COG_ANIMATOR_V1);
    assert.deepEqual(Object.keys(s.input.properties as object), ['prompt']);
    assert.ok(emu.requestLog().some((r) => r.path.endsWith(`/versions/${COG_ANIMATOR_V1}`)));
  });

  test('no published version, a wrong token, no token, an unknown version: each a clear kind', async () => {
    await assert.rejects(replicate(NO_VERSION_MODEL), failsWith('no-schema'));
    const wrong = createReplicateSchemaFetcher({ auth: () => 'r8_wrong', baseUrl: emu.replicateBaseUrl });
    await assert.rejects(wrong(COG_ANIMATOR), failsWith('auth'));
    const none = createReplicateSchemaFetcher({ auth: () => undefined, baseUrl: emu.replicateBaseUrl });
    await assert.rejects(none(COG_ANIMATOR), failsWith('auth'));
    await assert.rejects(replicate(`${COG_ANIMATOR}:${'9'.repeat(64)}`), failsWith('not-found'));
    await assert.rejects(replicate('not-a-model-id'), failsWith('not-found'));
  });

  test('a 503 is one request (the client does not retry it) and an http failure with its status', async () => {
    await assert.rejects(
      replicate(OVERLOADED_MODEL),
      (e: unknown) => e instanceof SchemaFetchError && e.kind === 'http' && e.status === 503,
    );
    assert.equal(schemaFetches(emu, 'replicate', OVERLOADED_MODEL), 1);
  });

  test('offline: a closed port is one failed request, not the client retrying', async () => {
    const dead = await startEmulator();
    const url = dead.replicateBaseUrl;
    await dead.close();
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const r = createReplicateSchemaFetcher({ auth: () => TOKEN, baseUrl: url, fetch: counting });
    await assert.rejects(r(COG_ANIMATOR), failsWith('offline'));
    assert.equal(calls, 1);
    const f = createFalSchemaFetcher({
      credentials: () => FAL_KEY,
      platformBaseUrl: url.replace('/replicate/v1', '/fal'),
    });
    await assert.rejects(f(FAL_ANIMATOR), failsWith('offline'));
  });
});

describe('fal through the Platform API', () => {
  test('find mode with the OpenAPI expansion; the key is sent when set', async () => {
    const s = await fal(FAL_ANIMATOR);
    assert.equal(s.version, '2026-11-20T10:00:00Z');
    assert.equal(s.category, 'image-to-video');
    assert.equal(s.displayName, 'Emu Animator');
    assert.ok('image_url' in (s.input.properties as object));
    const log = emu.requestLog().find((r) => r.path.startsWith('/fal/v1/models?'));
    assert.ok(log?.path.includes('expand=openapi-3.0'));
    assert.equal(schemaFetches(emu, 'fal', FAL_ANIMATOR), 1);
  });

  test('without a key it still reads (auth is optional there)', async () => {
    const anon = createFalSchemaFetcher({ credentials: () => undefined, platformBaseUrl: emu.falBaseUrl });
    assert.equal((await anon(FAL_ANIMATOR)).model, FAL_ANIMATOR);
  });

  test('an unknown id comes back without metadata: not-found; a model without OpenAPI: no-schema', async () => {
    await assert.rejects(fal('someone/unknown-model'), failsWith('not-found'));
    await assert.rejects(fal(FAL_NO_OPENAPI), failsWith('no-schema'));
  });
});

describe('the cache on the real readers', () => {
  const memoryStore = (): SchemaStorePort => {
    const m = new Map<string, unknown>();
    return { get: async (k) => structuredClone(m.get(k)), put: async (k, v) => void m.set(k, structuredClone(v)) };
  };

  test('many lookups of three models, some concurrent: one read each', async () => {
    const cache = new SchemaCache({
      store: memoryStore(),
      fetchers: { replicate, fal },
      onStoreError: (e) => assert.fail(String(e)),
    });
    const refs: ['replicate' | 'fal', string][] = [
      ['replicate', COG_ANIMATOR],
      ['replicate', KLING],
      ['fal', FAL_ANIMATOR],
    ];
    await Promise.all(Array.from({ length: 30 }, (_, i) => cache.lookup(...(refs[i % 3] as ['fal', string]))));
    for (let i = 0; i < 30; i++) await cache.lookup(...(refs[i % 3] as ['fal', string]));
    assert.equal(schemaFetches(emu, 'replicate'), 2);
    assert.equal(schemaFetches(emu, 'fal'), 1);
  });

  test('a failed read is not kept: the form says why, and the next open asks again', async () => {
    const cache = new SchemaCache({
      store: memoryStore(),
      fetchers: { replicate, fal },
      onStoreError: (e) => assert.fail(String(e)),
    });
    const first = await loadModelInputs(cache, 'replicate', OVERLOADED_MODEL, 'video');
    assert.equal(first.source, 'json');
    assert.equal(
      first.reason,
      "Could not read the model's inputs from Replicate (HTTP 503); type its other inputs as JSON",
    );
    await loadModelInputs(cache, 'replicate', OVERLOADED_MODEL, 'video');
    assert.equal(schemaFetches(emu, 'replicate', OVERLOADED_MODEL), 2);
  });

  test('an unknown Replicate model typed by hand shows its real form and validates against it', async () => {
    const cache = new SchemaCache({
      store: memoryStore(),
      fetchers: { replicate, fal },
      onStoreError: (e) => assert.fail(String(e)),
    });
    const r = await loadModelInputs(cache, 'replicate', COG_ANIMATOR, 'video');
    assert.equal(r.source, 'schema');
    assert.equal(r.model.promptField, 'prompt');
    assert.deepEqual(r.model.fields.find((f) => f.name === 'duration')?.options, [5, 10]);
    assert.ok(r.schema);
    assert.deepEqual(validateModelInput(r.schema, { prompt: 'x', duration: 3 }, { refs: [{ field: 'start_image' }] }), [
      'duration must be one of 5, 10',
    ]);
  });
});
