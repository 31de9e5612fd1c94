// The fal adapter on the real @fal-ai/client, against the emulator over loopback.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { ProviderJobRef, ProviderStatus, SubmitRequest } from '../../../src/core/providerPort';
import { createFalProvider } from '../../../src/providers/fal/falProvider';
import type { FaultKind, FaultRoute } from '../../emulator/emulatorTypes';
import { type ProviderEmulator, startEmulator } from '../../emulator/providerEmulator';
import { countRequests, download, never, PNG_SIGNATURE, providerError, until } from './providerTestKit';

const KEY = 'key-id:key-secret';
const IMAGE = 'fal-ai/flux/schnell';
let emu: ProviderEmulator;
let fal: ReturnType<typeof createFalProvider>;

const req = (model = IMAGE, input: Record<string, unknown> = { prompt: 'a cat' }): SubmitRequest => ({
  jobId: 'job-1',
  model,
  modality: 'image',
  input,
});

before(async () => {
  emu = await startEmulator({ timeScale: 0.01, falKey: KEY });
  fal = createFalProvider({ credentials: () => KEY, baseUrl: emu.falBaseUrl, requestTimeoutMs: 5000 });
});
after(() => emu.close());
beforeEach(() => emu.reset());

async function submitted(model = IMAGE): Promise<ProviderJobRef> {
  const r = await fal.submit(req(model), never);
  return { model, requestId: r.requestId };
}

describe('fal happy paths', () => {
  test('image: submit, status to completed, result with real PNG takes', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 500, runMs: 1000, steps: 4, predictTimeSec: 1.5 } });
    const sub = await fal.submit(req(IMAGE, { prompt: 'a cat', num_images: 2 }), never);
    assert.equal(sub.status.phase, 'queued');
    const ref = { model: IMAGE, requestId: sub.requestId };
    const done = await until(
      () => fal.status(ref, never),
      (s) => s.phase === 'completed',
    );
    assert.deepEqual(done.logs, ['step 1/4', 'step 2/4', 'step 3/4', 'step 4/4']);
    assert.equal(done.progress, 1);
    assert.equal(done.metrics?.predictTimeSec, 1.5);
    const result = await fal.result(ref, never);
    assert.equal(result.takes.length, 2);
    const take = result.takes[0]!;
    assert.equal(take.contentType, 'image/png');
    assert.equal(take.suggestedName, 'out-0.png');
    assert.equal(take.width, 16);
    assert.equal(take.height, 16);
    assert.equal(result.metrics?.predictTimeSec, 1.5);
    assert.equal(result.seed, 42);
    const file = await download(take.url!);
    assert.equal(file.status, 200);
    assert.equal(file.type, 'image/png');
    assert.deepEqual(file.bytes.subarray(0, 8), PNG_SIGNATURE);
    assert.equal(emu.submits('fal'), 1);
  });

  test('video, speech (audio) and music (audio_file) outputs become takes', async () => {
    const cases: Array<[string, string, string]> = [
      ['fal-ai/kling-video/v2.1/master/text-to-video', 'video/mp4', 'output.mp4'],
      ['fal-ai/kokoro/american-english', 'audio/wav', 'audio.wav'],
      ['fal-ai/stable-audio', 'audio/wav', 'audio.wav'],
    ];
    for (const [model, type, name] of cases) {
      emu.script({ model, script: { queueMs: 0, runMs: 0 } });
      const ref = await submitted(model);
      await until(
        () => fal.status(ref, never),
        (s) => s.phase === 'completed',
      );
      const { takes } = await fal.result(ref, never);
      assert.equal(takes.length, 1, model);
      assert.equal(takes[0]!.contentType, type, model);
      assert.equal(takes[0]!.suggestedName, name, model);
      const file = await download(takes[0]!.url!);
      assert.equal(file.type, type);
      assert.ok(file.bytes.length > 40);
    }
  });

  test('queue positions and log progress are reported while waiting and running', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 60_000, queuePositions: [2, 1, 0], runMs: 50_000, steps: 20 } });
    const ref = await submitted();
    const first = await fal.status(ref, never);
    assert.equal(first.phase, 'queued');
    // fal's queue_position 2 (counted from 0) is third in line.
    assert.equal(first.queuePosition, 3);
    const running = await until(
      () => fal.status(ref, never),
      (s) => s.phase === 'running',
    );
    assert.ok(running.logs?.[0]?.startsWith('step 1/20'));
    assert.ok(running.progress !== undefined && running.progress > 0 && running.progress < 1);
  });

  test('capabilities: status stream, no sync wait, remote cancel', async () => {
    assert.deepEqual(fal.capabilities, { statusStream: true, syncWait: false, remoteCancel: true });
  });
});

