// Multi-line prompts survive the one-line input box; the model's limit is checked as you type.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkPrompt,
  fromBoxValue,
  lineBreakOf,
  promptLimit,
  toBoxValue,
} from '../../../src/extension/generate/promptLines';

test('line breaks are shown as ⏎ in the box and come back unchanged (LF and CRLF)', () => {
  for (const text of ['Scene 1: a harbour\nScene 2: a storm\n\nScene 3: calm', 'line one\r\nline two', 'one line']) {
    const shown = toBoxValue(text);
    assert.ok(!/[\r\n]/.test(shown), 'the box value has no line breaks to lose');
    assert.equal(fromBoxValue(shown, lineBreakOf(text)), text);
  }
  assert.equal(toBoxValue('a\nb'), 'a⏎b');
});

test('the limit: offline models have one, the box blocks above it and says by how much; nothing is cut', () => {
  assert.equal(promptLimit({ provider: 'local', modality: 'image' }), 4000);
  assert.equal(promptLimit({ provider: 'local', modality: 'speech' }), 1000);
  assert.equal(promptLimit({ provider: 'fal', modality: 'image' }), undefined);
  const long = 'x'.repeat(4012);
  assert.deepEqual(checkPrompt(long, 4000), {
    ok: false,
    message: 'The prompt is 4,012 characters; this model takes at most 4,000. Shorten it by 12.',
  });
  assert.deepEqual(checkPrompt('x'.repeat(4000), 4000), { ok: true, info: '4,000 of 4,000 characters' });
  assert.deepEqual(checkPrompt('a⏎b', undefined), { ok: true, info: '2 lines (each ⏎ is a line break)' });
  assert.deepEqual(checkPrompt('a red fox', undefined), { ok: true });
  assert.equal(checkPrompt(' ⏎ ', 4000).ok, false, 'only whitespace and breaks is empty');
});
