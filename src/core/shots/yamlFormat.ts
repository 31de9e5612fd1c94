// Stringify options that match how a shot list is written, so a write-back changes only the
// edited part: its indent, whether sequence items are indented under their key, and no folding of
// long lines (yaml folds at 80 columns by default, which would rewrite every long prompt).
import type { ToStringOptions } from 'yaml';

export function formatOf(text: string): ToStringOptions {
  return { indent: indentOf(text), indentSeq: seqIndented(text), lineWidth: 0, minContentWidth: 0 };
}

/** How far the first block mapping nested under a key ("key:" alone on its line) is indented. */
function indentOf(text: string): number {
  const m = /^( *)[^\s#:-][^:\n]*:[ \t]*(#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*( *)[^\s#-]/m.exec(text);
  const n = (m?.[3]?.length ?? 0) - (m?.[1]?.length ?? 0);
  return n >= 1 && n <= 8 ? n : 2;
}

/** False when a key's block sequence starts at the key's own column ("shots:\n- id: …"). */
function seqIndented(text: string): boolean {
  const m = /^( *)[^\s#:][^:\n]*:[ \t]*(#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*( *)- /m.exec(text);
  if (!m) return true;
  return (m[3]?.length ?? 0) > (m[1]?.length ?? 0);
}
