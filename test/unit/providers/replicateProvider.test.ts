// The Replicate adapter on the real `replicate` client, against the emulator over loopback.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { ProviderJobRef, SubmitRequest } from '../../../src/core/providerPort';
import { createReplicateProvider, parseModelRef } from '../../../src/providers/replicate/replicateProvider';
import type { FaultKind, FaultRoute } from '../../emulator/emulatorTypes';
import { type ProviderEmulator, startEmulator } from '../../emulator/providerEmulator';
import { countRequests, download, never, PNG_SIGNATURE, providerError, until } from './providerTestKit';

const TOKEN = 'r8_emulatortoken';
const IMAGE = 'black-forest-labs/flux-schnell';
let emu: ProviderEmulator;
let rep: ReturnType<typeof createReplicateProvider>;

const req = (model = IMAGE, input: Record<string, unknown> = { prompt: 'a cat' }): SubmitRequest => ({
  jobId: 'job-1',
  model,
  modality: 'image',
  input,
});

before(async () => {
  emu = await startEmulator({ timeScale: 0.01, replicateToken: TOKEN });
  rep = createReplicateProvider({ auth: () => TOKEN, baseUrl: emu.replicateBaseUrl, requestTimeoutMs: 5000 });
});
after(() => emu.close());
beforeEach(() => emu.reset());

async function submitted(model = IMAGE, input?: Record<string, unknown>): Promise<ProviderJobRef> {
  const r = await rep.submit(req(model, input), never);
  return { model, requestId: r.requestId };
}

describe('replicate happy paths', () => {
  test('image: create, poll to succeeded, result with real PNG takes and metrics', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 20_000, runMs: 1000, steps: 4, predictTimeSec: 0.8 } });
    const sub = await rep.submit(req(IMAGE, { prompt: 'a cat', num_outputs: 2 }), never);
    assert.equal(sub.status.phase, 'queued');
    const ref = { model: IMAGE, requestId: sub.requestId };
    const done = await until(
      () => rep.status(ref, never),
      (s) => s.phase === 'completed',
    );
    assert.deepEqual(done.logs, ['step 1/4', 'step 2/4', 'step 3/4', 'step 4/4']);
    assert.equal(done.metrics?.predictTimeSec, 0.8);
    const result = await rep.result(ref, never);
    assert.equal(result.takes.length, 2);
    assert.equal(result.takes[0]!.contentType, 'image/png');
    assert.equal(result.takes[0]!.suggestedName, 'out-0.png');
    assert.equal(result.metrics?.predictTimeSec, 0.8);
    const file = await download(result.takes[1]!.url!);
    assert.equal(file.type, 'image/png');
    assert.deepEqual(file.bytes.subarray(0, 8), PNG_SIGNATURE);
    assert.equal(emu.submits('replicate'), 1);
  });

  test('video and audio outputs (a single URL string) become one take each', async () => {
    for (const [model, type] of [
      ['minimax/video-01', 'video/mp4'],
      ['jaaari/kokoro-82m', 'audio/wav'],
    ] as const) {
      emu.script({ model, script: { queueMs: 0, runMs: 0 } });
      const ref = await submitted(model);
      await until(
        () => rep.status(ref, never),
        (s) => s.phase === 'completed',
      );
      const { takes } = await rep.result(ref, never);
      assert.equal(takes.length, 1, model);
      assert.equal(takes[0]!.contentType, type);
      assert.equal((await download(takes[0]!.url!)).type, type);
    }
  });

  test('sync wait: a job that finishes inside the wait comes back completed from submit', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 100, runMs: 100 } });
    const sub = await rep.submit(req(), never, { waitSeconds: 5 });
    assert.equal(sub.status.phase, 'completed');
    assert.equal(emu.requests('replicate', 'submit'), 1);
  });

  test('sync wait that runs out returns "starting" → queued, even while processing', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 10, runMs: 10_000_000 } });
    const sub = await rep.submit(req(), never, { waitSeconds: 1 });
    assert.equal(sub.status.phase, 'queued');
    const s = await rep.status({ model: IMAGE, requestId: sub.requestId }, never);
    assert.equal(s.phase, 'running');
  });

  test('tqdm logs give progress; running is "processing"', async () => {
    const bar = (n: number) =>
      `${n * 10}%|${'█'.repeat(n)}${' '.repeat(10 - n)}| ${n * 5}/50 [00:0${n}<00:05, 9.8it/s]`;
    emu.script({ model: IMAGE, script: { queueMs: 0, runMs: 60_000, logLines: [1, 2, 3, 4, 5, 6, 7, 8, 9].map(bar) } });
    const ref = await submitted();
    const s = await until(
      () => rep.status(ref, never),
      (x) => x.phase === 'running' && (x.progress ?? 0) >= 0.2,
    );
    assert.ok((s.progress ?? 0) <= 0.9);
  });

  test('"owner/name:version" creates by version; "owner/name" by model', async () => {
    assert.deepEqual(parseModelRef('stability-ai/sdxl:39ed52f2'), { model: 'stability-ai/sdxl', version: '39ed52f2' });
    assert.deepEqual(parseModelRef(IMAGE), { model: IMAGE });
    const ref = await submitted('stability-ai/sdxl:39ed52f2');
    const job = emu.job(ref.requestId);
    assert.equal(job?.version, '39ed52f2');
    assert.ok(emu.requestLog().some((r) => r.route === 'submit' && r.path.endsWith('/replicate/v1/predictions')));
  });

  test('capabilities: no stream, sync wait, remote cancel', () => {
    assert.deepEqual(rep.capabilities, { statusStream: false, syncWait: true, remoteCancel: true });
    assert.equal(rep.waitForChange, undefined);
  });
});

