// Blocking failures: a rejected key, an account out of balance, or the same content-policy refusal
// on two shots holds the batch's waiting jobs with a reason, never skipping or failing them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../../src/core/errors';
import type { JobError } from '../../../../src/core/jobTypes';
import { makeHarness, settleAll, spec } from '../engineHarness';
import { shotSpecs } from './batchFixtures';

const policy: JobError = {
  category: 'billing-policy',
  message: 'Replicate blocked this job under its content policy. Change the prompt or input, then retry.',
  retryable: false,
};

function harness(failing: (prompt: string) => JobError | undefined) {
  return makeHarness(
    {
      plan: (req) => {
        const error = failing(String(req.input.prompt));
        return error ? { runMs: 2_000, outcome: 'failed', error } : { runMs: 2_000 };
      },
    },
    { limits: { replicate: { concurrency: 1 } } },
  );
}

async function heldAfter(h: ReturnType<typeof harness>, batchId: string) {
  await settleAll(h, 10 * 60_000);
  return h.engine.batchSummary(batchId);
}

describe('batches: blocking failures', () => {
  it('a rejected key holds the rest of the batch (auth), saying which provider, until resumed', async () => {
    const h = harness(() => undefined);
    h.provider.fail(
      'submit',
      new ProviderError({ category: 'auth', httpStatus: 401, message: 'Replicate rejected the API token.' }),
    );
    await h.engine.start();
    const jobs = h.engine.submitBatch(shotSpecs('b1', 5));
    const s = await heldAfter(h, 'b1');
    assert.equal(h.engine.get(jobs[0]?.id ?? '')?.state, 'failed');
    assert.equal(s?.counts.waiting, 4, 'the other four wait, visible');
    assert.equal(s?.counts.failed, 1, 'only the one that was sent failed');
    assert.equal(s?.held, 'auth');
    assert.equal(s?.heldProvider, 'replicate');
    assert.match(s?.heldMessage ?? '', /Replicate refused shot s01: its key is missing or was rejected/);
    assert.equal(h.provider.counts.submit, 1);

    h.engine.resumeBatch('b1');
    await settleAll(h);
    assert.equal(h.engine.batchSummary('b1')?.counts.succeeded, 4);
  });

  it('a 402 or a balance message holds the batch for billing', async () => {
    for (const error of [
      new ProviderError({
        category: 'billing-policy',
        httpStatus: 402,
        message: 'Replicate says: insufficient credit.',
      }),
      new ProviderError({
        category: 'billing-policy',
        httpStatus: 403,
        message: 'Your fal account is out of balance (fal locked it). Top up, then retry.',
      }),
    ]) {
      const h = harness(() => undefined);
      h.provider.fail('submit', error);
      await h.engine.start();
      h.engine.submitBatch(shotSpecs('b1', 3));
      const s = await heldAfter(h, 'b1');
      assert.equal(s?.held, 'billing', error.message);
      assert.equal(s?.counts.waiting, 2);
      assert.match(s?.heldMessage ?? '', /balance or billing/);
    }
  });

  it('the same content-policy refusal on two shots holds the rest (policy); one refusal does not', async () => {
    const h = harness((prompt) => (prompt === 'shot s02' || prompt === 'shot s04' ? policy : undefined));
    await h.engine.start();
    h.engine.submitBatch(shotSpecs('b1', 6));
    const s = await heldAfter(h, 'b1');
    assert.equal(s?.counts.succeeded, 2, 's01 and s03 ran: one refusal (s02) held nothing');
    assert.equal(s?.counts.failed, 2);
    assert.equal(s?.counts.waiting, 2, 's05 and s06 wait');
    assert.equal(s?.held, 'policy');
    assert.match(s?.heldMessage ?? '', /content policy refused 2 shots of this batch \(s02, s04\)/);
  });

  it('failures that are the shot’s own (input, transient) hold nothing', async () => {
    const input: JobError = { category: 'input', message: 'bad size', retryable: false };
    const h = harness((prompt) => (prompt === 'shot s01' || prompt === 'shot s02' ? input : undefined));
    await h.engine.start();
    h.engine.submitBatch(shotSpecs('b1', 4));
    const s = await heldAfter(h, 'b1');
    assert.equal(s?.held, undefined);
    assert.equal(s?.counts.succeeded, 2);
  });

  it('interactive jobs sharing a batch id (dual mode) are never held', async () => {
    const h = harness(() => undefined);
    h.provider.fail('submit', new ProviderError({ category: 'auth', httpStatus: 401, message: 'rejected' }));
    await h.engine.start();
    const [a, b] = h.engine.submitBatch([spec({ batchId: 'dual' }), spec({ batchId: 'dual' })]);
    await settleAll(h);
    assert.equal(h.engine.get(a?.id ?? '')?.state, 'failed');
    assert.equal(h.engine.get(b?.id ?? '')?.state, 'succeeded');
  });

  it('a blocking hold replaces a pause, so the batch says what to fix', async () => {
    const h = makeHarness(
      { latencyMs: 1_000, plan: () => ({ runMs: 5_000 }) },
      { limits: { replicate: { concurrency: 1 } } },
    );
    h.provider.fail('submit', new ProviderError({ category: 'auth', httpStatus: 401, message: 'rejected' }));
    await h.engine.start();
    const [first] = h.engine.submitBatch(shotSpecs('b1', 3));
    await h.clock.advance(100);
    assert.equal(h.engine.get(first?.id ?? '')?.state, 'submitting');
    h.engine.pauseBatch('b1'); // s01's create is in flight; it fails after the pause
    await settleAll(h, 60_000);
    assert.equal(h.engine.get(first?.id ?? '')?.state, 'failed');
    assert.equal(h.engine.batchSummary('b1')?.held, 'auth');
  });

  it('a batch whose every shot was sent and failed on the key still says so, and counts a re-sent shot once', async () => {
    const auth: JobError = { category: 'auth', message: 'Replicate rejected the API token.', retryable: false };
    let keyOk = false;
    const h = makeHarness(
      { plan: () => (keyOk ? { runMs: 2_000 } : { runMs: 500, outcome: 'failed', error: auth }) },
      { limits: { replicate: { concurrency: 3 } } },
    );
    await h.engine.start();
    const jobs = h.engine.submitBatch(shotSpecs('b1', 3));
    const s = await heldAfter(h, 'b1');
    assert.equal(s?.counts.failed, 3, 'all three were sent before the first failure came back');
    assert.equal(s?.finished, true);
    assert.equal(s?.held, 'auth', 'nothing waits, but the batch is still blocked on the key');
    assert.equal(s?.heldProvider, 'replicate');

    keyOk = true;
    h.engine.retry(jobs[0]?.id ?? '');
    await settleAll(h);
    const after = h.engine.batchSummary('b1');
    assert.equal(after?.total, 3, 'the re-sent shot replaces its failure in the count');
    assert.equal(after?.counts.succeeded, 1);
    assert.equal(after?.counts.failed, 2);
  });
});
