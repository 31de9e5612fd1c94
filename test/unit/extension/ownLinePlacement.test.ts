import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placeReference } from '../../../src/extension/insert/ownLinePlacement';

const ref = '![a fox](assets/generated/a-fox.png)';
const apply = (languageId: string, text: string, offset: number, reference = ref) => {
  const e = placeReference(languageId, text, offset, reference);
  return text.slice(0, e.start) + e.text + text.slice(e.end);
};

test('Markdown: at the start of a heading line the image goes above it, with a blank line before the heading', () => {
  assert.equal(apply('markdown', '# Launch teaser', 0), `${ref}\n\n# Launch teaser`);
});

test('Markdown: at the end of a line of text the reference starts a new line', () => {
  const line = 'A lighthouse at dusk.';
  assert.equal(apply('markdown', line, line.length), `${line}\n${ref}`);
});

test('Markdown: a heading right below the inserted image keeps a blank line before it', () => {
  // On the empty line just above a heading (the storyboard's "insert it here" spot).
  const doc = '<!-- insert it here -->\n\n## Shot 2';
  assert.equal(apply('markdown', doc, doc.indexOf('\n## Shot 2')), `<!-- insert it here -->\n${ref}\n\n## Shot 2`);
  // At the end of the line above a heading.
  const tight = 'Some text.\n## Next';
  assert.equal(apply('markdown', tight, tight.indexOf('\n')), `Some text.\n${ref}\n\n## Next`);
  // A paragraph below needs no gap; `#hashtag` is not a heading.
  assert.equal(apply('markdown', 'a\n\nmore', 2), `a\n${ref}\nmore`);
  assert.equal(apply('markdown', 'a\n\n#tag', 2), `a\n${ref}\n#tag`);
});

test('Markdown: an empty line or mid-line keeps the reference as it is', () => {
  assert.equal(apply('markdown', '', 0), ref);
  assert.equal(apply('markdown', '   ', 2), `  ${ref} `);
  assert.equal(apply('markdown', 'see  here', 4), `see ${ref} here`);
});

test('languages without a block rule insert exactly at the cursor; JSX only places elements', () => {
  assert.equal(apply('plaintext', 'ab', 1, 'x.png'), 'ax.pngb');
  assert.equal(apply('typescriptreact', "const a = '';", 11, '../x.png'), "const a = '../x.png';");
});
