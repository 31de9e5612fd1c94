// The schema cache: one read per model version, shared by concurrent lookups, kept through the
// store, re-read when the pointer is old (and then a new version replaces the old one), never
// storing a failure; and the form's fallbacks with the sentence that says why.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadModelInputs, RAW_INPUT_FIELD, spreadRawInput } from '../../../src/core/schemas/modelInputs';
import { schemaFromCog, schemaFromFal } from '../../../src/core/schemas/openApiDocs';
import { SchemaCache, type SchemaStorePort } from '../../../src/core/schemas/schemaCache';
import { type FetchedSchema, SchemaFetchError, splitModelRef } from '../../../src/core/schemas/schemaTypes';
import {
  COG_ANIMATOR,
  cogAnimatorV1,
  cogAnimatorV2,
  FAL_ANIMATOR,
  falAnimatorDoc,
} from '../../emulator/schemaFixtures';

const HOUR = 3600_000;
const onStoreError = (err: unknown) => assert.fail(`unexpected store error: ${String(err)}`);

/** A store like the host's JSON file: values go through JSON, so nothing is shared by reference. */
function jsonStore(): SchemaStorePort & { data: Map<string, string>; puts: number } {
  const data = new Map<string, string>();
  const store = {
    data,
    puts: 0,
    get: async (key: string) => {
      const v = data.get(key);
      return v === undefined ? undefined : (JSON.parse(v) as unknown);
    },
    put: async (key: string, value: unknown) => {
      store.puts++;
      data.set(key, JSON.stringify(value));
    },
  };
  return store;
}

/**
 * Stands in for the Replicate reader: like the real one it answers the latest version for
 * "owner/name" and the pinned one for "owner/name:version", after a network delay, and throws
 * SchemaFetchError when offline.
 */
function fakeReplicate(clock: { now: number }) {
  const state = { calls: 0, latest: 'v2', offline: false };
  const docs: Record<string, unknown> = { v1: cogAnimatorV1, v2: cogAnimatorV2 };
  const fetcher = async (ref: string): Promise<FetchedSchema> => {
    state.calls++;
    await new Promise((r) => setTimeout(r, 5));
    if (state.offline) throw new SchemaFetchError('offline', 'Replicate is unreachable: ECONNREFUSED');
    const { model, version } = splitModelRef(ref);
    const v = version ?? state.latest;
    return schemaFromCog(docs[v], { model, version: v, fetchedAt: clock.now });
  };
  return { state, fetcher };
}

function setup() {
  const clock = { now: Date.UTC(2026, 11, 1, 12) };
  const rep = fakeReplicate(clock);
  const store = jsonStore();
  const make = () =>
    new SchemaCache({
      store,
      fetchers: { replicate: rep.fetcher },
      now: () => clock.now,
      maxAgeMs: HOUR,
      onStoreError,
    });
  return { clock, rep, store, cache: make(), make };
}

