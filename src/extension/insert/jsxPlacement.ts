// A JSX element inserted into a .tsx/.jsx file goes on a line of its own, indented like the code
// around it (the file's own step: tabs or N spaces). Mid-line between two tags it splits them;
// anywhere else mid-line (inside an expression or attribute) the user chose the spot: inline.
// Pure text in, one edit out.
import type { OffsetEdit } from './remotionImports';

/** The file's indentation step: a tab, or the smallest space indent of a code line (default two). */
export function indentUnit(text: string): string {
  let tabs = 0;
  let smallest = Number.POSITIVE_INFINITY;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (line.startsWith('\t')) tabs++;
    const spaces = /^( +)[^ *]/.exec(line)?.[1]?.length; // ` *` lines continue block comments
    if (spaces) smallest = Math.min(smallest, spaces);
  }
  if (tabs > 0 && !Number.isFinite(smallest)) return '\t';
  return Number.isFinite(smallest) && smallest <= 8 ? ' '.repeat(smallest) : '  ';
}

function leadingSpace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** The next line is a level deeper: an opening tag, `(`, `{`, `[` or an arrow at the end. */
function opensBlock(line: string): boolean {
  const t = line.trim();
  if (/[({[]$/.test(t) || t.endsWith('=>')) return true;
  if (!t.endsWith('>') || t.endsWith('/>') || t.startsWith('</')) return false;
  return !/<\/[\w.:-]*>$/.test(t); // `<b>x</b>` opens nothing
}

function closesBlock(line: string): boolean {
  return /^(<\/|[)}\]])/.test(line.trim());
}

/** `text` with every line after the first indented by `indent` (a multi-line reference). */
function indented(reference: string, indent: string): string {
  return reference
    .split('\n')
    .map((l, i) => (i === 0 ? l : `${indent}${l}`))
    .join('\n');
}

export function placeJsxElement(text: string, offset: number, reference: string, unit: string): OffsetEdit {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nextBreak = text.indexOf('\n', offset);
  const lineEnd = nextBreak === -1 ? text.length : nextBreak;
  const line = text.slice(lineStart, lineEnd);
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd);
  const own = leadingSpace(line);

  if (!line.trim()) {
    // An empty line: indent like the code above it, one step deeper under an opening line.
    const above =
      text
        .slice(0, lineStart)
        .split('\n')
        .reverse()
        .find((l) => l.trim()) ?? '';
    const indent = leadingSpace(above) + (opensBlock(above) ? unit : '');
    return { start: lineStart, end: lineEnd, text: indent + indented(reference, indent) };
  }
  if (!before.trim()) {
    // At the start of a line's code: above it, one step deeper when that line closes a block.
    const indent = own + (closesBlock(line) ? unit : '');
    const end = lineStart + own.length;
    return { start: lineStart, end, text: `${indent}${indented(reference, indent)}\n${own}` };
  }
  if (!after.trim()) {
    const indent = own + (opensBlock(line) ? unit : '');
    return { start: offset, end: lineEnd, text: `\n${indent}${indented(reference, indent)}` };
  }
  const head = before.trimEnd();
  const tail = after.trimStart();
  if (head.endsWith('>') && tail.startsWith('<')) {
    // Between two tags: the element between them, nested under an opening tag.
    const indent = own + (opensBlock(head) ? unit : '');
    const next = tail.startsWith('</') ? own : indent;
    return {
      start: lineStart + head.length,
      end: lineEnd - tail.length,
      text: `\n${indent}${indented(reference, indent)}\n${next}`,
    };
  }
  return { start: offset, end: offset, text: reference };
}
