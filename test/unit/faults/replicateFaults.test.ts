// Every fault on every Replicate route, end to end: engine + real SDK + emulator. Each test ends
// in the right job state and error category, with nothing lost and no duplicate submit.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ErrorCategory, Job } from '../../../src/core/jobTypes';
import type { Fault, FaultKind, FaultRoute } from '../../emulator/emulatorTypes';
import { assertDelivered, type FaultRig, faultRig, MODELS, QUICK, SLOW, savedState } from './faultHarness';

const P = 'replicate' as const;
const fault = (route: FaultRoute, kind: FaultKind, extra: Partial<Fault> = {}): Fault => ({
  provider: P,
  route,
  kind,
  ...extra,
});

async function withRig(faults: Fault[], body: (rig: FaultRig) => Promise<void>, script = QUICK): Promise<void> {
  // A 'slow' fault needs the adapter to give up first; everything else gets a generous timeout.
  const slow = faults.some((f) => f.kind === 'slow');
  const rig = await faultRig(P, faults, script, slow ? { requestTimeoutMs: SLOW.requestTimeoutMs } : {});
  try {
    await body(rig);
  } finally {
    await rig.close();
  }
}

describe('replicate: faults that heal — the job still arrives, created once', { concurrency: 4 }, () => {
  const healing: Array<[string, Fault[]]> = [
    ['submit 429 with Retry-After: 0', [fault('submit', '429', { retryAfter: '0' })]],
    [
      'submit 429 twice, detail-only hint',
      [fault('submit', '429', { times: 2, detail: 'Request was throttled. Expected available in 0 seconds.' })],
    ],
    ['submit 503', [fault('submit', '503')]],
    ['status 429', [fault('status', '429', { retryAfter: '0' })]],
    ['status 500', [fault('status', '500')]],
    ['status 502 twice', [fault('status', '502', { times: 2 })]],
    ['status 503', [fault('status', '503')]],
    ['status connection reset', [fault('status', 'reset')]],
    ['status malformed JSON', [fault('status', 'malformed')]],
    ['status slow (client timeout)', [fault('status', 'slow', { delayMs: SLOW.delayMs })]],
    ['output 500', [fault('output', '500')]],
    ['output truncated download', [fault('output', 'truncated')]],
    ['output connection reset', [fault('output', 'reset')]],
    ['output gone once (404): result fetched again', [fault('output', '404')]],
  ];
  for (const [name, faults] of healing) {
    test(name, async () => {
      await withRig(faults, async (rig) => {
        const job = rig.submit();
        const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
        await assertDelivered(rig, done);
        assert.equal(rig.emu.submits(P), 1);
        assert.equal(done.error, undefined);
      });
    });
  }
});

describe('replicate: ambiguous submits are reconciled, never re-sent blind', { concurrency: 4 }, () => {
  const created: Array<[string, Fault[], string?]> = [
    ['reset after the prediction was created', [fault('submit', 'reset-after-create')]],
    ['malformed JSON answer to the create', [fault('submit', 'malformed')]],
    // A model with no typical time: no sync wait, so the plain request timeout applies.
    [
      'slow create (client timed out, server created it)',
      [fault('submit', 'slow', { delayMs: SLOW.delayMs })],
      'acme/uncatalogued-image',
    ],
  ];
  for (const [name, faults, model] of created) {
    test(`${name} → unknown → found in the list → adopted`, async () => {
      await withRig(faults, async (rig) => {
        const job = rig.submit(model ? { model } : {});
        await rig.until(job.id, (j) => j.state === 'unknown');
        const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
        await assertDelivered(rig, done);
        assert.equal(rig.emu.submits(P), 1, 'no duplicate submit');
        assert.ok((rig.emu.counts().requests['replicate:list'] ?? 0) >= 1);
        assert.equal(done.requestId, rig.emu.jobs()[0]!.id);
      });
    });
  }

  const notCreated: Array<[string, Fault[]]> = [
    ['connection reset before processing', [fault('submit', 'reset')]],
    ['500 on create', [fault('submit', '500')]],
    ['502 on create', [fault('submit', '502')]],
    ['reset, then the list fails once too', [fault('submit', 'reset'), fault('list', '500')]],
  ];
  for (const [name, faults] of notCreated) {
    test(`${name} → unknown → absent in the list → submitted once`, async () => {
      await withRig(faults, async (rig) => {
        const job = rig.submit();
        await rig.until(job.id, (j) => j.state === 'unknown');
        const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
        await assertDelivered(rig, done);
        assert.equal(rig.emu.submits(P), 1);
        assert.equal(rig.emu.requests(P, 'submit'), 2, 'one lost create, one real one');
      });
    });
  }
});

