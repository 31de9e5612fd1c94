// Edits of shots made on those shots' own text: the chosen items of `shots:` are cut out, parsed
// together as one small document, changed and written back in place, so an edit of a long list
// costs the shots it touches, not the whole file. Items the scan cannot place or read leave the
// edit to the whole-document path.
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { keepSourceFormatChecked } from './keepSourceFormat';
import { shotItemSlices } from './shotItemSlices';
import { idsOf, type ShotEditOfShots, shotChange } from './shotMapChanges';
import { formatOf } from './yamlFormat';

/** The new text, or undefined to edit the whole document instead. */
export function editShotItems(text: string, edit: ShotEditOfShots): { text: string } | undefined {
  const slices = shotItemSlices(text);
  if (slices === undefined) return undefined;
  const wanted = new Set(idsOf(edit));
  const chosen: { range: [number, number]; itemText: string; id: string }[] = [];
  const seen = new Set<string>();
  for (const range of slices.items) {
    const raw = text.slice(range[0], range[1]);
    if (!mentionsAny(raw, wanted)) continue;
    const id = plainIdOf(raw);
    if (id === undefined) {
      // An id this scan cannot read (flow style, escapes) might be one of the wanted ones.
      return undefined;
    }
    if (!wanted.has(id) || seen.has(id)) continue;
    seen.add(id);
    const itemText = dedent(raw.endsWith('\n') ? raw : `${raw}\n`, slices.indent);
    if (itemText === undefined) return undefined;
    chosen.push({ range, itemText, id });
  }
  // An id not found may be missing or written in a way the scan cannot see: the whole-document
  // edit decides, and names the missing ones.
  if (seen.size < wanted.size) return undefined;
  const joined = chosen.map((c) => c.itemText).join('');
  const doc = parseDocument(joined, { uniqueKeys: true });
  const format = formatOf(text);
  if (doc.errors.length > 0 || !isSeq(doc.contents)) return undefined;
  const maps = doc.contents.items;
  if (maps.length !== chosen.length || maps.some((m, i) => !isMap(m) || m.get('id') !== chosen[i]?.id))
    return undefined;
  const before = doc.toString(format);
  const change = shotChange(doc, edit);
  for (const map of maps) change(map as YAMLMap);
  const items = splitItems(keepSourceFormatChecked(joined, before, doc.toString(format)));
  if (items.length !== chosen.length) return undefined;
  const pad = ' '.repeat(slices.indent);
  let out = text;
  for (let i = chosen.length - 1; i >= 0; i--) {
    const [start, end] = (chosen[i] as (typeof chosen)[number]).range;
    const rawEnd = text.slice(start, end).endsWith('\n') ? '' : '\n';
    const item = indentLines(items[i] as string, pad);
    out = out.slice(0, start) + (rawEnd ? item.slice(0, -1) : item) + out.slice(end);
  }
  return { text: out };
}

function mentionsAny(raw: string, ids: ReadonlySet<string>): boolean {
  for (const id of ids) if (raw.includes(id)) return true;
  return false;
}

/** The id of a block-style item ("- id: s01" or an `id:` line at the item's key column). */
function plainIdOf(raw: string): string | undefined {
  const first = /^ *- +/.exec(raw);
  if (!first) return undefined;
  const column = first[0].length;
  const value = /^(["']?)([A-Za-z0-9_-]+)\1[ \t]*(#.*)?$/;
  const lines = raw.split('\n');
  const head = /^ *- +id:[ \t]*(.*)$/.exec(lines[0] ?? '');
  if (head) return value.exec(head[1] as string)?.[2];
  const pad = ' '.repeat(column);
  for (const line of lines.slice(1)) {
    if (line.startsWith(`${pad}id:`)) return value.exec(line.slice(column + 3).trim())?.[2];
  }
  return undefined;
}

/** The item's lines without the sequence's indent; undefined if a line is indented less. */
function dedent(raw: string, indent: number): string | undefined {
  if (indent === 0) return raw;
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const line of raw.split('\n')) {
    if (line.trim() === '') out.push('');
    else if (line.startsWith(pad)) out.push(line.slice(indent));
    else return undefined;
  }
  return out.join('\n');
}

/** A block sequence's text cut at its items' "- " lines (content lines are always indented). */
function splitItems(seqText: string): string[] {
  const items: string[] = [];
  for (const line of seqText.split(/(?<=\n)/)) {
    if (/^-( |\n|$)/.test(line) || items.length === 0) items.push(line);
    else items[items.length - 1] += line;
  }
  return items;
}

function indentLines(itemText: string, pad: string): string {
  if (pad === '') return itemText;
  return itemText.replace(/^(?=[^\n])/gm, pad);
}
