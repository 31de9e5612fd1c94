// The schema benchmark: 100 form lookups over 5 model versions (Replicate through the real client,
// fal through the Platform API, both on the emulator over loopback) should read each schema once;
// then how long a big Input schema takes to become form fields and a compiled validator.
// Run: node --import tsx bench/schemaBench.ts
import { performance } from 'node:perf_hooks';
import type { ProviderId } from '../src/core/jobTypes';
import { validateModelInput } from '../src/core/schemas/inputValidation';
import { schemaFromCog, schemaFromFal } from '../src/core/schemas/openApiDocs';
import { SchemaCache, type SchemaStorePort } from '../src/core/schemas/schemaCache';
import { fieldsFromSchema } from '../src/core/schemas/schemaFields';
import { createFalSchemaFetcher } from '../src/providers/fal/falModelSchema';
import { createReplicateSchemaFetcher } from '../src/providers/replicate/replicateSchema';
import { startEmulator } from '../test/emulator/providerEmulator';
import {
  COG_ANIMATOR,
  COG_ANIMATOR_V1,
  FAL_ANIMATOR,
  FAL_VOICE,
  falAnimatorDoc,
  KLING,
} from '../test/emulator/schemaFixtures';
import { schemaFetches } from '../test/emulator/schemaRoutes';

const LOOKUPS = 100;
const BIG_PROPERTIES = 400;
const ROUNDS = 50;

async function fetchesPerLookup(): Promise<void> {
  const emu = await startEmulator();
  try {
    const data = new Map<string, string>();
    const store: SchemaStorePort = {
      get: async (k) => {
        const v = data.get(k);
        return v === undefined ? undefined : (JSON.parse(v) as unknown);
      },
      put: async (k, v) => void data.set(k, JSON.stringify(v)),
    };
    const cache = new SchemaCache({
      store,
      fetchers: {
        replicate: createReplicateSchemaFetcher({ auth: () => 'r8_bench', baseUrl: emu.replicateBaseUrl }),
        fal: createFalSchemaFetcher({ credentials: () => 'bench:key', platformBaseUrl: emu.falBaseUrl }),
      },
      onStoreError: (err) => {
        throw err;
      },
    });
    const models: [ProviderId, string][] = [
      ['replicate', COG_ANIMATOR],
      ['replicate', `${COG_ANIMATOR}:${COG_ANIMATOR_V1}`],
      ['replicate', KLING],
      ['fal', FAL_ANIMATOR],
      ['fal', FAL_VOICE],
    ];
    const t0 = performance.now();
    // Half at once (a batch opening forms together), half one after another.
    await Promise.all(Array.from({ length: LOOKUPS / 2 }, (_, i) => lookup(cache, models[i % models.length])));
    for (let i = 0; i < LOOKUPS / 2; i++) await lookup(cache, models[i % models.length]);
    const ms = performance.now() - t0;
    const fetches = schemaFetches(emu, 'replicate') + schemaFetches(emu, 'fal');
    console.log(`\nModel schemas: ${LOOKUPS} lookups of ${models.length} model versions`);
    console.log(`  schema reads: ${fetches} (expected ${models.length}), ${ms.toFixed(1)} ms in all`);
  } finally {
    await emu.close();
  }
}

async function lookup(cache: SchemaCache, m: [ProviderId, string] | undefined): Promise<void> {
  if (!m) return;
  const r = await cache.lookup(m[0], m[1]);
  if (!r.ok) throw new Error(`${m[1]}: ${r.failure.message}`);
}

function bigSchema() {
  const props: Record<string, unknown> = {};
  const enums: Record<string, unknown> = {};
  for (let i = 0; i < BIG_PROPERTIES; i++) {
    const name = `input_${i}`;
    const kind = i % 5;
    if (kind === 0) {
      enums[name] = { title: name, description: 'An enumeration.', enum: ['a', 'b', 'c', 'd'], type: 'string' };
      props[name] = { allOf: [{ $ref: `#/components/schemas/${name}` }], default: 'a', 'x-order': BIG_PROPERTIES - i };
    } else if (kind === 1)
      props[name] = { type: 'integer', minimum: 0, maximum: 100, nullable: true, 'x-order': BIG_PROPERTIES - i };
    else if (kind === 2)
      props[name] = { type: 'string', format: 'uri', description: 'an image', 'x-order': BIG_PROPERTIES - i };
    else if (kind === 3)
      props[name] = { type: 'array', items: { type: 'string', format: 'uri' }, 'x-order': BIG_PROPERTIES - i };
    else props[name] = { type: 'string', maxLength: 1000, default: '', 'x-order': BIG_PROPERTIES - i };
  }
  const doc = {
    components: { schemas: { Input: { type: 'object', properties: props, required: ['input_2'] }, ...enums } },
  };
  return schemaFromCog(doc, { model: 'bench/big', version: 'v', fetchedAt: 0 });
}

function fieldTimes(): void {
  const schema = bigSchema();
  const t0 = performance.now();
  let fields = 0;
  for (let i = 0; i < ROUNDS; i++) fields = fieldsFromSchema(schema).length;
  const perConvert = (performance.now() - t0) / ROUNDS;
  const t1 = performance.now();
  validateModelInput(schema, { input_2: 'https://example.com/a.png' });
  const compileMs = performance.now() - t1;
  const t2 = performance.now();
  for (let i = 0; i < ROUNDS; i++) validateModelInput(schema, { input_2: 'https://example.com/a.png', input_1: 500 });
  const perValidate = (performance.now() - t2) / ROUNDS;
  const typical = schemaFromFal(falAnimatorDoc, { model: FAL_ANIMATOR, version: 'v', fetchedAt: 0 });
  const t3 = performance.now();
  validateModelInput(typical, { prompt: 'x', image_url: 'https://example.com/a.png' });
  const typicalMs = performance.now() - t3;
  console.log(`\nA typical model (${FAL_ANIMATOR}): validator compiled in ${typicalMs.toFixed(1)} ms`);
  console.log(`\nA big Input schema: ${BIG_PROPERTIES} properties (${fields} fields)`);
  console.log(`  schema → fields: ${perConvert.toFixed(2)} ms each (${ROUNDS} rounds)`);
  console.log(`  validator: ${compileMs.toFixed(1)} ms to compile once, then ${perValidate.toFixed(3)} ms per check`);
}

async function main(): Promise<void> {
  await fetchesPerLookup();
  fieldTimes();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
