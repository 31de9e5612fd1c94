// <genqueue-queue>: the Production Queue editor. Renders from the latest host snapshot, patched by
// `rows` and `batch` messages (a running batch never re-sends the table); UI state (selection, filters,
// sort, inspector width) survives webview reloads through vscode.getState/setState.
// Test ids: ./testids.ts.
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type {
  BatchView,
  QueueHostMessage,
  QueueSnapshot,
  QueueWebviewMessage,
  TakeView,
} from '../../src/extension/queue/queueProtocol';
import { renderBatchOverlay } from './components/batchOverlay';
import type { BulkState } from './components/bulkEditor';
import { renderFilterBar } from './components/filterBar';
import { renderInspectorPane } from './components/inspectorPane';
import { renderHeader } from './components/queueHeader';
import { renderTable } from './components/queueTable';
import { hostFieldValue } from './components/shotInspector';
import { FieldDrafts } from './fieldDrafts';
import { type QueueBridge, queueBridge } from './queueBridge';
import { RowStore, SelectionCostMemo, VisibleRows } from './queueModel';
import { type QueueFilters, type QueueUiState, restoreQueueUiState, type SortKey } from './queueUiState';
import { allVisibleState, clickSelection, type Selection, toggleAllVisible, toggleOne } from './selection';
import { queueStyles } from './styles/queueStyles';
import { handleTableKey } from './tableKeys';
import { TID } from './testids';

/** performance marks, read by the render benchmark. */
export const MARK_SNAPSHOT = 'genqueue-queue:snapshot';
export const MARK_RENDERED = 'genqueue-queue:rendered';

export class QueueApp extends LitElement {
  static override styles = queueStyles;
  static override properties = {
    snapshot: { state: true },
    batch: { state: true },
    sel: { state: true },
    ui: { state: true },
    rowsVersion: { state: true },
    takes: { state: true },
    comparePick: { state: true },
    abSide: { state: true },
    overlayHidden: { state: true },
    closedBatchId: { state: true },
    bulk: { state: true },
    inspectorSel: { state: true },
  };

  declare snapshot: QueueSnapshot | undefined;
  declare batch: BatchView | undefined;
  declare sel: Selection;
  declare ui: QueueUiState;
  declare rowsVersion: number;
  declare takes: ReadonlyMap<string, TakeView[]>;
  declare comparePick: number[];
  declare abSide: 'a' | 'b';
  declare overlayHidden: boolean;
  declare closedBatchId: string | undefined;
  declare bulk: BulkState;
  /** The selection the inspector shows: see syncInspector. */
  declare inspectorSel: ReadonlySet<string>;

  /** Set before connecting to use another bridge (tests); defaults to the VS Code one. */
  bridge: QueueBridge | undefined;
  readonly store = new RowStore();
  private readonly visible = new VisibleRows();
  private readonly drafts = new FieldDrafts();
  private readonly cost = new SelectionCostMemo();
  private inspectedId: string | undefined;
  private unsubscribe: (() => void) | undefined;
  private codiconHref = '';
  private initialHandle = '';
  private scrollToFocus = false;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private inspectorFrame: number | undefined;
  private snapshotSeq = 0;
  private renderedSeq = 0;

  constructor() {
    super();
    this.snapshot = undefined;
    this.batch = undefined;
    this.ui = restoreQueueUiState(undefined);
    this.sel = { selected: new Set() };
    this.rowsVersion = 0;
    this.takes = new Map();
    this.comparePick = [];
    this.abSide = 'a';
    this.overlayHidden = false;
    this.closedBatchId = undefined;
    this.bulk = { param: '', value: '' };
    this.inspectorSel = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.bridge ??= queueBridge();
    this.ui = restoreQueueUiState(this.bridge.getState());
    this.sel = {
      selected: new Set(this.ui.selected),
      ...(this.ui.focusId !== undefined ? { focus: this.ui.focusId, anchor: this.ui.focusId } : {}),
    };
    // Codicon classes must be linked inside the shadow root too (the font face comes from the page).
    this.codiconHref = document.getElementById('vscode-codicon-stylesheet')?.getAttribute('href') ?? '';
    this.initialHandle = `${Math.max(320, window.innerWidth - Number.parseInt(this.ui.inspectorWidth, 10))}px`;
    this.unsubscribe = this.bridge.onMessage((m) => this.receive(m));
    this.bridge.post({ type: 'ready' });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.drafts.flushAll();
    if (this.persistTimer !== undefined) this.persistNow();
    this.unsubscribe?.();
    if (this.inspectorFrame !== undefined) cancelAnimationFrame(this.inspectorFrame);
  }

  private send = (message: QueueWebviewMessage): void => this.bridge?.post(message);

