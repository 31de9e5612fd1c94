// The first-run panel: what GenQueue does and one click to start, plus an honest note about keys.
import { html, nothing, type TemplateResult } from 'lit';
import type { Modality, ProviderId } from '../../../src/core/jobTypes';
import { icon, MODALITY_ICONS } from '../../shared/icons';
import type { PanelActions } from './panelActions';

const GENERATE: readonly [Modality, string][] = [
  ['image', 'Generate Image'],
  ['video', 'Generate Video'],
  ['audio', 'Generate Audio'],
  ['speech', 'Generate Speech'],
];

export function hasAnyKey(keys: Record<ProviderId, boolean>): boolean {
  return keys.fal || keys.replicate;
}

export function renderEmptyState(keys: Record<ProviderId, boolean>, a: PanelActions): TemplateResult {
  return html`<div class="empty">
    ${icon('sparkle', 'hero')}
    <h2>No generations yet</h2>
    <p>
      Start an image, video, audio or speech generation. It runs in the background while you keep editing; the
      result is saved to your workspace and shows up here, ready to insert.
    </p>
    <div class="empty-actions">
      ${GENERATE.map(
        ([modality, label], i) => html`<vscode-button
          ?secondary=${i > 0}
          icon=${MODALITY_ICONS[modality]}
          data-action="generate"
          data-modality=${modality}
          @click=${() => a.send({ type: 'generate', modality })}
          >${label}</vscode-button
        >`,
      )}
    </div>
    ${hasAnyKey(keys) ? nothing : renderNoKeyNote(a)}
  </div>`;
}

function renderNoKeyNote(a: PanelActions): TemplateResult {
  return html`<div class="note" role="note">
    ${icon('info')}
    <div>
      <p>
        No API key is set, so generations use the offline <strong>Local</strong> provider (free, placeholder output).
        Add a key to generate with fal.ai or Replicate.
      </p>
      <div class="note-actions">
        <vscode-button secondary data-action="setApiKey" data-provider="fal" @click=${() => a.send({ type: 'setApiKey', provider: 'fal' })}
          >Set fal.ai key</vscode-button
        >
        <vscode-button
          secondary
          data-action="setApiKey"
          data-provider="replicate"
          @click=${() => a.send({ type: 'setApiKey', provider: 'replicate' })}
          >Set Replicate key</vscode-button
        >
      </div>
    </div>
  </div>`;
}
