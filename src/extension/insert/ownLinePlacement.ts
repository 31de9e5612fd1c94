// Where the inserted text goes around the cursor, as one edit.
// Markdown: an image or link is a block of its own: inserted at the start or the end of a line that
// has other text, it goes on a line of its own instead of being glued to that text
// (`![…](x.png)# Heading` would break the heading), and a heading right below keeps its blank line.
// Mid-line, the user chose the spot: keep it inline. JSX elements: see jsxPlacement.ts.
import { indentUnit, placeJsxElement } from './jsxPlacement';
import type { OffsetEdit } from './remotionImports';

const MARKDOWN_LANGUAGES = new Set(['markdown']);
const JSX_LANGUAGES = new Set(['typescriptreact', 'javascriptreact']);

const HEADING = /^ {0,3}#{1,6}(\s|$)/;

function lineAfter(text: string, offset: number): string | undefined {
  const nextBreak = text.indexOf('\n', offset);
  if (nextBreak === -1) return undefined;
  const end = text.indexOf('\n', nextBreak + 1);
  return text.slice(nextBreak + 1, end === -1 ? text.length : end);
}

function placeMarkdown(text: string, offset: number, reference: string): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nextBreak = text.indexOf('\n', offset);
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, nextBreak === -1 ? text.length : nextBreak);
  if (before.trim() && after.trim()) return reference;
  // The line the reference ends up above: the rest of this one, or the next one.
  const below = after.trim() ? after : lineAfter(text, offset);
  const gap = below !== undefined && HEADING.test(below) ? '\n' : '';
  if (!before.trim() && !after.trim()) return `${reference}${gap}`;
  if (!before.trim()) return `${reference}\n${gap}`;
  return `\n${reference}${gap}`;
}

export function placeReference(languageId: string, text: string, offset: number, reference: string): OffsetEdit {
  if (MARKDOWN_LANGUAGES.has(languageId)) {
    return { start: offset, end: offset, text: placeMarkdown(text, offset, reference) };
  }
  if (JSX_LANGUAGES.has(languageId) && /^<[A-Za-z]/.test(reference)) {
    return placeJsxElement(text, offset, reference, indentUnit(text));
  }
  return { start: offset, end: offset, text: reference };
}