describe('replicate: faults that end the job, with the right category', { concurrency: 4 }, () => {
  const failing: Array<[string, Fault[], ErrorCategory, RegExp]> = [
    ['401 on create', [fault('submit', '401')], 'auth', /token/],
    ['402 on create', [fault('submit', '402')], 'billing-policy', /insufficient credit/],
    ['422 on create', [fault('submit', '422')], 'input', /prompt is required/],
    ['prediction failed (CUDA OOM)', [fault('submit', 'job-failed')], 'transient', /failed while running/],
    ['prediction failed: NSFW', [fault('submit', 'job-nsfw')], 'billing-policy', /content policy/],
    ['output gone for good (404 twice)', [fault('output', '404', { times: -1 })], 'input', /no longer has this output/],
  ];
  for (const [name, faults, category, message] of failing) {
    test(`${name} → failed (${category})`, async () => {
      await withRig(faults, async (rig) => {
        const job = rig.submit();
        const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
        assert.equal(done.state, 'failed');
        assert.equal(done.error?.category, category);
        assert.match(done.error?.message ?? '', message);
        assert.ok(rig.emu.submits(P) <= 1, 'never submitted twice');
        assert.equal(rig.assets.imported.length, 0);
        assert.equal(await savedState(rig, job.id), 'failed', 'the failure is persisted');
      });
    });
  }

  test('prediction canceled at the provider → canceled, no error', async () => {
    await withRig([fault('submit', 'job-canceled')], async (rig) => {
      const job = rig.submit();
      const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
      assert.equal(done.state, 'canceled');
      assert.equal(rig.emu.submits(P), 1);
    });
  });

  test('401 on status: the job is kept (stale, auth), never called failed', async () => {
    await withRig(
      [fault('status', '401', { times: -1 })],
      async (rig) => {
        const job = rig.submit();
        const kept = await rig.until(job.id, (j) => j.stale === true);
        assert.equal(kept.state === 'queued' || kept.state === 'running', true);
        assert.equal(kept.error?.category, 'auth');
        assert.equal(rig.emu.submits(P), 1);
      },
      { queueMs: 100_000 },
    );
  });
});

describe('replicate: user cancel', { concurrency: 2 }, () => {
  test('cancel a running prediction → canceled at the provider too', async () => {
    await withRig(
      [],
      async (rig) => {
        const job = rig.submit();
        await rig.until(job.id, (j) => j.state === 'queued' || j.state === 'running');
        await rig.engine.cancel(job.id);
        const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
        assert.equal(done.state, 'canceled');
        assert.equal(rig.emu.jobs()[0]!.cancelAsked, true);
        assert.equal(rig.emu.jobs()[0]!.phase, 'canceled');
      },
      { queueMs: 0, runMs: 1_000_000 },
    );
  });

  test('cancel request throttled once (429) → retried → canceled', async () => {
    await withRig(
      [fault('cancel', '429', { retryAfter: '0' })],
      async (rig) => {
        const job = rig.submit();
        await rig.until(job.id, (j) => j.state === 'queued' || j.state === 'running');
        await rig.engine.cancel(job.id);
        const done: Job = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
        assert.equal(done.state, 'canceled');
        assert.equal(rig.emu.requests(P, 'cancel'), 2);
      },
      { queueMs: 0, runMs: 1_000_000 },
    );
  });
});

test('replicate video end to end: an MP4 take is imported', async () => {
  await withRig([], async (rig) => {
    const job = rig.submit({ model: MODELS.replicate.video, modality: 'video' });
    const done = await rig.untilState(job.id, ['succeeded', 'failed']);
    await assertDelivered(rig, done);
    assert.equal(rig.assets.forJob(job.id)[0]!.contentType, 'video/mp4');
  });
});

test('replicate sync wait: once the model has a short history, the create itself returns the finished prediction', async () => {
  await withRig([], async (rig) => {
    const warm = [rig.submit(), rig.submit(), rig.submit()];
    for (const j of warm) await rig.untilState(j.id, 'succeeded');
    assert.ok(rig.engine.estimateDurationMs(MODELS.replicate.image) !== undefined);
    const readsBefore = rig.emu.requests(P, 'status');
    const job = rig.submit();
    const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
    assert.equal(done.state, 'succeeded');
    // GET /predictions/:id serves both status and result: one read (the result), no polling.
    assert.equal(rig.emu.requests(P, 'status') - readsBefore, 1);
    assert.equal(rig.emu.submits(P), 4);
  });
});