describe('replicate failures reported by the prediction', () => {
  test('failed with a CUDA error → failed, transient, not auto-retried', async () => {
    emu.fault({ provider: 'replicate', route: 'submit', kind: 'job-failed' });
    emu.script({ model: IMAGE, script: { queueMs: 0, runMs: 0 } });
    const ref = await submitted();
    const s = await rep.status(ref, never);
    assert.equal(s.phase, 'failed');
    assert.equal(s.error?.category, 'transient');
    assert.equal(s.error?.retryable, false);
    assert.match(s.error?.detail ?? '', /out of memory/);
    const err = await providerError(rep.result(ref, never));
    assert.equal(err.category, 'transient');
    assert.equal(err.retryable, false);
  });

  test('NSFW → billing-policy (content policy)', async () => {
    emu.fault({ provider: 'replicate', route: 'submit', kind: 'job-nsfw' });
    emu.script({ model: IMAGE, script: { queueMs: 0, runMs: 0 } });
    const s = await rep.status(await submitted(), never);
    assert.equal(s.error?.category, 'billing-policy');
    assert.match(s.error?.message ?? '', /content policy/);
  });

  test('an input complaint from the model → input', async () => {
    emu.script({
      model: IMAGE,
      script: { queueMs: 0, runMs: 0, outcome: 'failed', error: 'width must be a multiple of 64' },
    });
    const s = await rep.status(await submitted(), never);
    assert.equal(s.error?.category, 'input');
    assert.match(s.error?.message ?? '', /width must be a multiple of 64/);
  });

  test('canceled at the provider → canceled', async () => {
    emu.fault({ provider: 'replicate', route: 'submit', kind: 'job-canceled' });
    emu.script({ model: IMAGE, script: { queueMs: 0, runMs: 0 } });
    assert.equal((await rep.status(await submitted(), never)).phase, 'canceled');
  });
});

