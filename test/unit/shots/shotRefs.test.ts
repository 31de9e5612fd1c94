// References in a shot list: file fields of the shot's model, shot:<id> of an existing shot, no
// loops, paths inside the workspace, media the field takes; each problem on the reference's line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShotList } from '../../../src/core/shots/parseShotList';
import { editShotList } from '../../../src/core/shots/shotEdits';
import { lineOf, withCode } from './shotListText';

const still = (id: string) => `  - id: ${id}
    modality: image
    provider: local
    model: local/image
    prompt: a portrait of ${id}
`;
const edit = (id: string, image: string) => `  - id: ${id}
    provider: local
    model: local/image-edit
    prompt: warmer light
    refs: { image: ${image} }
`;
const animate = (id: string, image: string) => `  - id: ${id}
    provider: local
    model: local/image-to-video
    prompt: slow push-in
    refs: { image: ${image} }
`;

describe('shot list references', () => {
  it('a shot reference and a workspace image on the right fields are read, no problems', () => {
    const text = `shots:\n${still('s01')}${animate('s02', 'shot:s01')}${animate('s03', 'art/portrait.png')}`;
    const parsed = parseShotList(text);
    assert.deepEqual(parsed.diagnostics, []);
    assert.deepEqual(parsed.list.shots[1]?.refs, { image: 'shot:s01' });
    assert.equal(parsed.list.shots[1]?.modality, 'video', 'the model implies the modality');
    assert.deepEqual(
      parsed.pathRefs?.map((r) => [r.shotId, r.field, r.path, r.span.start.line]),
      [['s03', 'image', 'art/portrait.png', lineOf(text, 'art/portrait.png')]],
    );
  });

  it('a missing shot id is an error on the value; the shot keeps no such reference', () => {
    const text = `shots:\n${animate('s02', 'shot:s09')}`;
    const parsed = parseShotList(text);
    const [d] = withCode(parsed, 'bad-reference');
    assert.match(d?.message ?? '', /there is no shot "s09"/);
    assert.equal(d?.span.start.line, lineOf(text, 'shot:s09'));
    assert.equal(d?.shotId, 's02');
    assert.deepEqual(parsed.list.shots[0]?.refs, {});
  });

  it('a loop s01 → s02 → s01 is reported on each reference of the loop, and a self reference too', () => {
    const text = `shots:\n${edit('s01', 'shot:s02')}${edit('s02', 'shot:s01')}${edit('s03', 'shot:s03')}${animate('s04', 'shot:s01')}`;
    const parsed = parseShotList(text);
    const loops = withCode(parsed, 'reference-cycle');
    assert.deepEqual(
      loops.map((d) => d.shotId),
      ['s03', 's01', 's02'],
    );
    assert.match(loops[1]?.message ?? '', /s01 → s02 → s01/);
    assert.equal(loops[1]?.span.start.line, lineOf(text, 'shot:s02'));
    assert.match(loops[0]?.message ?? '', /this shot itself/);
    // s04 depends on the loop but is not part of it: it has no loop diagnostic of its own.
    assert.ok(!loops.some((d) => d.shotId === 's04'));
  });

  it('a field the model does not take as a file, a list on a one-file field, and a missing required file', () => {
    const text = `shots:
  - id: s01
    provider: local
    model: local/image-to-video
    prompt: pan
    refs: { picture: art/a.png }
  - id: s02
    provider: local
    model: local/image-to-video
    prompt: pan
    refs: { image: [art/a.png, art/b.png] }
  - id: s03
    provider: local
    model: local/image-to-video
    prompt: pan
    refs: { duration: art/a.png, image: art/a.png }
`;
    const messages = withCode(parseShotList(text), 'bad-reference').map((d) => `${d.shotId}: ${d.message}`);
    assert.ok(
      messages.some((m) => /^s01: .*no file input "picture"; its file inputs are image/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /^s01: .*needs a file: add refs: \{ image:/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /^s02: .*takes one file, not a list/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /^s03: .*no file input "duration"/.test(m)),
      messages.join('\n'),
    );
  });

  it('media by extension: audio where an image goes, a video shot where an image goes, an unknown extension', () => {
    const text = `shots:
${still('s01')}  - id: s02
    provider: local
    model: local/video
    prompt: a clip
  - id: t1
    provider: local
    model: local/talking-head
    prompt: hello
    refs: { image: voice/line.wav, audio: shot:s01 }
  - id: t2
    provider: local
    model: local/talking-head
    prompt: hello
    refs: { image: shot:s02, audio: notes/line.txt }
`;
    const byShot = (id: string) =>
      withCode(parseShotList(text), 'bad-reference')
        .filter((d) => d.shotId === id)
        .map((d) => d.message);
    assert.deepEqual(byShot('t1'), [
      'Reference "image": it takes an image; "voice/line.wav" is audio.',
      'Reference "audio": it takes audio; shot:s01 makes an image.',
    ]);
    assert.match(byShot('t2')[0] ?? '', /shot:s02 makes a video/);
    assert.match(byShot('t2')[1] ?? '', /"notes\/line.txt" is not an image, video or audio file/);
  });

  it('a path outside the workspace is refused, as the parser refuses outputs', () => {
    const text = `shots:\n${animate('s01', '../elsewhere/a.png')}${animate('s02', '/etc/a.png')}${animate('s03', 'inside/a.png')}`;
    const parsed = parseShotList(text, { insideWorkspace: (p) => !p.startsWith('inside/') });
    const messages = withCode(parsed, 'bad-reference').map((d) => `${d.shotId}: ${d.message}`);
    assert.equal(messages.length, 3, messages.join('\n'));
    assert.match(messages[2] ?? '', /^s03: .*outside the workspace/);
    assert.equal(parsed.pathRefs, undefined, 'no path is left for the host to read');
  });

  it('a hand-typed model takes any reference name (its inputs are unknown)', () => {
    const text = `shots:
  - id: s01
    modality: video
    provider: fal
    model: acme/new-i2v
    prompt: pan
    refs: { start_frame: art/a.png, extra: [art/b.png, art/c.png] }
`;
    const parsed = parseShotList(text);
    assert.deepEqual(withCode(parsed, 'bad-reference'), []);
    assert.deepEqual(parsed.list.shots[0]?.refs, { start_frame: 'art/a.png', extra: ['art/b.png', 'art/c.png'] });
  });
});

describe('editing references (the inspector)', () => {
  const text = `shots:\n${still('s01')}  - id: s02\n    provider: local\n    model: local/image-to-video\n    prompt: slow push-in # keep\n`;

  it('sets, replaces and removes a reference, keeping the rest of the shot', () => {
    const set = editShotList(text, { kind: 'setRef', id: 's02', field: 'image', value: 'shot:s01' });
    assert.ok(set.ok);
    assert.match(set.text, /prompt: slow push-in # keep\n {4}refs: \{ image: shot:s01 \}\n$/);
    assert.deepEqual(parseShotList(set.text).diagnostics, []);
    const path = editShotList(set.text, { kind: 'setRef', id: 's02', field: 'image', value: 'art/portrait.png' });
    assert.ok(path.ok);
    assert.deepEqual(parseShotList(path.text).list.shots[1]?.refs, { image: 'art/portrait.png' });
    const cleared = editShotList(path.text, { kind: 'setRef', id: 's02', field: 'image' });
    assert.ok(cleared.ok);
    assert.equal(cleared.text, text);
  });

  it('refuses a path outside the workspace, a self reference and a bad input name', () => {
    for (const [value, field, message] of [
      ['../x.png', 'image', /out of the workspace/],
      ['/etc/x.png', 'image', /absolute/],
      ['shot:s02', 'image', /cannot reference itself/],
      ['art/a.png', 'image url', /not an input name/],
    ] as const) {
      const r = editShotList(text, { kind: 'setRef', id: 's02', field, value });
      assert.ok(!r.ok && message.test(r.message), `${value}: ${JSON.stringify(r)}`);
    }
  });
});
