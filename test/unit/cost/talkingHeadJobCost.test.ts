// A talking head is priced by its voice line's length. The palette measures it when the reference is
// chosen (and shows the cost question with it); the job must carry that length so its own estimate
// and, when the provider reports no video length, its actual cost say the same amount, not "unknown".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createJobs } from '../../../src/core/jobCreation';
import { PriceBook } from '../../../src/core/prices/priceBook';
import type { ProviderAdapter } from '../../../src/core/providerPort';
import type { JobReference } from '../../../src/core/references/referenceTypes';

const MODEL = 'fal-ai/bytedance/omnihuman/v1.5';
const voice: JobReference = {
  field: 'audio_url',
  path: 'public/generated/line.wav',
  sha256: 'a'.repeat(64),
  bytes: 1000,
  contentType: 'audio/wav',
  audioSec: 7.5,
};
const portrait: JobReference = { ...voice, field: 'image_url', path: 'public/p.png', contentType: 'image/png' };
delete portrait.audioSec;

describe('a talking head job is priced by the length of its voice line', () => {
  const costing = new PriceBook().costing();

  it('the job estimate uses the measured length of its audio reference', () => {
    const [job] = createJobs(
      {
        opts: { providers: { fal: { id: 'fal' } as ProviderAdapter } } as never,
        clock: { now: () => 1000 } as never,
        random: () => 0.5,
        costing,
        log: () => undefined,
      },
      [{ provider: 'fal', model: MODEL, modality: 'video', input: {}, refs: [portrait, voice] }],
    );
    assert.ok(job);
    assert.equal(job.cost?.estimate?.amount, 1.2);
    assert.match(job.cost?.estimate?.label ?? '', /7\.5 s of video \(the audio's length\)/);
  });

  it('the actual cost falls back to the same length when the provider reports none; unknown without it', () => {
    const result = { takes: [{ url: 'https://x/out.mp4' }] };
    assert.equal(costing.actual('fal', MODEL, {}, result, 7.5)?.amount, 1.2);
    assert.equal(costing.actual('fal', MODEL, {}, result)?.amount, undefined);
  });
});
