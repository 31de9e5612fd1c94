import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { ProviderError } from '../../../src/core/errors';
import type { Modality } from '../../../src/core/jobTypes';
import type { ProviderAdapter } from '../../../src/core/providerPort';
import { createLocalProvider, LOST_JOB_MESSAGE } from '../../../src/providers/local/localProvider';
import { encodeLocalRequestId } from '../../../src/providers/local/localRequestId';
import { decodeWav } from '../../../src/providers/local/wav';
import { ManualClock } from './manualClock';

const signal = new AbortController().signal;

function setup() {
  const clock = new ManualClock();
  const provider = createLocalProvider({ clock });
  return { clock, provider };
}

async function submit(provider: ProviderAdapter, modality: Modality, input: Record<string, unknown>, jobId = 'job-1') {
  const model = `local/${modality}`;
  const r = await provider.submit({ jobId, model, modality, input }, signal);
  // The engine's ref carries the job's modality and input on every call.
  return { model, modality, input, requestId: r.requestId, first: r.status };
}

/** Submit and let simulated time pass until done; returns the result. */
async function generate(modality: Modality, input: Record<string, unknown>) {
  const { clock, provider } = setup();
  const ref = await submit(provider, modality, input);
  clock.advance(60_000);
  assert.equal((await provider.status(ref, signal)).phase, 'completed');
  return { result: await provider.result(ref, signal), ref, provider };
}

function maxAbs(samples: Int16Array): number {
  let m = 0;
  for (const s of samples) m = Math.max(m, Math.abs(s));
  return m;
}

function ascii(bytes: Uint8Array, start: number, len: number): string {
  return Buffer.from(bytes.subarray(start, start + len)).toString('latin1');
}

describe('offline provider phases', () => {
  it('goes queued → running with step logs and progress → completed, on the clock', async () => {
    const { clock, provider } = setup();
    const ref = await submit(provider, 'image', { prompt: 'a red fox' });
    assert.equal(ref.first.phase, 'queued');
    assert.equal(ref.first.queuePosition, 1);
    assert.match(ref.requestId, /^local-image-[A-Za-z0-9_-]{12}$/, 'short: the input is not in the id');

    clock.advance(400); // queue over
    let s = await provider.status(ref, signal);
    assert.equal(s.phase, 'running');
    assert.equal(s.logs?.at(-1), 'step 1/4');
    assert.equal(s.progress, 0);

    clock.advance(1000); // half of the 2 s run
    s = await provider.status(ref, signal);
    assert.equal(s.logs?.at(-1), 'step 3/4');
    assert.equal(s.progress, 0.5);

    clock.advance(1000);
    s = await provider.status(ref, signal);
    assert.equal(s.phase, 'completed');
    assert.equal(s.progress, 1);
    assert.equal(s.metrics?.predictTimeSec, 2);
  });

  it('runs faster with a speed factor', async () => {
    const clock = new ManualClock();
    const provider = createLocalProvider({ clock, speed: 100 });
    const ref = await submit(provider, 'video', { prompt: 'x' });
    clock.advance(47); // 4.6 s of simulated work at speed 1
    assert.equal((await provider.status(ref, signal)).phase, 'completed');
  });

  it('waitForChange resolves at the next step, and at once when terminal', async () => {
    const { clock, provider } = setup();
    const ref = await submit(provider, 'image', { prompt: 'x' });
    const waitFn = provider.waitForChange;
    assert.ok(waitFn);
    const waiting = waitFn(ref, signal, 30_000);
    clock.advance(400);
    assert.equal((await waiting).phase, 'running');
    clock.advance(10_000);
    assert.equal((await waitFn(ref, signal, 30_000)).phase, 'completed');
    assert.equal(clock.pendingTimers(), 0);
  });

  it('waitForChange honours maxWaitMs, wakes on cancel and rejects on abort', async () => {
    const { clock, provider } = setup();
    const ref = await submit(provider, 'video', { prompt: 'x' });
    const waitFn = provider.waitForChange;
    assert.ok(waitFn);
    const short = waitFn(ref, signal, 100);
    clock.advance(100);
    assert.equal((await short).phase, 'queued');

    const woken = waitFn(ref, signal, 30_000);
    await provider.cancel(ref, signal);
    assert.equal((await woken).phase, 'canceled');
    assert.equal(clock.pendingTimers(), 0);

    const other = await submit(provider, 'video', { prompt: 'y' }, 'job-2');
    const ac = new AbortController();
    const aborted = waitFn(other, ac.signal, 30_000);
    ac.abort(new Error('stop'));
    await assert.rejects(aborted, /stop/);
    assert.equal(clock.pendingTimers(), 0);
  });
});

