// Edits written back through yaml's Document API: comments, blank lines and key order survive,
// and each edit is one minimal replace (the rest of the file is untouched).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShotList } from '../../../src/core/shots/parseShotList';
import { editShotList, type ShotEdit, type TextReplace } from '../../../src/core/shots/shotEdits';

const LIST = `# Launch teaser shots
defaults:
  style: film grain # every prompt

budget: 4 # USD

shots:
  # Scene 1
  - id: s01
    scene: Opening
    modality: image
    prompt: "A lighthouse at dusk, warm beam sweeping over a calm sea, seen from a cliff far above the water"
    params: { aspect_ratio: "16:9" } # wide
    notes: first frame

  # Scene 2
  - id: s02
    modality: speech
    prompt: |
      Waiting on generations
      shouldn't stop your work.
    params:
      voice: en-gb # British
      speed: 170
    take: 1

  - id: s03
    modality: video
    prompt: Clips drop into the timeline
`;

function apply(text: string, r: TextReplace): string {
  return text.slice(0, r.offset) + r.text + text.slice(r.offset + r.length);
}

function edited(edit: ShotEdit, text = LIST): { text: string; replace: TextReplace } {
  const r = editShotList(text, edit);
  assert.ok(r.ok, r.ok ? '' : r.message);
  assert.equal(apply(text, r.replace), r.text, 'the replace turns the old text into the new');
  assert.deepEqual(parseShotList(r.text).diagnostics, [], 'the result is a clean list');
  return r;
}

/** Every comment and blank line of the original is still there, in order. */
function keepsComments(before: string, after: string): void {
  const comments = (t: string) =>
    t.split('\n').flatMap((l) => (l.trim() === '' ? ['(blank)'] : l.includes('#') ? [l.slice(l.indexOf('#'))] : []));
  assert.deepEqual(comments(after), comments(before));
}

/** Lines that differ, line by line (for edits that change no line count). */
function differentLines(before: string, after: string): string[] {
  const b = after.split('\n');
  return before.split('\n').flatMap((l, i) => (l === b[i] ? [] : [`${l} => ${b[i]}`]));
}

/** The lines that differ between the texts (both sides), for "only this changed". */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return [
    ...a.slice(start, a.length - end).map((l) => `- ${l}`),
    ...b.slice(start, b.length - end).map((l) => `+ ${l}`),
  ];
}

