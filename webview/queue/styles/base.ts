// The queue's frame: the full-height layout, icon button borders, separators and the split panes. Theme
// tokens, resets, focus ring and text helpers come from the styles both webviews share.
import { css } from 'lit';

export const frameStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    box-sizing: border-box;
    background: var(--gq-bg);
    position: relative;
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
  /* High contrast: icon buttons show a border on hover (the shared button styles draw none). */
  .icon-btn {
    border: 1px solid transparent;
  }
  .icon-btn:hover {
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
