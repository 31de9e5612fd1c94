// History: filters, count, rows (the tail virtualized).
import { css } from 'lit';

export const historyStyles = css`
  /* History */
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-bottom: 6px;
  }
  .filters vscode-textfield {
    flex: 1 1 180px;
  }
  .filters .native-select {
    flex: 0 1 120px;
    min-width: 110px;
  }
  .history-count {
    font-size: 11px;
    color: var(--gq-muted);
    margin: 4px 0;
  }
  .history-row {
    display: grid;
    grid-template-columns: 9px minmax(0, 1fr) auto;
    align-items: center;
    gap: 2px 8px;
    width: 100%;
    padding: 4px 6px;
    border: none;
    border-radius: 4px;
    background: none;
    text-align: left;
    cursor: pointer;
    content-visibility: auto;
    contain-intrinsic-size: auto 40px;
  }
  .history-row:hover {
    background: var(--gq-hover);
  }
  .history-prompt {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .history-meta {
    grid-column: 2;
    font-size: 11px;
    color: var(--gq-muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .history-when {
    grid-row: 1 / span 2;
    grid-column: 3;
    font-size: 11px;
    color: var(--gq-muted);
    text-align: right;
  }
  .more {
    margin-top: 6px;
  }
  .no-match {
    color: var(--gq-muted);
    padding: 6px 0;
  }
`;
