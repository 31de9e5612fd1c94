// Styles both webviews share (the generations panel and the Production Queue), adopted by each app's
// shadow root so the strict CSP allows them. Colours come only from VS Code theme variables;
// literal values appear solely as var() fallbacks.
import { css } from 'lit';

/** Theme tokens (--gq-*) and the host's type. */
export const themeStyles = css`
  :host {
    --gq-fg: var(--vscode-foreground, #cccccc);
    --gq-muted: var(--vscode-descriptionForeground, #9d9d9d);
    --gq-border: var(--vscode-panel-border, var(--vscode-widget-border, #80808059));
    --gq-hover: var(--vscode-list-hoverBackground, #2a2d2e);
    --gq-contrast: var(--vscode-contrastBorder, transparent);
    --gq-bg: var(--vscode-editor-background, #1f1f1f);
    --gq-card: var(--vscode-editorWidget-background, var(--vscode-sideBar-background, #252526));
    --gq-focus: var(--vscode-focusBorder, #0078d4);
    --gq-orange: var(--vscode-charts-orange, #d18616);
    --gq-gray: var(--vscode-disabledForeground, #8c8c8c);
    --gq-green: var(--vscode-charts-green, var(--vscode-testing-iconPassed, #89d185));
    --gq-red: var(--vscode-charts-red, var(--vscode-errorForeground, #f14c4c));
    --gq-amber: var(--vscode-charts-yellow, var(--vscode-editorWarning-foreground, #cca700));
    --gq-blue: var(--vscode-charts-blue, var(--vscode-editorInfo-foreground, #3794ff));
    --gq-mono: var(--vscode-editor-font-family, ui-monospace, monospace);
    display: block;
    color: var(--gq-fg);
    font-family: var(--vscode-font-family, sans-serif);
    font-size: var(--vscode-font-size, 13px);
    line-height: 1.4;
  }
`;

/** Resets, focus ring, codicons, muted and mono text, lists, chevrons, quiet and screen-reader text. */
export const baseStyles = css`
  * {
    box-sizing: border-box;
  }
  button {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 1px solid var(--gq-focus);
    outline-offset: -1px;
  }
  .codicon {
    font-size: 16px;
  }
  .muted {
    color: var(--gq-muted);
  }
  .mono {
    font-family: var(--gq-mono);
    font-size: var(--vscode-editor-font-size, 12px);
  }
  .chevron {
    transition: transform 0.12s ease;
  }
  [aria-expanded='true'] > .chevron {
    transform: rotate(90deg);
  }
  ul,
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .quiet {
    color: var(--gq-muted);
    padding: 4px 0 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    .chevron {
      transition: none;
    }
  }
`;

/**
 * Codicon buttons, link-style buttons, and the native button and select used where many are drawn at
 * once (job rows, history filters, the bulk editor): each vscode-button or vscode-single-select is a
 * custom element with its own shadow root and styles, several times the cost to create and lay out.
 */
export const buttonStyles = css`
  .icon-btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 24px;
    height: 24px;
    padding: 0;
    border: none;
    border-radius: 5px;
    background: transparent;
    color: var(--vscode-icon-foreground, var(--gq-fg));
    cursor: pointer;
    flex: none;
  }
  .icon-btn:hover {
    background: var(--vscode-toolbar-hoverBackground, #5a5d5e50);
  }
  .icon-btn:disabled {
    opacity: 0.4;
    cursor: default;
  }
  .link-btn {
    border: none;
    background: none;
    padding: 0;
    color: var(--vscode-textLink-foreground, #3794ff);
    cursor: pointer;
  }
  .link-btn:hover {
    color: var(--vscode-textLink-activeForeground, #3794ff);
    text-decoration: underline;
  }
  /* vscode-button's secondary look. */
  .text-btn {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    height: 24px;
    padding: 1px 10px;
    border: 1px solid var(--vscode-button-border, transparent);
    border-radius: 2px;
    background: var(--vscode-button-secondaryBackground, #313131);
    color: var(--vscode-button-secondaryForeground, #cccccc);
    cursor: pointer;
    white-space: nowrap;
    flex: none;
  }
  .text-btn:hover {
    background: var(--vscode-button-secondaryHoverBackground, #3c3c3c);
  }
  .text-btn--primary {
    background: var(--vscode-button-background, #0078d4);
    color: var(--vscode-button-foreground, #ffffff);
  }
  .text-btn--primary:hover {
    background: var(--vscode-button-hoverBackground, #026ec1);
  }
  .text-btn:focus-visible {
    outline: 1px solid var(--gq-focus);
    outline-offset: 2px;
  }
  /* vscode-single-select's look. */
  .native-select {
    height: 26px;
    padding: 2px 4px;
    font: inherit;
    color: var(--vscode-dropdown-foreground, var(--gq-fg));
    background: var(--vscode-dropdown-background, #313131);
    border: 1px solid var(--vscode-dropdown-border, var(--gq-border));
    border-radius: 2px;
  }
  .native-select:focus {
    outline: 1px solid var(--gq-focus);
    outline-offset: -1px;
  }
`;

/** Status dots and error-category colours. */
export const statusStyles = css`
  /* Status dot */
  .dot {
    width: 9px;
    height: 9px;
    border-radius: 50%;
    flex: none;
    background: var(--gq-gray);
  }
  .dot--running {
    background: var(--gq-orange);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--gq-orange) 25%, transparent);
  }
  .dot--queued {
    background: var(--gq-gray);
  }
  .dot--done {
    background: var(--gq-green);
  }
  .dot--failed {
    background: var(--gq-red);
  }
  .dot--warning {
    background: var(--gq-amber);
  }
  .dot--canceled {
    background: transparent;
    border: 1.5px solid var(--gq-gray);
  }
  /* Error categories: a row's data-category gives it --gq-cat, the colour of its border and label. */
  [data-category='input'] {
    --gq-cat: var(--gq-red);
  }
  [data-category='billing-policy'],
  [data-category='auth'] {
    --gq-cat: var(--gq-amber);
  }
  [data-category='transient'] {
    --gq-cat: var(--gq-blue);
  }
`;
