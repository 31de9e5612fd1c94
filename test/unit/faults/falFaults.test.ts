// Every fault on every fal route, end to end: engine + real @fal-ai/client + emulator. fal has no
// list API, so an ambiguous submit is parked for the user instead of being re-sent blind.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ErrorCategory } from '../../../src/core/jobTypes';
import type { Fault, FaultKind, FaultRoute, JobScript } from '../../emulator/emulatorTypes';
import { assertDelivered, type FaultRig, faultRig, MODELS, QUICK, SLOW, savedState } from './faultHarness';

const P = 'fal' as const;
const fault = (route: FaultRoute, kind: FaultKind, extra: Partial<Fault> = {}): Fault => ({
  provider: P,
  route,
  kind,
  ...extra,
});

async function withRig(
  faults: Fault[],
  body: (rig: FaultRig) => Promise<void>,
  script: JobScript = QUICK,
): Promise<void> {
  // A 'slow' fault needs the adapter to give up first; everything else gets a generous timeout.
  const slow = faults.some((f) => f.kind === 'slow');
  const rig = await faultRig(P, faults, script, slow ? { requestTimeoutMs: SLOW.requestTimeoutMs } : {});
  try {
    await body(rig);
  } finally {
    await rig.close();
  }
}

describe('fal: faults that heal — the job still arrives, created once', { concurrency: 4 }, () => {
  const healing: Array<[string, Fault[]]> = [
    ['submit 429 with Retry-After: 0', [fault('submit', '429', { retryAfter: '0' })]],
    ['submit 429 twice, no Retry-After', [fault('submit', '429', { times: 2 })]],
    ['submit 503', [fault('submit', '503')]],
    ['status stream 429', [fault('stream', '429', { retryAfter: '0' })]],
    ['status stream 500', [fault('stream', '500')]],
    ['status stream 502 twice', [fault('stream', '502', { times: 2 })]],
    ['status stream 503', [fault('stream', '503')]],
    ['status stream connection reset', [fault('stream', 'reset')]],
    ['result 429', [fault('result', '429', { retryAfter: '0' })]],
    ['result 500', [fault('result', '500')]],
    ['result 504', [fault('result', '504')]],
    ['result connection reset', [fault('result', 'reset')]],
    ['result malformed JSON', [fault('result', 'malformed')]],
    ['result slow (client timeout)', [fault('result', 'slow', { delayMs: SLOW.delayMs })]],
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

describe('fal: ambiguous submits wait for the user unless the history has them, never re-sent blind', {
  concurrency: 4,
}, () => {
  const ambiguous: Array<[string, Fault[], number]> = [
    ['reset after the job was created', [fault('submit', 'reset-after-create')], 1],
    ['malformed JSON answer to the submit', [fault('submit', 'malformed')], 1],
    ['slow submit (client timed out, server created it)', [fault('submit', 'slow', { delayMs: SLOW.delayMs })], 1],
    ['connection reset before processing', [fault('submit', 'reset')], 0],
    ['500 on submit', [fault('submit', '500')], 0],
    ['502 on submit', [fault('submit', '502')], 0],
  ];
  for (const [name, faults, created] of ambiguous) {
    test(`${name} → unknown, parked with advice; "Submit again" delivers`, async () => {
      await withRig(faults, async (rig) => {
        // Still running when GenQueue looks, so fal's request history cannot show it yet.
        if (created) rig.emu.script({ next: P, script: { queueMs: 1000, runMs: 3_600_000 } });
        const job = rig.submit();
        const parked = await rig.until(
          job.id,
          (j) => j.state === 'unknown' && /Submit again/.test(j.error?.message ?? ''),
        );
        assert.equal(parked.requestId, undefined);
        assert.equal(rig.emu.requests(P, 'submit'), 1, 'not re-sent without the user');
        assert.equal(rig.emu.submits(P), created);
        assert.equal(await savedState(rig, job.id), 'unknown', 'kept on disk, not lost');
        rig.engine.resubmitUnknown(job.id);
        const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
        assert.equal(done.state, 'succeeded');
        assert.equal(rig.assets.forJob(job.id).length, 1);
        assert.equal(rig.emu.requests(P, 'submit'), 2, 'exactly one more submit, by the user');
      });
    });
  }
});

test('fal: a lost submit that already finished is found in the request history and delivered, sent once', async () => {
  await withRig([fault('submit', 'reset-after-create')], async (rig) => {
    rig.emu.script({ next: P, script: { queueMs: 0, runMs: 0 } });
    const job = rig.submit();
    const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
    await assertDelivered(rig, done);
    assert.ok(done.stateAt.unknown, 'went through unknown');
    assert.equal(rig.emu.requests(P, 'submit'), 1);
    assert.ok(rig.emu.requests(P, 'list') >= 1);
  });
});

describe('fal: faults that end the job, with the right category', { concurrency: 4 }, () => {
  const failing: Array<[string, Fault[], ErrorCategory, RegExp, JobScript?]> = [
    ['401 on submit', [fault('submit', '401')], 'auth', /key/],
    ['403 exhausted balance on submit', [fault('submit', '403-balance')], 'billing-policy', /Top up/],
    ['422 on submit', [fault('submit', '422')], 'input', /prompt: field required/],
    ['job failed in the runner', [fault('submit', 'job-failed')], 'transient', /failed while running/],
    ['job blocked by the content checker', [fault('submit', 'job-nsfw')], 'billing-policy', /content policy/],
    [
      'job failed validation (422 from result)',
      [],
      'input',
      /num_inference_steps: must be at most 12/,
      {
        ...QUICK,
        outcome: 'failed',
        errorType: 'validation',
        failDetail: [{ loc: ['body', 'num_inference_steps'], msg: 'must be at most 12', type: 'value_error' }],
      },
    ],
    ['output gone for good (404 twice)', [fault('output', '404', { times: -1 })], 'input', /no longer has this output/],
  ];
  for (const [name, faults, category, message, script] of failing) {
    test(`${name} → failed (${category})`, async () => {
      await withRig(
        faults,
        async (rig) => {
          const job = rig.submit();
          const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
          assert.equal(done.state, 'failed');
          assert.equal(done.error?.category, category);
          assert.match(done.error?.message ?? '', message);
          assert.ok(rig.emu.submits(P) <= 1, 'never submitted twice');
          assert.equal(rig.assets.imported.length, 0);
          assert.equal(await savedState(rig, job.id), 'failed', 'the failure is persisted');
        },
        script,
      );
    });
  }

  test('job canceled at the provider → canceled, no error', async () => {
    await withRig([fault('submit', 'job-canceled')], async (rig) => {
      const job = rig.submit();
      const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
      assert.equal(done.state, 'canceled');
      assert.equal(rig.emu.submits(P), 1);
    });
  });

  test('401 on the status stream: the job is kept (stale, auth), never called failed', async () => {
    await withRig(
      [fault('stream', '401', { times: -1 })],
      async (rig) => {
        const job = rig.submit();
        const kept = await rig.until(job.id, (j) => j.stale === true);
        assert.equal(kept.state, 'queued');
        assert.equal(kept.error?.category, 'auth');
        assert.equal(rig.emu.submits(P), 1);
      },
      { queueMs: 100_000 },
    );
  });
});

describe('fal: user cancel', { concurrency: 2 }, () => {
  test('cancel a queued job → canceled at fal too', async () => {
    await withRig(
      [],
      async (rig) => {
        const job = rig.submit();
        await rig.until(job.id, (j) => j.state === 'queued');
        await rig.engine.cancel(job.id);
        const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
        assert.equal(done.state, 'canceled');
        assert.equal(rig.emu.jobs()[0]!.phase, 'canceled');
      },
      { queueMs: 1_000_000 },
    );
  });

  test('cancel throttled once (429) → retried → canceled', async () => {
    await withRig(
      [fault('cancel', '429', { retryAfter: '0' })],
      async (rig) => {
        const job = rig.submit();
        await rig.until(job.id, (j) => j.state === 'queued');
        await rig.engine.cancel(job.id);
        const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
        assert.equal(done.state, 'canceled');
        assert.equal(rig.emu.requests(P, 'cancel'), 2);
      },
      { queueMs: 1_000_000 },
    );
  });
});

test('fal video end to end: an MP4 take is imported', async () => {
  await withRig([], async (rig) => {
    const job = rig.submit({ model: MODELS.fal.video, modality: 'video' });
    const done = await rig.untilState(job.id, ['succeeded', 'failed']);
    await assertDelivered(rig, done);
    assert.equal(rig.assets.forJob(job.id)[0]!.contentType, 'video/mp4');
  });
});
