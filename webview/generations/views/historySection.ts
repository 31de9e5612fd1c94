// History: every finished job, searchable by prompt and model, filterable; renders one page at a time.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { HistoryRow } from '../../../src/extension/panel/generationsProtocol';
import { shortDate } from '../../shared/timeText';
import { dotKind, labelOf, providerLabel, STATE_LABELS } from '../jobDisplay';
import { HISTORY_PAGE, type HistoryFilter, hasActiveFilter } from '../panelModel';
import type { PanelActions } from './panelActions';
import { dot } from './parts';

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

export function renderHistory(
  matches: HistoryRow[],
  total: number,
  filter: HistoryFilter,
  limit: number,
  now: number,
  a: PanelActions,
  /** Ids of failures that were retried (rows whose job another row's retriedFrom names). */
  retriedIds: ReadonlySet<string> = new Set(),
): TemplateResult {
  const shown = matches.slice(0, limit);
  return html`<div class="filters" role="search">
      <vscode-textfield
        type="search"
        name="search"
        placeholder="Search prompts and models"
        label="Search history"
        .value=${filter.search}
        @input=${(e: Event) => a.setFilter({ search: (e.target as HTMLInputElement).value })}
      >
        <span slot="content-before" class="codicon codicon-search" aria-hidden="true"></span>
      </vscode-textfield>
      ${select('status', 'Filter by status', STATUS_OPTIONS, filter.status, (v) => a.setFilter({ status: v as HistoryFilter['status'] }))}
      ${select('modality', 'Filter by type', MODALITY_OPTIONS, filter.modality, (v) => a.setFilter({ modality: v as HistoryFilter['modality'] }))}
      ${select('provider', 'Filter by provider', PROVIDER_OPTIONS, filter.provider, (v) => a.setFilter({ provider: v as HistoryFilter['provider'] }))}
      ${select('range', 'Filter by date', RANGE_OPTIONS, filter.range, (v) => a.setFilter({ range: v as HistoryFilter['range'] }))}
    </div>
    <div class="history-count" aria-live="polite">
      ${
        hasActiveFilter(filter)
          ? `${matches.length.toLocaleString()} of ${total.toLocaleString()} match`
          : `${total.toLocaleString()} finished`
      }${shown.length < matches.length ? ` · showing ${shown.length.toLocaleString()}` : ''}
    </div>
    ${
      matches.length === 0
        ? html`<div class="no-match">No finished generations match these filters.</div>`
        : html`<ul class="history-list" aria-label="History">
          ${repeat(
            shown,
            (r) => r.id,
            (r) => renderRow(r, now, a, retriedIds.has(r.id)),
          )}
        </ul>`
    }
    ${
      shown.length < matches.length
        ? html`<vscode-button class="more" secondary data-action="showMore" @click=${() => a.showMoreHistory()}
          >Show ${Math.min(HISTORY_PAGE, matches.length - shown.length)} more</vscode-button
        >`
        : nothing
    }`;
}

function select(
  name: string,
  label: string,
  options: Option[],
  value: string,
  onChange: (value: string) => void,
): TemplateResult {
  return html`<vscode-single-select
    name=${name}
    label=${label}
    title=${label}
    .value=${value}
    @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}
  >
    ${options.map(([v, l]) => html`<vscode-option value=${v} ?selected=${v === value}>${l}</vscode-option>`)}
  </vscode-single-select>`;
}

function renderRow(r: HistoryRow, now: number, a: PanelActions, retried: boolean): TemplateResult {
  const stateLabel = STATE_LABELS[r.state];
  // The link between a failure and its retry, both ways.
  const lineage = [r.retriedFrom ? 'retry of a failed run' : '', retried ? 'retried' : ''].filter(Boolean);
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
      <span class="history-meta">${[labelOf(r), providerLabel(r.provider), r.modality, stateLabel, ...lineage].join(' · ')}</span>
    </button>
  </li>`;
}