describe('replicate cancel', () => {
  test('cancel a running prediction: one request, then canceled', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 0, runMs: 10_000_000 } });
    const ref = await submitted();
    const r = await countRequests(emu, 'replicate', 'cancel', () => rep.cancel(ref, never));
    assert.equal(r.error, undefined);
    assert.equal(r.requests, 1);
    assert.equal((await rep.status(ref, never)).phase, 'canceled');
  });

  test('cancel after success is not an error and keeps the result', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 0, runMs: 0 } });
    const ref = await submitted();
    await rep.cancel(ref, never);
    assert.equal((await rep.status(ref, never)).phase, 'completed');
  });
});

describe('replicate reconcile (list predictions)', () => {
  test('a submit whose answer was lost is found by model + input; nothing is created twice', async () => {
    emu.fault({ provider: 'replicate', route: 'submit', kind: 'reset-after-create' });
    const at = Date.now();
    const err = await providerError(rep.submit(req(IMAGE, { prompt: 'lost answer', seed: 7 }), never));
    assert.equal(err.outcomeUnknown, true);
    assert.equal(emu.submits('replicate'), 1);
    const created = emu.jobs('replicate')[0]!;
    const out = await rep.reconcile(req(IMAGE, { seed: 7, prompt: 'lost answer' }), at, never);
    assert.deepEqual(out, { kind: 'found', requestId: created.id });
    assert.equal(emu.submits('replicate'), 1);
  });

  test('a submit that never arrived is absent', async () => {
    emu.fault({ provider: 'replicate', route: 'submit', kind: 'reset' });
    const at = Date.now();
    const err = await providerError(rep.submit(req(IMAGE, { prompt: 'never arrived' }), never));
    assert.equal(err.outcomeUnknown, true);
    assert.equal(emu.submits('replicate'), 0);
    assert.deepEqual(await rep.reconcile(req(IMAGE, { prompt: 'never arrived' }), at, never), { kind: 'absent' });
  });

  test('follows absolute `next` links across pages; other models and inputs do not match', async () => {
    const small = await startEmulator({ timeScale: 0.01, listPageSize: 2 });
    try {
      const r = createReplicateProvider({ auth: () => TOKEN, baseUrl: small.replicateBaseUrl });
      const at = Date.now();
      const target = await r.submit(req(IMAGE, { prompt: 'oldest' }), never);
      for (const p of ['b', 'c', 'd']) await r.submit(req(IMAGE, { prompt: p }), never);
      await r.submit(req('other/model', { prompt: 'oldest' }), never);
      const out = await r.reconcile(req(IMAGE, { prompt: 'oldest' }), at, never);
      assert.deepEqual(out, { kind: 'found', requestId: target.requestId });
      assert.equal(small.requests('replicate', 'list'), 3);
    } finally {
      await small.close();
    }
  });

  test('request ids other jobs own are excluded: twin jobs with the same input never adopt the same prediction', async () => {
    const at = Date.now();
    const input = { prompt: 'twins', seed: 3 };
    const first = await rep.submit(req(IMAGE, input), never);
    const second = await rep.submit(req(IMAGE, input), never);
    const ids = new Set([first.requestId, second.requestId]);
    const plain = await rep.reconcile(req(IMAGE, input), at, never);
    assert.equal(plain.kind, 'found');
    const taken = (plain as { requestId: string }).requestId;
    assert.ok(ids.has(taken));
    const other = await rep.reconcile(req(IMAGE, input), at, never, { exclude: new Set([taken]) });
    assert.equal(other.kind, 'found');
    assert.notEqual((other as { requestId: string }).requestId, taken);
    assert.ok(ids.has((other as { requestId: string }).requestId));
    assert.deepEqual(await rep.reconcile(req(IMAGE, input), at, never, { exclude: ids }), { kind: 'absent' });
    assert.equal(emu.submits('replicate'), 2);
  });

  test('only the same input is ours: predictions of the same model with other inputs mean absent', async () => {
    const at = Date.now();
    await rep.submit(req(IMAGE, { prompt: 'a cat', seed: 1 }), never);
    await rep.submit(req(IMAGE, { prompt: 'a dog' }), never);
    assert.deepEqual(await rep.reconcile(req(IMAGE, { prompt: 'a cat' }), at, never), { kind: 'absent' });
  });

  test('the same input created well before our submit is an older twin, not ours: absent', async () => {
    const input = { prompt: 'ran yesterday too' };
    await rep.submit(req(IMAGE, input), never);
    // Our (lost) submit happened ten minutes after that prediction was created.
    const ours = Date.now() + 10 * 60_000;
    assert.deepEqual(await rep.reconcile(req(IMAGE, input), ours, never), { kind: 'absent' });
  });

  test('more recent predictions than it may page through: an error to retry, never "absent"', async () => {
    const small = await startEmulator({ timeScale: 0.01, listPageSize: 1 });
    try {
      const r = createReplicateProvider({ auth: () => TOKEN, baseUrl: small.replicateBaseUrl });
      const at = Date.now();
      for (let i = 0; i < 11; i++) await r.submit(req(IMAGE, { prompt: `busy ${i}` }), never);
      const out = await countRequests(small, 'replicate', 'list', () =>
        r.reconcile(req(IMAGE, { prompt: 'ours, not listed yet' }), at, never),
      );
      assert.equal(out.requests, 10);
      const err = await providerError(Promise.reject(out.error));
      assert.equal(err.category, 'transient');
      assert.match(err.message, /could not finish checking/);
    } finally {
      await small.close();
    }
  });

  test("compares on Replicate's clock (Date header): a machine ten minutes fast still finds its prediction", async () => {
    emu.setClockSkew(-10 * 60_000);
    emu.fault({ provider: 'replicate', route: 'submit', kind: 'reset-after-create' });
    const at = Date.now();
    await providerError(rep.submit(req(IMAGE, { prompt: 'skewed' }), never));
    const created = emu.jobs('replicate')[0]!;
    assert.deepEqual(await rep.reconcile(req(IMAGE, { prompt: 'skewed' }), at, never), {
      kind: 'found',
      requestId: created.id,
    });
  });

  test("compares on Replicate's clock: a machine ten minutes slow does not adopt an older twin", async () => {
    emu.setClockSkew(10 * 60_000);
    const input = { prompt: 'twin from five minutes earlier' };
    await rep.submit(req(IMAGE, input), never);
    // Our submit came five real minutes later, read on a clock ten minutes behind Replicate's.
    const ours = Date.now() + 5 * 60_000;
    assert.deepEqual(await rep.reconcile(req(IMAGE, input), ours, never), { kind: 'absent' });
  });

  test('a failing list is a transient error after one request', async () => {
    emu.fault({ provider: 'replicate', route: 'list', kind: '500' });
    const r = await countRequests(emu, 'replicate', 'list', () => rep.reconcile(req(), Date.now(), never));
    assert.equal(r.requests, 1);
    assert.equal((await providerError(Promise.reject(r.error))).category, 'transient');
  });
});