describe('offline provider cancel', () => {
  it('cancels a running job; it then has no result', async () => {
    const { clock, provider } = setup();
    const ref = await submit(provider, 'audio', { prompt: 'x' });
    clock.advance(1000);
    assert.equal((await provider.status(ref, signal)).phase, 'running');
    await provider.cancel(ref, signal);
    clock.advance(60_000);
    assert.equal((await provider.status(ref, signal)).phase, 'canceled');
    await assert.rejects(
      provider.result(ref, signal),
      (e: unknown) => e instanceof ProviderError && e.category === 'input',
    );
  });

  it('leaves a completed job completed', async () => {
    const { clock, provider } = setup();
    const ref = await submit(provider, 'audio', { prompt: 'x' });
    clock.advance(60_000);
    await provider.cancel(ref, signal);
    assert.equal((await provider.status(ref, signal)).phase, 'completed');
  });

  it('refuses a result before the job is done', async () => {
    const { provider } = setup();
    const ref = await submit(provider, 'image', { prompt: 'x' });
    await assert.rejects(
      provider.result(ref, signal),
      (e: unknown) => e instanceof ProviderError && e.category === 'transient',
    );
  });
});

describe('offline provider input checks', () => {
  const cases: [string, Modality, string, Record<string, unknown>, RegExp][] = [
    ['empty prompt', 'image', 'local/image', { prompt: '  ' }, /Write a prompt first/],
    ['wrong model', 'image', 'local/video', { prompt: 'x' }, /no model "local\/video" for image/],
    ['bad aspect ratio', 'image', 'local/image', { prompt: 'x', aspect_ratio: 'wide' }, /aspect_ratio must look like/],
    [
      'too many images',
      'image',
      'local/image',
      { prompt: 'x', num_outputs: 9 },
      /num_outputs must be a number from 1 to 4/,
    ],
    ['too long a clip', 'video', 'local/video', { prompt: 'x', duration: 60 }, /duration must be a number from 1 to 5/],
    ['too much text', 'speech', 'local/speech', { prompt: 'a'.repeat(1001) }, /at most 1,000/],
    ['odd voice name', 'speech', 'local/speech', { prompt: 'hi', voice: '../x' }, /voice must be an eSpeak NG voice/],
  ];
  for (const [name, modality, model, input, message] of cases) {
    it(`rejects ${name} at submit with a clear input error`, async () => {
      const { provider } = setup();
      await assert.rejects(
        provider.submit({ jobId: 'j', model, modality, input }, signal),
        (e: unknown) => e instanceof ProviderError && e.category === 'input' && message.test(e.message),
      );
    });
  }
});

describe('offline provider restarts and reconcile', () => {
  it('answers for a job it never saw by regenerating it from the ref (short id + input)', async () => {
    const { result, ref } = await generate('image', { prompt: 'restart me', seed: 5 });
    const restarted = createLocalProvider({ clock: new ManualClock() });
    // Its start time is unknown after a restart; an offline job takes seconds, so it is done.
    const s = await restarted.status(ref, signal);
    assert.equal(s.phase, 'completed');
    const again = await restarted.result(ref, signal);
    assert.deepEqual(again.takes[0]?.data, result.takes[0]?.data);
    assert.equal(again.seed, 5);
    // The same id without the input (an older engine) cannot be rebuilt: a plain failure, not a crash.
    const bare = createLocalProvider({ clock: new ManualClock() });
    const lost = await bare.status({ model: ref.model, requestId: ref.requestId }, signal);
    assert.equal(lost.phase, 'failed');
    assert.equal(lost.error?.message, LOST_JOB_MESSAGE);
  });

  it('still answers for long ids persisted by earlier versions (the job is in the id)', async () => {
    const input = { prompt: 'from the old version' };
    const { result } = await generate('image', input);
    const clock = new ManualClock();
    const old = encodeLocalRequestId(
      { model: 'local/image', modality: 'image', input, submittedAt: clock.now() - 60_000 },
      'abc',
    );
    const p2 = createLocalProvider({ clock });
    const ref = { model: 'local/image', requestId: old };
    assert.equal((await p2.status(ref, signal)).phase, 'completed');
    assert.deepEqual((await p2.result(ref, signal)).takes[0]?.data, result.takes[0]?.data);
  });

  it('does not rebuild from a ref whose modality disagrees with the id, or a foreign id', async () => {
    const { ref } = await generate('image', { prompt: 'x' });
    const p2 = createLocalProvider({ clock: new ManualClock() });
    const wrong = await p2.status({ ...ref, modality: 'video' }, signal);
    assert.equal(wrong.phase, 'failed');
    const foreign = await p2.status({ ...ref, requestId: 'r8-abc' }, signal);
    assert.equal(foreign.phase, 'failed');
  });

  it('reports a job it cannot rebuild as an input failure asking to retry', async () => {
    const { provider } = setup();
    const ref = { model: 'local/image', requestId: 'local-image-plain.abc' };
    const s = await provider.status(ref, signal);
    assert.equal(s.phase, 'failed');
    assert.equal(s.error?.category, 'input');
    assert.equal(s.error?.message, LOST_JOB_MESSAGE);
    await assert.rejects(provider.result(ref, signal), new RegExp(LOST_JOB_MESSAGE.slice(0, 30)));
  });

  it('reconciles: found by our job id, else absent', async () => {
    const { provider } = setup();
    const ref = await submit(provider, 'image', { prompt: 'x' }, 'job-42');
    const req = { jobId: 'job-42', model: 'local/image', modality: 'image' as const, input: { prompt: 'x' } };
    assert.deepEqual(await provider.reconcile(req, 0, signal), { kind: 'found', requestId: ref.requestId });
    assert.deepEqual(await provider.reconcile({ ...req, jobId: 'job-43' }, 0, signal), { kind: 'absent' });
  });

  it('estimates free', () => {
    const { provider } = setup();
    assert.equal(provider.estimate?.('local/image', { prompt: 'x' })?.label, 'free (offline)');
  });
});

