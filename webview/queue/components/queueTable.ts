// The queue table: a sticky header (select-all-visible checkbox, sortable columns) over a virtualized
// list of rows (@lit-labs/virtualizer renders only what is on screen, so 1,000 shots stay fast). Row
// checkboxes are plain spans styled like vscode-checkbox: a custom element per row doubled render time.
import '@lit-labs/virtualizer';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ShotRow } from '../../../src/extension/queue/queueProtocol';
import { icon } from '../../shared/icons';
import { rowLayout } from '../../shared/rowLayout';
import type { SortDir, SortKey } from '../queueUiState';
import type { AllState } from '../selection';
import { TID } from '../testids';
import { modalityIcon } from './parts';
import { SHOT_DRAG_TYPE } from './refsEditor';
import { STATUS_ICONS, statusClass, statusText, statusTitle } from './statusText';

export interface TableContext {
  rows: readonly ShotRow[];
  selected: ReadonlySet<string>;
  focusId: string | undefined;
  sort: { key: SortKey; dir: SortDir } | undefined;
  allState: AllState;
  rowClick(id: string, e: MouseEvent): void;
  rowCheck(id: string): void;
  toggleAll(): void;
  sortBy(key: SortKey): void;
  keydown(e: KeyboardEvent): void;
}

/** Table rows are 28 px high (styles/table.ts). */
const ROW_LAYOUT = rowLayout(28);

const COLUMNS: readonly [key: SortKey, label: string, cls: string][] = [
  ['id', 'Id', 'id'],
  ['scene', 'Scene', 'scene'],
  ['group', 'Group', 'group'],
  ['modality', '', 'modality'],
  ['model', 'Model', 'model'],
  ['prompt', 'Prompt', 'prompt'],
  ['status', 'Status', 'status'],
  ['takes', 'Takes', 'takes num'],
  ['estimate', 'Estimate', 'estimate num'],
];

function estimateText(row: ShotRow): string {
  const a = row.estimate.amount;
  if (a === undefined) return 'unknown';
  return a === 0 ? 'free' : a < 0.01 ? `$${a.toFixed(4).replace(/0+$/, '')}` : `$${a.toFixed(2)}`;
}

function headerCell(ctx: TableContext, [key, label, cls]: (typeof COLUMNS)[number]): TemplateResult {
  const sorted = ctx.sort?.key === key ? ctx.sort.dir : undefined;
  const name = label || 'Modality';
  return html`<div class="cell cell--${cls}" role="columnheader"
    aria-sort=${sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
    <button class="sort" type="button" data-testid=${TID.sort(key)} title="Sort by ${name.toLowerCase()}"
      @click=${() => ctx.sortBy(key)}>
      <span>${label || icon('symbol-misc')}</span>${sorted ? icon(sorted === 'asc' ? 'arrow-up' : 'arrow-down', 'sort-icon') : nothing}
    </button>
  </div>`;
}

export function renderRow(ctx: TableContext, row: ShotRow): TemplateResult {
  const selected = ctx.selected.has(row.id);
  const focused = ctx.focusId === row.id;
  return html`<div
    class="row ${selected ? 'row--selected' : ''} ${focused ? 'row--focused' : ''}"
    role="row"
    aria-selected=${selected ? 'true' : 'false'}
    data-testid=${TID.row(row.id)}
    data-id=${row.id}
    draggable="true"
    @dragstart=${(e: DragEvent) => {
      // Dropped on a reference box of the inspector: this shot's chosen take.
      e.dataTransfer?.setData(SHOT_DRAG_TYPE, row.id);
      e.dataTransfer?.setData('text/plain', `shot:${row.id}`);
    }}
    @click=${(e: MouseEvent) => ctx.rowClick(row.id, e)}
  >
    <div class="cell cell--check" role="gridcell">
      <span class="check ${selected ? 'check--on' : ''}" role="checkbox" aria-checked=${selected ? 'true' : 'false'}
        aria-label="Select ${row.id}" data-testid=${TID.rowCheck(row.id)}
        @click=${(e: Event) => {
          e.stopPropagation();
          ctx.rowCheck(row.id);
        }}>${icon('check')}</span>
    </div>
    <div class="cell cell--id" role="gridcell" title=${row.id}>
      ${
        row.problems.length
          ? html`<span class="codicon codicon-warning problem" data-testid=${TID.problems(row.id)} role="img"
            aria-label="${row.problems.length} problems" title=${row.problems.join('\n')}></span>`
          : nothing
      }<span class="ellipsis">${row.id}</span>${
        row.from
          ? html`<span class="from muted" data-testid=${TID.rowFrom(row.id)}
            title="Made from the chosen take of ${row.from.join(', ')}">← ${row.from.join(', ')}</span>`
          : nothing
      }
    </div>
    <div class="cell cell--scene ellipsis" role="gridcell">${row.scene ?? ''}</div>
    <div class="cell cell--group ellipsis" role="gridcell">${row.group ?? ''}</div>
    <div class="cell cell--modality" role="gridcell">${modalityIcon(row.modality)}</div>
    <div class="cell cell--model ellipsis" role="gridcell" title="${row.modelLabel} (${row.provider})">${row.modelLabel}</div>
    <div class="cell cell--prompt ellipsis" role="gridcell" title=${row.prompt}>${row.prompt}</div>
    <div class="cell cell--status ${statusClass(row)}" role="gridcell" data-testid=${TID.status(row.id)}
      data-status=${row.status} data-category=${row.error?.category ?? nothing} title=${statusTitle(row)}>
      ${icon(STATUS_ICONS[row.status], row.status === 'generating' ? 'spin' : '')}<span class="ellipsis">${statusText(row)}</span>
    </div>
    <div class="cell cell--takes num" role="gridcell">${row.takes || ''}</div>
    <div class="cell cell--estimate num" role="gridcell" title=${row.estimate.label}>${estimateText(row)}</div>
  </div>`;
}

export function renderTable(ctx: TableContext): TemplateResult {
  return html`<div
    class="table"
    role="grid"
    aria-label="Shots"
    aria-multiselectable="true"
    aria-rowcount=${ctx.rows.length}
    tabindex="0"
    data-testid=${TID.table}
    @keydown=${ctx.keydown}
  >
    <div class="row row--head" role="row">
      <div class="cell cell--check" role="columnheader">
        <vscode-checkbox data-testid=${TID.selectAll} aria-label="Select all visible shots"
          title="Select all visible shots" .checked=${live(ctx.allState === 'all')} .indeterminate=${live(ctx.allState === 'some')}
          @click=${(e: Event) => {
            e.stopPropagation();
            ctx.toggleAll();
          }}></vscode-checkbox>
      </div>
      ${COLUMNS.map((c) => headerCell(ctx, c))}
    </div>
    ${
      ctx.rows.length
        ? html`<lit-virtualizer
          scroller
          class="rows"
          .layout=${ROW_LAYOUT}
          .items=${ctx.rows}
          .keyFunction=${(r: ShotRow) => r.id}
          .renderItem=${(r: ShotRow) => renderRow(ctx, r)}
        ></lit-virtualizer>`
        : html`<div class="empty muted">No shot matches the filters.</div>`
    }
  </div>`;
}
