// The toolbar: summary line and generate buttons.
import { css } from 'lit';

export const toolbarStyles = css`
  /* Toolbar */
  .toolbar {
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 28px;
    border-bottom: 1px solid var(--gq-border);
    margin-bottom: 2px;
  }
  .toolbar .summary {
    flex: 1;
    color: var(--gq-muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .toolbar .group {
    display: flex;
    gap: 2px;
  }
  .sep {
    width: 1px;
    height: 16px;
    background: var(--gq-border);
  }
`;
