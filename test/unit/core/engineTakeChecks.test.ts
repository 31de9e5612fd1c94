// A take is checked before the job is called a success: a damaged file (truncated, junk appended,
// two renders written into one file) fails the job with a clear message and nothing is imported.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeMp4ish } from '../../emulator/mediaFiles';
import { makeHarness, settleAll, spec } from './engineHarness';

const MP4 = new Uint8Array(makeMp4ish());
const JUNK_APPENDED = new Uint8Array([...MP4, ...new Array(37).fill(0x41)]);
const TRUNCATED = MP4.slice(0, MP4.length - 100);

/** A video job whose take arrives by download (bytes served without Content-Length) or inline. */
async function videoJob(bytes: Uint8Array, via: 'download' | 'inline') {
  const h = makeHarness(
    {
      plan: () => ({
        runMs: 5_000,
        takes: [via === 'inline' ? { data: bytes, contentType: 'video/mp4' } : { url: 'https://cdn.test/clip.mp4' }],
      }),
    },
    { download: async () => ({ data: bytes, contentType: 'video/mp4' }) },
  );
  await h.engine.start();
  const job = h.engine.submit(spec({ modality: 'video', model: 'kwaivgi/kling-v2.1' }));
  await settleAll(h);
  return { h, job: h.engine.get(job.id) };
}

describe('engine: takes are checked before succeeded', () => {
  for (const via of ['download', 'inline'] as const) {
    it(`an intact MP4 (${via}) is imported and the job succeeds`, async () => {
      const { h, job } = await videoJob(MP4, via);
      assert.equal(job?.state, 'succeeded');
      assert.equal(h.assets.imported.length, 1);
    });

    it(`an MP4 with junk appended (${via}) fails the job with a clear message; nothing is imported`, async () => {
      const { h, job } = await videoJob(JUNK_APPENDED, via);
      assert.equal(job?.state, 'failed');
      assert.match(
        job?.error?.message ?? '',
        /^The video file is damaged \(.*\); nothing was imported\. Retry the job\.$/,
      );
      assert.equal(h.assets.imported.length, 0);
    });

    it(`a truncated MP4 (${via}) fails the job, naming the box that runs past the end`, async () => {
      const { h, job } = await videoJob(TRUNCATED, via);
      assert.equal(job?.state, 'failed');
      assert.match(job?.error?.message ?? '', /the MP4 box 'mdat' runs 100 bytes past the end/);
      assert.equal(h.assets.imported.length, 0);
    });
  }
});
