// The real fal and Replicate clients uploading references to the emulator over loopback, and the
// engine sending, renewing and reconciling jobs that use them.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { AssetSink } from '../../../src/core/assetSinkPort';
import { isProviderError, type ProviderError } from '../../../src/core/errors';
import { JobEngine } from '../../../src/core/jobEngine';
import { isTerminal, type JobSpec } from '../../../src/core/jobTypes';
import type { JobReference } from '../../../src/core/references/referenceTypes';
import { sizeOf } from '../../../src/core/takeSpool';
import { createFalProvider } from '../../../src/providers/fal/falProvider';
import { createReplicateProvider } from '../../../src/providers/replicate/replicateProvider';
import type { EmulatedProvider } from '../../emulator/emulatorTypes';
import { type ProviderEmulator, startEmulator } from '../../emulator/providerEmulator';
import { MemoryCacheStore, MemoryReader } from '../../fakes/fakeFileHost';
import { MemoryJobStore } from '../../fakes/memoryJobStore';

let emu: ProviderEmulator;
before(async () => {
  emu = await startEmulator({ timeScale: 0.02, defaultScript: { queueMs: 2_000, runMs: 10_000 } });
});
after(async () => {
  await emu.close();
});

const fal = () => createFalProvider({ credentials: () => 'test-key', baseUrl: emu.falBaseUrl });
const replicate = () => createReplicateProvider({ auth: () => 'test-token', baseUrl: emu.replicateBaseUrl });
const signal = () => new AbortController().signal;
const png = (n: number) => ({ data: new Uint8Array(n).fill(7), contentType: 'image/png', name: 'portrait.png' });

