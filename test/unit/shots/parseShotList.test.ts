// Parsing a shot list: a valid file reads into the model, and each problem is a diagnostic on
// the line of the key or value at fault.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShotList } from '../../../src/core/shots/parseShotList';
import { errors, lineOf, summary, withCode } from './shotListText';

const VALID = `# a comment
defaults:
  image: { provider: local, model: local/image }
  speech:
    provider: local
    model: local/speech
  style: film grain
budget: 3.5
shots:
  - id: s01
    scene: 1
    group: stills
    modality: image
    prompt: A lighthouse at dusk
    params: { aspect_ratio: "16:9", seed: 7 }
    notes: Opening frame
    output: public/shots/s01.png
    take: 2
  - id: s02
    modality: speech
    prompt: |
      Waiting on generations
      shouldn't stop your work.
    model: local/voice-clone
    refs: { reference_audio: voice/ref.wav }
  - id: s03
    model: local/image-to-video
    refs: { image: "shot:s01" }
    prompt: Clips drop into the timeline
`;

describe('parseShotList: a valid list', () => {
  it('reads every field, defaults and budget, with no diagnostics', () => {
    const parsed = parseShotList(VALID);
    assert.deepEqual(parsed.diagnostics, []);
    assert.equal(parsed.list.budget, 3.5);
    assert.deepEqual(parsed.list.defaults, {
      image: { provider: 'local', model: 'local/image' },
      speech: { provider: 'local', model: 'local/speech' },
      style: 'film grain',
    });
    assert.deepEqual(parsed.list.shots[0], {
      id: 's01',
      scene: '1',
      group: 'stills',
      modality: 'image',
      prompt: 'A lighthouse at dusk',
      params: { aspect_ratio: '16:9', seed: 7 },
      notes: 'Opening frame',
      output: 'public/shots/s01.png',
      take: 2,
    });
    assert.deepEqual(parsed.list.shots[1]?.refs, { reference_audio: 'voice/ref.wav' });
    assert.equal(parsed.list.shots[1]?.prompt, "Waiting on generations\nshouldn't stop your work.\n");
    // The modality of a shot that names a catalog model comes from the model.
    assert.deepEqual(parsed.list.shots[2], {
      id: 's03',
      modality: 'video',
      model: 'local/image-to-video',
      refs: { image: 'shot:s01' },
      prompt: 'Clips drop into the timeline',
    });
  });

  it('gives each shot the span of its mapping', () => {
    const parsed = parseShotList(VALID);
    assert.equal(parsed.spans.s01?.start.line, lineOf(VALID, 'id: s01'));
    assert.equal(parsed.spans.s01?.start.character, 4);
    assert.equal(parsed.spans.s02?.start.line, lineOf(VALID, 'id: s02'));
    assert.equal(parsed.spans.s03?.end.line, lineOf(VALID, 'Clips drop'));
  });

  it('reads an empty file or an empty `shots:` as an empty list without complaint', () => {
    for (const text of ['', '# nothing yet\n', 'shots:\n', 'shots: []\n']) {
      const parsed = parseShotList(text);
      assert.deepEqual(parsed.diagnostics, [], text);
      assert.deepEqual(parsed.list.shots, []);
    }
  });

  it('reads params and refs through aliases', () => {
    const text = `common: &c { aspect_ratio: "1:1" }\nshots:\n  - { id: a, modality: image, model: local/image, prompt: x, params: *c }\n`;
    const parsed = parseShotList(text);
    assert.deepEqual(parsed.list.shots[0]?.params, { aspect_ratio: '1:1' });
    assert.deepEqual(summary(parsed), ['warning:unknown-key@0']);
  });
});