interface Expect {
  category: string;
  outcomeUnknown?: boolean;
  retryAfterMs?: number;
  message?: RegExp;
}

const SUBMIT_FAULTS: Array<[FaultKind, Expect, { retryAfter?: string; detail?: string }?]> = [
  ['429', { category: 'transient', outcomeUnknown: false, retryAfterMs: 7000 }, { retryAfter: '7' }],
  ['429', { category: 'transient', outcomeUnknown: false, retryAfterMs: 1000 }],
  [
    '429',
    { category: 'transient', retryAfterMs: 30_000 },
    { detail: 'Request was throttled. Your rate limit resets in ~30s.' },
  ],
  ['500', { category: 'transient', outcomeUnknown: true }],
  ['502', { category: 'transient', outcomeUnknown: true }],
  ['503', { category: 'transient', outcomeUnknown: false }],
  ['reset', { category: 'transient', outcomeUnknown: true }],
  ['reset-after-create', { category: 'transient', outcomeUnknown: true }],
  ['malformed', { category: 'transient', outcomeUnknown: true }],
  ['slow', { category: 'transient', outcomeUnknown: true, message: /did not answer in time/ }],
  ['401', { category: 'auth', outcomeUnknown: false, message: /Set API Key/ }],
  ['402', { category: 'billing-policy', outcomeUnknown: false, message: /insufficient credit/ }],
  ['422', { category: 'input', outcomeUnknown: false, message: /prompt is required/ }],
  ['404', { category: 'input', outcomeUnknown: false, message: /does not know the model/ }],
];