describe('fal reconcile (Platform API request history)', () => {
  test('a lost submit that finished is found by endpoint + input; nothing is created twice', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 0, runMs: 0 } });
    emu.fault({ provider: 'fal', route: 'submit', kind: 'reset-after-create' });
    const at = Date.now();
    const err = await providerError(fal.submit(req(IMAGE, { prompt: 'lost answer', seed: 7 }), never));
    assert.equal(err.outcomeUnknown, true);
    const created = emu.jobs('fal')[0]!;
    await until(
      () => fal.status({ model: IMAGE, requestId: created.id }, never),
      (s) => s.phase === 'completed',
    );
    const out = await countRequests(emu, 'fal', 'list', () =>
      fal.reconcile(req(IMAGE, { seed: 7, prompt: 'lost answer' }), at, never),
    );
    assert.deepEqual(out.value, { kind: 'found', requestId: created.id });
    assert.equal(out.requests, 1);
    assert.equal(emu.submits('fal'), 1);
  });

  test('a request still queued or running is not in the history: the user decides (unsupported)', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 10_000_000 } });
    const at = Date.now();
    await fal.submit(req(IMAGE, { prompt: 'still waiting' }), never);
    assert.deepEqual(await fal.reconcile(req(IMAGE, { prompt: 'still waiting' }), at, never), { kind: 'unsupported' });
  });

  test('other inputs, other endpoints, excluded ids and requests sent before the submit never match; pages are followed', async () => {
    const small = await startEmulator({ timeScale: 0.01, listPageSize: 2, defaultScript: { queueMs: 0, runMs: 0 } });
    try {
      const f = createFalProvider({ credentials: () => KEY, baseUrl: small.falBaseUrl });
      const input = { prompt: 'ours' };
      const older = await f.submit(req(IMAGE, input), never);
      // Five minutes pass at fal (its clock moves on; ours is read the same): then our submit.
      small.setClockSkew(5 * 60_000);
      const at = Date.now();
      const ours = await f.submit(req(IMAGE, input), never);
      const twin = await f.submit(req(IMAGE, input), never);
      await f.submit(req(IMAGE, { prompt: 'not ours' }), never);
      await f.submit(req('fal-ai/flux/dev', input), never);
      await new Promise((r) => setTimeout(r, 30));
      const found = await f.reconcile(req(IMAGE, input), at, never, { exclude: new Set([twin.requestId]) });
      assert.deepEqual(found, { kind: 'found', requestId: ours.requestId });
      assert.ok(small.requests('fal', 'list') >= 2, 'followed the cursor');
      const none = await f.reconcile(req(IMAGE, input), at, never, {
        exclude: new Set([ours.requestId, twin.requestId]),
      });
      assert.deepEqual(none, { kind: 'unsupported' }, `never the older twin ${older.requestId}`);
    } finally {
      await small.close();
    }
  });

  test('a history read refused (403) is unsupported; a 503 is a transient error after one request', async () => {
    emu.fault({ provider: 'fal', route: 'list', kind: '403-balance' });
    assert.deepEqual(await fal.reconcile(req(), Date.now(), never), { kind: 'unsupported' });
    emu.fault({ provider: 'fal', route: 'list', kind: '503' });
    const out = await countRequests(emu, 'fal', 'list', () => fal.reconcile(req(), Date.now(), never));
    assert.equal(out.requests, 1);
    assert.equal((await providerError(Promise.reject(out.error))).category, 'transient');
  });
});

