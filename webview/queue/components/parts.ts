// Small template pieces shared by the queue's components: codicons and modality icons.
import { html, type TemplateResult } from 'lit';
import type { Modality } from '../../../src/core/jobTypes';
import type { TakeView } from '../../../src/extension/queue/queueProtocol';
import { icon, MODALITY_ICONS } from '../../shared/icons';

export function modalityIcon(m: Modality): TemplateResult {
  return html`<span class="codicon codicon-${MODALITY_ICONS[m]} modality" role="img" aria-label=${m} title=${m}></span>`;
}

/** "12.3 s" / "2 min 5 s". */
export function durationText(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

/** A take's media: image, video player or audio player. */
export function preview(t: TakeView, label: string): TemplateResult {
  switch (t.modality) {
    case 'image':
      return html`<img src=${t.previewUri} alt=${label} loading="lazy" />`;
    case 'video':
      return html`<video src=${t.previewUri} controls preload="metadata" aria-label=${label}></video>`;
    default:
      return html`<div class="audio-preview">${icon(t.modality === 'speech' ? 'mic' : 'music', 'big')}
        <audio src=${t.previewUri} controls preload="metadata" aria-label=${label}></audio></div>`;
  }
}
