// The history rows the webview holds: the pages loaded so far for the current query. The host owns
// the whole list (it can hold tens of thousands of rows); this keeps a prefix of the matches and
// knows which page to ask for next. Pure; unit-testable in Node.
import {
  DEFAULT_HISTORY_QUERY,
  HISTORY_PAGE_ROWS,
  type HistoryPage,
  type HistoryQuery,
  type HistoryRow,
  sameHistoryQuery,
  type WebviewToHost,
} from '../../src/extension/panel/generationsProtocol';

export class HistoryList {
  /** The query the user set (the filters on screen). */
  query: HistoryQuery = DEFAULT_HISTORY_QUERY;
  /** A prefix of the rows matching `rowsQuery`, newest first. */
  rows: HistoryRow[] = [];
  /** The query `rows` belong to (differs from `query` until the host answers a new search). */
  private rowsQuery: HistoryQuery | undefined;
  matches = 0;
  total = 0;
  /** Offset of the page asked for and not yet answered. */
  private pending: number | undefined;

  get loaded(): boolean {
    return this.rowsQuery !== undefined;
  }

  /** The rows on screen match the filters on screen (false while a new search is on its way). */
  get current(): boolean {
    return this.rowsQuery !== undefined && sameHistoryQuery(this.rowsQuery, this.query);
  }

  get hasMore(): boolean {
    return this.current && this.rows.length < this.matches;
  }

  /** The filters changed: the request for their first page. */
  setQuery(query: HistoryQuery): WebviewToHost {
    this.query = query;
    this.pending = 0;
    return { type: 'loadHistory', query, offset: 0, limit: HISTORY_PAGE_ROWS };
  }

  /** The request for the next page, unless everything is loaded or it is already on its way. */
  requestMore(): WebviewToHost | undefined {
    if (!this.current) return this.pending === 0 ? undefined : this.setQuery(this.query);
    if (this.rows.length >= this.matches || this.pending === this.rows.length) return undefined;
    this.pending = this.rows.length;
    return { type: 'loadHistory', query: this.query, offset: this.rows.length, limit: HISTORY_PAGE_ROWS };
  }

  /**
   * Takes a page from the host; returns whether the rows changed. Pages of another query are
   * dropped. A first page (offset 0) replaces the head: rows loaded beyond it are kept when the
   * page's last row is found among them (history grows at the top as jobs finish).
   */
  apply(page: HistoryPage): boolean {
    if (!sameHistoryQuery(page.query, this.query)) return false;
    if (this.pending === page.offset) this.pending = undefined;
    const sameRows = this.rowsQuery !== undefined && sameHistoryQuery(this.rowsQuery, page.query);
    this.matches = page.matches;
    this.total = page.total;
    if (page.offset === 0) {
      this.rows = sameRows ? spliceHead(this.rows, page.rows, page.matches) : page.rows;
    } else if (sameRows && page.offset <= this.rows.length) {
      this.rows = this.rows.slice(0, page.offset).concat(page.rows);
    } else {
      return false;
    }
    this.rowsQuery = page.query;
    return true;
  }
}

function spliceHead(old: readonly HistoryRow[], head: HistoryRow[], matches: number): HistoryRow[] {
  const last = head.at(-1);
  if (!last || head.length >= matches || old.length <= head.length) return head;
  const at = old.findIndex((r) => r.id === last.id);
  if (at < 0) return head;
  const ids = new Set(head.map((r) => r.id));
  return head.concat(old.slice(at + 1).filter((r) => !ids.has(r.id)));
}
