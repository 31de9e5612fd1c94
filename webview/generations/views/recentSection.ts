// Recent results: the latest successes as cards with a preview, actions, and drag-into-editor.
import { html, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { JobView } from '../../../src/extension/panel/generationsProtocol';
import { icon, MODALITY_ICONS } from '../../shared/icons';
import { relativeTime } from '../../shared/timeText';
import { shotLabel } from '../batchGroups';
import { finishedAt, labelOf, promptOf, providerLabel, truncate } from '../jobDisplay';
import type { PanelActions } from './panelActions';
import { iconButton, textButton } from './parts';

export function renderRecentCards(jobs: JobView[], now: number, a: PanelActions): TemplateResult {
  return html`<ul class="cards" aria-label="Recent results">
    ${repeat(
      jobs,
      (j) => j.id,
      (j) => renderCard(j, now, a),
    )}
  </ul>`;
}

function renderCard(job: JobView, now: number, a: PanelActions): TemplateResult {
  const take = 0;
  const prompt = promptOf(job.input);
  const title = prompt ? truncate(prompt, 60) : labelOf(job);
  const cost = job.view.costLabel ?? job.cost.actual?.label;
  const extra = job.takes.length > 1 ? ` · ${job.takes.length} takes` : '';
  const shot = job.shot ? `${shotLabel(job.shot)} · ` : '';
  return html`<li
    class="card card--${job.modality}"
    data-id=${job.id}
    draggable="true"
    title="Drag into an editor to insert a reference"
    @dragstart=${(e: DragEvent) => onDragStart(e, job, take)}
  >
    ${renderPreview(job, take)}
    <div class="card-body">
      <div class="card-title" title=${prompt}>${title}</div>
      <div class="card-meta">
        ${shot}${labelOf(job)} · ${providerLabel(job.provider)} · ${relativeTime(finishedAt(job), now)}${extra}${cost ? ` · ${cost}` : ''}
      </div>
    </div>
    <div class="card-actions">
      ${textButton('Insert', () => a.send({ type: 'insert', id: job.id, take }), {
        action: 'insert',
        icon: 'insert',
        title: 'Insert a reference at the cursor',
      })}
      ${iconButton('cloud-download', 'Download (save a copy)', () => a.send({ type: 'download', id: job.id, take }), { action: 'download' })}
      ${iconButton('folder-opened', 'Reveal in Explorer', () => a.send({ type: 'reveal', id: job.id, take }), { action: 'reveal' })}
      ${iconButton('debug-restart', 'Re-run with the same inputs', () => a.send({ type: 'rerun', id: job.id }), { action: 'rerun' })}
    </div>
  </li>`;
}

function renderPreview(job: JobView, take: number): TemplateResult {
  const src = job.view.previews[take];
  const label = `${job.modality} result of ${labelOf(job)}`;
  if (!src) {
    return html`<div class="preview preview--none">${icon(MODALITY_ICONS[job.modality], 'big')}</div>`;
  }
  switch (job.modality) {
    case 'image':
      return html`<div class="preview preview--image">
        <img src=${src} alt=${label} loading="lazy" draggable="false" />
      </div>`;
    case 'video':
      return html`<div class="preview preview--video">
        <video src=${src} preload="metadata" muted playsinline aria-label=${label} draggable="false"></video>
        ${playButton(label)}
      </div>`;
    case 'audio':
    case 'speech':
      return html`<div class="preview preview--audio">
        ${icon(MODALITY_ICONS[job.modality], 'big')}
        <audio src=${src} preload="none" aria-label=${label}></audio>
        ${playButton(label)}
      </div>`;
  }
}

/**
 * The media's own controls appear on the first play: a card of native controls costs tens of ms of
 * style and paint, which the whole Recent section paid on every first render. If playing fails, the
 * controls now shown carry the media's own error state.
 */
function playButton(label: string): TemplateResult {
  return html`<button
    class="play-btn"
    type="button"
    data-action="play"
    aria-label=${`Play the ${label}`}
    title="Play"
    @click=${(e: Event) => {
      e.stopPropagation();
      const button = e.currentTarget as HTMLButtonElement;
      const media = button.parentElement?.querySelector<HTMLMediaElement>('video, audio');
      if (!media) return;
      button.hidden = true;
      media.controls = true;
      media.muted = false;
      media.play().catch(() => undefined);
    }}
  >
    ${icon('play')}
  </button>`;
}

/** Editors accept text/uri-list (a file URI) and text/plain (the path) drops. */
export function onDragStart(e: DragEvent, job: JobView, take: number): void {
  const dt = e.dataTransfer;
  if (!dt) return;
  const path = job.takes[take]?.localPath;
  const uri = job.view.fileUris?.[take] ?? (path?.startsWith('/') ? fileUriFromPath(path) : undefined);
  if (!uri && !path) {
    e.preventDefault();
    return;
  }
  if (uri) {
    dt.setData('text/uri-list', uri);
    // VS Code's own drag format; its editor drop handling reads this one first.
    dt.setData('application/vnd.code.uri-list', uri);
  }
  if (path) dt.setData('text/plain', path);
  dt.effectAllowed = 'copy';
}

function fileUriFromPath(path: string): string {
  return `file://${path.split('/').map(encodeURIComponent).join('/')}`;
}
