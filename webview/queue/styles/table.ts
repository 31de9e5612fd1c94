// Filters and the queue table (grid rows of fixed height; the header shares the column template).
import { css } from 'lit';

export const tableStyles = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 10px;
    padding: 6px 8px;
    border-bottom: 1px solid var(--gq-border);
  }
  .search {
    width: 220px;
  }
  .filter {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .filter-label {
    color: var(--gq-muted);
    font-size: 12px;
  }
  .filter .native-select {
    width: 130px;
  }
  .shown {
    white-space: nowrap;
    /* Right-aligned even when a narrow editor wraps it (with the clear button) onto a line of its own. */
    margin-left: auto;
  }
  .table {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
    outline: none;
  }
  .table:focus-visible {
    outline: 1px solid var(--gq-focus);
    outline-offset: -1px;
  }
  .rows {
    flex: 1;
    min-height: 0;
  }
  .row {
    display: grid;
    grid-template-columns: 30px minmax(70px, 110px) minmax(50px, 90px) minmax(50px, 90px) 26px minmax(80px, 150px) minmax(
        120px,
        1fr
      ) 170px 48px 72px;
    align-items: center;
    width: 100%;
    height: 26px;
    padding: 0 6px;
    column-gap: 6px;
    cursor: default;
    user-select: none;
    border: 1px solid transparent;
    /* A row's layout never affects another's: select all restyles 60 rows, not the page. */
    contain: strict;
  }
  .row:hover {
    background: var(--vscode-list-hoverBackground, #2a2d2e);
  }
  .row--head {
    height: 28px;
    border-bottom: 1px solid var(--gq-border);
    font-weight: 600;
    color: var(--gq-muted);
    font-size: 12px;
  }
  .row--head:hover {
    background: transparent;
  }
  .row--selected {
    background: var(--vscode-list-inactiveSelectionBackground, var(--vscode-list-hoverBackground, #37373d));
    color: var(--vscode-list-inactiveSelectionForeground, var(--gq-fg));
  }
  .table:focus-within .row--selected {
    background: var(--vscode-list-activeSelectionBackground, var(--vscode-list-hoverBackground, #04395e));
    color: var(--vscode-list-activeSelectionForeground, var(--gq-fg));
  }
  .row--selected,
  .row--selected:hover {
    border-color: var(--vscode-contrastActiveBorder, transparent);
  }
  .table:focus .row--focused {
    border-color: var(--vscode-list-focusOutline, var(--gq-focus));
  }
  .cell {
    display: flex;
    align-items: center;
    gap: 4px;
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
  }
  .cell.num {
    justify-content: flex-end;
    font-variant-numeric: tabular-nums;
  }
  .cell--prompt {
    display: block;
    color: var(--gq-muted);
  }
  .row--selected .cell--prompt {
    color: inherit;
  }
  .cell--scene,
  .cell--group,
  .cell--model {
    display: block;
  }
  .sort {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    border: none;
    background: none;
    padding: 0;
    font-weight: inherit;
    color: inherit;
    cursor: pointer;
    min-width: 0;
  }
  .sort:hover {
    color: var(--gq-fg);
  }
  .sort-icon {
    font-size: 12px;
  }
  .check {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 16px;
    height: 16px;
    border-radius: 3px;
    border: 1px solid var(--vscode-checkbox-border, var(--vscode-settings-checkboxBorder, #3c3c3c));
    background: var(--vscode-checkbox-background, var(--vscode-settings-checkboxBackground, #313131));
    color: var(--vscode-checkbox-foreground, var(--vscode-settings-checkboxForeground, #cccccc));
    cursor: pointer;
  }
  /* The glyph is always there and only shown when checked: select all changes a class, not the DOM. */
  .check .codicon {
    font-size: 14px;
    visibility: hidden;
  }
  .check--on .codicon {
    visibility: visible;
  }
  .check:hover {
    border-color: var(--gq-focus);
  }
  .problem {
    color: var(--vscode-editorWarning-foreground, var(--gq-amber));
    flex: none;
  }
  .from {
    flex: none;
    margin-left: 4px;
    font-size: 11px;
  }
  .status--blocked {
    color: var(--vscode-editorWarning-foreground, var(--gq-amber));
  }
  .modality {
    color: var(--vscode-icon-foreground, var(--gq-fg));
  }
  .empty {
    padding: 16px;
  }
  /* Status colours: the generations panel's (running orange; failed by error category). */
  .status .codicon {
    font-size: 14px;
    flex: none;
  }
  .status--not-generated,
  .status--waiting,
  .status--queued {
    color: var(--gq-muted);
  }
  .status--canceled {
    color: var(--gq-gray);
  }
  .status--stale,
  .status--held {
    color: var(--gq-amber);
  }
  .status--generating {
    color: var(--gq-orange);
  }
  .status--chosen .codicon {
    color: var(--gq-green);
  }
  .status--cat-input {
    color: var(--gq-red);
  }
  .status--cat-billing-policy,
  .status--cat-auth {
    color: var(--gq-amber);
  }
  .status--cat-transient {
    color: var(--gq-blue);
  }
`;
