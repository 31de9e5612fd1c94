// The searchable history the panel pages through: every finished job once (the registry copy wins
// over the history files), newest first, bounded. Kept in memory on the host so a search or a page
// is a scan of compact rows, never a read of the files. Pure: no `vscode`, also used by test fakes.
import type { HistoryPage, HistoryQuery, HistoryRange, HistoryRow } from './generationsProtocol';

/** Rows the panel's history keeps (the oldest beyond it are still in the history files). */
export const HISTORY_INDEX_ROWS = 20_000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Earliest createdAt a date range admits, relative to `now`. */
export function rangeStart(range: HistoryRange, now: number): number {
  switch (range) {
    case 'today': {
      const d = new Date(now);
      d.setHours(0, 0, 0, 0);
      return d.getTime();
    }
    case '7d':
      return now - 7 * DAY_MS;
    case '30d':
      return now - 30 * DAY_MS;
    case 'all':
      return Number.NEGATIVE_INFINITY;
  }
}

function sortKey(r: HistoryRow): number {
  return r.finishedAt ?? r.createdAt;
}

function sameRow(a: HistoryRow, b: HistoryRow): boolean {
  return (
    a.state === b.state &&
    a.finishedAt === b.finishedAt &&
    a.localPath === b.localPath &&
    a.costLabel === b.costLabel &&
    a.modelLabel === b.modelLabel
  );
}

export class HistoryIndex {
  private readonly byId = new Map<string, HistoryRow>();
  private sorted: HistoryRow[] = [];
  private dirty = false;
  /** Lower-cased search text per row, built once per row. */
  private readonly hay = new WeakMap<HistoryRow, string>();
  /** Bumped whenever the list changes, so the host knows when to resend the head. */
  version = 0;

  constructor(private readonly limit = HISTORY_INDEX_ROWS) {}

  /** Adds or replaces rows; returns whether anything changed. */
  upsert(rows: Iterable<HistoryRow>): boolean {
    let changed = false;
    for (const row of rows) {
      const old = this.byId.get(row.id);
      if (old && sameRow(old, row)) continue;
      this.byId.set(row.id, row);
      changed = true;
    }
    if (changed) {
      this.dirty = true;
      this.version++;
    }
    return changed;
  }

  /** Every row, newest first, with `retried` set on rows another row retried. */
  rows(): readonly HistoryRow[] {
    if (!this.dirty) return this.sorted;
    this.dirty = false;
    const all = [...this.byId.values()].sort((a, b) => sortKey(b) - sortKey(a));
    for (const r of all.splice(this.limit)) this.byId.delete(r.id);
    const retried = new Set<string>();
    for (const r of all) if (r.retriedFrom) retried.add(r.retriedFrom);
    this.sorted = all.map((r) => {
      const want = retried.has(r.id);
      if ((r.retried ?? false) === want) return r;
      const copy = { ...r };
      if (want) copy.retried = true;
      else delete copy.retried;
      return copy;
    });
    return this.sorted;
  }

  get size(): number {
    return this.rows().length;
  }

  /** Rows matching `query` from `offset`, at most `limit` of them, with the match count. */
  page(query: HistoryQuery, offset: number, limit: number, now: number): HistoryPage {
    const all = this.rows();
    const test = matcher(query, now, (r) => this.searchText(r));
    const rows: HistoryRow[] = [];
    let matches = 0;
    for (const r of all) {
      if (!test(r)) continue;
      if (matches >= offset && rows.length < limit) rows.push(r);
      matches++;
    }
    return { query, offset, rows, matches, total: all.length };
  }

  private searchText(r: HistoryRow): string {
    let text = this.hay.get(r);
    if (text === undefined) {
      text = searchTextOf(r);
      this.hay.set(r, text);
    }
    return text;
  }
}

/** What a search looks in: prompt, model id and name, shot list and shot id. */
export function searchTextOf(r: HistoryRow): string {
  const shot = r.shot ? `\n${r.shot.list}\n${r.shot.shotId}` : '';
  return `${r.prompt}\n${r.model}\n${r.modelLabel ?? ''}${shot}`.toLowerCase();
}

/** A predicate for one query: every search word must appear; every filter must hold. */
export function matcher(
  q: HistoryQuery,
  now: number,
  text: (r: HistoryRow) => string = searchTextOf,
): (r: HistoryRow) => boolean {
  const words = q.search.toLowerCase().split(/\s+/).filter(Boolean);
  const since = rangeStart(q.range, now);
  return (r) => {
    if (q.status !== 'all' && r.state !== q.status) return false;
    if (q.modality !== 'all' && r.modality !== q.modality) return false;
    if (q.provider !== 'all' && r.provider !== q.provider) return false;
    if (r.createdAt < since) return false;
    if (words.length === 0) return true;
    const hay = text(r);
    return words.every((w) => hay.includes(w));
  };
}
