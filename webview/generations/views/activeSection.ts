// Active generations: one row per unfinished job, expandable into the 5-step tracker, details and logs.
// Jobs started by a person come first; shot-list batch jobs follow as one collapsed group per batch
// ("video.shots.yaml: 12 running · 280 waiting"), whose rows are virtualized when opened.
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { JobView } from '../../../src/extension/panel/generationsProtocol';
import { icon, MODALITY_ICONS } from '../../shared/icons';
import { rowLayout } from '../../shared/rowLayout';
import { type BatchGroup, groupActive, shotLabel } from '../batchGroups';
import {
  dotKind,
  formatElapsed,
  formatEta,
  inputDetails,
  labelOf,
  percent,
  promptOf,
  providerLabel,
  STATE_LABELS,
  staleReasonOf,
  stepText,
  trackerSteps,
} from '../jobDisplay';
import type { PanelActions } from './panelActions';
import { dot, iconButton, textButton } from './parts';

/**
 * More interactive jobs than this are virtualized (only the rows near the view are in the DOM); fewer are
 * plain rows, whose off-screen ones skip layout by `content-visibility`.
 */
const VIRTUALIZE_JOBS = 30;
/** A collapsed job row with its margin is 33-46 px high, by panel width. */
const JOB_LAYOUT = rowLayout(36);
/** Log lines shown when a row is expanded (the job keeps up to 40). */
const LOG_LINES = 12;

/** The key under which a batch group's open state is kept among the expanded ids. */
export function batchGroupKey(group: Pick<BatchGroup, 'key'>): string {
  return `batch:${group.key}`;
}

export function renderActiveList(
  jobs: JobView[],
  now: number,
  expanded: ReadonlySet<string>,
  a: PanelActions,
): TemplateResult {
  const { interactive, batches } = groupActive(jobs);
  const row = (j: JobView) => renderActiveJob(j, now, expanded.has(j.id), a);
  // A long list is virtualized (only the rows in view are in the DOM); a short one stays plain.
  const list =
    interactive.length > VIRTUALIZE_JOBS
      ? html`<ul class="jobs jobs--virtual" aria-label="Active generations">
          ${virtualize({ items: interactive, keyFunction: (j: JobView) => j.id, renderItem: row, layout: JOB_LAYOUT })}
        </ul>`
      : html`<ul class="jobs" aria-label="Active generations">
          ${repeat(interactive, (j) => j.id, row)}
        </ul>`;
  return html`${list}${batches.map((g) => renderBatchGroup(g, now, expanded, a))}`;
}

function renderBatchGroup(g: BatchGroup, now: number, expanded: ReadonlySet<string>, a: PanelActions): TemplateResult {
  const key = batchGroupKey(g);
  const open = expanded.has(key);
  const bodyId = `batch-${g.key}`;
  return html`<div class="batch-group" data-batch=${g.key}>
    <button
      class="batch-toggle"
      type="button"
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${bodyId}
      title=${open ? 'Hide the jobs of this batch' : 'Show the jobs of this batch'}
      @click=${() => a.toggleExpanded(key)}
    >
      ${icon('chevron-right', 'chevron')} ${icon('layers', 'muted')}
      <span class="batch-title">Batch ${g.label}</span>
      <span class="batch-summary">${g.jobs.length} jobs: ${g.summary}</span>
    </button>
    ${
      open
        ? html`<ul class="jobs batch-jobs" id=${bodyId} aria-label=${`Jobs of batch ${g.label}`}>
          ${virtualize({
            items: g.jobs,
            layout: JOB_LAYOUT,
            keyFunction: (j: JobView) => j.id,
            renderItem: (j: JobView) => renderActiveJob(j, now, expanded.has(j.id), a),
          })}
        </ul>`
        : nothing
    }
  </div>`;
}