describe('editShotList', () => {
  it('setTake changes only the take line', () => {
    const r = edited({ kind: 'setTake', id: 's02', take: 3 });
    assert.deepEqual(changedLines(LIST, r.text), ['-     take: 1', '+     take: 3']);
    assert.deepEqual(r.replace, { offset: LIST.indexOf('take: 1') + 6, length: 1, text: '3' });
  });

  it('setTake adds the key at the end of the shot when it has none', () => {
    const r = edited({ kind: 'setTake', id: 's01', take: 2 });
    assert.deepEqual(changedLines(LIST, r.text), ['+     take: 2']);
    assert.equal(r.replace.length, 0);
    keepsComments(LIST, r.text);
  });

  it('setField on several shots keeps quoting style, comments and key order', () => {
    const r = edited({ kind: 'setField', ids: ['s01', 's03'], field: 'scene', value: 'Act 1: "cold open"' });
    // In place in s01 (which has a scene); at the end of s03 (which has none).
    assert.deepEqual(differentLines(LIST, r.text), [
      `    scene: Opening =>     scene: 'Act 1: "cold open"'`,
      ` =>     scene: 'Act 1: "cold open"'`,
    ]);
    const shots = parseShotList(r.text).list.shots;
    assert.deepEqual(
      shots.map((s) => s.scene),
      ['Act 1: "cold open"', undefined, 'Act 1: "cold open"'],
    );
    keepsComments(LIST, r.text);
  });

  it('setField on a quoted prompt keeps it one line (no folding at 80 columns)', () => {
    const long =
      'A lighthouse at dusk, warm beam sweeping over a calm sea, seen from a boat rocking on the waves below';
    const r = edited({ kind: 'setField', ids: ['s01'], field: 'prompt', value: long });
    assert.deepEqual(changedLines(LIST, r.text), [
      '-     prompt: "A lighthouse at dusk, warm beam sweeping over a calm sea, seen from a cliff far above the water"',
      `+     prompt: "${long}"`,
    ]);
  });

  it('setField with "" removes an optional field, refuses to remove a required one', () => {
    const r = edited({ kind: 'setField', ids: ['s01'], field: 'notes', value: '' });
    assert.deepEqual(changedLines(LIST, r.text), ['-     notes: first frame']);
    const refused = editShotList(LIST, { kind: 'setField', ids: ['s01'], field: 'prompt', value: '' });
    assert.equal(refused.ok, false);
  });

  it('setField refuses a bad modality and an output outside the workspace', () => {
    for (const edit of [
      { kind: 'setField', ids: ['s01'], field: 'modality', value: 'picture' },
      { kind: 'setField', ids: ['s01'], field: 'output', value: '../x.png' },
      { kind: 'setField', ids: ['s01'], field: 'prompt', value: 'x'.repeat(10_001) },
    ] as const) {
      const r = editShotList(LIST, edit);
      assert.equal(r.ok, false, edit.value.slice(0, 20));
    }
  });

  it('setModel sets provider and model, adding the keys where missing', () => {
    const r = edited({ kind: 'setModel', ids: ['s03'], provider: 'local', model: 'local/video' });
    assert.deepEqual(changedLines(LIST, r.text), ['+     provider: local', '+     model: local/video']);
    const model = 'fal-ai/kling-video/v2.1/master/text-to-video';
    const again = edited({ kind: 'setModel', ids: ['s03'], provider: 'fal', model }, r.text);
    assert.deepEqual(changedLines(r.text, again.text), [
      '-     provider: local',
      '-     model: local/video',
      '+     provider: fal',
      `+     model: ${model}`,
    ]);
  });

  it('setParam changes a value in a flow map, keeping its comment', () => {
    const r = edited({ kind: 'setParam', ids: ['s01'], name: 'aspect_ratio', value: '4:3' });
    assert.deepEqual(changedLines(LIST, r.text), [
      '-     params: { aspect_ratio: "16:9" } # wide',
      '+     params: { aspect_ratio: "4:3" } # wide',
    ]);
    assert.deepEqual(r.replace, { offset: LIST.indexOf('16:9'), length: 4, text: '4:3' });
  });

  it('setParam adds, changes and removes in a block map', () => {
    const added = edited({ kind: 'setParam', ids: ['s02'], name: 'seed', value: 42 });
    assert.deepEqual(changedLines(LIST, added.text), ['+       seed: 42']);
    const removed = edited({ kind: 'setParam', ids: ['s02'], name: 'voice' });
    assert.deepEqual(changedLines(LIST, removed.text), ['-       voice: en-gb # British']);
  });

  it('setParam creates params when a shot has none, and removing the last one removes params', () => {
    const r = edited({ kind: 'setParam', ids: ['s03'], name: 'duration', value: 3 });
    assert.deepEqual(changedLines(LIST, r.text), ['+     params:', '+       duration: 3']);
    const back = edited({ kind: 'setParam', ids: ['s03'], name: 'duration' }, r.text);
    assert.equal(back.text, LIST);
  });

  it('setParam on many shots at once', () => {
    const r = edited({ kind: 'setParam', ids: ['s01', 's02', 's03'], name: 'seed', value: 7 });
    assert.deepEqual(
      parseShotList(r.text).list.shots.map((s) => s.params?.seed),
      [7, 7, 7],
    );
    keepsComments(LIST, r.text);
  });

  it('appendShot adds a shot at the end, with a blank line like the others', () => {
    const r = edited({
      kind: 'appendShot',
      shot: { id: 's04', scene: 'Closing', modality: 'audio', prompt: 'Soft ambient music: fades out', take: 1 },
    });
    const added =
      '\n  - id: s04\n    scene: Closing\n    modality: audio\n    prompt: "Soft ambient music: fades out"\n    take: 1\n';
    assert.equal(r.text, LIST + added);
    assert.deepEqual(r.replace, { offset: LIST.length, length: 0, text: added });
  });

  it('appendShot refuses an id already in the list and a bad id', () => {
    assert.equal(
      editShotList(LIST, { kind: 'appendShot', shot: { id: 's02', modality: 'image', prompt: 'x' } }).ok,
      false,
    );
    assert.equal(
      editShotList(LIST, { kind: 'appendShot', shot: { id: 'a b', modality: 'image', prompt: 'x' } }).ok,
      false,
    );
  });

  it('appendShot to an empty file or an empty list makes a block list', () => {
    for (const text of ['', '# my shots\n', 'shots: []\n', 'shots:\n']) {
      const r = edited({ kind: 'appendShot', shot: { id: 'a', modality: 'image', prompt: 'x' } }, text);
      assert.match(r.text, /shots:\n {2}- id: a\n {4}modality: image\n {4}prompt: x\n$/, JSON.stringify(text));
    }
  });

  it('setBudget changes, removes and adds the cap', () => {
    const changed = edited({ kind: 'setBudget', budget: 10 });
    assert.deepEqual(changedLines(LIST, changed.text), ['- budget: 4 # USD', '+ budget: 10 # USD']);
    const removed = edited({ kind: 'setBudget', budget: undefined });
    assert.deepEqual(changedLines(LIST, removed.text), ['- budget: 4 # USD']);
    const added = edited({ kind: 'setBudget', budget: 2.5 }, removed.text);
    assert.equal(parseShotList(added.text).list.budget, 2.5);
    assert.equal(editShotList(LIST, { kind: 'setBudget', budget: -1 }).ok, false);
  });

  it('keeps a list written with 4-space indents and unindented sequences as it is', () => {
    const text = 'shots:\n- id: a\n  modality: image\n  prompt: x\n  params:\n    seed: 1\n';
    const four =
      'defaults:\n    style: x\nshots:\n    - id: a\n      modality: image\n      prompt: x\n      params:\n          seed: 1\n';
    assert.deepEqual(changedLines(text, edited({ kind: 'setTake', id: 'a', take: 2 }, text).text), ['+   take: 2']);
    assert.deepEqual(changedLines(four, edited({ kind: 'setTake', id: 'a', take: 2 }, four).text), ['+       take: 2']);
  });

  it('refuses unknown ids, empty id lists and files with YAML errors, with a message', () => {
    const unknown = editShotList(LIST, { kind: 'setTake', id: 'nope', take: 1 });
    assert.deepEqual(unknown, { ok: false, message: 'No shot with id "nope" in this list.' });
    assert.equal(editShotList(LIST, { kind: 'setParam', ids: [], name: 'a', value: 1 }).ok, false);
    const broken = editShotList('shots:\n  - id: "a\n', { kind: 'setTake', id: 'a', take: 1 });
    assert.equal(broken.ok, false);
    assert.equal(editShotList(LIST, { kind: 'setTake', id: 's01', take: 0 }).ok, false);
  });
});
