// The engine's side of references: uploaded once per content and provider, before the create;
// again only when expired or when the provider could not fetch it (once); bad files fail clearly
// with nothing sent.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { ProviderError } from '../../../src/core/errors';
import type { JobSpec } from '../../../src/core/jobTypes';
import type { JobReference } from '../../../src/core/references/referenceTypes';
import { FakeClock } from '../../fakes/fakeClock';
import { FakeFileHost, MemoryCacheStore, MemoryReader, tooLarge } from '../../fakes/fakeFileHost';
import type { ScriptedPlan } from '../../fakes/scriptedProvider';
import { makeHarness, settleAll, spec, transient } from './engineHarness';

const OK: ScriptedPlan = { runMs: 5_000 };

interface SetupOptions {
  ttlMs?: number;
  concurrency?: number;
  store?: MemoryCacheStore;
  /** The provider loses every file before it runs a job (it can never fetch one). */
  unreachable?: boolean;
}

function setup(opts: SetupOptions = {}) {
  const clock = new FakeClock();
  const host = new FakeFileHost(clock, opts.ttlMs);
  const reader = new MemoryReader();
  const cacheStore = opts.store ?? new MemoryCacheStore();
  const h = makeHarness(
    {
      clock,
      plan: (req) => {
        if (opts.unreachable) host.expireAll();
        return host.plan(req.input, OK);
      },
    },
    {
      references: { reader, cacheStore },
      limits: { replicate: { concurrency: opts.concurrency ?? 4, createsPerMinute: 600 } },
    },
  );
  h.provider.upload = host.upload;
  return { h, host, reader, cacheStore, clock };
}

function addFile(reader: MemoryReader, path: string, text: string): JobReference {
  const data = new TextEncoder().encode(text);
  reader.files.set(path, data);
  const sha256 = createHash('sha256').update(data).digest('hex');
  return { field: 'image_url', path, sha256, bytes: data.byteLength, contentType: 'image/png' };
}

function withRefs(refs: JobReference[], over: Partial<JobSpec> = {}): JobSpec {
  return spec({ refs, ...over });
}

