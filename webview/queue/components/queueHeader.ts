// The header: list name, cost summary (estimate for the selected rows with its sources, spent so far,
// budget left) and the bulk actions, each disabled with its reason when it cannot run.
import { html, nothing, type TemplateResult } from 'lit';
import type { BatchView, QueueSnapshot, QueueWebviewMessage } from '../../../src/extension/queue/queueProtocol';
import { icon } from '../../shared/icons';
import { formatUsd, type SelectionCost, selectionCostText } from '../queueModel';
import { TID } from '../testids';

export interface HeaderContext {
  snapshot: QueueSnapshot;
  selection: SelectionCost;
  /** Selected rows the filters hide (they are still part of Generate selected). */
  hiddenSelected: number;
  staleCount: number;
  failedCount: number;
  batch: BatchView | undefined;
  overlayHidden: boolean;
  send(message: QueueWebviewMessage): void;
  generateSelected(): void;
  showOverlay(): void;
}

function button(
  testid: string,
  label: string,
  opts: { icon?: string; disabled?: string | false; secondary?: boolean; title?: string; onClick: () => void },
): TemplateResult {
  return html`<vscode-button
    data-testid=${testid}
    ?secondary=${opts.secondary ?? true}
    icon=${opts.icon ?? nothing}
    ?disabled=${Boolean(opts.disabled)}
    title=${opts.disabled || opts.title || label}
    @click=${opts.onClick}
    >${label}</vscode-button
  >`;
}

function budgetText(cost: QueueSnapshot['cost']): string {
  if (cost.budget === undefined) return 'no budget cap';
  const left = cost.budgetLeft !== undefined ? `${formatUsd(cost.budgetLeft)} left of ` : '';
  return `${left}${formatUsd(cost.budget)} budget`;
}

export function renderHeader(ctx: HeaderContext): TemplateResult {
  const { snapshot: s, selection: sel, batch } = ctx;
  const running = batch !== undefined && !batch.finished;
  const noSelection = sel.count === 0 ? 'Select one or more shots to generate them' : false;
  const over = s.cost.budgetLeft !== undefined && sel.amount > s.cost.budgetLeft;
  return html`<header class="header">
    <div class="header-top">
      <h1 data-testid=${TID.listName} title=${s.listPath}>${icon('list-ordered')} ${s.listName}</h1>
      <span class="muted path">${s.listPath}</span>
      <span class="spacer"></span>
      ${
        running && ctx.overlayHidden
          ? html`<button class="pill" type="button" data-testid=${TID.batchPill} @click=${ctx.showOverlay}>
            ${icon(batch.blocked ? 'warning' : batch.paused ? 'debug-pause' : 'sync', batch.blocked || batch.paused ? '' : 'spin')}
            Batch: ${batch.done} of ${batch.total} done${batch.blocked ? ' · blocked' : batch.paused ? ' · paused' : ''}</button>`
          : nothing
      }
      ${button(TID.addShot, 'Add shot', { icon: 'add', onClick: () => ctx.send({ type: 'addShot' }) })}
      ${button(TID.openText, 'Open as text', { icon: 'go-to-file', onClick: () => ctx.send({ type: 'openText' }) })}
    </div>
    <div class="cost" role="status">
      <span class="cost-item" data-testid=${TID.costSelected} data-amount=${sel.amount} data-unknown=${sel.unknown}>
        <span class="muted">Selected (${sel.count}${ctx.hiddenSelected ? `, ${ctx.hiddenSelected} hidden by filters` : ''}):</span>
        ${selectionCostText(sel)}
      </span>
      <span class="cost-item" data-testid=${TID.costSpent}><span class="muted">Spent:</span> ${s.cost.spent.label}</span>
      <span class="cost-item ${over ? 'cost--over' : ''}" data-testid=${TID.costBudget}
        title=${over ? 'The selection costs more than the budget left' : ''}>
        <span class="muted">Budget:</span> ${budgetText(s.cost)}${over ? html` ${icon('warning')}` : nothing}
      </span>
    </div>
    <div class="actions" role="toolbar" aria-label="Bulk actions">
      ${button(TID.generateSelected, sel.count ? `Generate selected (${sel.count})` : 'Generate selected', {
        icon: 'play',
        secondary: false,
        disabled: noSelection,
        onClick: ctx.generateSelected,
      })}
      <!-- Hidden, not removed: the toolbar keeps its boxes when select all changes the selection. -->
      <span class="muted reason" ?hidden=${!noSelection} data-testid=${TID.generateSelectedReason}>${noSelection || ''}</span>
      ${button(TID.generateStale, `Generate stale (${ctx.staleCount})`, {
        icon: 'history',
        disabled: ctx.staleCount === 0 ? 'No shot is stale' : false,
        onClick: () => ctx.send({ type: 'generateStale' }),
      })}
      ${button(TID.retryFailed, `Retry failed (${ctx.failedCount})`, {
        icon: 'refresh',
        disabled: ctx.failedCount === 0 ? 'No shot failed' : false,
        onClick: () => ctx.send({ type: 'retryFailed' }),
      })}
      <span class="sep" aria-hidden="true"></span>
      ${button(TID.pauseResume, batch?.paused ? 'Resume' : 'Pause', {
        icon: batch?.paused ? 'debug-continue' : 'debug-pause',
        disabled: running ? false : 'No batch is running',
        onClick: () => ctx.send({ type: batch?.paused ? 'resumeBatch' : 'pauseBatch' }),
      })}
      ${button(TID.cancelBatch, 'Cancel batch', {
        icon: 'stop-circle',
        disabled: running ? false : 'No batch is running',
        onClick: () => ctx.send({ type: 'cancelBatch' }),
      })}
    </div>
    ${s.fileError ? html`<div class="file-error" role="alert" data-testid=${TID.fileError}>${icon('error')} ${s.fileError} The table shows the last readable version.</div>` : nothing}
  </header>`;
}
