// The first-run panel and its note about keys.
import { css } from 'lit';

export const emptyStyles = css`
  /* Empty state */
  .empty {
    max-width: 640px;
    margin: 28px auto 12px;
    text-align: center;
  }
  .empty .codicon.hero {
    font-size: 32px;
    color: var(--gq-muted);
  }
  .empty h2 {
    font-size: 14px;
    text-transform: none;
    letter-spacing: 0;
    margin: 8px 0 6px;
  }
  .empty p {
    color: var(--gq-muted);
    margin: 0 0 14px;
  }
  .empty-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    justify-content: center;
  }
  .note {
    display: flex;
    gap: 8px;
    align-items: flex-start;
    text-align: left;
    margin-top: 18px;
    padding: 8px 10px;
    border-radius: 4px;
    border-left: 3px solid var(--gq-blue);
    background: var(--vscode-textBlockQuote-background, #7f7f7f1a);
  }
  .note .codicon {
    color: var(--gq-blue);
  }
  .note p {
    margin: 0 0 6px;
    color: var(--gq-fg);
  }
  .note-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
`;
