// <genqueue-app>: the generations panel. Renders from the host's last complete snapshot with the job
// patches and history pages that followed it; keeps UI-only state (filters, expanded rows,
// collapsed sections) in the webview's saved state.
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type {
  HistoryQuery,
  HostToWebview,
  JobView,
  ProviderKeys,
  WebviewToHost,
} from '../../src/extension/panel/generationsProtocol';
import { type HostBridge, hostBridge } from '../shared/hostBridge';
import { groupActive } from './batchGroups';
import { HistoryList } from './historyList';
import { applyJobsPatch, type PanelSections, partition } from './panelModel';
import { panelStyles } from './styles';
import { historyQueryOf, restoreUiState, type SectionId, toggled, type UiState } from './uiState';
import { batchGroupKey, renderActiveList } from './views/activeSection';
import { hasAnyKey, renderEmptyState } from './views/emptyState';
import { renderFailedList } from './views/failedSection';
import { renderHistory } from './views/historySection';
import type { PanelActions } from './views/panelActions';
import { iconButton, section } from './views/parts';
import { renderRecentCards } from './views/recentSection';

/** performance marks, read by the render benchmark and tests. */
export const MARK_SNAPSHOT = 'genqueue:snapshot';
export const MARK_RENDERED = 'genqueue:rendered';
const TICK_MS = 1000;
const RELATIVE_STEP_MS = 15_000;

export class GenerationsApp extends LitElement {
  static override styles = panelStyles;
  static override properties = {
    jobs: { state: true },
    keys: { state: true },
    historySeq: { state: true },
    ui: { state: true },
    now: { state: true },
    relNow: { state: true },
  };

  /** Undefined until the first snapshot. */
  declare jobs: JobView[] | undefined;
  declare keys: ProviderKeys;
  /** Bumped when the history rows change (the list itself is mutable). */
  declare historySeq: number;
  declare ui: UiState;
  /** The host's clock, ticked locally once a second while jobs are active. */
  declare now: number;
  /** `now` for relative times ("3 min ago"): moves in RELATIVE_STEP_MS steps, so cards re-render rarely. */
  declare relNow: number;

  /** Set before connecting to use another bridge (tests); defaults to the VS Code one. */
  bridge: HostBridge | undefined;
  private sections: PanelSections = { active: [], recent: [], failed: [] };
  private clockOffset = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private timerPeriod = 0;
  private unsubscribe: (() => void) | undefined;
  private readonly history = new HistoryList();
  /** Host messages received and rendered (snapshots alone, and all kinds), for tests and benches. */
  private snapshotSeq = 0;
  private renderedSeq = 0;
  private messageSeq = 0;
  private codiconHref = '';

  constructor() {
    super();
    this.jobs = undefined;
    this.keys = { fal: false, replicate: false, local: true };
    this.historySeq = 0;
    this.ui = restoreUiState(undefined);
    this.now = Date.now();
    this.relNow = this.now;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.bridge ??= hostBridge();
    this.ui = restoreUiState(this.bridge.getState());
    this.history.query = historyQueryOf(this.ui);
    // Codicon classes must be linked inside the shadow root too (the font face comes from the page).
    this.codiconHref = document.getElementById('vscode-codicon-stylesheet')?.getAttribute('href') ?? '';
    this.unsubscribe = this.bridge.onMessage((m) => this.receive(m));
    this.bridge.post({ type: 'ready' });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.stopTimer();
  }

  private receive(message: HostToWebview): void {
    this.messageSeq++;
    switch (message.type) {
      case 'snapshot': {
        performance.mark(MARK_SNAPSHOT);
        this.snapshotSeq++;
        const s = message.snapshot;
        this.keys = s.keys;
        this.setJobs(s.jobs, s.now, true);
        // The host pages the query it last heard of; after a reload that may not be ours yet.
        if (!this.history.apply(s.history) && !this.history.current)
          this.bridge?.post(this.history.setQuery(this.history.query));
        this.historySeq++;
        return;
      }
      case 'jobs':
        this.setJobs(applyJobsPatch(this.jobs ?? [], message.patch), message.patch.now, false);
        return;
      case 'history':
        if (this.history.apply(message.page)) this.historySeq++;
        return;
    }
  }

  private setJobs(jobs: JobView[], now: number, complete: boolean): void {
    this.clockOffset = now - Date.now();
    this.now = now;
    // Relative times move in steps: a patch within the step leaves the finished cards and history alone.
    if (complete || Math.abs(now - this.relNow) >= RELATIVE_STEP_MS) this.relNow = now;
    this.jobs = jobs;
    const next = partition(jobs);
    const old = this.sections;
    // Unchanged lists keep their identity, so their guarded sections are not re-rendered.
    this.sections = {
      active: next.active,
      recent: sameItems(old.recent, next.recent) ? old.recent : next.recent,
      failed: sameItems(old.failed, next.failed) ? old.failed : next.failed,
    };
    // Forget expanded rows whose job (or batch) is gone, so saved state does not grow forever.
    const ids = new Set(this.sections.active.map((j) => j.id));
    for (const g of groupActive(this.sections.active).batches) ids.add(batchGroupKey(g));
    const expanded = this.ui.expanded.filter((id) => ids.has(id));
    if (expanded.length !== this.ui.expanded.length) this.updateUi({ expanded });
    const { active, recent, failed } = this.sections;
    if (active.length > 0) this.startTimer(TICK_MS);
    else if (recent.length > 0 || failed.length > 0) this.startTimer(RELATIVE_STEP_MS);
    else this.stopTimer();
  }

