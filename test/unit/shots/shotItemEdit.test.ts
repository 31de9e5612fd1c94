// Edits of shots on the shots' own text (the fast path) give the text the whole-document edit
// gives, and fall back to it whenever the scan cannot be sure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShotList } from '../../../src/core/shots/parseShotList';
import { editShotList, type ShotEdit } from '../../../src/core/shots/shotEdits';
import { editShotItems } from '../../../src/core/shots/shotItemEdit';
import { shotItemSlices } from '../../../src/core/shots/shotItemSlices';
import type { ShotEditOfShots } from '../../../src/core/shots/shotMapChanges';
import { editWholeDocument } from '../../../src/core/shots/wholeDocumentEdit';

const LIST = `# shots
defaults:
  style: grain

shots:
  # Scene 1
  - id: s1
    modality: image
    prompt: "A lighthouse" # quoted
    params: { seed: 1 }

  - id: s10
    modality: speech
    prompt: |
      Two lines,
      kept as written.
    params:
      voice: en-gb # British
  # a comment at the item column, inside the list
  - id: s2
    modality: video
    prompt: >-
      Folded
      prompt
budget: 2
`;

const EDITS: ShotEditOfShots[] = [
  { kind: 'setTake', id: 's10', take: 4 },
  { kind: 'setTake', id: 's1', take: 2 },
  { kind: 'setField', ids: ['s1', 's2'], field: 'scene', value: 'Act: one' },
  { kind: 'setField', ids: ['s10'], field: 'prompt', value: 'New words,\nnew line.' },
  { kind: 'setField', ids: ['s2'], field: 'notes', value: '' },
  { kind: 'setModel', ids: ['s2', 's1'], provider: 'local', model: 'local/video' },
  { kind: 'setParam', ids: ['s1', 's10', 's2'], name: 'seed', value: 5 },
  { kind: 'setParam', ids: ['s10'], name: 'voice' },
];

describe('editShotItems', () => {
  it('finds the items of shots:, with the comments between them left out', () => {
    const slices = shotItemSlices(LIST);
    assert.equal(slices?.indent, 2);
    assert.deepEqual(
      slices?.items.map(([a, b]) => LIST.slice(a, b).split('\n')[0]),
      ['  - id: s1', '  - id: s10', '  - id: s2'],
    );
    const [start, end] = slices?.items[2] ?? [0, 0];
    assert.ok(LIST.slice(start, end).endsWith('      prompt\n'));
  });

  it('gives the same text as the whole-document edit, for every shot edit', () => {
    for (const edit of EDITS) {
      const fast = editShotItems(LIST, edit);
      const whole = editWholeDocument(LIST, edit);
      assert.ok(fast && 'text' in whole, JSON.stringify(edit));
      assert.equal(fast.text, whole.text, JSON.stringify(edit));
    }
  });

  it('tells s1 from s10', () => {
    const fast = editShotItems(LIST, { kind: 'setTake', id: 's1', take: 9 });
    assert.ok(fast);
    const shots = parseShotList(fast.text).list.shots;
    assert.deepEqual(
      shots.map((s) => s.take),
      [9, undefined, undefined],
    );
  });

  it('edits only the first of two shots with the same id, as the whole-document edit does', () => {
    const text = 'shots:\n  - id: a\n    prompt: one\n  - id: a\n    prompt: two\n';
    const edit: ShotEdit = { kind: 'setTake', id: 'a', take: 3 };
    const fast = editShotItems(text, edit);
    assert.equal(fast?.text, 'shots:\n  - id: a\n    prompt: one\n    take: 3\n  - id: a\n    prompt: two\n');
    assert.deepEqual(editWholeDocument(text, edit), fast);
  });

  it('works for unindented sequences and a last line without a line break', () => {
    const text = 'shots:\n- id: a\n  modality: image\n  prompt: x';
    const fast = editShotItems(text, { kind: 'setTake', id: 'a', take: 2 });
    assert.equal(fast?.text, 'shots:\n- id: a\n  modality: image\n  prompt: x\n  take: 2');
  });

  it('leaves to the whole-document edit what it cannot be sure of', () => {
    const take: ShotEditOfShots = { kind: 'setTake', id: 'a', take: 2 };
    const unsure = [
      'shots:\n  - { id: a, prompt: x }\n', // flow item: the id is not on an id line
      'shots: [{ id: a, prompt: x }]\n', // flow list
      'shots:\n  - id: "a\\u0062"\n    prompt: x\n  - id: a\n    prompt: y\n', // an escaped id mentioning a
      'defaults: {}\n---\nshots:\n  - id: a\n', // two documents
      'shots:\n  - id: b\n    prompt: x\n', // not there: the whole-document edit says so
      'shots:\n  - id: a\n    prompt: "x\n', // broken item
      'shots:\n  - id: a\n    prompt: x\nshots:\n  - id: a\n', // two shots keys
    ];
    for (const text of unsure) assert.equal(editShotItems(text, take), undefined, text);
  });

  it("keeps the item's own odd spacing and folded lines that the edit does not touch", () => {
    const text = 'shots:\n  - id: a\n    prompt:   >\n      folded\n      lines\n    modality:    image\n';
    const fast = editShotItems(text, { kind: 'setTake', id: 'a', take: 2 });
    assert.equal(fast?.text, `${text}    take: 2\n`);
  });

  it('editShotList falls back and still gives a correct edit for a flow item', () => {
    const text = 'shots:\n  - { id: a, modality: image, prompt: x }\n';
    const r = editShotList(text, { kind: 'setTake', id: 'a', take: 2 });
    assert.ok(r.ok);
    assert.equal(r.text, 'shots:\n  - { id: a, modality: image, prompt: x, take: 2 }\n');
  });

  it('a CRLF file stays CRLF and only the edited line changes', () => {
    const crlf = LIST.replace(/\n/g, '\r\n');
    const r = editShotList(crlf, { kind: 'setTake', id: 's10', take: 4 });
    assert.ok(r.ok);
    const at = crlf.indexOf('  # a comment');
    assert.equal(r.text, `${crlf.slice(0, at)}    take: 4\r\n${crlf.slice(at)}`);
    assert.equal(r.replace.length, 0);
    assert.equal(r.replace.text.trim(), 'take: 4');
    const whole = editShotList(crlf, { kind: 'setBudget', budget: 3 });
    assert.ok(whole.ok);
    assert.deepEqual(whole.replace, { offset: crlf.indexOf('budget: 2') + 8, length: 1, text: '3' });
  });
});
