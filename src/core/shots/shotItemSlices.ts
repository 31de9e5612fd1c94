// Where each item of the top-level `shots:` block sequence is in the text, found by scanning lines
// (no YAML parse, no per-line strings): what lets an edit of one shot parse and rewrite only that
// shot. Anything this scan is not sure about gives undefined, and the caller parses the whole
// document instead.

export interface ShotItemSlices {
  /** Column of the items' "- ". */
  indent: number;
  /** [start, end) offsets of each item: from its "- " line to the end of its last content line. */
  items: [number, number][];
}

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const DASH = 45;
const CR = 13;
const LF = 10;

export function shotItemSlices(text: string): ShotItemSlices | undefined {
  let keyEnd = -1;
  for (let start = 0; start < text.length; start = lineEnd(text, start)) {
    const c = text.charCodeAt(start);
    // Document markers and directives: several documents, or settings this scan does not follow.
    if (c === 37 || text.startsWith('---', start) || text.startsWith('...', start)) return undefined;
    if (c === 115 && text.startsWith('shots:', start)) {
      const rest = text.slice(start + 6, lineEnd(text, start)).trim();
      if (rest !== '' && !rest.startsWith('#')) return undefined;
      if (keyEnd >= 0) return undefined;
      keyEnd = lineEnd(text, start);
    }
  }
  if (keyEnd < 0) return undefined;
  const items: [number, number][] = [];
  let indent = -1;
  for (let start = keyEnd; start < text.length; ) {
    const end = lineEnd(text, start);
    let col = start;
    while (text.charCodeAt(col) === SPACE) col++;
    const c = text.charCodeAt(col);
    if (c === TAB) return undefined;
    const blank = col >= end || c === LF || c === CR || c === HASH;
    if (!blank) {
      const next = text.charCodeAt(col + 1);
      const isItem = c === DASH && (next === SPACE || next === LF || next === CR || col + 1 >= text.length);
      const column = col - start;
      if (indent < 0) {
        if (!isItem) return undefined;
        indent = column;
      }
      if (column === indent && isItem) items.push([start, end]);
      else if (column > indent && items.length > 0) (items[items.length - 1] as [number, number])[1] = end;
      else break;
    }
    start = end;
  }
  return indent < 0 ? undefined : { indent, items };
}

/** Offset after the line break of the line starting at `start` (or the end of the text). */
function lineEnd(text: string, start: number): number {
  const nl = text.indexOf('\n', start);
  return nl < 0 ? text.length : nl + 1;
}
