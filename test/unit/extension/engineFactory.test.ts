// The host builds its engine so that the keys in use are masked in job errors before storing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProviderError } from '../../../src/core/errors';
import { engineMaker } from '../../../src/extension/host/engineFactory';
import type { ApiKeys } from '../../../src/extension/keys/apiKeys';
import { FakeClock } from '../../fakes/fakeClock';
import { MemoryJobStore } from '../../fakes/memoryJobStore';
import { ScriptedProvider } from '../../fakes/scriptedProvider';

test('the host engine masks the API keys in a job error before it is stored', async () => {
  const secret = 'plainsecret42';
  const keys = { all: () => [secret] } as unknown as ApiKeys;
  const clock = new FakeClock();
  const provider = new ScriptedProvider({ clock });
  provider.fail('submit', new ProviderError({ category: 'auth', message: 'rejected', detail: `token ${secret}` }));
  const store = new MemoryJobStore();
  const engine = engineMaker(keys)({
    providers: { replicate: provider },
    store,
    assets: { importTake: async () => ({ localPath: 'x.png', bytes: 1 }) },
    clock,
  });
  await engine.start();
  const job = engine.submit({ provider: 'replicate', model: 'a/b', modality: 'image', input: { prompt: 'p' } });
  await clock.advance(5_000);
  await engine.flush();
  assert.equal(engine.get(job.id)?.error?.detail, 'token ‹redacted›');
  assert.ok(!JSON.stringify(await store.load()).includes(secret));
  await engine.dispose();
});
