// The budget cap: the pure rule, and the engine's admit hook that holds a batch before a create
// would pass the cap.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jobSpendUsd } from '../../../../src/core/batches/batchSummary';
import { budgetCapHold } from '../../../../src/core/batches/budgetCap';
import type { Costing } from '../../../../src/core/engineOptions';
import { createJob } from '../../../../src/core/jobFactory';
import type { Job, JobState } from '../../../../src/core/jobTypes';
import { makeHarness, settleAll, spec } from '../engineHarness';
import { LIST, shotSpec, shotSpecs } from './batchFixtures';

function priced(id: string, state: JobState, amount: number | undefined, list = LIST): Job {
  const job = createJob(shotSpec('b1', id, { shot: { list, shotId: id, fingerprint: 'f' } }), id, 0);
  job.state = state;
  if (amount !== undefined) job.cost = { estimate: { amount, currency: 'USD', source: 'catalog', label: '' } };
  return job;
}

const tenCents: Costing = {
  estimate: () => ({ amount: 0.1, currency: 'USD', source: 'catalog', label: '$0.10' }),
  actual: () => undefined,
};

describe('batches: budget cap rule', () => {
  it('holds with the figures when spent + in flight + next would pass the cap', () => {
    const registry = [
      priced('s05', 'running', 0.25),
      priced('s06', 'queued', 0.15),
      priced('s09', 'waiting', 3), // waiting: not in flight
      priced('x1', 'running', 9, 'other.shots.yaml'), // another list
    ];
    const next = priced('s07', 'waiting', 0.08);
    const hold = budgetCapHold({ capUsd: 5, spentUsd: 4.62, next, registry: [...registry, next] });
    assert.equal(hold?.reason, 'budget');
    assert.equal(
      hold?.message,
      "Sending shot s07 would pass this list's $5.00 budget: $4.62 spent, $0.40 in flight, $0.08 next. " +
        'Raise the budget, then resume the batch, or cancel it.',
    );
  });

  it('lets a job through that exactly fits, and holds nothing under the cap', () => {
    const next = priced('s01', 'waiting', 0.1);
    const registry = [priced('s02', 'running', 0.2), next];
    assert.equal(budgetCapHold({ capUsd: 0.5, spentUsd: 0.2, next, registry }), undefined);
    assert.equal(budgetCapHold({ capUsd: 10, spentUsd: 0, next, registry }), undefined);
    assert.ok(budgetCapHold({ capUsd: 0.49, spentUsd: 0.2, next, registry }));
  });

  it('counts a job with no known price as $0 and says so', () => {
    const next = priced('s03', 'waiting', undefined);
    const registry = [priced('s01', 'running', undefined), priced('s02', 'running', 0.5), next];
    assert.equal(budgetCapHold({ capUsd: 1, spentUsd: 0.5, next, registry }), undefined);
    const hold = budgetCapHold({ capUsd: 0.9, spentUsd: 0.5, next, registry });
    assert.match(hold?.message ?? '', /2 job\(s\) with no known price are counted as \$0\./);
  });

  it('spend of a job: actual where known, else estimate; nothing until it succeeded', () => {
    const job = priced('s01', 'succeeded', 0.1);
    assert.equal(jobSpendUsd(job), 0.1);
    job.cost.actual = { amount: 0.07, currency: 'USD', source: 'provider-metrics', label: '' };
    assert.equal(jobSpendUsd(job), 0.07);
    assert.equal(jobSpendUsd(priced('s02', 'failed', 0.1)), 0);
  });
});

describe('batches: admit hook', () => {
  it('holds the job and the rest of its batch before the create that would pass the cap; resume after raising it', async () => {
    let capUsd = 0.35;
    const seen: string[] = [];
    const h = makeHarness(
      { plan: () => ({ runMs: 10_000 }) },
      {
        costing: tenCents,
        limits: { replicate: { concurrency: 2 } },
        admit: (job, registry) => {
          seen.push(job.shot?.shotId ?? job.id);
          const spentUsd = registry
            .filter((j) => j.shot?.list === job.shot?.list)
            .reduce((t, j) => t + (jobSpendUsd(j) ?? 0), 0);
          return budgetCapHold({ capUsd, spentUsd, next: job, registry });
        },
      },
    );
    await h.engine.start();
    h.engine.submitBatch(shotSpecs('b1', 6));
    const palette = h.engine.submit(spec({ input: { prompt: 'palette' } }));
    await settleAll(h, 10 * 60_000);
    assert.equal(h.engine.get(palette.id)?.state, 'succeeded');
    assert.ok(!seen.includes(palette.id), 'interactive jobs are not admitted by the batch rule');
    const s = h.engine.batchSummary('b1');
    assert.equal(s?.counts.succeeded, 3);
    assert.equal(s?.counts.waiting, 3, 'held, visible, not skipped');
    assert.equal(s?.held, 'budget');
    assert.match(s?.heldMessage ?? '', /^Sending shot s04 would pass this list's \$0.35 budget: /);
    assert.equal(h.provider.counts.submit, 4, 'three shots and the palette job');

    capUsd = 1;
    h.engine.resumeBatch('b1');
    await settleAll(h);
    assert.equal(h.engine.batchSummary('b1')?.counts.succeeded, 6);
  });

  it('a rule that throws holds the batch instead of sending', async () => {
    const h = makeHarness(
      {},
      {
        admit: () => {
          throw new Error('no budget setting');
        },
      },
    );
    await h.engine.start();
    h.engine.submitBatch(shotSpecs('b1', 2));
    await settleAll(h, 60_000);
    assert.equal(h.provider.counts.submit, 0);
    assert.match(h.engine.batchSummary('b1')?.heldMessage ?? '', /no budget setting/);
  });
});
