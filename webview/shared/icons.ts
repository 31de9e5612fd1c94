// Codicons both webviews draw: a plain icon and the icon of each modality.
import { html, type TemplateResult } from 'lit';
import type { Modality } from '../../src/core/jobTypes';

export const MODALITY_ICONS: Record<Modality, string> = {
  image: 'file-media',
  video: 'device-camera-video',
  audio: 'music',
  speech: 'mic',
};

export function icon(name: string, extra = ''): TemplateResult {
  return html`<span class="codicon codicon-${name} ${extra}" aria-hidden="true"></span>`;
}