describe('fal waitForChange (status stream)', () => {
  test('resolves on the first change of state or position, then at COMPLETED, one stream each', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 40_000, queuePositions: [1, 0], runMs: 20_000 } });
    const ref = await submitted();
    const changes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const s = await fal.waitForChange!(ref, never, 5000);
      changes.push(`${s.phase}${s.queuePosition !== undefined ? `@${s.queuePosition}` : ''}`);
      if (s.phase === 'completed') break;
    }
    // Submit said queue_position 1: the stream first resolves on position 0 (next in line: #1), then running, then completed.
    assert.deepEqual(changes, ['queued@1', 'running', 'completed']);
    assert.equal(emu.requests('fal', 'stream'), 3);
    assert.equal(emu.requests('fal', 'status'), 0);
  });

  test('with onUpdate: one stream reports positions, running and log lines as they come, then resolves at COMPLETED', async () => {
    // A second per phase, so every phase has frames even on a loaded machine.
    emu.script({ model: IMAGE, script: { queueMs: 100_000, queuePositions: [3, 2, 1, 0], runMs: 100_000, steps: 4 } });
    const ref = await submitted();
    const updates: ProviderStatus[] = [];
    const r = await countRequests(emu, 'fal', 'stream', () =>
      fal.waitForChange!(ref, never, 10_000, (s) => updates.push(s)),
    );
    assert.equal(r.value?.phase, 'completed');
    assert.equal(r.value?.logs?.length, 4);
    assert.equal(r.requests, 1);
    assert.equal(emu.requests('fal', 'status'), 0);
    // Submit said queued@3: later positions, then growing log lines, arrived on the same stream, in order.
    const queued = updates.filter((s) => s.phase === 'queued').map((s) => s.queuePosition);
    const running = updates.filter((s) => s.phase === 'running').map((s) => s.logs?.length ?? 0);
    assert.ok(queued.length >= 1 && running.length >= 1, JSON.stringify(updates));
    assert.deepEqual(
      queued,
      [...queued].sort((a, b) => (b ?? 0) - (a ?? 0)),
    );
    assert.ok(queued.every((p) => p !== undefined && p < 4));
    assert.deepEqual(
      running,
      [...new Set(running)].sort((a, b) => a - b),
      'each update brings new lines',
    );
    assert.equal(
      updates.findIndex((s) => s.phase === 'running'),
      queued.length,
      'queued first, then running',
    );
  });

  test('with onUpdate: a stream that drops mid-way resolves with the latest status; the next call reconnects once', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 30_000, queuePositions: [2, 1, 0], runMs: 20_000 } });
    const ref = await submitted();
    emu.fault({ provider: 'fal', route: 'stream', kind: 'drop' });
    const dropped = await fal.waitForChange!(ref, never, 10_000, () => undefined);
    assert.equal(dropped.phase, 'queued');
    const done = await fal.waitForChange!(ref, never, 10_000, () => undefined);
    assert.equal(done.phase, 'completed');
    assert.equal(emu.requests('fal', 'stream'), 2);
    assert.equal(emu.requests('fal', 'status'), 0);
  });

  test('resolves with the latest status when maxWaitMs passes without a change', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 10_000_000, queuePositions: [4] } });
    const ref = await submitted();
    const s = await fal.waitForChange!(ref, never, 50);
    assert.equal(s.phase, 'queued');
    assert.equal(s.queuePosition, 5);
  });

  test('an aborted wait rejects with a transient error', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 10_000_000 } });
    const ref = await submitted();
    const ac = new AbortController();
    const p = fal.waitForChange!(ref, ac.signal, 10_000);
    setTimeout(() => ac.abort(), 30);
    const err = await providerError(p);
    assert.equal(err.category, 'transient');
  });

  test('a stream that fails (503, 401) maps like any other request, with one request', async () => {
    const ref = await submitted();
    emu.fault({ provider: 'fal', route: 'stream', kind: '503', retryAfter: '2' });
    const r1 = await countRequests(emu, 'fal', 'stream', () => fal.waitForChange!(ref, never, 2000));
    assert.equal(r1.requests, 1);
    const e1 = r1.error as { category?: string; retryAfterMs?: number; httpStatus?: number };
    assert.equal(e1.category, 'transient');
    assert.equal(e1.httpStatus, 503);
    assert.equal(e1.retryAfterMs, 2000);
    emu.fault({ provider: 'fal', route: 'stream', kind: '401' });
    const e2 = await providerError(fal.waitForChange!(ref, never, 2000));
    assert.equal(e2.category, 'auth');
  });
});

