// A Markdown image or link is a block of its own: inserted at the start or the end of a line that
// has other text, it goes on a line of its own instead of being glued to that text
// (`![…](x.png)# Heading` would break the heading). Mid-line, the user chose the spot: keep it inline.
const BLOCK_LANGUAGES = new Set(['markdown']);

export function placeOnOwnLine(languageId: string, text: string, offset: number, reference: string): string {
  if (!BLOCK_LANGUAGES.has(languageId)) return reference;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nextBreak = text.indexOf('\n', offset);
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, nextBreak === -1 ? text.length : nextBreak);
  if (!before.trim() && !after.trim()) return reference;
  if (!before.trim()) return `${reference}\n`;
  if (!after.trim()) return `\n${reference}`;
  return reference;
}
