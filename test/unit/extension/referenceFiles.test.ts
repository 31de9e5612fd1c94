// The pure rules of the palette's reference step: media by name, the field's type and size check
// (before anything is uploaded or spent), the recorded path and hash, and a WAV's length.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { audioDurationSec } from '../../../src/extension/generate/audioLength';
import {
  buildReference,
  checkReferenceFile,
  fieldTakes,
  mediaOfContentType,
  referenceContentType,
  referenceGlobs,
  referencePath,
} from '../../../src/extension/generate/referenceFiles';
import { encodeWav } from '../../../src/providers/local/wav';

const portrait = { label: 'Portrait', media: 'image' as const };

describe('reference media', () => {
  it('knows media by file name and content type, case-insensitively; SVG and text are not media', () => {
    assert.equal(referenceContentType('shots/Face.PNG'), 'image/png');
    assert.equal(referenceContentType('C:\\voice\\line.wav'), 'audio/wav');
    assert.equal(referenceContentType('clip.mov'), 'video/quicktime');
    assert.equal(referenceContentType('logo.svg'), undefined);
    assert.equal(referenceContentType('notes.txt'), undefined);
    assert.equal(referenceContentType('noext'), undefined);
    assert.equal(mediaOfContentType('audio/mpeg'), 'audio');
    assert.equal(mediaOfContentType('application/json'), undefined);
  });

  it('matches a field by media; "any" and an unset media take every media kind', () => {
    assert.ok(fieldTakes(portrait, 'image/jpeg'));
    assert.ok(!fieldTakes(portrait, 'audio/wav'));
    assert.ok(fieldTakes({ media: 'any' }, 'video/mp4'));
    assert.ok(fieldTakes({}, 'audio/wav'));
    assert.ok(!fieldTakes({ media: 'any' }, 'text/plain'));
    assert.ok(!fieldTakes({ media: 'any' }, undefined));
  });

  it('searches the workspace once per file type of the field', () => {
    assert.deepEqual(referenceGlobs({ media: 'video' }), ['**/*.mp4', '**/*.webm', '**/*.mov']);
    assert.ok(referenceGlobs({ media: 'any' }).includes('**/*.wav'));
  });
});

describe('checking a reference against its field', () => {
  it('accepts a file of the right type within the size limit', () => {
    assert.deepEqual(checkReferenceFile({ ...portrait, maxBytes: 1000 }, { name: 'me.jpg', bytes: 1000 }), {
      ok: true,
      contentType: 'image/jpeg',
    });
  });

  it('refuses the wrong type, saying what the field takes', () => {
    const r = checkReferenceFile(portrait, { name: 'line.wav', bytes: 10 });
    assert.equal(r.ok, false);
    assert.equal(
      !r.ok && r.message,
      'line.wav is not a file "Portrait" takes: it needs image (png, jpg, jpeg, webp, gif).',
    );
    assert.equal(checkReferenceFile(portrait, { name: 'readme.md', bytes: 10 }).ok, false);
  });

  it('refuses a file above the limit, with both sizes, and an empty file', () => {
    const kb = checkReferenceFile({ ...portrait, maxBytes: 2048 }, { name: 'a.png', bytes: 4096 });
    assert.equal(!kb.ok && kb.message, 'a.png is 4 KB; "Portrait" takes at most 2 KB. Choose a smaller file.');
    const r = checkReferenceFile(
      { ...portrait, maxBytes: 100 * 1024 * 1024 },
      { name: 'huge.png', bytes: 150 * 1024 * 1024 },
    );
    assert.equal(!r.ok && r.message, 'huge.png is 150 MB; "Portrait" takes at most 100 MB. Choose a smaller file.');
    const empty = checkReferenceFile(portrait, { name: 'x.png', bytes: 0 });
    assert.equal(!empty.ok && empty.message, 'x.png is empty.');
  });
});

describe('recording a reference', () => {
  it('records a workspace file relative to its folder with forward slashes, another file absolutely', () => {
    assert.equal(referencePath('/ws/a/assets/me.png', ['/ws/b', '/ws/a']), 'assets/me.png');
    assert.equal(referencePath('C:\\ws\\assets\\me.png', ['C:\\ws']), 'assets/me.png');
    assert.equal(referencePath('/home/me/Pictures/me.png', ['/ws/a']), '/home/me/Pictures/me.png');
    // A sibling folder that shares the prefix is outside.
    assert.equal(referencePath('/ws/ab/me.png', ['/ws/a']), '/ws/ab/me.png');
  });

  it('builds the JobReference with the content hash and size, and an index only for list fields', () => {
    const data = new TextEncoder().encode('pixels');
    const ref = buildReference({ field: 'image_url', path: 'me.png', data, contentType: 'image/png' });
    assert.deepEqual(ref, {
      field: 'image_url',
      path: 'me.png',
      sha256: createHash('sha256').update('pixels').digest('hex'),
      bytes: 6,
      contentType: 'image/png',
    });
    assert.equal(
      buildReference({ field: 'image_urls', index: 0, path: 'a.png', data, contentType: 'image/png' }).index,
      0,
    );
  });
});

describe('the length of an audio reference', () => {
  it('reads WAV (and any format mediabunny reads)', async () => {
    assert.equal(await audioDurationSec(encodeWav(new Int16Array(16000 * 3), 16000)), 3);
    assert.equal(await audioDurationSec(encodeWav(new Int16Array(22050), 44100)), 0.5);
  });

  it('is undefined for what it cannot read, instead of a guess', async () => {
    assert.equal(await audioDurationSec(new TextEncoder().encode('ID3 not really an mp3')), undefined);
    assert.equal(await audioDurationSec(encodeWav(new Int16Array(100), 8000).slice(0, 30)), undefined);
  });
});