describe('replicate submit faults: one request each (the client would send 6), mapped', () => {
  for (const [kind, expect, extra] of SUBMIT_FAULTS) {
    test(`submit ${kind}${extra ? ` ${JSON.stringify(extra)}` : ''}`, async () => {
      // Only the 'slow' fault needs a short timeout; a loaded machine must not time out the rest.
      const quick =
        kind === 'slow'
          ? createReplicateProvider({ auth: () => TOKEN, baseUrl: emu.replicateBaseUrl, requestTimeoutMs: 700 })
          : rep;
      emu.fault({ provider: 'replicate', route: 'submit', kind, delayMs: 5000, ...extra });
      const r = await countRequests(emu, 'replicate', 'submit', () => quick.submit(req(), never));
      assert.equal(r.requests, 1, 'no hidden client retries');
      const err = await providerError(Promise.reject(r.error));
      assert.equal(err.category, expect.category);
      if ('outcomeUnknown' in expect) assert.equal(err.outcomeUnknown, expect.outcomeUnknown);
      if ('retryAfterMs' in expect) assert.equal(err.retryAfterMs, expect.retryAfterMs);
      if (expect.message) assert.match(err.message, expect.message);
      assert.ok(!err.message.includes(TOKEN) && !(err.detail ?? '').includes(TOKEN), 'never leaks the token');
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
  ['cancel', '429', 'transient'],
  ['cancel', '500', 'transient'],
  ['cancel', 'reset', 'transient'],
];

describe('replicate status/cancel faults: one request each, never outcomeUnknown', () => {
  for (const [route, kind, category] of READ_FAULTS) {
    test(`${route} ${kind} → ${category}`, async () => {
      // Only the 'slow' fault needs a short timeout; a loaded machine must not time out the rest.
      const quick =
        kind === 'slow'
          ? createReplicateProvider({ auth: () => TOKEN, baseUrl: emu.replicateBaseUrl, requestTimeoutMs: 700 })
          : rep;
      emu.script({ model: IMAGE, script: { queueMs: 0, runMs: 10_000_000 } });
      const ref = await submitted();
      emu.fault({ provider: 'replicate', route, kind, delayMs: 5000 });
      const r = await countRequests(
        emu,
        'replicate',
        route,
        (): Promise<unknown> => (route === 'status' ? quick.status(ref, never) : quick.cancel(ref, never)),
      );
      assert.equal(r.requests, 1, 'no hidden client retries');
      const err = await providerError(Promise.reject(r.error));
      assert.equal(err.category, category);
      assert.equal(err.outcomeUnknown, false);
    });
  }

  test('result faults use the same GET: a 500 there is transient after one request', async () => {
    emu.script({ model: IMAGE, script: { queueMs: 0, runMs: 0 } });
    const ref = await submitted();
    emu.fault({ provider: 'replicate', route: 'status', kind: '500' });
    const r = await countRequests(emu, 'replicate', 'status', () => rep.result(ref, never));
    assert.equal(r.requests, 1);
    assert.equal((await providerError(Promise.reject(r.error))).category, 'transient');
  });
});

test('replicate without a token: auth error before any request', async () => {
  const tokenless = createReplicateProvider({ auth: () => undefined, baseUrl: emu.replicateBaseUrl });
  const err = await providerError(tokenless.submit(req(), never));
  assert.equal(err.category, 'auth');
  assert.equal(emu.requests('replicate', 'submit'), 0);
});