describe('schema cache', () => {
  test('100 lookups of one model read it once; concurrent lookups share the read', async () => {
    const { rep, cache, store } = setup();
    const first = await Promise.all(Array.from({ length: 10 }, () => cache.lookup('replicate', COG_ANIMATOR)));
    assert.equal(rep.state.calls, 1);
    assert.ok(first.every((r) => r.ok && r.schema === (first[0] as { schema: FetchedSchema }).schema));
    for (let i = 0; i < 90; i++) await cache.lookup('replicate', COG_ANIMATOR);
    assert.equal(rep.state.calls, 1);
    assert.equal(store.puts, 2, 'the schema and the latest-version pointer, once each');
  });

  test('the store keeps schemas across a restart; a pinned version is read once and never again', async () => {
    const { rep, make, clock } = setup();
    await make().lookup('replicate', COG_ANIMATOR);
    const again = await make().lookup('replicate', COG_ANIMATOR);
    assert.ok(again.ok && again.fromCache);
    assert.equal(rep.state.calls, 1);
    clock.now += 1000 * HOUR;
    const pinned = make();
    await pinned.lookup('replicate', `${COG_ANIMATOR}:v1`);
    const r = await make().lookup('replicate', `${COG_ANIMATOR}:v1`);
    assert.ok(r.ok && r.schema.version === 'v1');
    assert.equal(rep.state.calls, 2);
  });

  test('an old pointer is checked again; a new version replaces the fields, the same version keeps its object', async () => {
    const { rep, cache, clock } = setup();
    const a = await cache.lookup('replicate', COG_ANIMATOR);
    clock.now += 2 * HOUR;
    const same = await cache.lookup('replicate', COG_ANIMATOR);
    assert.equal(rep.state.calls, 2);
    assert.ok(a.ok && same.ok && same.schema === a.schema && !same.fromCache);
    rep.state.latest = 'v1';
    const fresh = await cache.lookup('replicate', COG_ANIMATOR, { refresh: true });
    assert.equal(rep.state.calls, 3);
    assert.ok(fresh.ok && fresh.schema.version === 'v1');
    assert.deepEqual(Object.keys(fresh.schema.input.properties as object), ['prompt']);
  });

  test('a failure is not stored: the next lookup asks again, and the last good schema comes with it', async () => {
    const { rep, cache, clock, store } = setup();
    rep.state.offline = true;
    const none = await cache.lookup('replicate', COG_ANIMATOR);
    assert.ok(!none.ok && none.failure.kind === 'offline' && none.stale === undefined);
    assert.equal(store.data.size, 0);
    rep.state.offline = false;
    assert.ok((await cache.lookup('replicate', COG_ANIMATOR)).ok);
    assert.equal(rep.state.calls, 2);
    clock.now += 2 * HOUR;
    rep.state.offline = true;
    const stale = await cache.lookup('replicate', COG_ANIMATOR);
    assert.ok(!stale.ok && stale.stale?.version === 'v2');
    assert.equal(rep.state.calls, 3);
  });

  test('a store that cannot be read or written is reported; the schema still comes, once', async () => {
    const clock = { now: 0 };
    const rep = fakeReplicate(clock);
    const errors: string[] = [];
    const broken: SchemaStorePort = {
      get: async () => {
        throw new Error('EACCES: read');
      },
      put: async () => {
        throw new Error('ENOSPC: write');
      },
    };
    const cache = new SchemaCache({
      store: broken,
      fetchers: { replicate: rep.fetcher },
      onStoreError: (e) => errors.push((e as Error).message),
    });
    assert.ok((await cache.lookup('replicate', COG_ANIMATOR)).ok);
    assert.ok((await cache.lookup('replicate', COG_ANIMATOR)).ok);
    assert.equal(rep.state.calls, 1);
    assert.ok(errors.includes('EACCES: read') && errors.includes('ENOSPC: write'));
  });

  test('a damaged store record reads as missing', async () => {
    const { rep, store, make } = setup();
    store.data.set('latest:replicate:acme/cog-animator', JSON.stringify({ version: 'v2', checkedAt: Date.now() }));
    store.data.set('schema:replicate:acme/cog-animator@v2', JSON.stringify({ provider: 'replicate', input: 'broken' }));
    const r = await make().lookup('replicate', COG_ANIMATOR);
    assert.ok(r.ok && !r.fromCache);
    assert.equal(rep.state.calls, 1);
  });
});

