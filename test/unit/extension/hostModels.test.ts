// The host's model knowledge over loopback: a hand-typed Replicate id gets its real input form from
// the (emulated) schema through the real client, shown in the Production Queue's model options with
// where it came from; inputs are checked against that schema before anything is sent.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { JobSpec } from '../../../src/core/jobTypes';
import { PriceBook } from '../../../src/core/prices/priceBook';
import { SchemaCache } from '../../../src/core/schemas/schemaCache';
import { formNote, HostModels } from '../../../src/extension/models/hostModels';
import { type ModelFormLookup, modelOptions } from '../../../src/extension/queue/modelOptions';
import { createReplicateSchemaFetcher } from '../../../src/providers/replicate/replicateSchema';
import { type ProviderEmulator, startEmulator } from '../../emulator/providerEmulator';
import { COG_ANIMATOR } from '../../emulator/schemaFixtures';
import { schemaFetches } from '../../emulator/schemaRoutes';

const TOKEN = 'r8_hostmodels';
let emu: ProviderEmulator;

before(async () => {
  emu = await startEmulator({ replicateToken: TOKEN });
});
after(() => emu.close());
beforeEach(() => emu.reset());

function models(): HostModels {
  const entries = new Map<string, unknown>();
  const schemas = new SchemaCache({
    store: { get: async (k) => entries.get(k), put: async (k, v) => void entries.set(k, v) },
    fetchers: { replicate: createReplicateSchemaFetcher({ auth: () => TOKEN, baseUrl: emu.replicateBaseUrl }) },
    onStoreError: () => undefined,
  });
  return new HostModels(schemas, new PriceBook());
}

const readForm = (m: HostModels) =>
  new Promise<void>((resolve) => {
    const sub = m.onDidReadForm(() => {
      sub.dispose();
      resolve();
    });
  });

describe('hand-typed model ids', () => {
  test('the queue offers a typed Replicate id with its schema fields once read, saying where they came from', async () => {
    const m = models();
    const used = [{ provider: 'replicate' as const, model: COG_ANIMATOR, modality: 'video' as const }];
    const lookup: ModelFormLookup = (p, id, modality) => {
      const form = m.formOf(p, id, modality);
      return form && { model: form.model, note: formNote(form) };
    };
    const before = modelOptions(used, () => undefined, lookup).find((o) => o.model === COG_ANIMATOR);
    assert.match(before?.inputsNote ?? '', /Reading this model's inputs from Replicate/);
    assert.deepEqual(before?.fields, []);
    await readForm(m);
    const after = modelOptions(used, () => undefined, lookup).find((o) => o.model === COG_ANIMATOR);
    assert.match(after?.inputsNote ?? '', /Inputs read from Replicate's schema of version 2{12} on \d{4}-\d\d-\d\d/);
    const names = after?.fields.map((f) => f.name) ?? [];
    assert.ok(names.includes('duration') && names.includes('fps'), names.join(', '));
    assert.ok(!names.includes('prompt'), 'the prompt has its own box');
    assert.ok(!names.includes('start_image'), 'file fields are refs, not params');
    assert.ok(!names.includes('api_key'), 'a secret input is never offered in a form that writes to the file');
    assert.match(
      after?.inputsNote ?? '',
      /on \d{4}-\d\d-\d\d\. Not offered here: Api Key \(a secret; the shot list is a file/,
    );
    // An object input is edited as JSON (sent as an object), not as a plain string.
    assert.equal(after?.fields.find((f) => f.name === 'extra_settings')?.kind, 'json');
    // Read once, however often the views are built.
    modelOptions(used, () => undefined, lookup);
    assert.equal(schemaFetches(emu, 'replicate', COG_ANIMATOR), 1);
  });

  test('catalog models are never read, and offline ones never leave the machine', () => {
    const m = models();
    assert.equal(m.formOf('replicate', 'black-forest-labs/flux-schnell', 'image'), undefined);
    assert.equal(m.formOf('local', 'local/image', 'image'), undefined);
    assert.equal(emu.requestLog().length, 0);
  });

  test('inputs are checked against the schema before sending: a bad enum value is named, a good input passes', async () => {
    const m = models();
    const spec = (input: Record<string, unknown>): JobSpec => ({
      provider: 'replicate',
      model: COG_ANIMATOR,
      modality: 'video',
      input,
    });
    const bad = await m.problems([spec({ prompt: 'a fox', start_image: 'https://x/a.png', duration: 7 })]);
    assert.equal(bad.length, 1, bad.join('\n'));
    assert.match(bad[0] ?? '', /^acme\/cog-animator: duration must be one of/);
    assert.deepEqual(await m.problems([spec({ prompt: 'a fox', start_image: 'https://x/a.png' })]), []);
  });

  test('references are checked against their fields before sending: type, size, and a field the model lacks', async () => {
    const m = models();
    const ref = (field: string, path: string, bytes: number) => ({
      field,
      path,
      bytes,
      sha256: 'a'.repeat(64),
      contentType: 'application/octet-stream',
    });
    const spec = (refs: JobSpec['refs']): JobSpec => ({
      provider: 'local',
      model: 'local/talking-head',
      modality: 'video',
      input: { prompt: 'hello' },
      refs,
    });
    assert.deepEqual(
      await m.problems([spec([ref('image', 'cast/ada.png', 2048), ref('audio', 'vo/line.wav', 4096)])]),
      [],
    );
    const wrongType = await m.problems([spec([ref('image', 'vo/line.wav', 4096), ref('audio', 'vo/line.wav', 4096)])]);
    assert.match(
      wrongType.join('\n'),
      /line\.wav is not a file "Portrait" takes|line\.wav is not a file ".*" takes: it needs image/,
    );
    const tooBig = await m.problems([
      spec([ref('image', 'cast/ada.png', 60 * 1024 * 1024), ref('audio', 'vo/line.wav', 4096)]),
    ]);
    assert.match(tooBig.join('\n'), /ada\.png is 60 MB; ".*" takes at most 50 MB/);
    const stray = await m.problems([
      spec([ref('image', 'cast/ada.png', 2048), ref('audio', 'vo/line.wav', 4096), ref('mask', 'm.png', 10)]),
    ]);
    assert.match(stray.join('\n'), /mask is not an input of this model \(m\.png\)/);
  });

  test('a shot sent once its dependency is done is checked without its references, which do not exist yet', async () => {
    const m = models();
    const later: JobSpec = {
      provider: 'local',
      model: 'local/image-to-video',
      modality: 'video',
      input: { prompt: 'push in', duration: 5 },
    };
    assert.match((await m.problems([later])).join('\n'), /image/);
    assert.deepEqual(await m.problems([later], { refsComeLater: true }), []);
    const bad = { ...later, input: { prompt: 'push in', duration: 30 } };
    assert.match((await m.problems([bad], { refsComeLater: true })).join('\n'), /duration/);
  });
});