function renderActiveJob(job: JobView, now: number, isExpanded: boolean, a: PanelActions): TemplateResult {
  const kind = dotKind(job);
  const reason = staleReasonOf(job);
  const stateLabel = reason === 'error' ? 'Stopped checking' : job.stale ? 'Stale' : STATE_LABELS[job.state];
  const started = job.stateAt.submitting ?? job.createdAt;
  const eta = formatEta(job.view.etaMs);
  const p = job.state === 'running' ? percent(job.progress) : undefined;
  const prompt = promptOf(job.input);
  const detailsId = `details-${job.id}`;
  const step = stepText(job);
  const classes = `job job--${job.state}${job.stale ? ' job--stale' : ''}${reason === 'error' ? ' job--stopped' : ''}${isExpanded ? ' job--expanded' : ''}`;
  return html`<li class=${classes} data-id=${job.id} data-state=${job.state}>
    <div class="job-head">
      <button
        class="job-toggle"
        type="button"
        aria-expanded=${isExpanded ? 'true' : 'false'}
        aria-controls=${detailsId}
        title=${isExpanded ? 'Hide details' : 'Show details'}
        @click=${() => a.toggleExpanded(job.id)}
      >
        ${icon('chevron-right', 'chevron')} ${dot(kind, stateLabel)}
        <span class="job-main">
          <span class="job-title">
            ${icon(MODALITY_ICONS[job.modality], 'muted')}
            <span class="model">${labelOf(job)}</span>
            <span class="provider">${providerLabel(job.provider)}</span>
            ${job.shot ? html`<span class="shot">${shotLabel(job.shot)}</span>` : nothing}
            ${prompt ? html`<span class="prompt-inline">· ${prompt}</span>` : nothing}
          </span>
          <span class="job-step" title=${step}>${step}${job.view.hint ? html` · <span class="hint">${job.view.hint}</span>` : nothing}</span>
        </span>
        <span class="job-time">
          <span class="elapsed" aria-label="Elapsed">${formatElapsed(now - started)}</span>
          ${eta && !job.stale ? html`<span class="eta">${eta}</span>` : nothing}
        </span>
      </button>
      <div class="job-actions">${renderRowActions(job, a)}</div>
    </div>
    ${p !== undefined ? html`<progress class="job-progress" max="100" .value=${p} aria-label="Progress"></progress>` : nothing}
    ${isExpanded ? renderDetails(job, detailsId, a) : nothing}
  </li>`;
}

function renderRowActions(job: JobView, a: PanelActions): TemplateResult {
  const check = textButton('Check again', () => a.send({ type: 'checkAgain', id: job.id }), {
    action: 'checkAgain',
    title: "Ask the provider for this job's status now",
    secondary: true,
  });
  const resubmit = textButton('Submit again', () => a.send({ type: 'resubmit', id: job.id }), {
    action: 'resubmit',
    title: 'Send the job again (may be billed twice if the first one was accepted)',
    secondary: true,
  });
  const cancelling = job.state === 'cancelling' || job.cancelRequested === true;
  const cancel = iconButton(
    // stop-circle reads as "stop"; debug-stop's bare square looked like a checkbox in the row.
    'stop-circle',
    cancelling ? 'Cancelling…' : 'Cancel generation',
    () => a.send({ type: 'cancel', id: job.id }),
    { action: 'cancel', disabled: cancelling },
  );
  if (job.state === 'unknown') return html`${check}${resubmit}${cancel}`;
  if (staleReasonOf(job) === 'error' && job.error?.category === 'auth') {
    const setKey = textButton('Set API Key', () => a.send({ type: 'setApiKey', provider: job.provider }), {
      action: 'setApiKey',
      icon: 'key',
      title: 'Store a new API key, then use Check again',
    });
    return html`${setKey}${check}${cancel}`;
  }
  if (job.stale) return html`${check}${cancel}`;
  return cancel;
}

function renderDetails(job: JobView, id: string, a: PanelActions): TemplateResult {
  const steps = trackerSteps(job);
  const warn = job.stale || job.state === 'unknown';
  const t0 = job.stateAt.submitting ?? job.createdAt;
  const logs = job.logs.slice(-LOG_LINES);
  const stopped = staleReasonOf(job) === 'error';
  return html`<div class="job-details" id=${id}>
    ${
      stopped
        ? html`<div class="stop-reason" role="note">
          ${icon('error')}
          <span>GenQueue stopped checking this job: ${job.error?.message ?? 'checking its status kept failing.'}
            It may still finish at ${providerLabel(job.provider)}; use Check again to resume.</span>
          <button class="link-btn" type="button" data-action="showError" @click=${() => a.send({ type: 'showError', id: job.id })}>
            See error
          </button>
        </div>`
        : nothing
    }
    <ol class="tracker${warn ? ' tracker--warning' : ''}" aria-label="Progress steps">
      ${steps.map(
        (s) => html`<li class="step step--${s.status}" aria-current=${s.status === 'active' ? 'step' : nothing}>
          <span class="step-marker">
            <span class="step-icon">${s.status === 'done' ? icon('check') : nothing}</span>
            <span class="step-line"></span>
          </span>
          <span class="step-label">${s.label}</span>
          <span class="step-time">${s.at !== undefined ? `+${formatElapsed(s.at - t0)}` : ' '}</span>
        </li>`,
      )}
    </ol>
    <dl class="details-grid">
      ${inputDetails(job).map(
        (d) => html`<dt>${d.label}</dt>
          <dd class=${d.mono ? 'mono' : ''}>${d.value}</dd>`,
      )}
    </dl>
    ${
      logs.length > 0
        ? html`<div class="logs">
          <div class="logs-title">Logs</div>
          <pre aria-label="Latest log lines">${logs.join('\n')}</pre>
        </div>`
        : nothing
    }
  </div>`;
}