  private receive(m: QueueHostMessage): void {
    switch (m.type) {
      case 'snapshot': {
        performance.mark(MARK_SNAPSHOT);
        this.snapshotSeq++;
        this.store.replaceAll(m.snapshot.rows);
        this.snapshot = m.snapshot;
        this.setBatch(m.snapshot.batch);
        // Shots deleted from the file leave the selection.
        const kept = [...this.sel.selected].filter((id) => this.store.has(id));
        if (kept.length !== this.sel.selected.size) this.setSelection({ ...this.sel, selected: new Set(kept) });
        else this.afterSelection();
        break;
      }
      case 'rows': {
        const unknown = this.store.patch(m.rows);
        // A shot added since the last snapshot: the snapshot that follows every file change brings it.
        if (unknown.length) console.warn('GenQueue: progress for shots not in the table yet:', unknown.join(', '));
        this.rowsVersion++;
        break;
      }
      case 'batch':
        this.setBatch(m.batch);
        break;
      case 'takes': {
        const takes = new Map(this.takes);
        takes.set(m.shotId, m.takes);
        this.takes = takes;
        const numbers = new Set(m.takes.map((t) => t.take));
        if (m.shotId === this.inspectedId) this.comparePick = this.comparePick.filter((n) => numbers.has(n));
        break;
      }
    }
    this.drafts.reconcile((key) => {
      const [id = '', field = ''] = key.split('\u0000');
      const row = this.store.get(id);
      return row ? hostFieldValue(row, field) : undefined;
    });
  }

  private setBatch(batch: BatchView | undefined): void {
    // A new block always shows the overlay, even if the user had hidden it.
    if (batch?.blocked && !this.batch?.blocked) this.overlayHidden = false;
    if (batch && batch.id !== this.batch?.id) this.overlayHidden = false;
    this.batch = batch;
  }

  /** Saves the UI state once per task: select-all of 1,000 rows should not serialize inside the keystroke. */
  private persist(): void {
    if (this.persistTimer !== undefined) return;
    this.persistTimer = setTimeout(() => this.persistNow(), 0);
  }

  private persistNow(): void {
    if (this.persistTimer !== undefined) clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    const { selected, focus } = this.sel;
    const state: QueueUiState = { ...this.ui, selected: [...selected] };
    if (focus !== undefined) state.focusId = focus;
    else delete state.focusId;
    this.bridge?.setState(state);
  }

  private setSelection(next: Selection, scroll = false): void {
    this.sel = next;
    this.scrollToFocus = scroll;
    this.persist();
    this.afterSelection();
  }

  /**
   * The inspector shows one shot at once, but several (select all, a shift range) a frame after the table:
   * the selection paints within the frame of the keystroke and the bulk editor's form follows.
   */
  private syncInspector(): void {
    if (this.sel.selected.size <= 1) {
      if (this.inspectorFrame !== undefined) cancelAnimationFrame(this.inspectorFrame);
      this.inspectorFrame = undefined;
      this.inspectorSel = this.sel.selected;
      return;
    }
    this.inspectorFrame ??= requestAnimationFrame(() => {
      this.inspectorFrame = undefined;
      this.inspectorSel = this.sel.selected;
    });
  }

  /** The inspector follows a single selected shot: ask the host for its takes when it changes. */
  private afterSelection(): void {
    this.syncInspector();
    const id = this.sel.selected.size === 1 ? [...this.sel.selected][0] : undefined;
    const shown = id !== undefined && this.store.has(id) ? id : undefined;
    if (shown === this.inspectedId) return;
    this.drafts.reset();
    this.comparePick = [];
    this.abSide = 'a';
    this.bulk = { param: '', value: '' };
    this.inspectedId = shown;
    if (shown !== undefined) this.send({ type: 'selectShot', id: shown });
  }

  private setUi(patch: Partial<QueueUiState>): void {
    this.ui = { ...this.ui, ...patch };
    this.persist();
  }

  private visibleRows() {
    return this.visible.compute(this.store, this.ui.filters, this.ui.sort);
  }

