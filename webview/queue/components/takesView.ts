// Every take of the inspected shot as a preview card (image, video player, audio player) with its cost,
// generation time and badges, the take actions, and a Compare pick (two picks open the compare view).
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { QueueWebviewMessage, TakeView } from '../../../src/extension/queue/queueProtocol';
import { icon } from '../../shared/icons';
import { TID } from '../testids';
import { type CompareContext, renderCompare } from './compareView';
import { durationText, preview } from './parts';

export interface TakesContext {
  shotId: string;
  /** undefined until the host answers selectShot. */
  takes: readonly TakeView[] | undefined;
  /** Take numbers picked for comparison (at most two). */
  compare: readonly number[];
  toggleCompare(take: number): void;
  compareCtx: Omit<CompareContext, 'a' | 'b'>;
  send(message: QueueWebviewMessage): void;
}

function takeCard(ctx: TakesContext, t: TakeView): TemplateResult {
  const id = ctx.shotId;
  const n = t.take;
  const picked = ctx.compare.includes(n);
  const action = (type: 'rerun' | 'editRetry' | 'insertTake' | 'revealTake') => () => ctx.send({ type, id, take: n });
  return html`<li class="take ${t.chosen ? 'take--chosen' : ''}" data-testid=${TID.take(n)} data-take=${n}>
    <div class="take-preview preview--${t.modality}">${preview(t, `Take ${n} of ${id}`)}</div>
    <div class="take-meta">
      <span class="take-name">Take ${n}</span>
      ${t.chosen ? html`<vscode-badge class="badge--chosen" data-badge="chosen">chosen</vscode-badge>` : nothing}
      ${t.stale ? html`<vscode-badge class="badge--stale" data-badge="stale" title="Made from other inputs than the shot has now">stale</vscode-badge>` : nothing}
      <span class="spacer"></span>
      <vscode-checkbox data-testid=${TID.takeCompare(n)} label="Compare" .checked=${live(picked)}
        @change=${() => ctx.toggleCompare(n)}></vscode-checkbox>
      <button class="icon-btn" type="button" data-testid=${TID.takeInsert(n)} title="Insert into the active editor" aria-label="Insert into the active editor" @click=${action('insertTake')}>${icon('insert')}</button>
      <button class="icon-btn" type="button" data-testid=${TID.takeReveal(n)} title="Reveal the file" aria-label="Reveal the file" @click=${action('revealTake')}>${icon('folder-opened')}</button>
    </div>
    <div class="take-facts muted">
      <span data-fact="cost">${t.costLabel ?? 'cost unknown'}</span>
      ${t.generationMs !== undefined ? html`<span data-fact="time">${icon('watch')} ${durationText(t.generationMs)}</span>` : nothing}
    </div>
    <div class="take-actions">
      <vscode-button data-testid=${TID.takeUse(n)} ?disabled=${t.chosen} title=${t.chosen ? 'This take is chosen' : 'Set take: and copy it to the output path'}
        @click=${() => ctx.send({ type: 'useTake', id, take: n })}>${t.chosen ? 'In use' : 'Use this take'}</vscode-button>
      <vscode-button secondary data-testid=${TID.takeRerun(n)} title="Generate again with the same inputs" @click=${action('rerun')}>Re-run</vscode-button>
      <vscode-button secondary data-testid=${TID.takeEditRetry(n)} title="Edit the inputs, then generate" @click=${action('editRetry')}>Edit & retry</vscode-button>
    </div>
  </li>`;
}

export function renderTakes(ctx: TakesContext): TemplateResult {
  const takes = ctx.takes;
  const [a, b] = ctx.compare.map((n) => takes?.find((t) => t.take === n));
  return html`<section class="takes" data-testid=${TID.takes} aria-label="Takes">
    <h3>Takes ${takes ? html`<vscode-badge variant="counter">${takes.length}</vscode-badge>` : nothing}</h3>
    ${a && b ? renderCompare({ ...ctx.compareCtx, a, b }) : nothing}
    ${
      takes === undefined
        ? html`<div class="muted">Loading takes…</div>`
        : takes.length === 0
          ? html`<div class="muted">No takes yet. Generate this shot to make one.</div>`
          : html`${ctx.compare.length === 1 ? html`<div class="muted hint">Pick one more take to compare.</div>` : nothing}
            <ul class="take-list">${takes.map((t) => takeCard(ctx, t))}</ul>`
    }
  </section>`;
}
