// Keys are masked in a job's error and logs before the registry stores them, not only on display.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../src/core/errors';
import { createJob } from '../../../src/core/jobFactory';
import { JobRegistry } from '../../../src/core/jobRegistry';
import { FakeClock } from '../../fakes/fakeClock';
import { MemoryJobStore } from '../../fakes/memoryJobStore';
import { makeHarness, spec } from './engineHarness';

const FAL_KEY = '4c1b5f2e-1234-4abc-9def-0123456789ab:0123456789abcdef0123456789abcdef';
const SHORT_SECRET = 'plainsecret42'; // not key-shaped: masked only because it is a known key
const R8_TOKEN = 'r8_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';

async function savedText(store: MemoryJobStore): Promise<string> {
  return JSON.stringify(await store.load());
}

describe('job registry: keys never stored', () => {
  it('masks known keys in error message, error detail and log lines, in memory and in the saved registry', async () => {
    const clock = new FakeClock();
    const store = new MemoryJobStore();
    const reg = new JobRegistry({ store, clock, secrets: () => [FAL_KEY, SHORT_SECRET] });
    const job = reg.add(createJob(spec(), 'j1', clock.now()));
    reg.transition(job.id, 'submitting');
    reg.update(job.id, { logs: [`using ${SHORT_SECRET}`, 'step 1/4'] });
    reg.transition(job.id, 'failed', {
      error: { category: 'auth', message: `bad key ${SHORT_SECRET}`, detail: `Key ${FAL_KEY}`, retryable: false },
    });
    await reg.saveNow();
    const stored = reg.get(job.id);
    assert.equal(stored?.logs[1], 'step 1/4', 'ordinary text untouched');
    for (const text of [JSON.stringify(stored), await savedText(store)]) {
      assert.ok(!text.includes(SHORT_SECRET), 'known secret masked');
      assert.ok(!text.includes('0123456789abcdef0123456789abcdef'), 'fal key masked');
      assert.match(text, /‹redacted›/);
    }
  });

  it('masks key-shaped tokens even when no key is known', async () => {
    const clock = new FakeClock();
    const store = new MemoryJobStore();
    const reg = new JobRegistry({ store, clock });
    const job = reg.add(createJob(spec(), 'j1', clock.now()));
    reg.update(job.id, { logs: [`Authorization: Bearer ${R8_TOKEN}`] });
    await reg.saveNow();
    assert.ok(!JSON.stringify(reg.get(job.id)).includes(R8_TOKEN));
    assert.ok(!(await savedText(store)).includes(R8_TOKEN));
  });

  it('the engine masks a provider error that echoes the key (engine option secrets)', async () => {
    const h = makeHarness({}, { secrets: () => [SHORT_SECRET] });
    h.provider.fail(
      'submit',
      new ProviderError({ category: 'auth', message: 'rejected', detail: `token ${SHORT_SECRET} invalid` }),
    );
    await h.engine.start();
    const job = h.engine.submit(spec());
    await h.clock.advance(5_000);
    await h.engine.flush();
    const done = h.engine.get(job.id);
    assert.equal(done?.state, 'failed');
    assert.equal(done?.error?.detail, 'token ‹redacted› invalid');
    assert.ok(!(await savedText(h.store)).includes(SHORT_SECRET));
  });
});