describe('parseShotList: problems on the right line', () => {
  const shot = (body: string) => `shots:\n  - id: ok\n    modality: image\n    prompt: fine\n${body}`;

  it('a YAML syntax error', () => {
    const text = 'shots:\n  - id: a\n    prompt: "unclosed\n';
    const parsed = parseShotList(text);
    const d = withCode(parsed, 'yaml-syntax');
    assert.ok(d.length > 0);
    assert.equal(d[0]?.severity, 'error');
    assert.ok(
      d.every((x) => !x.message.includes('\n')),
      'one-line messages',
    );
  });

  it('a duplicate key', () => {
    const text = shot('    prompt: again\n');
    const d = withCode(parseShotList(text), 'yaml-syntax');
    assert.equal(d[0]?.span.start.line, lineOf(text, 'prompt: again'));
  });

  it('not a mapping, shots not a list, an item not a mapping, no shots key', () => {
    assert.deepEqual(summary(parseShotList('- a\n- b\n')), ['error:not-a-list@0']);
    assert.deepEqual(summary(parseShotList('budget: 1\nshots: hello\n')), ['error:not-a-list@1']);
    assert.deepEqual(summary(parseShotList('shots:\n  - just text\n')), ['error:not-a-list@1']);
    assert.deepEqual(summary(parseShotList('budget: 1\n')), ['error:not-a-list@0']);
  });

  it('unknown keys at the top, in defaults and in a shot are warnings on the key', () => {
    const text = `title: x\ndefaults:\n  colour: red\n  image: { provider: local, flavour: 1 }\n${shot('    colour: blue\n').slice(0)}`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), [
      `warning:unknown-key@${lineOf(text, 'title')}`,
      `warning:unknown-key@${lineOf(text, 'colour: red')}`,
      `warning:unknown-key@${lineOf(text, 'flavour')}`,
      `warning:unknown-key@${lineOf(text, 'colour: blue')}`,
    ]);
    assert.equal(parsed.list.shots.length, 1, 'an unknown key does not drop the shot');
    assert.equal(parsed.diagnostics[3]?.span.start.character, 4);
    assert.equal(parsed.diagnostics[3]?.shotId, 'ok', "a shot's unknown key names the shot");
  });

  it('missing, bad and duplicate ids; the shot is left out', () => {
    const text = `shots:
  - modality: image
    prompt: no id
  - id: "has space"
    modality: image
    prompt: x
  - id: 12
    modality: image
    prompt: x
  - id: a
    modality: image
    prompt: first
  - id: a
    modality: image
    prompt: second
  - id: ../up
    modality: image
    prompt: x
  - id: con
    modality: image
    prompt: x
`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), [
      `error:missing-id@${lineOf(text, 'modality: image')}`,
      `error:bad-id@${lineOf(text, 'has space')}`,
      `error:bad-id@${lineOf(text, 'id: 12')}`,
      `error:duplicate-id@${lineOf(text, 'id: a', 'prompt: first')}`,
      `error:bad-id@${lineOf(text, '../up')}`,
      `error:bad-id@${lineOf(text, 'id: con')}`,
    ]);
    assert.match(withCode(parsed, 'bad-id')[1]?.message ?? '', /Quote it: id: "12"/);
    assert.deepEqual(
      parsed.list.shots.map((s) => [s.id, s.prompt]),
      [['a', 'first']],
    );
    assert.equal(withCode(parsed, 'duplicate-id')[0]?.shotId, 'a');
  });

  it('missing, empty and over-long prompts', () => {
    const long = 'x'.repeat(10_001);
    const text = `shots:
  - id: a
    modality: image
  - id: b
    modality: image
    prompt: ""
  - id: c
    modality: image
    prompt: ${long}
  - id: d
    modality: image
    prompt: ${'y'.repeat(10_000)}
`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), [
      `error:missing-prompt@${lineOf(text, 'id: a')}`,
      `error:missing-prompt@${lineOf(text, 'prompt: ""')}`,
      `error:prompt-too-long@${lineOf(text, long)}`,
    ]);
    assert.deepEqual(
      parsed.list.shots.map((s) => s.id),
      ['d'],
    );
    assert.equal(withCode(parsed, 'missing-prompt')[0]?.shotId, 'a');
  });

  it('bad and missing modality', () => {
    const text = 'shots:\n  - id: a\n    modality: picture\n    prompt: x\n  - id: b\n    prompt: x\n';
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), [
      `error:bad-modality@${lineOf(text, 'picture')}`,
      `error:bad-modality@${lineOf(text, 'id: b')}`,
    ]);
    assert.equal(parsed.list.shots.length, 0);
  });

  it('unknown provider (in a shot and in defaults)', () => {
    const text = `defaults:\n  image: { provider: openai }\n${shot('    provider: midjourney\n')}`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), [
      `error:unknown-provider@${lineOf(text, 'openai')}`,
      `error:unknown-provider@${lineOf(text, 'midjourney')}`,
    ]);
    assert.equal(parsed.list.shots.length, 0);
  });

  it('unknown model: an error for local, a warning for fal and Replicate; the shot stays', () => {
    const text = `shots:
  - { id: a, modality: image, provider: local, model: local/picture, prompt: x }
  - { id: b, modality: image, provider: fal, model: fal-ai/brand-new, prompt: x }
  - { id: c, modality: image, provider: replicate, model: someone/model, prompt: x }
  - { id: d, modality: image, model: nobody/knows, prompt: x }
`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), [
      'error:unknown-model@1',
      'warning:unknown-model@2',
      'warning:unknown-model@3',
      'warning:unknown-model@4',
    ]);
    assert.match(
      parsed.diagnostics[1]?.message ?? '',
      /not in GenQueue's catalog: its inputs are checked against the provider's schema when that can be read, and its price is unknown unless the provider publishes one\./,
    );
    assert.match(parsed.diagnostics[0]?.message ?? '', /local\/image/);
    assert.equal(parsed.diagnostics[0]?.span.start.character, text.split('\n')[1]?.indexOf('local/picture'));
    assert.equal(parsed.list.shots.length, 4);
  });

  it('a model of another modality, in a shot or in defaults', () => {
    const text = `defaults:\n  video: { provider: local, model: local/audio }\nshots:\n  - { id: a, modality: image, provider: local, model: local/speech, prompt: x }\n`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), ['error:model-modality-mismatch@1', 'error:model-modality-mismatch@3']);
  });

  it('params: unknown names, wrong types, out of range, not in options', () => {
    const text = `shots:
  - id: a
    modality: image
    provider: local
    model: local/image
    prompt: x
    params:
      aspect_ratio: "5:1"
      num_outputs: 9
      seed: 1.5
      quality: high
      prompt: other
  - id: b
    modality: image
    model: fal-ai/flux/dev
    prompt: x
    params:
      guidance: 3
      num_images: "two"
`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), [
      `error:param-out-of-range@${lineOf(text, '"5:1"')}`,
      `error:param-out-of-range@${lineOf(text, 'num_outputs: 9')}`,
      `error:param-type@${lineOf(text, 'seed: 1.5')}`,
      `error:unknown-param@${lineOf(text, 'quality')}`,
      `warning:unknown-param@${lineOf(text, 'prompt: other')}`,
      `warning:unknown-param@${lineOf(text, 'guidance')}`,
      `error:param-type@${lineOf(text, '"two"')}`,
    ]);
    assert.match(parsed.diagnostics[0]?.message ?? '', /one of: 1:1, 16:9/);
    assert.match(parsed.diagnostics[1]?.message ?? '', /1 to 4/);
    assert.equal(parsed.diagnostics[0]?.span.start.character, 20, 'on the value');
  });

  it('params are checked against the model the defaults choose', () => {
    const text = `defaults:\n  video: { provider: local, model: local/video }\nshots:\n  - { id: a, modality: video, prompt: x, params: { duration: 60 } }\n`;
    assert.deepEqual(summary(parseShotList(text)), ['error:param-out-of-range@3']);
  });

  it('bad references: outside the workspace, unknown shot, itself, not a media file; the reference is left out', () => {
    const text = `shots:
  - id: a
    modality: image
    prompt: x
    refs:
      one: /etc/passwd
      two: ../secret.png
      three: shot:nope
      four: shot:a
      five: shot:b
      six: assets/ok.png
      seven: [x]
  - { id: b, modality: image, prompt: y }
`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), [
      `error:bad-reference@${lineOf(text, '/etc/passwd')}`,
      `error:bad-reference@${lineOf(text, '../secret')}`,
      `error:bad-reference@${lineOf(text, 'shot:nope')}`,
      `error:reference-cycle@${lineOf(text, 'shot:a')}`,
      `error:bad-reference@${lineOf(text, 'seven')}`,
    ]);
    assert.deepEqual(parsed.list.shots[0]?.refs, { five: 'shot:b', six: 'assets/ok.png' });
  });

  it('bad take and budget', () => {
    const text = `budget: -2\n${shot('    take: 0\n')}  - { id: b, modality: image, prompt: y, take: 1.5 }\n  - { id: c, modality: image, prompt: y, take: "2" }\n`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), [
      'error:bad-budget@0',
      `error:bad-take@${lineOf(text, 'take: 0')}`,
      `error:bad-take@${lineOf(text, 'take: 1.5')}`,
      `error:bad-take@${lineOf(text, 'take: "2"')}`,
    ]);
    assert.equal(parsed.list.budget, undefined);
    assert.equal(parsed.list.shots.length, 3, 'a bad take does not drop the shot');
    assert.ok(parsed.list.shots.every((s) => s.take === undefined));
    assert.deepEqual(summary(parseShotList('budget: lots\nshots: []\n')), ['error:bad-budget@0']);
  });

  it('wrong kinds of value', () => {
    const text = shot('    scene: [a, b]\n    params: 3\n    output: { a: 1 }\n');
    assert.deepEqual(summary(parseShotList(text)), [
      `error:bad-value@${lineOf(text, 'scene')}`,
      `error:bad-value@${lineOf(text, 'params')}`,
      `error:bad-value@${lineOf(text, 'output')}`,
    ]);
  });

  it('two shots with the same output', () => {
    const text = `shots:\n  - { id: a, modality: image, prompt: x, output: public/a.png }\n  - { id: b, modality: image, prompt: y, output: ./public/a.png }\n`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), ['error:duplicate-output@2']);
    assert.equal(parsed.diagnostics[0]?.shotId, 'b');
  });

  it('every error names its shot when the shot has a usable id', () => {
    const text = shot('    take: -1\n    output: /tmp/x.png\n');
    for (const d of errors(parseShotList(text))) assert.equal(d.shotId, 'ok');
  });
});