  /**
   * One interval for the whole panel: every 1 s while jobs run (elapsed timers), else every 15 s
   * while finished cards show relative times; none when nothing on screen depends on the clock.
   */
  private startTimer(period: number): void {
    if (this.timer !== undefined && this.timerPeriod === period) return;
    this.stopTimer();
    this.timerPeriod = period;
    this.timer = setInterval(() => {
      this.now = Date.now() + this.clockOffset;
      if (this.now - this.relNow >= RELATIVE_STEP_MS) this.relNow = this.now;
    }, period);
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.timerPeriod = 0;
  }

  private updateUi(patch: Partial<UiState>): void {
    this.ui = { ...this.ui, ...patch };
    this.bridge?.setState(this.ui);
  }

  private readonly actions: PanelActions = {
    send: (message: WebviewToHost) => this.bridge?.post(message),
    toggleExpanded: (id) => this.updateUi({ expanded: toggled(this.ui.expanded, id) }),
    toggleSection: (id: SectionId) => this.updateUi({ collapsed: toggled(this.ui.collapsed, id) }),
    setFilter: (patch: Partial<HistoryQuery>) => {
      this.updateUi(patch);
      this.bridge?.post(this.history.setQuery(historyQueryOf(this.ui)));
      this.historySeq++;
    },
    loadMoreHistory: () => {
      const request = this.history.requestMore();
      if (request) this.bridge?.post(request);
    },
  };

  protected override updated(_changed: PropertyValues<this>): void {
    this.dataset.messageSeq = String(this.messageSeq);
    if (this.renderedSeq !== this.snapshotSeq) {
      this.renderedSeq = this.snapshotSeq;
      this.dataset.renderSeq = String(this.renderedSeq);
      performance.mark(MARK_RENDERED);
    }
  }

  protected override render(): TemplateResult {
    // The codicon link stays in one place across renders: a new link element would load and parse
    // the stylesheet again and lay out every icon a second time.
    const link = this.codiconHref ? html`<link rel="stylesheet" href=${this.codiconHref} />` : nothing;
    return html`${link}${this.renderContent()}`;
  }

  private renderContent(): TemplateResult {
    const jobs = this.jobs;
    if (!jobs) return html`<div class="quiet" role="status">Loading generations…</div>`;
    const { active, recent, failed } = this.sections;
    if (jobs.length === 0 && this.history.total === 0 && this.history.current) {
      return renderEmptyState(this.keys, this.actions);
    }
    const collapsed = new Set(this.ui.collapsed);
    const a = this.actions;
    return html`${this.renderToolbar()}
    ${
      active.length > 0
        ? section(
            {
              id: 'active',
              title: 'Active generations',
              count: active.length,
              collapsed: collapsed.has('active'),
              body: () => renderActiveList(active, this.now, new Set(this.ui.expanded), a),
            },
            a,
          )
        : html`<div class="quiet">Nothing is generating. Use the buttons above or the Command Palette to start.</div>`
    }
    ${
      failed.length > 0
        ? section(
            {
              id: 'failed',
              title: 'Failed',
              count: failed.length,
              collapsed: collapsed.has('failed'),
              headerActions:
                failed.length >= 2
                  ? html`<vscode-button
                    secondary
                    icon="refresh"
                    data-action="retryAllFailed"
                    title="Retry every failed generation"
                    @click=${() => a.send({ type: 'retryAllFailed' })}
                    >Retry all failed</vscode-button
                  >`
                  : nothing,
              body: () => guard([failed, this.relNow], () => renderFailedList(failed, this.relNow, a)),
            },
            a,
          )
        : nothing
    }
    ${
      recent.length > 0
        ? section(
            {
              id: 'recent',
              title: 'Recent results',
              count: recent.length,
              collapsed: collapsed.has('recent'),
              body: () => guard([recent, this.relNow], () => renderRecentCards(recent, this.relNow, a)),
            },
            a,
          )
        : nothing
    }
    ${section(
      {
        id: 'history',
        title: 'History',
        count: this.history.total,
        collapsed: collapsed.has('history'),
        body: () => this.renderHistorySection(),
      },
      a,
    )}`;
  }

  private renderHistorySection(): unknown {
    // Re-render history only when its rows or filters change, not on every timer tick or job patch.
    return guard([this.historySeq, this.relNow], () => renderHistory(this.history, this.relNow, this.actions));
  }

  private renderToolbar(): TemplateResult {
    const { active, failed } = this.sections;
    const parked = active.filter((j) => j.stale || j.state === 'unknown').length;
    const running = active.filter((j) => j.state === 'running' && !j.stale).length;
    const parts = [
      active.length ? `${active.length} active${running ? ` (${running} generating)` : ''}` : 'Idle',
      parked === 1 ? '1 needs attention' : parked > 1 ? `${parked} need attention` : '',
      failed.length ? `${failed.length} failed` : '',
      hasAnyKey(this.keys) ? '' : 'offline provider (no API key)',
    ].filter(Boolean);
    const a = this.actions;
    return html`<div class="toolbar" role="toolbar" aria-label="Generations">
      <span class="summary" role="status">${parts.join(' · ')}</span>
      <span class="group">
        ${iconButton('file-media', 'Generate image', () => a.send({ type: 'generate', modality: 'image' }), { action: 'generate-image' })}
        ${iconButton('device-camera-video', 'Generate video', () => a.send({ type: 'generate', modality: 'video' }), { action: 'generate-video' })}
        ${iconButton('music', 'Generate audio', () => a.send({ type: 'generate', modality: 'audio' }), { action: 'generate-audio' })}
        ${iconButton('mic', 'Generate speech', () => a.send({ type: 'generate', modality: 'speech' }), { action: 'generate-speech' })}
      </span>
      <span class="sep" aria-hidden="true"></span>
      ${iconButton('clear-all', 'Clear finished results', () => a.send({ type: 'clearFinished' }), { action: 'clearFinished' })}
    </div>`;
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
