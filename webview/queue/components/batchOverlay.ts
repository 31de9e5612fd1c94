// The batch progress layer over the editor: N of M done, running, waiting, failed, canceled, spent vs
// estimate and a progress bar; Pause/Resume and Cancel; a blocking failure says what to do. It stays after
// the batch finishes until the user closes it; while running it can be hidden to a pill in the header.
import { html, nothing, type TemplateResult } from 'lit';
import type { BatchView, BlockAction, QueueWebviewMessage } from '../../../src/extension/queue/queueProtocol';
import { icon } from '../../shared/icons';
import { TID } from '../testids';

type BlockReason = NonNullable<BatchView['blocked']>['reason'];

const BLOCK_TITLES: Record<BlockReason, string> = {
  auth: 'The API key is missing or was rejected',
  billing: 'The provider refused for billing or balance',
  policy: 'The same content-policy failure on several shots',
  budget: 'The next submits would pass the budget cap',
};

const BLOCK_FIX: Record<BlockReason, { action: BlockAction; label: string }> = {
  auth: { action: 'setKey', label: 'Set key' },
  billing: { action: 'topUp', label: 'Top up' },
  policy: { action: 'editShots', label: 'Edit shots' },
  budget: { action: 'raiseCap', label: 'Raise the cap' },
};

export interface OverlayContext {
  batch: BatchView;
  send(message: QueueWebviewMessage): void;
  /** Hide while running (the header shows a pill that brings it back). */
  hide(): void;
}

function count(testid: string, n: number, label: string, cls = ''): TemplateResult {
  return html`<div class="count ${cls}" data-testid=${testid} data-count=${n}><span class="count-n">${n}</span> ${label}</div>`;
}

function renderBlocked(ctx: OverlayContext, blocked: NonNullable<BatchView['blocked']>): TemplateResult {
  const fix = BLOCK_FIX[blocked.reason];
  const act = (action: BlockAction) => () => ctx.send({ type: 'blockAction', action });
  return html`<div class="blocked" role="alert" data-testid=${TID.blocked} data-reason=${blocked.reason}>
    <div class="blocked-title">${icon('warning')} Batch paused: ${BLOCK_TITLES[blocked.reason]}</div>
    <p class="blocked-message">${blocked.message}</p>
    <p class="muted">No shot was skipped: the remaining shots wait until you act.</p>
    <div class="blocked-actions">
      <vscode-button data-testid=${TID.blockAction(fix.action)} @click=${act(fix.action)}>${fix.label}</vscode-button>
      <vscode-button secondary data-testid=${TID.blockAction('resume')} @click=${act('resume')}>Resume</vscode-button>
      <vscode-button secondary data-testid=${TID.blockAction('cancelBatch')} @click=${act('cancelBatch')}>Cancel batch</vscode-button>
    </div>
  </div>`;
}

export function renderBatchOverlay(ctx: OverlayContext): TemplateResult {
  const b = ctx.batch;
  const title = b.finished
    ? b.failed || b.canceled
      ? 'Batch finished with problems'
      : 'Batch finished'
    : b.blocked
      ? 'Batch blocked'
      : b.paused
        ? 'Batch paused'
        : 'Batch running';
  return html`<div class="overlay-backdrop">
    <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="overlay-title" data-testid=${TID.overlay}
      data-finished=${String(b.finished)} data-paused=${String(b.paused)}>
      <div class="overlay-head">
        <h2 id="overlay-title" data-testid=${TID.overlayTitle}>${title}</h2>
        <span class="spacer"></span>
        ${b.finished || b.blocked ? nothing : html`<button class="icon-btn" type="button" data-testid=${TID.overlayHide} title="Hide (the batch keeps running)" aria-label="Hide (the batch keeps running)" @click=${ctx.hide}>${icon('chevron-down')}</button>`}
      </div>
      <div class="overlay-progress">
        <div class="overlay-done" data-testid=${TID.overlayDone}>${b.done} of ${b.total} done</div>
        <progress data-testid=${TID.overlayProgress} max=${Math.max(1, b.total)} .value=${b.done + b.failed + b.canceled}></progress>
      </div>
      <div class="counts">
        ${count(TID.overlayRunning, b.running, 'running', 'count--running')}
        ${count(TID.overlayWaiting, b.waiting, b.paused || b.blocked ? 'held' : 'waiting')}
        ${count(TID.overlayFailed, b.failed, 'failed', b.failed ? 'count--failed' : '')}
        ${count(TID.overlayCanceled, b.canceled, 'canceled')}
      </div>
      <div class="overlay-cost" data-testid=${TID.overlaySpent}>Spent ${b.spent.label} of an estimated ${b.estimate.label}</div>
      ${b.blocked && !b.finished ? renderBlocked(ctx, b.blocked) : nothing}
      <div class="overlay-actions">
        ${
          b.finished
            ? html`<vscode-button data-testid=${TID.overlayClose} @click=${() => ctx.send({ type: 'closeOverlay' })}>Close</vscode-button>`
            : html`${
                b.blocked
                  ? nothing
                  : html`<vscode-button secondary data-testid=${TID.overlayPauseResume}
                  icon=${b.paused ? 'debug-continue' : 'debug-pause'}
                  @click=${() => ctx.send({ type: b.paused ? 'resumeBatch' : 'pauseBatch' })}>${b.paused ? 'Resume' : 'Pause'}</vscode-button>
                <vscode-button secondary data-testid=${TID.overlayCancel} icon="stop-circle"
                  @click=${() => ctx.send({ type: 'cancelBatch' })}>Cancel batch</vscode-button>`
              }`
        }
      </div>
    </div>
  </div>`;
}
