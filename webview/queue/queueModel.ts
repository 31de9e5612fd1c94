// The table's data: rows by id (a `rows` message replaces only those rows), the visible rows for the
// current filters and sort (memoized), filter options and the cost of the selection.
import type { CostSource } from '../../src/core/jobTypes';
import type { ShotRow } from '../../src/extension/queue/queueProtocol';
import { ALL, type QueueFilters, type SortDir, type SortKey, STATUSES } from './queueUiState';

export class RowStore {
  /** In file order. */
  rows: ShotRow[] = [];
  /** Bumped by every change, so memoized views know to recompute. */
  version = 0;
  private index = new Map<string, number>();
  private memos = new Map<string, { version: number; value: unknown }>();

  replaceAll(rows: ShotRow[]): void {
    this.rows = rows.slice();
    this.index = new Map(rows.map((r, i) => [r.id, i]));
    this.version++;
  }

  /** Replaces the rows with these ids; returns the ids it did not know (the next snapshot brings them). */
  patch(rows: readonly ShotRow[]): string[] {
    const unknown: string[] = [];
    for (const row of rows) {
      const i = this.index.get(row.id);
      if (i === undefined) unknown.push(row.id);
      else this.rows[i] = row;
    }
    this.version++;
    return unknown;
  }

  get(id: string): ShotRow | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.rows[i];
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /** Rows per status; counted once per change of the rows, not on every render (select all renders too). */
  countStatus(status: ShotRow['status']): number {
    return (
      this.memo('status', () => {
        const counts = new Map<ShotRow['status'], number>();
        for (const r of this.rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
        return counts;
      }).get(status) ?? 0
    );
  }

  /** Distinct non-empty values of a field, sorted, for a filter's options; once per change of the rows. */
  distinct(field: 'scene' | 'group'): string[] {
    return this.memo(field, () => {
      const set = new Set<string>();
      for (const r of this.rows) {
        const v = r[field];
        if (v) set.add(v);
      }
      return [...set].sort(collator.compare);
    });
  }

  private memo<T>(key: string, compute: () => T): T {
    const hit = this.memos.get(key);
    if (hit?.version === this.version) return hit.value as T;
    const value = compute();
    this.memos.set(key, { version: this.version, value });
    return value;
  }
}

const haystacks = new WeakMap<ShotRow, string>();

function haystack(row: ShotRow): string {
  let h = haystacks.get(row);
  if (h === undefined) {
    h = `${row.id}\n${row.prompt}\n${row.notes ?? ''}`.toLowerCase();
    haystacks.set(row, h);
  }
  return h;
}

export function matchesFilters(row: ShotRow, f: QueueFilters, needle: string): boolean {
  return (
    (f.scene === ALL || (row.scene ?? '') === f.scene) &&
    (f.group === ALL || (row.group ?? '') === f.group) &&
    (f.modality === ALL || row.modality === f.modality) &&
    (f.status === ALL || row.status === f.status) &&
    (needle === '' || haystack(row).includes(needle))
  );
}

const STATUS_RANK = new Map(STATUSES.map((s, i) => [s, i]));
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(a: ShotRow, b: ShotRow, key: SortKey): number {
  switch (key) {
    case 'takes':
      return a.takes - b.takes;
    case 'estimate':
      // Unknown prices sort after every known one.
      return (a.estimate.amount ?? Number.POSITIVE_INFINITY) - (b.estimate.amount ?? Number.POSITIVE_INFINITY);
    case 'status':
      return (STATUS_RANK.get(a.status) ?? 0) - (STATUS_RANK.get(b.status) ?? 0);
    case 'model':
      return collator.compare(a.modelLabel, b.modelLabel);
    default:
      return collator.compare(a[key] ?? '', b[key] ?? '');
  }
}

/** Visible rows for the filters and sort; recomputed only when the rows, filters or sort change. */
export class VisibleRows {
  private key = '';
  private cached: ShotRow[] = [];
  private ids: string[] = [];

  compute(store: RowStore, f: QueueFilters, sort: { key: SortKey; dir: SortDir } | undefined): ShotRow[] {
    const key = `${store.version}\u0000${f.scene}\u0000${f.group}\u0000${f.modality}\u0000${f.status}\u0000${f.search}\u0000${sort?.key}\u0000${sort?.dir}`;
    if (key === this.key) return this.cached;
    const needle = f.search.trim().toLowerCase();
    const rows = store.rows.filter((r) => matchesFilters(r, f, needle));
    if (sort) {
      const sign = sort.dir === 'asc' ? 1 : -1;
      const order = new Map(store.rows.map((r, i) => [r.id, i]));
      rows.sort((a, b) => sign * compare(a, b, sort.key) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    }
    this.key = key;
    this.cached = rows;
    this.ids = rows.map((r) => r.id);
    return rows;
  }

  /** Ids of the last computed rows, in display order. */
  visibleIds(): readonly string[] {
    return this.ids;
  }
}

export interface SelectionCost {
  count: number;
  /** Sum of the known amounts, USD. */
  amount: number;
  /** Rows whose price is unknown (not counted in `amount`). */
  unknown: number;
  sources: CostSource[];
}

export function selectionCost(store: RowStore, selected: ReadonlySet<string>): SelectionCost {
  let amount = 0;
  let unknown = 0;
  let count = 0;
  const sources = new Set<CostSource>();
  for (const id of selected) {
    const row = store.get(id);
    if (!row) continue;
    count++;
    if (row.estimate.amount === undefined) unknown++;
    else {
      amount += row.estimate.amount;
      sources.add(row.estimate.source);
    }
  }
  return { count, amount, unknown, sources: [...sources] };
}

/** selectionCost, recomputed only when the selection (a new Set on every change) or the rows change. */
export class SelectionCostMemo {
  private last: { selected: ReadonlySet<string>; version: number; cost: SelectionCost } | undefined;

  of(store: RowStore, selected: ReadonlySet<string>): SelectionCost {
    const l = this.last;
    if (l && l.selected === selected && l.version === store.version) return l.cost;
    const cost = selectionCost(store, selected);
    this.last = { selected, version: store.version, cost };
    return cost;
  }
}

const SOURCE_LABELS: Record<CostSource, string> = {
  catalog: 'catalog price',
  'price-list': 'provider price list',
  'provider-metrics': 'provider metrics',
  local: 'offline, free',
  unknown: 'price unknown',
};

export function formatUsd(amount: number): string {
  if (amount === 0) return '$0';
  if (amount < 0.01) return `$${amount.toFixed(4).replace(/0+$/, '')}`;
  return `$${amount.toFixed(2)}`;
}

/** "$0.42 (catalog price) + 1 shot with unknown price", honest about what it does not know. */
export function selectionCostText(c: SelectionCost): string {
  if (c.count === 0) return 'nothing selected';
  const known = c.count - c.unknown;
  const unknownText = c.unknown === 1 ? '1 shot with unknown price' : `${c.unknown} shots with unknown price`;
  if (known === 0) return `unknown (${unknownText})`;
  const sources = c.sources.map((s) => SOURCE_LABELS[s]).join(', ');
  return `${formatUsd(c.amount)} (${sources})${c.unknown > 0 ? ` + ${unknownText}` : ''}`;
}
