// Header: list name, cost summary, bulk actions, file error banner.
import { css } from 'lit';

export const headerStyles = css`
  .header {
    padding: 8px 12px 8px;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .header-top {
    display: flex;
    align-items: center;
    gap: 8px;
    min-width: 0;
  }
  h1 {
    margin: 0;
    font-size: 15px;
    font-weight: 600;
    display: inline-flex;
    align-items: center;
    gap: 6px;
    white-space: nowrap;
  }
  .path {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    min-width: 0;
  }
  .cost {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 20px;
  }
  .cost-item {
    display: inline-flex;
    gap: 4px;
    align-items: center;
  }
  .cost--over,
  .cost--over .codicon {
    color: var(--gq-amber);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
  }
  .reason {
    font-size: 12px;
  }
  .pill {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 10px;
    border-radius: 11px;
    border: 1px solid var(--vscode-contrastBorder, var(--gq-border));
    background: var(--vscode-badge-background, #616161);
    color: var(--vscode-badge-foreground, #f8f8f8);
    cursor: pointer;
  }
  .file-error {
    display: flex;
    gap: 6px;
    align-items: center;
    padding: 4px 8px;
    border: 1px solid var(--vscode-inputValidation-errorBorder, var(--gq-red));
    background: var(--vscode-inputValidation-errorBackground, transparent);
    border-radius: 4px;
  }
  .file-error .codicon {
    color: var(--vscode-errorForeground, var(--gq-red));
  }
`;
