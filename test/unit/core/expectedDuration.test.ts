// The run-time prior: the user's history once it exists, else the catalog's typical time. It
// decides Replicate's sync wait (short models wait inside the create) before any history exists.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DurationHistory } from '../../../src/core/durationEstimates';
import { expectedDuration } from '../../../src/core/expectedDuration';
import { makeHarness, settleAll, spec } from './engineHarness';

describe('expected run time', () => {
  it('history first, then the catalog typical time, else unknown', () => {
    const h = new DurationHistory();
    assert.deepEqual(expectedDuration(h, 'replicate', 'black-forest-labs/flux-dev'), { ms: 10_000, source: 'catalog' });
    // The catalog is per provider: the same id on another provider is not a match.
    assert.equal(expectedDuration(h, 'fal', 'black-forest-labs/flux-dev'), undefined);
    for (const ms of [31_000, 29_000, 30_000]) h.record('black-forest-labs/flux-dev', ms);
    assert.deepEqual(expectedDuration(h, 'replicate', 'black-forest-labs/flux-dev'), { ms: 35_000, source: 'history' });
    assert.equal(expectedDuration(h, 'replicate', 'acme/uncatalogued'), undefined);
  });
});

describe('sync wait before any history', () => {
  /** A Replicate-like engine whose submits record the sync wait they were sent with. */
  async function started(runMs: number) {
    const h = makeHarness({ capabilities: { syncWait: true }, plan: () => ({ queueMs: 1_000, runMs }) });
    const waits: (number | undefined)[] = [];
    const submit = h.provider.submit.bind(h.provider);
    h.provider.submit = (req, signal, opts) => {
      waits.push(opts?.waitSeconds);
      return submit(req, signal, opts);
    };
    await h.engine.start();
    return { h, waits };
  }

  async function firstRun(model: string, runMs: number) {
    const { h, waits } = await started(runMs);
    const job = h.engine.submit(spec({ provider: 'replicate', model }));
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    return { waits, counts: h.provider.counts };
  }

  it('a catalogued short model waits inside the create: no status polls on its first run', async () => {
    const { waits, counts } = await firstRun('black-forest-labs/flux-dev', 14_000);
    assert.deepEqual(waits, [20], 'twice its typical 10 s');
    assert.equal(counts.status, 0);
    assert.equal(counts.submit + counts.result, 2);
  });

  it('a short model that runs long this time answers the create after twice its typical time, then is polled with its request id saved', async () => {
    const { h, waits } = await started(70_000);
    const job = h.engine.submit(spec({ provider: 'replicate', model: 'black-forest-labs/flux-schnell' }));
    await settleAll(h, 10_000);
    assert.deepEqual(waits, [6], 'twice its typical 3 s, not the full 60 s');
    const early = h.engine.get(job.id);
    assert.equal(early?.state, 'running');
    assert.ok(early?.requestId, 'the request id is known (and saved) long before the run ends');
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
  });

  it('a catalogued long model, or one the catalog does not know, is polled (no sync wait)', async () => {
    for (const model of ['minimax/video-01', 'acme/uncatalogued']) {
      const { waits, counts } = await firstRun(model, 14_000);
      assert.deepEqual(waits, [undefined], model);
      assert.ok(counts.status > 0, model);
    }
  });
});

describe('polling before any history', () => {
  it('a catalogued long model is polled densely around its typical time, sparsely before', async () => {
    const h = makeHarness({ plan: () => ({ queueMs: 0, runMs: 290_000 }) });
    await h.engine.start();
    const job = h.engine.submit(spec({ model: 'minimax/video-01' })); // typical 300 s
    await settleAll(h);
    const done = h.engine.get(job.id);
    assert.equal(done?.state, 'succeeded');
    const finished = h.provider.finishedAt(done?.requestId ?? '') ?? 0;
    const latency = (done?.stateAt.downloading ?? 0) - finished;
    assert.ok(latency <= 2_500, `seen ${latency} ms after it finished (the dense gap is 2 s)`);
    assert.ok(h.provider.counts.status < 290_000 / 3_000, `${h.provider.counts.status} polls (fixed 3 s: 97)`);
  });
});

describe('status stream waits', () => {
  async function streams(model: string, runMs: number): Promise<number> {
    const h = makeHarness({ id: 'fal', stream: true, plan: () => ({ queueMs: 1_000, runMs }) });
    await h.engine.start();
    const job = h.engine.submit(spec({ provider: 'fal', model }));
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    return h.provider.counts.wait;
  }

  it('one stream covers a run the catalog says is long, before any history', async () => {
    assert.equal(await streams('fal-ai/veo3', 300_000), 1); // typical 180 s
  });

  it('with nothing known, each wait is as long as the run has taken so far: a 7-minute run costs 3 streams', async () => {
    assert.equal(await streams('acme/uncatalogued-video', 420_000), 3);
  });
});