describe('model inputs with fallbacks', () => {
  const falSchema = (at: number) =>
    schemaFromFal(falAnimatorDoc, { model: FAL_ANIMATOR, version: '2026-11-20T10:00:00Z', fetchedAt: at });

  test('a hand-typed id gets its real fields and schema', async () => {
    const cache = new SchemaCache({ store: jsonStore(), fetchers: { fal: async () => falSchema(0) }, onStoreError });
    const r = await loadModelInputs(cache, 'fal', ` ${FAL_ANIMATOR} `, 'video');
    assert.equal(r.source, 'schema');
    assert.equal(r.reason, undefined);
    assert.equal(r.model.id, FAL_ANIMATOR);
    assert.ok(r.model.fields.some((f) => f.name === 'image_url' && f.type === 'file'));
    assert.ok(r.schema);
  });

  test('offline with no schema: a prompt and a JSON field, and the reason says so', async () => {
    const offline = async (): Promise<FetchedSchema> => {
      throw new SchemaFetchError('offline', 'fal is unreachable');
    };
    const cache = new SchemaCache({ store: jsonStore(), fetchers: { fal: offline }, onStoreError });
    const r = await loadModelInputs(cache, 'fal', 'someone/new-model', 'image');
    assert.equal(r.source, 'json');
    assert.deepEqual(
      r.model.fields.map((f) => [f.name, f.type]),
      [
        ['prompt', 'text'],
        [RAW_INPUT_FIELD, 'json'],
      ],
    );
    assert.equal(r.reason, "Could not read the model's inputs from fal (offline); type its other inputs as JSON");
  });

  test('a curated model is the fast path; asked for its live schema offline, it falls back to the catalog', async () => {
    let calls = 0;
    const offline = async (): Promise<FetchedSchema> => {
      calls++;
      throw new SchemaFetchError('offline', 'fal is unreachable');
    };
    const cache = new SchemaCache({ store: jsonStore(), fetchers: { fal: offline }, onStoreError });
    const fast = await loadModelInputs(cache, 'fal', 'fal-ai/flux/schnell', 'image');
    assert.deepEqual([fast.source, fast.reason, calls], ['catalog', undefined, 0]);
    const live = await loadModelInputs(cache, 'fal', 'fal-ai/flux/schnell', 'image', { preferSchema: true });
    assert.equal(live.source, 'catalog');
    assert.ok(live.model.price, 'the catalog entry keeps its price');
    assert.equal(live.reason, "Could not read the model's inputs from fal (offline); showing the catalog's fields");
  });

  test('a curated model with its live schema keeps its price and label, with the schema fields', async () => {
    const doc = {
      paths: {
        '/fal-ai/flux/schnell': {
          post: {
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/SchnellInput' } } } },
          },
        },
      },
      components: {
        schemas: {
          SchnellInput: {
            type: 'object',
            required: ['prompt'],
            properties: {
              prompt: { type: 'string' },
              num_images: { type: 'integer', minimum: 1, maximum: 8, default: 1 },
            },
          },
        },
      },
    };
    const live = async (): Promise<FetchedSchema> =>
      schemaFromFal(doc, { model: 'fal-ai/flux/schnell', version: 'u1', fetchedAt: 0 });
    const cache = new SchemaCache({ store: jsonStore(), fetchers: { fal: live }, onStoreError });
    const r = await loadModelInputs(cache, 'fal', 'fal-ai/flux/schnell', 'image', { preferSchema: true });
    assert.equal(r.source, 'schema');
    assert.ok(r.model.price && !r.model.custom);
    assert.equal(r.model.promptField, 'prompt');
    assert.deepEqual(
      r.model.fields.map((f) => [f.name, f.max]),
      [
        ['prompt', undefined],
        ['num_images', 8],
      ],
    );
  });

  test('an older reading is shown with its date when the provider cannot be asked', async () => {
    const clock = { now: Date.UTC(2026, 11, 1) };
    let offline = false;
    const cache = new SchemaCache({
      store: jsonStore(),
      onStoreError,
      now: () => clock.now,
      maxAgeMs: HOUR,
      fetchers: {
        fal: async () => {
          if (offline) throw new SchemaFetchError('auth', 'fal refused the API key', 401);
          return falSchema(clock.now);
        },
      },
    });
    await loadModelInputs(cache, 'fal', FAL_ANIMATOR, 'video');
    clock.now += 2 * HOUR;
    offline = true;
    const r = await loadModelInputs(cache, 'fal', FAL_ANIMATOR, 'video');
    assert.equal(r.source, 'schema');
    assert.equal(
      r.reason,
      'Could not check fal for newer inputs (the API key was refused or is missing); showing the inputs read on 2026-12-01',
    );
  });

  test('the JSON field spreads into the input; named fields win; bad JSON is a clear error', () => {
    assert.deepEqual(spreadRawInput({ prompt: 'a', [RAW_INPUT_FIELD]: '{"seed": 4, "prompt": "b"}' }), {
      seed: 4,
      prompt: 'a',
    });
    assert.deepEqual(spreadRawInput({ prompt: 'a', [RAW_INPUT_FIELD]: '' }), { prompt: 'a' });
    assert.throws(() => spreadRawInput({ [RAW_INPUT_FIELD]: '{seed' }), /Other inputs \(JSON\) is not valid JSON/);
    assert.throws(() => spreadRawInput({ [RAW_INPUT_FIELD]: '[1]' }), /must be a JSON object/);
  });
});
