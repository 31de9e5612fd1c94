// History: every finished job, searchable by prompt, model and shot, filterable. The host filters and
// pages it; the list is virtualized (only the rows in view are in the DOM) and asks for the next
// page as the user scrolls near the end.
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  HISTORY_PAGE_ROWS,
  type HistoryQuery,
  type HistoryRow,
  hasActiveQuery,
} from '../../../src/extension/panel/generationsProtocol';
import { rowLayout } from '../../shared/rowLayout';
import { shortDate } from '../../shared/timeText';
import { shotLabel } from '../batchGroups';
import type { HistoryList } from '../historyList';
import { dotKind, labelOf, providerLabel, STATE_LABELS } from '../jobDisplay';
import type { PanelActions } from './panelActions';
import { dot } from './parts';

/** Ask for the next page when the last row in view is this close to the last row loaded. */
const PREFETCH_ROWS = 30;
/**
 * The newest rows are plain DOM, there whether or not the list is scrolled into view (links to a
 * retry, find in page, tests and people who look just below the fold); the rest is virtualized.
 */
export const EAGER_ROWS = 40;
/** A history row is 48 px high (two lines). */
const HISTORY_LAYOUT = rowLayout(48);

type Option = readonly [value: string, label: string];

const STATUS_OPTIONS: Option[] = [
  ['all', 'Any status'],
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
  ['canceled', 'Canceled'],
];
const MODALITY_OPTIONS: Option[] = [
  ['all', 'Any type'],
  ['image', 'Image'],
  ['video', 'Video'],
  ['audio', 'Audio'],
  ['speech', 'Speech'],
];
const PROVIDER_OPTIONS: Option[] = [
  ['all', 'Any provider'],
  ['fal', 'fal.ai'],
  ['replicate', 'Replicate'],
  ['local', 'Local'],
];
const RANGE_OPTIONS: Option[] = [
  ['all', 'All time'],
  ['today', 'Today'],
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
];

export function renderHistory(list: HistoryList, now: number, a: PanelActions): TemplateResult {
  const filter = list.query;
  const rows = list.rows;
  const searching = !list.current;
  return html`<div class="filters" role="search">
      <vscode-textfield
        type="search"
        name="search"
        placeholder="Search prompts, models and shots"
        label="Search history"
        .value=${filter.search}
        @input=${(e: Event) => a.setFilter({ search: (e.target as HTMLInputElement).value })}
      >
        <span slot="content-before" class="codicon codicon-search" aria-hidden="true"></span>
      </vscode-textfield>
      ${select('status', 'Filter by status', STATUS_OPTIONS, filter.status, (v) => a.setFilter({ status: v as HistoryQuery['status'] }))}
      ${select('modality', 'Filter by type', MODALITY_OPTIONS, filter.modality, (v) => a.setFilter({ modality: v as HistoryQuery['modality'] }))}
      ${select('provider', 'Filter by provider', PROVIDER_OPTIONS, filter.provider, (v) => a.setFilter({ provider: v as HistoryQuery['provider'] }))}
      ${select('range', 'Filter by date', RANGE_OPTIONS, filter.range, (v) => a.setFilter({ range: v as HistoryQuery['range'] }))}
    </div>
    <div class="history-count" aria-live="polite">
      ${
        searching
          ? 'Searching…'
          : hasActiveQuery(filter)
            ? `${list.matches.toLocaleString()} of ${list.total.toLocaleString()} match`
            : `${list.total.toLocaleString()} finished`
      }${!searching && rows.length < list.matches ? ` · ${rows.length.toLocaleString()} loaded` : ''}
    </div>
    ${
      !searching && list.matches === 0
        ? html`<div class="no-match">No finished generations match these filters.</div>`
        : html`<ul class="history-list" aria-label="History">
            ${repeat(
              rows.slice(0, EAGER_ROWS),
              (r) => r.id,
              (r) => renderRow(r, now, a),
            )}
          </ul>
          ${rows.length > EAGER_ROWS ? renderTail(rows.slice(EAGER_ROWS), now, a) : nothing}`
    }
    ${
      list.hasMore
        ? html`<vscode-button class="more" secondary data-action="showMore" @click=${() => a.loadMoreHistory()}
          >Load ${Math.min(HISTORY_PAGE_ROWS, list.matches - rows.length)} more</vscode-button
        >`
        : nothing
    }`;
}

function renderTail(tail: HistoryRow[], now: number, a: PanelActions): TemplateResult {
  return html`<ul
    class="history-list history-list--tail"
    aria-label="Older history"
    @visibilityChanged=${(e: Event & { last: number }) => {
      if (e.last >= tail.length - PREFETCH_ROWS) a.loadMoreHistory();
    }}
  >
    ${virtualize({
      items: tail,
      layout: HISTORY_LAYOUT,
      keyFunction: (r: HistoryRow) => r.id,
      renderItem: (r: HistoryRow) => renderRow(r, now, a),
    })}
  </ul>`;
}

function select(
  name: string,
  label: string,
  options: Option[],
  value: string,
  onChange: (value: string) => void,
): TemplateResult {
  // Native: four vscode-single-selects were a third of the panel's first render.
  return html`<select
    class="native-select"
    name=${name}
    aria-label=${label}
    title=${label}
    .value=${value}
    @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}
  >
    ${options.map(([v, l]) => html`<option value=${v} ?selected=${v === value}>${l}</option>`)}
  </select>`;
}

function renderRow(r: HistoryRow, now: number, a: PanelActions): TemplateResult {
  const stateLabel = STATE_LABELS[r.state];
  // The link between a failure and its retry, both ways.
  const lineage = [r.retriedFrom ? 'retry of a failed run' : '', r.retried ? 'retried' : ''];
  const meta = [labelOf(r), shotLabel(r.shot), providerLabel(r.provider), r.modality, stateLabel, ...lineage];
  return html`<li data-id=${r.id} data-state=${r.state}>
    <button
      class="history-row"
      type="button"
      title="Open this generation"
      @click=${() => a.send({ type: 'openHistory', id: r.id })}
    >
      ${dot(dotKind(r), stateLabel)}
      <span class="history-prompt">${r.prompt || labelOf(r)}</span>
      <span class="history-when">${shortDate(r.createdAt, now)}${r.costLabel ? html`<br />${r.costLabel}` : nothing}</span>
      <span class="history-meta">${meta.filter(Boolean).join(' · ')}</span>
    </button>
  </li>`;
}
