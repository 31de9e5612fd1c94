import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeHarness, settleAll, spec, transient } from './engineHarness';

describe('engine: scheduler', () => {
  it('never has more jobs at the provider than the concurrency slots', async () => {
    const h = makeHarness(
      { plan: () => ({ queueMs: 2_000, runMs: 20_000 }) },
      { limits: { replicate: { concurrency: 3 } } },
    );
    await h.engine.start();
    const jobs = Array.from({ length: 10 }, () => h.engine.submit(spec()));
    await settleAll(h);
    assert.ok(jobs.every((j) => h.engine.get(j.id)?.state === 'succeeded'));
    assert.equal(h.provider.maxActiveRemote, 3);
  });

  it('keeps creates within the per-minute budget', async () => {
    const h = makeHarness(
      { plan: () => ({ runMs: 1_000 }) },
      { limits: { replicate: { createsPerMinute: 6, concurrency: 50 } } },
    );
    await h.engine.start();
    for (let i = 0; i < 12; i++) h.engine.submit(spec());
    await settleAll(h);
    const creates = h.provider.requestTimes.filter((r) => r.op === 'submit').map((r) => r.at);
    assert.equal(creates.length, 12);
    for (const t of creates) assert.ok(creates.filter((u) => u >= t && u < t + 60_000).length <= 6, 'any minute');
    for (const t of creates) assert.ok(creates.filter((u) => u >= t && u < t + 1_000).length <= 1, 'any second');
  });

  it('keeps fal within 10 requests per second in total', async () => {
    const h = makeHarness({ id: 'fal', plan: () => ({ runMs: 3_000 }) }, { limits: { fal: { concurrency: 40 } } });
    await h.engine.start();
    for (let i = 0; i < 40; i++) h.engine.submit(spec({ provider: 'fal', model: 'fal-ai/flux/schnell' }));
    await settleAll(h);
    const times = h.provider.requestTimes.map((r) => r.at);
    for (const t of times)
      assert.ok(times.filter((u) => u >= t && u < t + 1_000).length <= 20, 'burst of one second at most');
    for (const t of times) assert.ok(times.filter((u) => u >= t && u < t + 10_000).length <= 110);
  });

  it('sends at most one request per job at a time, even with latency and retries', async () => {
    const h = makeHarness({ latencyMs: 700, plan: (_r, n) => ({ queueMs: 500, runMs: 3_000 + n * 500 }) });
    for (let i = 0; i < 5; i++) h.provider.fail('status', transient());
    await h.engine.start();
    for (let i = 0; i < 6; i++) h.engine.submit(spec());
    await settleAll(h);
    assert.ok(h.engine.list().every((j) => j.state === 'succeeded'));
    assert.equal(h.provider.maxInFlightPerJob, 1);
  });

  it('retries a transient status error and goes on polling', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 30_000 }) });
    h.provider.fail('status', transient('rate limited', { httpStatus: 429, retryAfterMs: 4_000 }));
    await h.engine.start();
    const job = h.engine.submit(spec());
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    assert.equal(h.engine.get(job.id)?.attempts, 0);
    const s = h.provider.requestTimes.filter((r) => r.op === 'status').map((r) => r.at);
    assert.ok((s[1] ?? 0) - (s[0] ?? 0) >= 4_000, 'waited as told');
  });

  it('polls fast at first and slower later', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 10 * 60_000 }) });
    await h.engine.start();
    h.engine.submit(spec());
    await settleAll(h);
    const s = h.provider.requestTimes.filter((r) => r.op === 'status').map((r) => r.at);
    const gaps = s.slice(1).map((t, i) => t - (s[i] ?? 0));
    assert.ok((gaps[0] ?? 0) <= 1_500, `first gap ${gaps[0]}`);
    assert.ok((gaps.at(-1) ?? 0) >= 10_000, `last gap ${gaps.at(-1)}`);
    assert.ok(s.length < 80, `${s.length} polls for 10 minutes (fixed 3 s would be 200)`);
  });

  it('with a status stream: no status polls, at most 3 waits, and the finish seen within 100 ms', async () => {
    const h = makeHarness({ id: 'fal', stream: true, plan: () => ({ queueMs: 5_000, runMs: 90_000 }) });
    await h.engine.start();
    const job = h.engine.submit(spec({ provider: 'fal', model: 'fal-ai/flux/dev' }));
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    assert.equal(h.provider.counts.status, 0);
    // queued → running, then 60 s waits while running (no history yet), then the result.
    assert.ok(h.provider.counts.wait <= 3, `${h.provider.counts.wait} waits`);
    const done = h.provider.finishedAt(h.engine.get(job.id)?.requestId ?? '') ?? 0;
    assert.ok((h.engine.get(job.id)?.stateAt.downloading ?? 0) - done < 100, 'seen at once');
  });

  it('drives only the jobs the lease allows', async () => {
    let mine = false;
    const h = makeHarness({}, { shouldDrive: () => mine });
    await h.engine.start();
    const job = h.engine.submit(spec());
    await h.clock.advance(60_000);
    assert.equal(h.engine.get(job.id)?.state, 'waiting');
    assert.equal(h.provider.counts.submit, 0);
    mine = true;
    h.engine.refresh();
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
  });
});
