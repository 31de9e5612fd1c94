// The batch progress layer over the editor and its blocking state.
import { css } from 'lit';

export const overlayStyles = css`
  .overlay-backdrop {
    position: absolute;
    inset: 0;
    z-index: 10;
    display: flex;
    align-items: center;
    justify-content: center;
    background: color-mix(in srgb, var(--vscode-editor-background, #1f1f1f) 65%, transparent);
  }
  .overlay {
    width: min(520px, calc(100% - 32px));
    padding: 14px 18px 16px;
    display: flex;
    flex-direction: column;
    gap: 10px;
    background: var(--vscode-editorWidget-background, #202020);
    border: 1px solid var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #454545));
    border-radius: 6px;
    box-shadow: 0 0 8px 2px var(--vscode-widget-shadow, #0000005c);
  }
  .overlay-head {
    display: flex;
    align-items: center;
  }
  .overlay-head h2 {
    margin: 0;
    font-size: 14px;
    font-weight: 600;
  }
  .overlay-done {
    font-size: 18px;
    font-weight: 600;
    margin-bottom: 4px;
  }
  .overlay progress {
    width: 100%;
    height: 6px;
    appearance: none;
    border: none;
    background: var(--vscode-editorWidget-border, var(--gq-border));
    border-radius: 3px;
    overflow: hidden;
  }
  .overlay progress::-webkit-progress-bar {
    background: var(--vscode-editorWidget-border, var(--gq-border));
  }
  .overlay progress::-webkit-progress-value {
    background: var(--vscode-progressBar-background, #0078d4);
  }
  .counts {
    display: grid;
    grid-template-columns: repeat(4, 1fr);
    gap: 8px;
  }
  .count {
    color: var(--gq-muted);
  }
  .count-n {
    display: block;
    font-size: 16px;
    font-weight: 600;
    color: var(--gq-fg);
  }
  .count--running .count-n {
    color: var(--gq-orange);
  }
  .count--failed .count-n {
    color: var(--gq-red);
  }
  .blocked {
    border: 1px solid var(--vscode-inputValidation-warningBorder, var(--gq-amber));
    background: var(--vscode-inputValidation-warningBackground, transparent);
    border-radius: 4px;
    padding: 8px 10px;
  }
  .blocked-title {
    display: flex;
    align-items: center;
    gap: 6px;
    font-weight: 600;
  }
  .blocked-title .codicon {
    color: var(--gq-amber);
  }
  .blocked p {
    margin: 6px 0;
  }
  .blocked-actions,
  .overlay-actions {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
    justify-content: flex-end;
  }
`;