describe('fal failures reported by the job', () => {
  test('COMPLETED with a runner error → failed, transient, not auto-retried (status + one result read)', async () => {
    emu.fault({ provider: 'fal', route: 'submit', kind: 'job-failed' });
    emu.script({ model: IMAGE, script: { queueMs: 0, runMs: 0 } });
    const ref = await submitted();
    const r = await countRequests(emu, 'fal', 'result', () => fal.status(ref, never));
    const s = r.value!;
    assert.equal(s.phase, 'failed');
    assert.equal(s.error?.category, 'transient');
    assert.equal(s.error?.retryable, false);
    assert.match(s.error?.detail ?? '', /runner_server_error/);
    // The precise reason lives behind the result endpoint: exactly one extra read.
    assert.equal(r.requests, 1);
  });

  test('a validation failure (422 result) → failed, input, with the field message', async () => {
    emu.script({
      model: IMAGE,
      script: {
        queueMs: 0,
        runMs: 0,
        outcome: 'failed',
        errorType: 'validation',
        error: 'ensure this value has at most 500 characters',
      },
    });
    const ref = await submitted();
    const s = await fal.status(ref, never);
    assert.equal(s.phase, 'failed');
    assert.equal(s.error?.category, 'input');
    assert.match(s.error?.message ?? '', /prompt: ensure this value has at most 500 characters/);
    const err = await providerError(fal.result(ref, never));
    assert.equal(err.category, 'input');
    assert.equal(err.httpStatus, 422);
  });

  test('a content-policy failure → billing-policy', async () => {
    emu.fault({ provider: 'fal', route: 'submit', kind: 'job-nsfw' });
    emu.script({ model: IMAGE, script: { queueMs: 0, runMs: 0 } });
    const ref = await submitted();
    const s = await fal.status(ref, never);
    assert.equal(s.phase, 'failed');
    assert.equal(s.error?.category, 'billing-policy');
    assert.match(s.error?.message ?? '', /content policy/);
  });

  test('a job canceled at the provider → canceled', async () => {
    emu.fault({ provider: 'fal', route: 'submit', kind: 'job-canceled' });
    emu.script({ model: IMAGE, script: { queueMs: 0, runMs: 0 } });
    const ref = await submitted();
    assert.equal((await fal.status(ref, never)).phase, 'canceled');
  });
});

describe('fal cancel', () => {
  test('cancel a queued job: accepted, then the status says canceled', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 10_000_000 } });
    const ref = await submitted();
    const r = await countRequests(emu, 'fal', 'cancel', () => fal.cancel(ref, never));
    assert.equal(r.error, undefined);
    assert.equal(r.requests, 1);
    assert.equal((await fal.status(ref, never)).phase, 'canceled');
  });

  test('cancel after completion (400 ALREADY_COMPLETED) is not an error', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 0, runMs: 0 } });
    const ref = await submitted();
    await until(
      () => fal.status(ref, never),
      (s) => s.phase === 'completed',
    );
    await fal.cancel(ref, never);
    assert.equal((await fal.result(ref, never)).takes.length, 1);
  });

  test('cancel of an unknown request (404 NOT_FOUND) is an input error', async () => {
    const err = await providerError(fal.cancel({ model: IMAGE, requestId: 'nope' }, never));
    assert.equal(err.category, 'input');
    assert.equal(err.httpStatus, 404);
  });
});

interface Expect {
  category: string;
  outcomeUnknown?: boolean;
  retryAfterMs?: number;
  message?: RegExp;
}

const SUBMIT_FAULTS: Array<[FaultKind, Expect, { retryAfter?: string }?]> = [
  ['429', { category: 'transient', outcomeUnknown: false, retryAfterMs: 3000 }, { retryAfter: '3' }],
  ['429', { category: 'transient', outcomeUnknown: false, retryAfterMs: undefined }],
  ['500', { category: 'transient', outcomeUnknown: true }],
  ['502', { category: 'transient', outcomeUnknown: true }],
  ['503', { category: 'transient', outcomeUnknown: false }],
  ['504', { category: 'transient', outcomeUnknown: true }],
  ['reset', { category: 'transient', outcomeUnknown: true }],
  ['reset-after-create', { category: 'transient', outcomeUnknown: true }],
  ['malformed', { category: 'transient', outcomeUnknown: true }],
  ['slow', { category: 'transient', outcomeUnknown: true, message: /did not answer in time/ }],
  ['401', { category: 'auth', outcomeUnknown: false, message: /Set API Key/ }],
  ['403-balance', { category: 'billing-policy', outcomeUnknown: false, message: /Top up/ }],
  ['422', { category: 'input', outcomeUnknown: false, message: /prompt: field required/ }],
];

