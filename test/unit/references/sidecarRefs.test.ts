// Provenance of references: the sidecar records each by path and hash (never the upload URL), and
// "Re-run from file" rebuilds them, so a re-run after the upload expired uploads the file again.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { JobReference } from '../../../src/core/references/referenceTypes';
import { buildSidecar, parseSidecarForRerun } from '../../../src/extension/assets/sidecar';
import { FakeClock } from '../../fakes/fakeClock';
import { FakeFileHost, MemoryCacheStore, MemoryReader } from '../../fakes/fakeFileHost';
import { makeHarness, settleAll, spec } from '../core/engineHarness';

function setup() {
  const clock = new FakeClock();
  const host = new FakeFileHost(clock, 3600_000);
  const reader = new MemoryReader();
  const h = makeHarness(
    { clock, plan: (req) => host.plan(req.input, { runMs: 2_000 }) },
    { references: { reader, cacheStore: new MemoryCacheStore() } },
  );
  h.provider.upload = host.upload;
  const data = new TextEncoder().encode('the portrait');
  reader.files.set('cast/anna.png', data);
  const ref: JobReference = {
    field: 'image_url',
    path: 'cast/anna.png',
    sha256: createHash('sha256').update(data).digest('hex'),
    bytes: data.byteLength,
    contentType: 'image/png',
    fromShot: 's01',
  };
  return { h, host, ref, clock };
}

describe('sidecar references', () => {
  it('records each reference by path and hash, never the upload URL', async () => {
    const { h, ref } = setup();
    await h.engine.start();
    const job = h.engine.submit(spec({ refs: [ref, { ...ref, field: 'images', index: 0 }] }));
    await settleAll(h);
    const done = h.engine.get(job.id);
    assert.ok(done?.refUrls?.image_url);
    const sidecar = buildSidecar(done, { index: 0, contentType: 'image/png', bytes: 10 }, '1.0.0');
    assert.deepEqual(sidecar.refs, [ref, { ...ref, field: 'images', index: 0 }]);
    const text = JSON.stringify(sidecar);
    assert.ok(!text.includes('files.test'), 'no temporary URL in the sidecar');
    assert.ok(!('image_url' in sidecar.input));
  });

  it('Re-run from file after the upload expired uploads the file again and runs', async () => {
    const { h, host, ref, clock } = setup();
    await h.engine.start();
    const first = h.engine.submit(spec({ refs: [ref] }));
    await settleAll(h);
    const text = JSON.stringify(
      buildSidecar(h.engine.get(first.id) ?? first, { index: 0, contentType: 'image/png', bytes: 1 }, '1'),
    );
    await clock.advance(2 * 3600_000); // the upload expired long ago
    const parsed = parseSidecarForRerun(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.spec.refs, [ref]);
    const rerun = h.engine.submit(parsed.spec);
    await settleAll(h);
    assert.equal(h.engine.get(rerun.id)?.state, 'succeeded');
    assert.equal(host.attempts, 2, 'uploaded again');
    const sent = [...h.provider.remote.values()].map((r) => r.req.input.image_url);
    assert.deepEqual(sent, ['https://files.test/1/anna.png', 'https://files.test/2/anna.png']);
  });

  it('a sidecar with a malformed reference is refused with a reason', () => {
    const base = { provider: 'fal', model: 'm', modality: 'image', input: {} };
    const bad = parseSidecarForRerun(JSON.stringify({ ...base, refs: [{ field: 'image_url', path: 'a.png' }] }));
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.reason, /reference/);
    assert.equal(parseSidecarForRerun(JSON.stringify({ ...base, refs: 'a.png' })).ok, false);
    const none = parseSidecarForRerun(JSON.stringify(base));
    assert.ok(none.ok && none.spec.refs === undefined);
  });
});
