// Carrying an edit made on yaml's rewrite of a file back onto the file as written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../src/core/backoff';
import { keepSourceFormat } from '../../../src/core/shots/keepSourceFormat';
import { lineHunks } from '../../../src/core/shots/lineDiff';
import { editShotList } from '../../../src/core/shots/shotEdits';

function applyHunks(a: string[], b: string[], hunks: ReturnType<typeof lineHunks>): string[] {
  const out: string[] = [];
  let i = 0;
  for (const h of hunks) {
    out.push(...a.slice(i, h.aStart), ...b.slice(h.bStart, h.bEnd));
    i = h.aEnd;
  }
  return [...out, ...a.slice(i)];
}

function lcs(a: string[], b: string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      t[i]![j] = a[i - 1] === b[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
    }
  }
  return t[a.length]![b.length]!;
}

describe('lineHunks', () => {
  it('turns a into b and keeps a longest common subsequence (random cases)', () => {
    const rnd = seededRandom(9);
    const lines = () => Array.from({ length: Math.floor(rnd() * 14) }, () => 'abcd'[Math.floor(rnd() * 4)] as string);
    for (let t = 0; t < 1500; t++) {
      const a = lines();
      const b = lines();
      const hunks = lineHunks(a, b);
      assert.deepEqual(applyHunks(a, b, hunks), b);
      const kept = a.length - hunks.reduce((n, h) => n + h.aEnd - h.aStart, 0);
      assert.equal(kept, lcs(a, b), `${a.join('')} -> ${b.join('')}`);
    }
  });
});

describe('keepSourceFormat', () => {
  const original = 'a: 1\nprompt: >\n  folded\n  text\nb:   2\nc: 3\n';
  const before = 'a: 1\nprompt: >\n  folded text\nb: 2\nc: 3\n';

  it('applies the edit and keeps the lines yaml rewrote', () => {
    assert.equal(
      keepSourceFormat(original, before, 'a: 9\nprompt: >\n  folded text\nb: 2\nc: 3\n'),
      'a: 9\nprompt: >\n  folded\n  text\nb:   2\nc: 3\n',
    );
    assert.equal(keepSourceFormat(original, before, `${before}d: 4\n`), `${original}d: 4\n`);
    assert.equal(keepSourceFormat(original, before, 'prompt: >\n  folded text\nb: 2\nc: 3\n'), original.slice(5));
  });

  it('the edit wins where it touches rewritten lines; other rewritten lines keep their form', () => {
    const o = 'a: 1\nprompt: >\n  folded\n  text\nc: 3\nb:   2\n';
    const b = 'a: 1\nprompt: >\n  folded text\nc: 3\nb: 2\n';
    assert.equal(
      keepSourceFormat(o, b, 'a: 1\nprompt: >\n  new\nc: 3\nb: 2\n'),
      'a: 1\nprompt: >\n  new\nc: 3\nb:   2\n',
    );
  });

  it('an edit next to a folded prompt keeps the prompt folded (whole-document and per-shot edits)', () => {
    const text =
      'budget: 1\nshots:\n  - id: a\n    modality: image\n    prompt: >\n      a long prompt\n      folded by hand\n';
    const take = editShotList(text, { kind: 'setTake', id: 'a', take: 2 });
    assert.ok(take.ok);
    assert.equal(take.text, `${text}    take: 2\n`);
    const budget = editShotList(text, { kind: 'setBudget', budget: 3 });
    assert.ok(budget.ok);
    assert.equal(budget.text, text.replace('budget: 1', 'budget: 3'));
    const appended = editShotList(text, { kind: 'appendShot', shot: { id: 'b', modality: 'image', prompt: 'x' } });
    assert.ok(appended.ok);
    assert.equal(appended.text, `${text}  - id: b\n    modality: image\n    prompt: x\n`);
  });
});
