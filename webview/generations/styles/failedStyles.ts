// Failed jobs: a row per failure in its category colour (--gq-cat, see shared statusStyles).
import { css } from 'lit';

export const failedStyles = css`
  /* Failed */
  .failed {
    display: flex;
    gap: 10px;
    padding: 8px 10px;
    margin-bottom: 6px;
    border: 1px solid var(--gq-border);
    border-left: 3px solid var(--gq-cat);
    border-radius: 6px;
    background: color-mix(in srgb, var(--gq-cat) 8%, var(--gq-card));
  }
  .cat-icon {
    color: var(--gq-cat);
    margin-top: 1px;
  }
  .failed-main {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .failed-title {
    display: flex;
    gap: 6px;
    align-items: baseline;
    white-space: nowrap;
    overflow: hidden;
  }
  .failed-cat {
    font-size: 11px;
    color: var(--gq-cat);
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .failed-refs {
    list-style: none;
    margin: 4px 0 0;
    padding: 0;
    font-size: 12px;
  }
  .failed-refs li {
    display: flex;
    gap: 6px;
    align-items: baseline;
    min-width: 0;
  }
  .ref-field {
    color: var(--vscode-descriptionForeground);
  }
  .ref-path {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .failed-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    margin-top: 6px;
  }
`;