describe('offline provider files', () => {
  it('makes a valid PNG sized from the aspect ratio', async () => {
    const { result } = await generate('image', { prompt: 'a red fox at dawn', aspect_ratio: '16:9' });
    const take = result.takes[0];
    assert.ok(take?.data);
    assert.equal(take.contentType, 'image/png');
    const png = PNG.sync.read(Buffer.from(take.data));
    assert.deepEqual([png.width, png.height, take.width, take.height], [512, 288, 512, 288]);
    assert.match(take.suggestedName ?? '', /^a-red-fox-at-dawn-[0-9a-f]{8}\.png$/);
    // Not a flat colour: the pattern varies across the picture.
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
    assert.ok(colours.size > 20);
  });

  it('sizes portrait and explicit-size images, and makes one distinct take per output', async () => {
    const portrait = await generate('image', { prompt: 'x', aspect_ratio: '9:16' });
    assert.deepEqual([portrait.result.takes[0]?.width, portrait.result.takes[0]?.height], [288, 512]);
    const sized = await generate('image', { prompt: 'x', width: 64, height: 48, num_outputs: 2 });
    assert.equal(sized.result.takes.length, 2);
    const [a, b] = sized.result.takes;
    assert.equal(PNG.sync.read(Buffer.from(a?.data ?? [])).width, 64);
    assert.notDeepEqual(a?.data, b?.data);
  });

  it('is deterministic: the same prompt gives the same bytes, another prompt other bytes', async () => {
    const one = await generate('image', { prompt: 'same' });
    const two = await generate('image', { prompt: 'same' });
    const other = await generate('image', { prompt: 'different' });
    assert.deepEqual(one.result.takes[0]?.data, two.result.takes[0]?.data);
    assert.notDeepEqual(one.result.takes[0]?.data, other.result.takes[0]?.data);
  });

  it('makes a non-silent WAV melody of the asked length', async () => {
    const { result } = await generate('audio', { prompt: 'calm piano', duration: 3 });
    const take = result.takes[0];
    assert.ok(take?.data);
    assert.equal(ascii(take.data, 0, 4), 'RIFF');
    assert.equal(ascii(take.data, 8, 4), 'WAVE');
    const wav = decodeWav(take.data);
    assert.ok(wav);
    assert.equal(wav.samples.length / wav.sampleRate, 3);
    assert.equal(take.durationSec, 3);
    assert.ok(maxAbs(wav.samples) > 5000);
  });

  it('speaks the text with eSpeak NG into a non-silent WAV', async () => {
    const exitCode = process.exitCode;
    const { result } = await generate('speech', { prompt: 'Hello from the offline voice.' });
    const take = result.takes[0];
    assert.ok(take?.data);
    assert.match(result.version ?? '', /^eSpeak NG/, `fell back: ${result.version}`);
    const wav = decodeWav(take.data);
    assert.ok(wav);
    assert.ok(wav.samples.length / wav.sampleRate > 0.5);
    assert.ok(maxAbs(wav.samples) > 1000);
    assert.equal(process.exitCode, exitCode);
    const same = await generate('speech', { prompt: 'Hello from the offline voice.' });
    assert.deepEqual(same.result.takes[0]?.data, take.data);
  });

  it('reports an unknown eSpeak voice as bad input', async () => {
    const { clock, provider } = setup();
    const ref = await submit(provider, 'speech', { prompt: 'hi', voice: 'xx-zz' });
    clock.advance(60_000);
    await assert.rejects(
      provider.result(ref, signal),
      (e: unknown) => e instanceof ProviderError && e.category === 'input' && /no voice "xx-zz"/.test(e.message),
    );
  });

  it('makes a valid, deterministic MP4 clip without leaving process-wide handlers behind', async () => {
    const before = [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
    const { result } = await generate('video', { prompt: 'ocean waves', duration: 2 });
    const take = result.takes[0];
    assert.ok(take?.data);
    assert.equal(take.contentType, 'video/mp4');
    assert.equal(ascii(take.data, 4, 4), 'ftyp');
    const text = ascii(take.data, 0, take.data.length);
    assert.ok(text.includes('moov') && text.includes('avc1'));
    assert.ok(take.data.length > 5000);
    assert.deepEqual([take.width, take.height, take.durationSec], [320, 180, 2]);
    assert.deepEqual([process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')], before);
    const again = await generate('video', { prompt: 'ocean waves', duration: 2 });
    assert.deepEqual(again.result.takes[0]?.data, take.data);
  });
});
