// The inspector pane: one shot's form, or the several-shots editor.
import { css } from 'lit';

export const inspectorStyles = css`
  .inspector {
    /* Sized by the split layout: its content never changes the table's layout. */
    contain: strict;
    overflow: auto;
    background: var(--vscode-sideBar-background, var(--gq-bg));
  }
  .inspector-empty {
    padding: 16px;
  }
  .inspector-body {
    padding: 8px 12px 4px;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .inspector-title {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .inspector-title h2 {
    margin: 0;
    flex: 1;
    font-size: 14px;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 3px;
    min-width: 0;
  }
  .field-pair {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 8px;
  }
  .field-label {
    font-size: 12px;
    font-weight: 600;
  }
  .field-help {
    font-size: 12px;
    color: var(--gq-muted);
  }
  .field-problem {
    font-size: 12px;
    color: var(--vscode-errorForeground, var(--gq-red));
  }
  .field vscode-textfield,
  .field vscode-textarea,
  .field vscode-single-select,
  .field .native-select {
    width: 100%;
  }
  .modality-row {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .settings {
    border: 1px solid var(--gq-border);
    border-radius: 4px;
    padding: 4px 8px 8px;
  }
  .settings summary {
    cursor: pointer;
    font-weight: 600;
    font-size: 12px;
    padding: 2px 0;
  }
  .params {
    display: flex;
    flex-direction: column;
    gap: 8px;
    margin-top: 6px;
  }
  .ref {
    margin-bottom: 6px;
    border-radius: 3px;
  }
  .ref--over {
    outline: 1px dashed var(--gq-focus);
    outline-offset: 2px;
  }
  .ref-row {
    display: flex;
    gap: 4px;
    align-items: center;
  }
  .ref-row vscode-textfield {
    flex: 1;
    min-width: 0;
  }
  .refs,
  .problems {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .problems li {
    display: flex;
    gap: 6px;
    align-items: flex-start;
    color: var(--vscode-editorWarning-foreground, var(--gq-amber));
  }
  vscode-button {
    align-self: flex-start;
  }
`;
