// "Other model id…" in the palette: a typed Replicate id gets its real inputs from its schema (through the
// real client against the emulator), so its file input is asked as a reference and its prompt goes to the
// schema's prompt field; without a schema, the fallback says why.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import type { JobSpec } from '../../../src/core/jobTypes';
import { PriceBook } from '../../../src/core/prices/priceBook';
import { SchemaCache } from '../../../src/core/schemas/schemaCache';
import type { HostContext } from '../../../src/extension/host/hostContext';
import { HostModels } from '../../../src/extension/models/hostModels';
import { createReplicateSchemaFetcher } from '../../../src/providers/replicate/replicateSchema';
import { type ProviderEmulator, startEmulator } from '../../emulator/providerEmulator';
import { COG_ANIMATOR } from '../../emulator/schemaFixtures';
import { installFakeVscode } from '../../fakes/fakeVscodeModule';
import { paletteHostContext } from '../../fakes/paletteHostContext';
import { type FakeVscodeState, resetPalette } from '../../fakes/vscodeFakes';

const fake = installFakeVscode();
const state: FakeVscodeState = fake.state;
const { GenerateFlow } = fake.load(
  'src/extension/generate/generateFlow',
) as typeof import('../../../src/extension/generate/generateFlow');

const TOKEN = 'r8_typed';
type Items = { items: { label: string }[] };
const chooseLabel = (label: string) => (a: Items) => a.items.find((i) => i.label === label);
let emu: ProviderEmulator;
let ws: string;
let submitted: JobSpec[];

before(async () => {
  emu = await startEmulator({ replicateToken: TOKEN });
});
after(() => emu.close());

function context(): HostContext {
  const entries = new Map<string, unknown>();
  const schemas = new SchemaCache({
    store: { get: async (k) => entries.get(k), put: async (k, v) => void entries.set(k, v) },
    fetchers: { replicate: createReplicateSchemaFetcher({ auth: () => TOKEN, baseUrl: emu.replicateBaseUrl }) },
    onStoreError: () => undefined,
  });
  const models = new HostModels(schemas, new PriceBook());
  return paletteHostContext({ submitted, defaultProvider: 'replicate', budgetConfirmThreshold: 100, models });
}

beforeEach(() => {
  emu.reset();
  ws = join(mkdtempSync(join(tmpdir(), 'gq-typed-')), 'ws');
  mkdirSync(ws, { recursive: true });
  writeFileSync(join(ws, 'still.png'), 'png bytes');
  resetPalette(state, ws);
  submitted = [];
});

test('a typed Replicate id: its schema makes its file input a reference pick, and the job carries it', async () => {
  // Its other file inputs (a guide track, reference images) are optional: skipped.
  const skip = chooseLabel('$(arrow-right) Skip');
  state.quickPicks.push(chooseLabel('$(edit) Other model id…'), chooseLabel('still.png'), skip, skip);
  state.inputs.push(
    () => COG_ANIMATOR,
    () => 'a slow pan over the harbour',
  );
  await new GenerateFlow(context()).run('video');
  assert.equal(submitted.length, 1, JSON.stringify(state.messages));
  const spec = submitted[0];
  assert.equal(spec?.model, COG_ANIMATOR);
  assert.equal(spec?.input.prompt, 'a slow pan over the harbour');
  assert.deepEqual(
    spec?.refs?.map((r) => [r.field, r.path]),
    [['start_image', 'still.png']],
  );
  assert.deepEqual(state.messages, [], 'the schema was read: nothing to explain');
  assert.equal(state.quickPicks.length, 0, 'one pick per file input');
});

test('a typed id the provider does not know: the fallback form, and a note that says why', async () => {
  state.quickPicks.push(chooseLabel('$(edit) Other model id…'));
  state.inputs.push(
    () => 'acme/nothing-here',
    () => 'a fox',
  );
  await new GenerateFlow(context()).run('image');
  assert.match(state.messages[0]?.text ?? '', /Could not read the model's inputs from Replicate/);
  assert.equal(submitted.length, 1);
  assert.deepEqual(submitted[0]?.input, { prompt: 'a fox' });
});
