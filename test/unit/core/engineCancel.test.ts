// Cancels that race the engine's own steps: during the durable save before a create, and after
// the provider accepted a cancel but answers ambiguously (no documented "cancelled" marker).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeHarness, settleAll, spec } from './engineHarness';

describe('engine: cancel', () => {
  it('a cancel that arrives while the submitting state is being saved sends no create and ends canceled', async () => {
    const h = makeHarness();
    await h.engine.start();
    const job = h.engine.submit(spec());
    let release: () => void = () => undefined;
    const realSave = h.store.save.bind(h.store);
    h.store.save = async (reg) => {
      await new Promise<void>((r) => {
        release = r;
      });
      return realSave(reg);
    };
    await h.clock.advance(1);
    assert.equal(h.engine.get(job.id)?.state, 'submitting');
    const cancelled = h.engine.cancel(job.id);
    h.store.save = realSave;
    release();
    await cancelled;
    await settleAll(h);
    assert.equal(h.provider.counts.submit, 0, 'no create was sent');
    assert.equal(h.engine.get(job.id)?.state, 'canceled');
  });
});