async function rejection(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (err) {
    assert.ok(isProviderError(err), `a ProviderError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

describe('uploads with the real clients against the emulator', () => {
  it('fal: storage upload of a File with a one-day lifecycle; the file URL serves the bytes', async () => {
    emu.reset();
    const now = Date.now();
    const up = await fal().upload?.(png(1234), signal());
    assert.ok(up);
    assert.match(up.url, /\/files\/uploads\/.*portrait\.png$/);
    assert.ok(up.expiresAt !== undefined && Math.abs(up.expiresAt - (now + 86_400_000)) < 5_000);
    const res = await fetch(up.url);
    assert.equal(res.status, 200);
    assert.equal((await res.arrayBuffer()).byteLength, 1234);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.equal(emu.uploads('fal'), 1);
  });

  it('fal: a file over 90 MiB goes multipart (10 MiB parts, JSON part answers) and arrives whole', async () => {
    emu.reset();
    const big = new Uint8Array(91 * 2 ** 20);
    big[0] = 1;
    big[big.length - 1] = 2;
    const up = await fal().upload?.({ data: big, contentType: 'video/mp4', name: 'take.mp4' }, signal());
    assert.ok(up);
    const parts = emu.requestLog().filter((r) => /\/fal\/multipart\/[^/]+\/\d+/.test(r.path));
    assert.equal(parts.length, 10);
    const got = new Uint8Array(await (await fetch(up.url)).arrayBuffer());
    assert.equal(got.length, big.length);
    assert.equal(createHash('sha256').update(got).digest('hex'), createHash('sha256').update(big).digest('hex'));
    assert.equal(emu.uploads('fal'), 1);
  });

  it('fal: a 5xx is transient, a 413 an input error, a bad key auth', async () => {
    emu.reset();
    emu.fault({ provider: 'fal', route: 'upload', kind: '503' });
    assert.equal((await rejection(fal().upload?.(png(10), signal()) as Promise<unknown>)).category, 'transient');
    emu.fault({ provider: 'fal', route: 'upload', kind: '413' });
    const tooBig = await rejection(fal().upload?.(png(10), signal()) as Promise<unknown>);
    assert.equal(tooBig.category, 'input');
    assert.equal(tooBig.httpStatus, 413);
    emu.fault({ provider: 'fal', route: 'upload', kind: '401' });
    assert.equal((await rejection(fal().upload?.(png(10), signal()) as Promise<unknown>)).category, 'auth');
    assert.equal(emu.uploads('fal'), 0);
  });

  it('Replicate: files.create of a named File; urls.get and expires_at come back', async () => {
    emu.reset();
    const up = await replicate().upload?.(png(500), signal());
    assert.ok(up);
    assert.match(up.url, /\/replicate\/v1\/files\/\w+$/);
    assert.ok(up.expiresAt !== undefined && up.expiresAt > Date.now() + 23 * 3600_000);
    const meta = (await (await fetch(up.url, { headers: { authorization: 'Bearer t' } })).json()) as {
      name: string;
      size: number;
      content_type: string;
    };
    assert.deepEqual([meta.name, meta.size, meta.content_type], ['portrait.png', 500, 'image/png']);
    assert.equal(emu.uploads('replicate'), 1);
  });

  it('Replicate: a 5xx falls back to a data URI for a small file only; a 4xx surfaces', async () => {
    emu.reset();
    emu.fault({ provider: 'replicate', route: 'upload', kind: '500' });
    const small = await replicate().upload?.(png(3), signal());
    assert.equal(small?.url, `data:image/png;base64,${Buffer.from([7, 7, 7]).toString('base64')}`);
    assert.equal(small?.expiresAt, undefined);
    emu.fault({ provider: 'replicate', route: 'upload', kind: '502' });
    const big = await rejection(replicate().upload?.(png(1_500_000), signal()) as Promise<unknown>);
    assert.equal(big.category, 'transient');
    emu.fault({ provider: 'replicate', route: 'upload', kind: '413' });
    const refused = await rejection(replicate().upload?.(png(3), signal()) as Promise<unknown>);
    assert.equal(refused.category, 'input');
    assert.equal(emu.uploads('replicate'), 0);
  });
});

function makeEngine(reader: MemoryReader, cacheStore = new MemoryCacheStore()) {
  const assets: AssetSink = {
    importTake: async (job, take, data) => ({ localPath: `assets/${job.id}-${take.index}`, bytes: sizeOf(data) }),
  };
  return new JobEngine({
    providers: { fal: fal(), replicate: replicate() },
    store: new MemoryJobStore(),
    assets,
    references: { reader, cacheStore },
    minPollGapMs: 20,
  });
}

function reference(reader: MemoryReader, path: string, field: string): JobReference {
  const data = new Uint8Array(2048).map((_, i) => (i * 31 + path.length) % 256);
  reader.files.set(path, data);
  const sha256 = createHash('sha256').update(data).digest('hex');
  return { field, path, sha256, bytes: data.byteLength, contentType: 'image/png' };
}

async function until(done: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

type EmulatedSpec = Omit<JobSpec, 'refs' | 'provider'> & { provider: EmulatedProvider };

const FAL_I2V: EmulatedSpec = {
  provider: 'fal',
  model: 'fal-ai/kling-video/v2.1/standard/image-to-video',
  modality: 'video',
  input: { prompt: 'slow push in' },
};
const REPLICATE_I2V: EmulatedSpec = {
  provider: 'replicate',
  model: 'wan-video/wan-2.2-i2v-fast',
  modality: 'video',
  input: { prompt: 'slow push in' },
};

/** A reset emulator, a reference to stills/hero.png and a started engine that reads it. */
async function heroEngine() {
  emu.reset();
  const reader = new MemoryReader();
  const ref = reference(reader, 'stills/hero.png', 'image_url');
  const engine = makeEngine(reader);
  await engine.start();
  return { ref, engine };
}

describe('the engine with references against the emulator', () => {
  it('Replicate: a create whose answer was lost is reconciled by the merged input (URL included), never sent twice', async () => {
    const { ref, engine } = await heroEngine();
    emu.fault({ provider: 'replicate', route: 'submit', kind: 'reset-after-create' });
    const job = engine.submit({ ...structuredClone(REPLICATE_I2V), refs: [ref] });
    await until(() => isTerminal(engine.get(job.id)?.state ?? 'waiting'));
    assert.equal(engine.get(job.id)?.state, 'succeeded');
    assert.ok(engine.get(job.id)?.stateAt.unknown, 'went through unknown');
    assert.equal(emu.submits('replicate'), 1);
    assert.equal(emu.uploads('replicate'), 1);
    await engine.dispose();
  });

  for (const base of [FAL_I2V, REPLICATE_I2V]) {
    it(`${base.provider}: jobs sharing a reference upload it once; the provider gets its URL`, async () => {
      const { ref, engine } = await heroEngine();
      const jobs = [1, 2, 3].map(() => engine.submit({ ...structuredClone(base), refs: [ref] }));
      await until(() => jobs.every((j) => isTerminal(engine.get(j.id)?.state ?? 'waiting')));
      assert.deepEqual(
        jobs.map((j) => engine.get(j.id)?.state),
        ['succeeded', 'succeeded', 'succeeded'],
      );
      assert.equal(emu.uploads(base.provider), 1);
      const sent = emu.jobs(base.provider).map((j) => j.input.image_url);
      assert.equal(sent.length, 3);
      assert.ok(sent.every((u) => typeof u === 'string' && u === engine.get(jobs[0]?.id ?? '')?.refUrls?.image_url));
      await engine.dispose();
    });

    it(`${base.provider}: a file gone at use is uploaded again and the job sent again, once`, async () => {
      const { ref, engine } = await heroEngine();
      emu.fault({ provider: base.provider, route: 'upload', kind: 'expired' });
      const job = engine.submit({ ...structuredClone(base), refs: [ref] });
      await until(() => isTerminal(engine.get(job.id)?.state ?? 'waiting'));
      assert.equal(engine.get(job.id)?.state, 'succeeded');
      assert.equal(engine.get(job.id)?.refsRenewed, true);
      assert.equal(emu.uploads(base.provider), 2);
      assert.equal(emu.submits(base.provider), 2);
      await engine.dispose();
    });

    it(`${base.provider}: files that stay unreachable fail the job after one renewal, with the reason`, async () => {
      const { ref, engine } = await heroEngine();
      emu.fault({ provider: base.provider, route: 'upload', kind: 'expired', times: -1 });
      const job = engine.submit({ ...structuredClone(base), refs: [ref] });
      await until(() => isTerminal(engine.get(job.id)?.state ?? 'waiting'));
      const failed = engine.get(job.id);
      assert.equal(failed?.state, 'failed');
      assert.match(`${failed?.error?.message} ${failed?.error?.detail}`, /download/i);
      assert.equal(emu.submits(base.provider), 2);
      await engine.dispose();
    });
  }
});
