// yaml writes a document back in its own way: a folded (>) prompt becomes one line, odd spacing
// is tidied. An edit is made on that normalised text; this carries only the edit's own lines back
// onto the text as the user wrote it, so everything else keeps its original form.
import { parseDocument } from 'yaml';
import { type LineHunk, lineHunks } from './lineDiff';
import { MAX_ALIAS_COUNT } from './shotRules';

/**
 * `keepSourceFormat`, checked: the merged text must hold exactly the values of `after`;
 * otherwise `after` itself (correct, only reformatted) is returned.
 */
export function keepSourceFormatChecked(original: string, before: string, after: string): string {
  const merged = keepSourceFormat(original, before, after);
  if (merged === after) return after;
  const value = (text: string) => {
    const doc = parseDocument(text, { uniqueKeys: true });
    return doc.errors.length > 0 ? undefined : JSON.stringify(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
  };
  const kept = value(merged);
  return kept !== undefined && kept === value(after) ? merged : after;
}

/**
 * `original` with the change from `before` to `after` applied, where `before` is yaml's rewrite
 * of `original` and `after` is the edited rewrite. Lines yaml rewrote keep their original form
 * unless the edit itself touches them.
 */
export function keepSourceFormat(original: string, before: string, after: string): string {
  if (original === before) return after;
  const o = original.split('\n');
  const b = before.split('\n');
  const a = after.split('\n');
  const format = lineHunks(b, o).map((h) => ({ ...h, edit: false }));
  const edit = lineHunks(b, a).map((h) => ({ ...h, edit: true }));
  const hunks = [...format, ...edit].sort((x, y) => x.aStart - y.aStart || x.aEnd - y.aEnd);
  const out: string[] = [];
  let at = 0; // a line index of `before`
  let toOriginal = 0; // original index minus before index, outside format hunks
  let toAfter = 0; // after index minus before index, outside edit hunks
  for (let i = 0; i < hunks.length; ) {
    // A cluster: hunks that overlap, or insertions at the same place.
    let start = (hunks[i] as (typeof hunks)[number]).aStart;
    let end = (hunks[i] as (typeof hunks)[number]).aEnd;
    const cluster = [hunks[i] as (typeof hunks)[number]];
    for (i++; i < hunks.length; i++) {
      const h = hunks[i] as (typeof hunks)[number];
      const samePoint =
        h.aStart === end && h.aStart === h.aEnd && cluster.some((c) => c.aStart === c.aEnd && c.aStart === end);
      if (h.aStart < end || samePoint) {
        end = Math.max(end, h.aEnd);
        cluster.push(h);
      } else break;
    }
    start = Math.min(start, ...cluster.map((c) => c.aStart));
    out.push(...b.slice(at, start));
    const formatDelta = delta(cluster.filter((c) => !c.edit));
    const editDelta = delta(cluster.filter((c) => c.edit));
    if (cluster.some((c) => c.edit)) {
      // The edit's lines (reformatted by yaml if the edit touched reformatted lines).
      out.push(...a.slice(start + toAfter, end + toAfter + editDelta));
    } else {
      out.push(...o.slice(start + toOriginal, end + toOriginal + formatDelta));
    }
    toOriginal += formatDelta;
    toAfter += editDelta;
    at = end;
  }
  out.push(...b.slice(at));
  return out.join('\n');
}

/** How many lines the hunks add (negative: remove). */
function delta(hunks: readonly LineHunk[]): number {
  return hunks.reduce((sum, h) => sum + (h.bEnd - h.bStart) - (h.aEnd - h.aStart), 0);
}
