// Shared pieces of the queue's stylesheet: theme-derived custom properties, layout frame, icon buttons.
// Colours come only from VS Code theme variables; literal values appear solely as var() fallbacks.
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --gq-fg: var(--vscode-foreground, #cccccc);
    --gq-muted: var(--vscode-descriptionForeground, #9d9d9d);
    --gq-border: var(--vscode-panel-border, var(--vscode-widget-border, #80808059));
    --gq-contrast: var(--vscode-contrastBorder, transparent);
    --gq-bg: var(--vscode-editor-background, #1f1f1f);
    --gq-card: var(--vscode-editorWidget-background, var(--vscode-sideBar-background, #252526));
    --gq-focus: var(--vscode-focusBorder, #0078d4);
    --gq-orange: var(--vscode-charts-orange, #d18616);
    --gq-green: var(--vscode-charts-green, var(--vscode-testing-iconPassed, #89d185));
    --gq-red: var(--vscode-charts-red, var(--vscode-errorForeground, #f14c4c));
    --gq-amber: var(--vscode-charts-yellow, var(--vscode-editorWarning-foreground, #cca700));
    --gq-blue: var(--vscode-charts-blue, var(--vscode-editorInfo-foreground, #3794ff));
    --gq-gray: var(--vscode-disabledForeground, #8c8c8c);
    --gq-mono: var(--vscode-editor-font-family, ui-monospace, monospace);
    display: flex;
    flex-direction: column;
    height: 100vh;
    box-sizing: border-box;
    color: var(--gq-fg);
    background: var(--gq-bg);
    font-family: var(--vscode-font-family, sans-serif);
    font-size: var(--vscode-font-size, 13px);
    line-height: 1.4;
    position: relative;
  }
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
  .spacer {
    flex: 1;
  }
  .ellipsis {
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    min-width: 0;
  }
  .loading {
    padding: 16px;
  }
  .icon-btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 24px;
    height: 24px;
    padding: 0;
    border: 1px solid transparent;
    border-radius: 5px;
    background: transparent;
    color: var(--vscode-icon-foreground, var(--gq-fg));
    cursor: pointer;
    flex: none;
  }
  .icon-btn:hover {
    background: var(--vscode-toolbar-hoverBackground, #5a5d5e50);
    border-color: var(--vscode-contrastActiveBorder, transparent);
  }
  .sep {
    width: 1px;
    height: 18px;
    background: var(--gq-border);
  }
  .split {
    flex: 1;
    min-height: 0;
    border: none;
    border-top: 1px solid var(--gq-border);
  }
  .table-pane,
  .inspector {
    height: 100%;
    min-width: 0;
  }
  .table-pane {
    display: flex;
    flex-direction: column;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  .spin {
    animation: spin 1.5s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .spin {
      animation: none;
    }
  }
`;
