// Plain text from a piece of Markdown: what a storyboard's selected lines say, without markup.

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;

/** The text of the last ATX heading line in `markdown` (without the #s), if any. */
export function lastHeading(markdown: string): string | undefined {
  let found: string | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const m = HEADING.exec(line);
    if (m?.[2]) found = inlineText(m[2]);
  }
  return found;
}

/** The nearest heading at or above `offset` in a Markdown document (the scene a selection is in). */
export function headingAbove(markdown: string, offset: number): string | undefined {
  const end = markdown.indexOf('\n', Math.max(0, offset));
  return lastHeading(markdown.slice(0, end < 0 ? markdown.length : end));
}

/** Body text: headings, HTML comments, code fences and markup removed, whitespace collapsed. */
export function markdownToText(markdown: string): string {
  const body = markdown
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .split(/\r?\n/)
    .filter((line) => !HEADING.test(line) && !/^ {0,3}(```|~~~)/.test(line) && !/^ {0,3}([-*_] *){3,}$/.test(line))
    .map((line) => line.replace(/^ {0,3}(>[ \t]?)*/, '').replace(/^[ \t]*([-*+]|\d+[.)])[ \t]+/, ''))
    .join(' ');
  return inlineText(body);
}

/** Inline markup removed: images to their alt text, links to their text, emphasis, code, tags. */
function inlineText(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/(\*\*|__|\*|_|~~|`+)(\S(?:.*?\S)?)\1/g, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
