import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placeOnOwnLine } from '../../../src/extension/ownLinePlacement';

const ref = '![a fox](assets/generated/a-fox.png)';

test('Markdown: at the start of a heading line the reference goes on its own line above it', () => {
  assert.equal(placeOnOwnLine('markdown', '# Launch teaser', 0, ref), `${ref}\n`);
});

test('Markdown: at the end of a line of text the reference starts a new line', () => {
  const line = 'A lighthouse at dusk.';
  assert.equal(placeOnOwnLine('markdown', line, line.length, ref), `\n${ref}`);
});

test('Markdown: the line is found inside the whole document', () => {
  const doc = '# Title\n\nSome text.\n## Next';
  assert.equal(placeOnOwnLine('markdown', doc, doc.indexOf('## Next'), ref), `${ref}\n`);
  assert.equal(placeOnOwnLine('markdown', doc, doc.indexOf('\n## Next'), ref), `\n${ref}`);
  assert.equal(placeOnOwnLine('markdown', doc, doc.indexOf('\nSome'), ref), ref);
});

test('Markdown: an empty line or mid-line keeps the reference as it is', () => {
  assert.equal(placeOnOwnLine('markdown', '', 0, ref), ref);
  assert.equal(placeOnOwnLine('markdown', '   ', 2, ref), ref);
  assert.equal(placeOnOwnLine('markdown', 'see  here', 4, ref), ref);
});

test('other languages insert exactly at the cursor', () => {
  assert.equal(placeOnOwnLine('typescriptreact', '<AbsoluteFill>', 0, '<Img />'), '<Img />');
});
