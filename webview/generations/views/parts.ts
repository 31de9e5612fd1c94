// Small shared template pieces: codicons, icon buttons, section frames, status dots.
import { html, nothing, type TemplateResult } from 'lit';
import { icon } from '../../shared/icons';
import type { DotKind } from '../jobDisplay';
import type { SectionId } from '../uiState';
import type { PanelActions } from './panelActions';

export function dot(kind: DotKind, label: string): TemplateResult {
  return html`<span class="dot dot--${kind}" role="img" aria-label=${label} title=${label}></span>`;
}

/** A codicon button; `label` is both the accessible name and the tooltip. */
export function iconButton(
  name: string,
  label: string,
  onClick: () => void,
  opts: { action?: string; disabled?: boolean } = {},
): TemplateResult {
  return html`<button
    class="icon-btn"
    type="button"
    data-action=${opts.action ?? nothing}
    aria-label=${label}
    title=${label}
    ?disabled=${opts.disabled ?? false}
    @click=${(e: Event) => {
      e.stopPropagation();
      onClick();
    }}
  >
    ${icon(name)}
  </button>`;
}

/**
 * A native button drawn as vscode-button (primary, or secondary): for rows and cards that repeat, where
 * each vscode-button would be a shadow root with its own styles.
 */
export function textButton(
  label: string,
  onClick: () => void,
  opts: { action: string; icon?: string; title?: string; secondary?: boolean },
): TemplateResult {
  return html`<button
    class=${opts.secondary ? 'text-btn' : 'text-btn text-btn--primary'}
    type="button"
    data-action=${opts.action}
    title=${opts.title ?? label}
    @click=${(e: Event) => {
      e.stopPropagation();
      onClick();
    }}
  >
    ${opts.icon ? icon(opts.icon) : nothing}${label}
  </button>`;
}

export interface SectionFrame {
  id: SectionId;
  title: string;
  count: number;
  collapsed: boolean;
  headerActions?: TemplateResult | typeof nothing;
  body: () => unknown;
}

export function section(f: SectionFrame, a: PanelActions): TemplateResult {
  const bodyId = `section-${f.id}`;
  return html`<section class="section section--${f.id}" aria-labelledby="${bodyId}-title">
    <div class="section-head">
      <h2 id="${bodyId}-title">
        <button
          class="section-toggle"
          type="button"
          aria-expanded=${f.collapsed ? 'false' : 'true'}
          aria-controls=${bodyId}
          @click=${() => a.toggleSection(f.id)}
        >
          ${icon('chevron-right', 'chevron')}<span>${f.title}</span>
        </button>
      </h2>
      <vscode-badge variant="counter" aria-label="${f.count} items">${f.count}</vscode-badge>
      <span class="spacer"></span>
      ${f.headerActions ?? nothing}
    </div>
    <div id=${bodyId} ?hidden=${f.collapsed}>${f.collapsed ? nothing : f.body()}</div>
  </section>`;
}
