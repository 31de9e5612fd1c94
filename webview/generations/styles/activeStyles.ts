// Active generations: job rows, shot labels, batch groups, progress bars.
import { css } from 'lit';

export const activeStyles = css`
  /* Active jobs */
  .job {
    content-visibility: auto;
    contain-intrinsic-size: auto 40px;
    border: 1px solid var(--gq-border);
    border-radius: 4px;
    margin-bottom: 3px;
    background: var(--gq-card);
    overflow: hidden;
  }
  .job--stale,
  .job--unknown {
    border-left: 3px solid var(--gq-amber);
  }
  .job-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    column-gap: 6px;
    padding-right: 6px;
  }
  .job-toggle {
    /* In a narrow sidebar the row's buttons wrap under the text instead of squeezing it away. */
    flex: 1 1 220px;
    min-width: 0;
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 3px 4px 3px 6px;
    border: none;
    background: none;
    cursor: pointer;
    text-align: left;
  }
  .job-toggle:hover {
    background: var(--gq-hover);
  }
  .job-main {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
  }
  .job-title {
    display: flex;
    gap: 6px;
    align-items: center;
    white-space: nowrap;
    overflow: hidden;
  }
  .model {
    font-weight: 600;
    flex: 0 1 auto;
    max-width: 55%;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .provider {
    flex: none;
    color: var(--gq-muted);
  }
  .prompt-inline {
    flex: 1 1 0;
    min-width: 0;
    color: var(--gq-muted);
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .shot {
    flex: none;
    color: var(--gq-muted);
    font-family: var(--gq-mono);
    font-size: var(--vscode-editor-font-size, 12px);
  }
  .job-step {
    color: var(--gq-muted);
    font-size: 12px;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .job--running .job-step,
  .job--downloading .job-step,
  .job--importing .job-step {
    color: var(--gq-fg);
  }
  .job--stale .job-step,
  .job--unknown .job-step {
    color: var(--gq-amber);
  }
  .stop-reason {
    display: flex;
    gap: 6px;
    align-items: baseline;
    color: var(--gq-fg);
  }
  .stop-reason .codicon {
    color: var(--gq-red);
    align-self: center;
  }
  /* Stopped checking because of an error (key rejected, downloads failing): the user must act. */
  .job--stopped {
    border-left-color: var(--gq-red);
  }
  .job--stopped .job-step {
    color: var(--gq-red);
  }
  .job-time {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .eta,
  .hint {
    font-size: 11px;
    color: var(--gq-muted);
  }
  .job-actions {
    display: flex;
    align-items: center;
    justify-content: flex-end;
    gap: 4px;
    flex: 0 0 auto;
    margin-left: auto;
    padding: 2px 0;
  }
  /* Shot-list batches: one collapsed line per batch under the interactive jobs. */
  .batch-group {
    border: 1px dashed var(--gq-border);
    border-radius: 4px;
    margin-bottom: 3px;
  }
  .batch-toggle {
    display: flex;
    align-items: center;
    gap: 8px;
    width: 100%;
    padding: 3px 6px;
    border: none;
    background: none;
    cursor: pointer;
    text-align: left;
    white-space: nowrap;
    overflow: hidden;
  }
  .batch-toggle:hover {
    background: var(--gq-hover);
  }
  .batch-title {
    font-weight: 600;
    flex: none;
  }
  .batch-summary {
    flex: 1 1 0;
    min-width: 0;
    color: var(--gq-muted);
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .batch-jobs {
    padding: 0 4px 4px;
  }
  /* The virtualizer positions its rows absolutely; they still span the list. */
  .batch-jobs > li,
  .jobs--virtual > li,
  .history-list--tail > li {
    width: 100%;
  }
  .jobs,
  .job-details {
    container-type: inline-size;
  }
  progress.job-progress {
    display: block;
    width: 100%;
    height: 2px;
    border: none;
    appearance: none;
    background: transparent;
  }
  progress.job-progress::-webkit-progress-bar {
    background: transparent;
  }
  progress.job-progress::-webkit-progress-value {
    background: var(--vscode-progressBar-background, #0e70c0);
    transition: width 0.3s ease;
  }
  .job-details {
    border-top: 1px solid var(--gq-border);
    padding: 10px 12px 12px 30px;
    display: grid;
    gap: 12px;
  }
`;
