import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indentUnit, placeJsxElement } from '../../../src/extension/insert/jsxPlacement';

const IMG = "<Img src={staticFile('a.png')} />";
const SEQ = "<Sequence from={0}>\n  <OffthreadVideo src={staticFile('v.mp4')} />\n</Sequence>";

/** The text with the element placed at the `|` marker. */
function place(marked: string, reference = IMG, unit = '  '): string {
  const offset = marked.indexOf('|');
  const text = marked.replace('|', '');
  const e = placeJsxElement(text, offset, reference, unit);
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

test("indent step: the file's smallest space indent, tabs when it indents with tabs, two spaces by default", () => {
  assert.equal(indentUnit('a\n    b\n        c\n'), '    ');
  assert.equal(indentUnit('a\n  b\n    c\n'), '  ');
  assert.equal(indentUnit('a\n\tb\n\t\tc\n'), '\t');
  assert.equal(indentUnit('/**\n * doc\n */\nconst a = 1;\n'), '  ');
});

test('at the end of an opening tag the element goes on the next line, one step deeper', () => {
  assert.equal(place('  <AbsoluteFill>|\n  </AbsoluteFill>'), `  <AbsoluteFill>\n    ${IMG}\n  </AbsoluteFill>`);
  assert.equal(place('    <Img src={a} />|'), `    <Img src={a} />\n    ${IMG}`, 'after a sibling: same depth');
});

test('between two tags on one line the element goes between them on its own line', () => {
  assert.equal(place('  <div>|</div>'), `  <div>\n    ${IMG}\n  </div>`);
  assert.equal(place('  <A />|<B />'), `  <A />\n  ${IMG}\n  <B />`);
});

test('on an empty line the element is indented like the code above (deeper under an opening line)', () => {
  assert.equal(place('return (\n  <div>\n|\n  </div>'), `return (\n  <div>\n    ${IMG}\n  </div>`);
  assert.equal(place('    <A />\n        |\n'), `    <A />\n    ${IMG}\n`, 'stray spaces are replaced');
});

test("at the start of a line's code the element goes above it; above a closing tag, one step deeper", () => {
  assert.equal(place('  <div>\n  |</div>'), `  <div>\n    ${IMG}\n  </div>`);
  assert.equal(place('  <div>\n|    <A />'), `  <div>\n    ${IMG}\n    <A />`);
});

test("a multi-line element has every line at the file's indentation, with its own step (tabs here)", () => {
  const tabbed = SEQ.replace('  <Off', '\t<Off');
  assert.equal(
    place('\t<AbsoluteFill>|\n\t</AbsoluteFill>', tabbed, '\t'),
    "\t<AbsoluteFill>\n\t\t<Sequence from={0}>\n\t\t\t<OffthreadVideo src={staticFile('v.mp4')} />\n\t\t</Sequence>\n\t</AbsoluteFill>",
  );
});

test('inside an expression or attribute the element stays exactly at the cursor', () => {
  assert.equal(place('const a = |;'), `const a = ${IMG};`);
  assert.equal(place('<A b={|} />'), `<A b={${IMG}} />`);
});
