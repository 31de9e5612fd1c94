import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inputWithRefs, refUrlKey } from '../../../src/core/references/referenceInput';
import type { JobReference } from '../../../src/core/references/referenceTypes';
import { fileNameOf } from '../../../src/core/references/referenceUploads';

const ref = (field: string, index?: number): JobReference => ({
  field,
  path: `${field}${index ?? ''}.png`,
  sha256: '0'.repeat(64),
  bytes: 1,
  contentType: 'image/png',
  ...(index === undefined ? {} : { index }),
});

describe('the input sent with references', () => {
  it('puts URLs in their fields, nests dotted names, orders lists by index, and leaves the job input alone', () => {
    const input = { prompt: 'p', voice: { speed: 1 }, images: 'placeholder' };
    const refs = [ref('image_url'), ref('voice.audio'), ref('images', 1), ref('images', 0)];
    const urls = { image_url: 'u1', 'voice.audio': 'u2', 'images[0]': 'i0', 'images[1]': 'i1' };
    assert.deepEqual(inputWithRefs(input, refs, urls), {
      prompt: 'p',
      voice: { speed: 1, audio: 'u2' },
      images: ['i0', 'i1'],
      image_url: 'u1',
    });
    assert.deepEqual(input, { prompt: 'p', voice: { speed: 1 }, images: 'placeholder' });
    assert.equal(refUrlKey(ref('images', 2)), 'images[2]');
  });

  it('is the job input unchanged before any upload', () => {
    const input = { prompt: 'p' };
    assert.equal(inputWithRefs(input, [ref('image_url')], undefined), input);
    assert.equal(inputWithRefs(input, undefined, { image_url: 'x' }), input);
  });

  it('names an uploaded file with an extension', () => {
    assert.equal(fileNameOf('cast/anna.png', 'image/png'), 'anna.png');
    assert.equal(fileNameOf('takes/voice', 'audio/wav'), 'voice.wav');
    assert.equal(fileNameOf('C:\\w\\clip', 'video/mp4'), 'clip.mp4');
  });
});