  private readonly tableActions = {
    rowClick: (id: string, e: MouseEvent) => {
      this.setSelection(
        clickSelection(this.sel, this.visible.visibleIds(), id, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey }),
      );
      this.grid()?.focus({ preventScroll: true });
    },
    rowCheck: (id: string) => this.setSelection(toggleOne(this.sel, id)),
    toggleAll: () => this.setSelection(toggleAllVisible(this.sel, this.visible.visibleIds())),
    sortBy: (key: SortKey) => {
      const s = this.ui.sort;
      const sort =
        s?.key !== key ? { key, dir: 'asc' as const } : s.dir === 'asc' ? { key, dir: 'desc' as const } : undefined;
      const { sort: _old, ...rest } = this.ui;
      this.ui = sort ? { ...rest, sort } : rest;
      this.persist();
    },
    keydown: (e: KeyboardEvent) => {
      const next = handleTableKey(e, this.sel, this.visible.visibleIds());
      if (next === 'inspector') this.focusInspector();
      else if (next) this.setSelection(next, next.focus !== this.sel.focus);
    },
  };

  private grid(): HTMLElement | null | undefined {
    return this.shadowRoot?.querySelector<HTMLElement>(`[data-testid="${TID.table}"]`);
  }

  private focusInspector(): void {
    const target = this.shadowRoot?.querySelector<HTMLElement>(
      `[data-testid="${TID.inspPrompt}"], [data-testid="${TID.bulkModel}"], [data-testid="${TID.bulkParamName}"]`,
    );
    target?.focus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('snapshot') && this.renderedSeq !== this.snapshotSeq) {
      this.renderedSeq = this.snapshotSeq;
      this.dataset.renderSeq = String(this.renderedSeq);
      performance.mark(MARK_RENDERED);
    }
    if (this.scrollToFocus && this.sel.focus !== undefined) {
      this.scrollToFocus = false;
      const index = this.visible.visibleIds().indexOf(this.sel.focus);
      const v = this.shadowRoot?.querySelector('lit-virtualizer') as
        | (HTMLElement & { element(i: number): { scrollIntoView(o: ScrollIntoViewOptions): void } | undefined })
        | null;
      if (index >= 0) v?.element(index)?.scrollIntoView({ block: 'nearest' });
    }
  }

  protected override render(): TemplateResult {
    // One link element across renders: a new one would load and parse the stylesheet again.
    const link = this.codiconHref ? html`<link rel="stylesheet" href=${this.codiconHref} />` : nothing;
    return html`${link}${this.renderContent()}`;
  }

  private renderContent(): TemplateResult {
    const s = this.snapshot;
    if (!s) return html`<div class="loading muted" role="status">Loading the shot list…</div>`;
    const rows = this.visibleRows();
    const ids = this.visible.visibleIds();
    const { selected } = this.sel;
    const visibleSet = new Set(ids);
    let hidden = 0;
    for (const id of selected) if (!visibleSet.has(id)) hidden++;
    const batch = this.batch;
    const overlayOpen =
      batch !== undefined &&
      batch.id !== this.closedBatchId &&
      (!this.overlayHidden || batch.finished || batch.blocked !== undefined);
    return html`${renderHeader({
      snapshot: s,
      selection: this.cost.of(this.store, selected),
      hiddenSelected: hidden,
      staleCount: this.store.countStatus('stale'),
      failedCount: this.store.countStatus('failed'),
      batch,
      overlayHidden: !overlayOpen,
      send: this.send,
      generateSelected: () => this.send({ type: 'generate', ids: [...selected] }),
      showOverlay: () => {
        this.overlayHidden = false;
      },
    })}
      <vscode-split-layout
        class="split"
        split="vertical"
        .fixedPane=${'end'}
        .minStart=${'320px'}
        .minEnd=${'240px'}
        .handlePosition=${this.initialHandle}
        @vsc-split-layout-change=${(e: CustomEvent<{ position: number }>) => {
          const width = (e.currentTarget as HTMLElement).getBoundingClientRect().width;
          this.setUi({ inspectorWidth: `${Math.round(Math.max(240, width - e.detail.position))}px` });
        }}
      >
        <div slot="start" class="table-pane">
          ${renderFilterBar({
            filters: this.ui.filters,
            scenes: this.store.distinct('scene'),
            groups: this.store.distinct('group'),
            shown: rows.length,
            total: this.store.rows.length,
            setFilter: (patch: Partial<QueueFilters>) => this.setUi({ filters: { ...this.ui.filters, ...patch } }),
          })}
          ${renderTable({
            rows,
            selected,
            focusId: this.sel.focus,
            sort: this.ui.sort,
            allState: allVisibleState(selected, ids),
            ...this.tableActions,
          })}
        </div>
        <aside slot="end" class="inspector" aria-label="Inspector">
          ${renderInspectorPane({
            selected: this.inspectorSel,
            store: this.store,
            inspectedId: this.inspectedId,
            models: s.models,
            drafts: this.drafts,
            takes: this.inspectedId !== undefined ? this.takes.get(this.inspectedId) : undefined,
            compare: this.comparePick,
            abSide: this.abSide,
            bulk: this.bulk,
            setBulk: (patch) => {
              this.bulk = { ...this.bulk, ...patch };
            },
            setCompare: (picked, abSide) => {
              this.comparePick = picked;
              this.abSide = abSide;
            },
            send: this.send,
            changed: () => this.requestUpdate(),
          })}
        </aside>
      </vscode-split-layout>
      ${
        overlayOpen && batch
          ? renderBatchOverlay({
              batch,
              send: (m) => {
                if (m.type === 'closeOverlay') this.closedBatchId = batch.id;
                this.send(m);
              },
              hide: () => {
                this.overlayHidden = true;
              },
            })
          : nothing
      }`;
  }
}