describe('engine: references', () => {
  it('uploads a reference used by 20 jobs once, and sends each job the URL in its field', async () => {
    const { h, host, reader } = setup({ concurrency: 5 });
    const ref = addFile(reader, 'stills/portrait.png', 'portrait');
    await h.engine.start();
    const jobs = Array.from({ length: 20 }, () => h.engine.submit(withRefs([ref])));
    await settleAll(h);
    assert.deepEqual(new Set(jobs.map((j) => h.engine.get(j.id)?.state)), new Set(['succeeded']));
    assert.equal(host.attempts, 1, 'one upload for 20 uses');
    assert.equal(reader.reads, 1, 'read once: the other jobs used the live upload');
    const sent = [...h.provider.remote.values()].map((r) => r.req.input.image_url);
    assert.equal(sent.length, 20);
    assert.ok(sent.every((u) => u === 'https://files.test/1/portrait.png'));
    const job = h.engine.get(jobs[0]?.id ?? '');
    assert.deepEqual(job?.refUrls, { image_url: 'https://files.test/1/portrait.png' });
    assert.equal(job?.input.image_url, undefined, "the job's own input keeps no URL (provenance is the path)");
  });

  it('uploads before the create is sent: the job is saved with its URLs while submitting', async () => {
    const { h, host, reader } = setup();
    const ref = addFile(reader, 'a.png', 'a');
    const seenAtSubmit: number[] = [];
    h.provider.onRequest = (op) => {
      if (op === 'submit') seenAtSubmit.push(host.uploads);
    };
    await h.engine.start();
    h.engine.submit(withRefs([ref]));
    await settleAll(h);
    assert.deepEqual(seenAtSubmit, [1], 'the upload was done before the create');
    // Persisted (the packed form keeps them among its extras): a restart reads them back.
    const e2 = await h.restart();
    const job = e2.list()[0];
    assert.deepEqual(job?.refUrls, { image_url: 'https://files.test/1/a.png' });
    await e2.dispose();
  });

  it('nests dotted fields and sends list fields as arrays in index order', async () => {
    const { h, reader } = setup();
    const a = addFile(reader, 'a.wav', 'voice');
    const p0 = addFile(reader, 'p0.png', 'p0');
    const p1 = addFile(reader, 'p1.png', 'p1');
    await h.engine.start();
    h.engine.submit(
      withRefs(
        [
          { ...a, field: 'voice_setting.audio' },
          { ...p1, field: 'images', index: 1 },
          { ...p0, field: 'images', index: 0 },
        ],
        { input: { prompt: 'x', voice_setting: { speed: 1 } } },
      ),
    );
    await settleAll(h);
    const input = [...h.provider.remote.values()][0]?.req.input;
    assert.deepEqual(input?.voice_setting, { speed: 1, audio: 'https://files.test/1/a.wav' });
    assert.deepEqual(input?.images, ['https://files.test/3/p0.png', 'https://files.test/2/p1.png']);
  });

  it('a retry (a new job from a failed one) does not upload again while the upload is live', async () => {
    const { h, host, reader } = setup();
    const ref = addFile(reader, 'a.png', 'a');
    await h.engine.start();
    const first = h.engine.submit(withRefs([ref]));
    await settleAll(h);
    h.engine.retry(first.id);
    await settleAll(h);
    assert.equal(host.attempts, 1);
    assert.equal(h.provider.counts.submit, 2);
  });

  it('a create refused with a 503 is sent again with the same upload', async () => {
    const { h, host, reader } = setup();
    const ref = addFile(reader, 'a.png', 'a');
    h.provider.failures.submit.push({ error: transient('busy') });
    await h.engine.start();
    const job = h.engine.submit(withRefs([ref]));
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    assert.equal(h.provider.counts.submit, 2);
    assert.equal(host.attempts, 1);
  });

  it('uploads again once the upload is within 10 minutes of its expiry, and the cache survives a restart', async () => {
    const store = new MemoryCacheStore();
    const { h, host, reader, clock } = setup({ ttlMs: 3600_000, store });
    const ref = addFile(reader, 'a.png', 'a');
    await h.engine.start();
    h.engine.submit(withRefs([ref]));
    await settleAll(h);
    assert.equal(host.attempts, 1);
    // A new session: the persisted cache serves the upload.
    const e2 = await h.restart();
    e2.submit(withRefs([ref]));
    await settleAll({ clock, engine: e2 });
    assert.equal(host.attempts, 1, 'cached across a restart');
    await clock.advance(51 * 60_000); // 9 minutes left
    e2.submit(withRefs([ref]));
    await settleAll({ clock, engine: e2 });
    assert.equal(host.attempts, 2, 'about to expire: uploaded again');
    assert.deepEqual(
      e2.list().map((j) => j.state),
      ['succeeded', 'succeeded', 'succeeded'],
    );
    await e2.dispose();
  });

  it('a file changed since the job was made fails with an input error naming it; nothing is sent', async () => {
    const { h, host, reader } = setup();
    const ref = addFile(reader, 'stills/hero.png', 'before');
    reader.files.set('stills/hero.png', new TextEncoder().encode('after'));
    await h.engine.start();
    const job = h.engine.submit(withRefs([ref]));
    await settleAll(h);
    const failed = h.engine.get(job.id);
    assert.equal(failed?.state, 'failed');
    assert.equal(failed?.error?.category, 'input');
    assert.match(failed?.error?.message ?? '', /stills\/hero\.png.*changed/);
    assert.equal(host.attempts, 0);
    assert.equal(h.provider.counts.submit, 0);
  });

  it('a missing file fails clearly without sending anything', async () => {
    const { h, reader } = setup();
    const ref = addFile(reader, 'gone.png', 'x');
    reader.files.delete('gone.png');
    await h.engine.start();
    const job = h.engine.submit(withRefs([ref]));
    await settleAll(h);
    assert.match(h.engine.get(job.id)?.error?.message ?? '', /"gone\.png".*could not be read/);
    assert.equal(h.provider.counts.submit, 0);
  });

  it('a 413 on upload is an input error with the file, its size and the limit; nothing is sent', async () => {
    const { h, host, reader } = setup();
    const ref = addFile(reader, 'big.png', 'x'.repeat(3000));
    host.failures.push(tooLarge('2 KB'));
    await h.engine.start();
    const job = h.engine.submit(withRefs([ref]));
    await settleAll(h);
    const err = h.engine.get(job.id)?.error;
    assert.equal(err?.category, 'input');
    assert.match(err?.message ?? '', /"big\.png" \(2\.9 KB\) is too large.*2 KB/);
    assert.equal(h.provider.counts.submit, 0);
  });

  it('a 5xx on upload is retried with backoff, then the job goes on without wasting a submit', async () => {
    const { h, host, reader, clock } = setup();
    const ref = addFile(reader, 'a.png', 'a');
    const busy = () => new ProviderError({ category: 'transient', httpStatus: 503, message: 'busy' });
    host.failures.push(busy(), busy());
    await h.engine.start();
    const job = h.engine.submit(withRefs([ref]));
    const t0 = clock.now();
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'succeeded');
    assert.equal(host.attempts, 3);
    assert.equal(h.provider.counts.submit, 1);
    assert.ok(clock.now() - t0 >= 2_000, 'backed off between attempts');
  });

  it('an upload that keeps failing ends in a transient failure after the engine’s attempts', async () => {
    const { h, host, reader } = setup();
    const ref = addFile(reader, 'a.png', 'a');
    for (let i = 0; i < 20; i++) host.failures.push(new ProviderError({ category: 'transient', message: 'down' }));
    await h.engine.start();
    const job = h.engine.submit(withRefs([ref]));
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.state, 'failed');
    assert.equal(h.engine.get(job.id)?.error?.retryable, true);
    assert.equal(host.attempts, 8);
    assert.equal(h.provider.counts.submit, 0);
  });

  it('an auth failure on upload fails the job as auth', async () => {
    const { h, host, reader } = setup();
    const ref = addFile(reader, 'a.png', 'a');
    host.failures.push(new ProviderError({ category: 'auth', httpStatus: 401, message: 'bad key' }));
    await h.engine.start();
    const job = h.engine.submit(withRefs([ref]));
    await settleAll(h);
    assert.equal(h.engine.get(job.id)?.error?.category, 'auth');
    assert.equal(host.attempts, 1);
  });

  it('an upload that expired at the provider before use: uploaded again and sent again, once', async () => {
    const { h, host, reader } = setup();
    const ref = addFile(reader, 'a.png', 'a');
    await h.engine.start();
    h.engine.submit(withRefs([ref]));
    await settleAll(h);
    host.expireAll(); // deleted at the provider while our cache still thinks it is live
    const job = h.engine.submit(withRefs([ref]));
    await settleAll(h);
    const done = h.engine.get(job.id);
    assert.equal(done?.state, 'succeeded');
    assert.equal(done?.refsRenewed, true);
    assert.equal(host.attempts, 2);
    assert.equal(h.provider.counts.submit, 3);
  });

  it('10 jobs that hit the same expired upload renew it once between them', async () => {
    const { h, host, reader } = setup({ concurrency: 10 });
    const ref = addFile(reader, 'a.png', 'a');
    await h.engine.start();
    h.engine.submit(withRefs([ref]));
    await settleAll(h);
    host.expireAll();
    for (let i = 0; i < 10; i++) h.engine.submit(withRefs([ref]));
    await settleAll(h);
    assert.ok(h.engine.list().every((j) => j.state === 'succeeded'));
    assert.equal(host.attempts, 2, 'one upload, then one renewal shared by all');
  });

  it('never loops: a second unreachable file fails the job', async () => {
    const { h, host, reader } = setup({ unreachable: true });
    const ref = addFile(reader, 'a.png', 'a');
    await h.engine.start();
    const job = h.engine.submit(withRefs([ref]));
    await settleAll(h);
    const failed = h.engine.get(job.id);
    assert.equal(failed?.state, 'failed');
    assert.match(failed?.error?.message ?? '', /could not download/);
    assert.equal(host.attempts, 2);
    assert.equal(h.provider.counts.submit, 2);
  });

  it('a job cancelled while its references upload is never sent', async () => {
    const { h, host, reader, clock } = setup();
    host.latencyMs = 5_000;
    const ref = addFile(reader, 'a.png', 'a');
    await h.engine.start();
    const job = h.engine.submit(withRefs([ref]));
    await clock.advance(1_000);
    await h.engine.cancel(job.id);
    await settleAll(h);
    await clock.advance(10_000);
    assert.equal(h.engine.get(job.id)?.state, 'canceled');
    assert.equal(h.provider.counts.submit, 0);
  });

  it('jobs uploading their references hold their concurrency slots', async () => {
    const { h, host, reader, clock } = setup({ concurrency: 2 });
    host.latencyMs = 5_000;
    const refs = ['a', 'b', 'c', 'd'].map((n) => addFile(reader, `${n}.png`, n));
    await h.engine.start();
    for (const r of refs) h.engine.submit(withRefs([r]));
    await clock.advance(1_000);
    assert.equal(host.attempts, 2, 'two slots: two uploads at once');
    await settleAll(h);
    assert.ok(h.provider.maxActiveRemote <= 2);
  });
});
