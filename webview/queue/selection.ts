// Table selection as pure functions over the visible ids: click, shift-click (range from the anchor),
// ctrl/cmd-click (toggle), keyboard moves and select-all-visible. The selection is a Set of shot ids.
export interface Selection {
  selected: ReadonlySet<string>;
  /** Where a shift range starts. */
  anchor?: string;
  /** The row the keyboard acts on. */
  focus?: string;
}

export interface ClickModifiers {
  shift: boolean;
  /** ctrl on Windows/Linux, cmd on macOS. */
  toggle: boolean;
}

function range(ids: readonly string[], from: string | undefined, to: string): string[] {
  const b = ids.indexOf(to);
  const a = from === undefined ? -1 : ids.indexOf(from);
  if (b < 0) return [];
  if (a < 0) return [to];
  return ids.slice(Math.min(a, b), Math.max(a, b) + 1);
}

export function clickSelection(s: Selection, ids: readonly string[], id: string, m: ClickModifiers): Selection {
  if (m.shift) {
    const selected = new Set(m.toggle ? s.selected : []);
    for (const x of range(ids, s.anchor ?? s.focus, id)) selected.add(x);
    return { selected, focus: id, ...(s.anchor !== undefined ? { anchor: s.anchor } : { anchor: id }) };
  }
  if (m.toggle) return toggleOne(s, id);
  return { selected: new Set([id]), anchor: id, focus: id };
}

export function toggleOne(s: Selection, id: string): Selection {
  const selected = new Set(s.selected);
  if (selected.has(id)) selected.delete(id);
  else selected.add(id);
  return { selected, anchor: id, focus: id };
}

/** Up/down: move focus and select that row alone; with `extend` (shift) grow the range from the anchor. */
export function moveFocus(s: Selection, ids: readonly string[], delta: number, extend: boolean): Selection {
  if (ids.length === 0) return s;
  const at = s.focus === undefined ? -1 : ids.indexOf(s.focus);
  const next = ids[at < 0 ? (delta > 0 ? 0 : ids.length - 1) : Math.max(0, Math.min(ids.length - 1, at + delta))]!;
  if (extend) {
    const anchor = s.anchor !== undefined && ids.includes(s.anchor) ? s.anchor : (s.focus ?? next);
    return { selected: new Set(range(ids, anchor, next)), anchor, focus: next };
  }
  return { selected: new Set([next]), anchor: next, focus: next };
}

/** The header checkbox: select exactly the visible rows, or clear them when all are selected already. */
export function toggleAllVisible(s: Selection, ids: readonly string[]): Selection {
  const all = ids.length > 0 && ids.every((id) => s.selected.has(id));
  if (all) {
    const selected = new Set(s.selected);
    for (const id of ids) selected.delete(id);
    return { ...s, selected };
  }
  return { ...s, selected: new Set(ids) };
}

export function selectAllVisible(s: Selection, ids: readonly string[]): Selection {
  return { ...s, selected: new Set(ids) };
}

export type AllState = 'none' | 'some' | 'all';

export function allVisibleState(selected: ReadonlySet<string>, ids: readonly string[]): AllState {
  let n = 0;
  for (const id of ids) if (selected.has(id)) n++;
  return n === 0 ? 'none' : n === ids.length ? 'all' : 'some';
}
