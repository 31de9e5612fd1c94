// Filters above the table: scene, modality, status and group (each with "All"), text search over id,
// prompt and notes, and how many rows show.
import { html, nothing, type TemplateResult } from 'lit';
import { icon } from '../../shared/icons';
import type { QueueFilters } from '../queueUiState';
import { ALL, DEFAULT_FILTERS, MODALITIES, STATUSES } from '../queueUiState';
import { TID } from '../testids';
import { STATUS_LABELS } from './statusText';

export interface FilterContext {
  filters: QueueFilters;
  scenes: readonly string[];
  groups: readonly string[];
  shown: number;
  total: number;
  setFilter(patch: Partial<QueueFilters>): void;
}

type Option = readonly [value: string, label: string];

function select(testid: string, label: string, value: string, options: Option[], onChange: (v: string) => void) {
  // Native: four vscode-single-selects (each with a hidden dropdown that measures itself) cost the first
  // render of the table a forced layout of every row.
  return html`<label class="filter">
    <span class="filter-label">${label}</span>
    <select
      class="native-select"
      data-testid=${testid}
      aria-label=${label}
      .value=${value}
      @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}
    >
      ${options.map(([v, l]) => html`<option value=${v} ?selected=${v === value}>${l}</option>`)}
    </select>
  </label>`;
}

const withAll = (values: readonly string[], label = (v: string) => v): Option[] => [
  [ALL, 'All'],
  ...values.map((v) => [v, label(v)] as const),
];

export function renderFilterBar(ctx: FilterContext): TemplateResult {
  const f = ctx.filters;
  const active = f.scene !== ALL || f.group !== ALL || f.modality !== ALL || f.status !== ALL || f.search.trim() !== '';
  return html`<div class="filters" role="search">
    <vscode-textfield
      class="search"
      data-testid=${TID.search}
      placeholder="Search id, prompt, notes"
      aria-label="Search shots"
      .value=${f.search}
      @input=${(e: Event) => ctx.setFilter({ search: (e.target as HTMLInputElement).value })}
    >
      <span slot="content-before" class="codicon codicon-search" aria-hidden="true"></span>
    </vscode-textfield>
    ${select(TID.filterScene, 'Scene', f.scene, withAll(ctx.scenes), (scene) => ctx.setFilter({ scene }))}
    ${select(TID.filterModality, 'Modality', f.modality, withAll(MODALITIES), (v) =>
      ctx.setFilter({ modality: v as QueueFilters['modality'] }),
    )}
    ${select(
      TID.filterStatus,
      'Status',
      f.status,
      withAll(STATUSES, (s) => STATUS_LABELS[s as keyof typeof STATUS_LABELS]),
      (v) => ctx.setFilter({ status: v as QueueFilters['status'] }),
    )}
    ${select(TID.filterGroup, 'Group', f.group, withAll(ctx.groups), (group) => ctx.setFilter({ group }))}
    <span class="spacer"></span>
    <span class="muted shown" role="status">${ctx.shown === ctx.total ? `${ctx.total} shots` : `${ctx.shown} of ${ctx.total} shots`}</span>
    ${
      active
        ? html`<button class="icon-btn" type="button" data-testid=${TID.clearFilters} title="Clear filters" aria-label="Clear filters"
          @click=${() => ctx.setFilter({ ...DEFAULT_FILTERS })}>${icon('clear-all')}</button>`
        : nothing
    }
  </div>`;
}