describe('fal submit faults: one request each, mapped to the right category', () => {
  for (const [kind, expect, extra] of SUBMIT_FAULTS) {
    test(`submit ${kind}${extra?.retryAfter ? ` (Retry-After ${extra.retryAfter})` : ''}`, async () => {
      // Only the 'slow' fault needs a short timeout; a loaded machine must not time out the rest.
      const quick =
        kind === 'slow'
          ? createFalProvider({ credentials: () => KEY, baseUrl: emu.falBaseUrl, requestTimeoutMs: 700 })
          : fal;
      emu.fault({ provider: 'fal', route: 'submit', kind, delayMs: 5000, ...extra });
      const r = await countRequests(emu, 'fal', 'submit', () => quick.submit(req(), never));
      assert.equal(r.requests, 1, 'no hidden client retries');
      const err = await providerError(Promise.reject(r.error));
      assert.equal(err.category, expect.category);
      assert.equal(err.outcomeUnknown, expect.outcomeUnknown);
      if ('retryAfterMs' in expect) assert.equal(err.retryAfterMs, expect.retryAfterMs);
      if (expect.message) assert.match(err.message, expect.message);
      assert.ok(!err.message.includes(KEY) && !(err.detail ?? '').includes(KEY), 'never leaks the key');
    });
  }
});

const READ_FAULTS: Array<[FaultRoute, FaultKind, string]> = [
  ['status', '429', 'transient'],
  ['status', '500', 'transient'],
  ['status', '502', 'transient'],
  ['status', '503', 'transient'],
  ['status', 'reset', 'transient'],
  ['status', 'malformed', 'transient'],
  ['status', 'slow', 'transient'],
  ['status', '401', 'auth'],
  ['status', '404', 'input'],
  ['result', '429', 'transient'],
  ['result', '500', 'transient'],
  ['result', '504', 'transient'],
  ['result', 'reset', 'transient'],
  ['result', 'malformed', 'transient'],
  ['result', '403-balance', 'billing-policy'],
  ['result', '422', 'input'],
  ['cancel', '429', 'transient'],
  ['cancel', '502', 'transient'],
  ['cancel', 'reset', 'transient'],
];

describe('fal status/result/cancel faults: one request each, never outcomeUnknown', () => {
  for (const [route, kind, category] of READ_FAULTS) {
    test(`${route} ${kind} → ${category}`, async () => {
      // Only the 'slow' fault needs a short timeout; a loaded machine must not time out the rest.
      const quick =
        kind === 'slow'
          ? createFalProvider({ credentials: () => KEY, baseUrl: emu.falBaseUrl, requestTimeoutMs: 700 })
          : fal;
      emu.script({ model: IMAGE, script: { queueMs: 0, runMs: 0 } });
      const ref = await submitted();
      if (route === 'result') {
        await until(
          () => fal.status(ref, never),
          (s) => s.phase === 'completed',
        );
      }
      emu.fault({ provider: 'fal', route, kind, delayMs: 5000 });
      const call: Promise<unknown> =
        route === 'status'
          ? quick.status(ref, never)
          : route === 'result'
            ? quick.result(ref, never)
            : quick.cancel(ref, never);
      const r = await countRequests(emu, 'fal', route, () => call);
      assert.equal(r.requests, 1, 'no hidden client retries');
      const err = await providerError(Promise.reject(r.error));
      assert.equal(err.category, category);
      assert.equal(err.outcomeUnknown, false);
    });
  }
});

test('fal without a key: auth error before any request', async () => {
  const keyless = createFalProvider({ credentials: () => undefined, baseUrl: emu.falBaseUrl });
  const err = await providerError(keyless.submit(req(), never));
  assert.equal(err.category, 'auth');
  assert.equal(emu.requests('fal', 'submit'), 0);
});

test('fal with a wrong key: auth, and the key is not in the error', async () => {
  const wrong = createFalProvider({ credentials: () => 'wrong:secret', baseUrl: emu.falBaseUrl });
  const err = await providerError(wrong.submit(req(), never));
  assert.equal(err.category, 'auth');
  assert.ok(!JSON.stringify({ m: err.message, d: err.detail }).includes('wrong:secret'));
});
