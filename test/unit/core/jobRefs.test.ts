// A job keeps the references of its spec (path + hash), and a retry keeps them, without the upload
// URLs of the earlier submit (those expire; the engine uploads again).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createJob, specOf } from '../../../src/core/jobFactory';
import type { JobSpec } from '../../../src/core/jobTypes';
import type { JobReference } from '../../../src/core/references/referenceTypes';

const portrait: JobReference = {
  field: 'image_url',
  path: 'shots/portrait.png',
  sha256: 'a'.repeat(64),
  bytes: 9,
  contentType: 'image/png',
};
const spec: JobSpec = {
  provider: 'fal',
  model: 'fal-ai/bytedance/omnihuman/v1.5',
  modality: 'video',
  input: { resolution: '720p' },
  refs: [portrait],
};

test('a job copies its references from the spec (a later change to the spec does not reach it)', () => {
  const job = createJob(spec, 'j1', 0);
  assert.deepEqual(job.refs, [portrait]);
  spec.refs?.push({ ...portrait, field: 'audio_url' });
  assert.equal(job.refs?.length, 1);
  spec.refs?.pop();
  assert.equal(createJob({ ...spec, refs: undefined }, 'j2', 0).refs, undefined);
});

test('a retry keeps the references but not the upload URLs', () => {
  const job = createJob(spec, 'j1', 0);
  job.refUrls = { image_url: 'https://v3.fal.media/files/x.png' };
  const again = specOf(job, { resolution: '1080p' });
  assert.deepEqual(again.refs, [portrait]);
  assert.equal('refUrls' in again, false);
  assert.deepEqual(createJob(again, 'j3', 1).refs, [portrait]);
});
