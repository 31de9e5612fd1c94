// Failed jobs: kept until dismissed, coloured by error category, with the fixes that fit the category.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ErrorCategory } from '../../../src/core/jobTypes';
import type { JobView } from '../../../src/extension/panel/generationsProtocol';
import { icon } from '../../shared/icons';
import { relativeTime } from '../../shared/timeText';
import { shotLabel } from '../batchGroups';
import { CATEGORY_LABELS, finishedAt, labelOf, promptOf, providerLabel, truncate } from '../jobDisplay';
import type { PanelActions } from './panelActions';
import { iconButton, textButton } from './parts';

const CATEGORY_ICONS: Record<ErrorCategory, string> = {
  input: 'error',
  'billing-policy': 'warning',
  auth: 'key',
  transient: 'info',
};

export function renderFailedList(jobs: JobView[], now: number, a: PanelActions): TemplateResult {
  return html`<ul class="failed-list" aria-label="Failed generations">
    ${repeat(
      jobs,
      (j) => j.id,
      (j) => renderFailed(j, now, a),
    )}
  </ul>`;
}

/** An input problem is fixed by changing the input: there Edit & retry is the primary button. */
function retry(job: JobView, secondary: boolean, a: PanelActions): TemplateResult {
  return textButton('Retry', () => a.send({ type: 'retry', id: job.id }), {
    action: 'retry',
    icon: 'refresh',
    title: 'Run the same job again',
    secondary,
  });
}

function editRetry(job: JobView, secondary: boolean, a: PanelActions): TemplateResult {
  return textButton('Edit & retry', () => a.send({ type: 'editRetry', id: job.id }), {
    action: 'editRetry',
    icon: 'edit',
    title: 'Change the inputs, then retry',
    secondary,
  });
}

/** The files the job read, each field with a "Change…" that opens Edit & retry on it. */
function renderRefs(job: JobView, a: PanelActions): TemplateResult | typeof nothing {
  const fields = [...new Set((job.refs ?? []).map((r) => r.field))];
  if (fields.length === 0) return nothing;
  return html`<ul class="failed-refs" aria-label="References">
    ${fields.map(
      (field) => html`<li data-field=${field}>
        <span class="ref-field">${field}:</span>
        <span class="ref-path">${(job.refs ?? [])
          .filter((r) => r.field === field)
          .map((r) => r.path)
          .join(', ')}</span>
        <button
          class="link-btn"
          type="button"
          data-action="changeRef"
          title="Choose another file, then retry with edits"
          @click=${() => a.send({ type: 'editRetry', id: job.id, field })}
        >
          Change…
        </button>
      </li>`,
    )}
  </ul>`;
}

function renderFailed(job: JobView, now: number, a: PanelActions): TemplateResult {
  const category: ErrorCategory = job.error?.category ?? 'transient';
  const message = job.error?.message ?? 'The generation failed without an error message.';
  const prompt = promptOf(job.input);
  return html`<li class="failed failed--${category}" data-id=${job.id} data-category=${category}>
    ${icon(CATEGORY_ICONS[category], 'cat-icon')}
    <div class="failed-main">
      <div class="failed-title">
        <span class="model">${labelOf(job)}</span>
        ${job.shot ? html`<span class="shot">${shotLabel(job.shot)}</span>` : nothing}
        <span class="provider">${providerLabel(job.provider)} · ${relativeTime(finishedAt(job), now)}</span>
        ${prompt ? html`<span class="prompt-inline">· ${truncate(prompt, 60)}</span>` : nothing}
      </div>
      <div class="failed-cat">${CATEGORY_LABELS[category]}</div>
      <div class="failed-message">${message}</div>
      ${renderRefs(job, a)}
      <div class="failed-actions">
        ${
          category === 'auth'
            ? textButton('Set API Key', () => a.send({ type: 'setApiKey', provider: job.provider }), {
                action: 'setApiKey',
                icon: 'key',
              })
            : nothing
        }
        ${category === 'input' ? html`${editRetry(job, false, a)}${retry(job, true, a)}` : html`${retry(job, category === 'auth', a)}${editRetry(job, true, a)}`}
        <button
          class="link-btn"
          type="button"
          data-action="showError"
          title="Show the provider's full error"
          @click=${() => a.send({ type: 'showError', id: job.id })}
        >
          See error
        </button>
      </div>
    </div>
    ${iconButton('close', 'Dismiss', () => a.send({ type: 'dismiss', id: job.id }), { action: 'dismiss' })}
  </li>`;
}
