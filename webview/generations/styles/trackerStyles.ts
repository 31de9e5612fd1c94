// An expanded job row: the 5-step tracker, input details and logs.
import { css } from 'lit';

export const trackerStyles = css`
  /* Tracker */
  .tracker {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 0;
  }
  .step {
    flex: 1 1 90px;
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 2px;
    position: relative;
    min-width: 80px;
  }
  .step-marker {
    display: flex;
    align-items: center;
    width: 100%;
  }
  .step-icon {
    width: 18px;
    height: 18px;
    border-radius: 50%;
    border: 1.5px solid var(--gq-gray);
    display: inline-flex;
    align-items: center;
    justify-content: center;
    flex: none;
  }
  .step-icon .codicon {
    font-size: 12px;
  }
  .step-line {
    flex: 1;
    height: 1.5px;
    margin: 0 4px;
    background: var(--gq-border);
  }
  .step:last-child .step-line {
    visibility: hidden;
  }
  .step-label {
    font-size: 12px;
    color: var(--gq-muted);
  }
  .step-time {
    font-size: 11px;
    color: var(--gq-muted);
    font-variant-numeric: tabular-nums;
  }
  .step--done .step-icon {
    border-color: var(--gq-green);
    background: var(--gq-green);
    color: var(--vscode-editor-background, #1e1e1e);
  }
  .step--done .step-line {
    background: var(--gq-green);
  }
  .step--done .step-label {
    color: var(--gq-fg);
  }
  .step--active .step-icon {
    border-color: var(--gq-orange);
    background: color-mix(in srgb, var(--gq-orange) 20%, transparent);
    animation: gq-pulse 1.6s ease-in-out infinite;
  }
  .step--active .step-label {
    color: var(--gq-orange);
    font-weight: 600;
  }
  .tracker--warning .step--active .step-icon {
    border-color: var(--gq-amber);
  }
  .tracker--warning .step--active .step-label {
    color: var(--gq-amber);
  }
  @keyframes gq-pulse {
    0%,
    100% {
      box-shadow: 0 0 0 0 color-mix(in srgb, var(--gq-orange) 55%, transparent);
    }
    50% {
      box-shadow: 0 0 0 5px color-mix(in srgb, var(--gq-orange) 0%, transparent);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .step--active .step-icon {
      animation: none;
    }
    progress.job-progress::-webkit-progress-value {
      transition: none;
    }
  }

  /* Details and logs */
  .details-grid {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 3px 14px;
    margin: 0;
  }
  .details-grid dt {
    color: var(--gq-muted);
  }
  .details-grid dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .logs-title {
    font-size: 11px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--gq-muted);
    margin-bottom: 4px;
  }
  .logs pre {
    margin: 0;
    padding: 6px 8px;
    max-height: 9.5em;
    overflow: auto;
    border-radius: 4px;
    background: var(--vscode-textCodeBlock-background, #0a0a0a66);
    font-family: var(--gq-mono);
    font-size: var(--vscode-editor-font-size, 12px);
    white-space: pre-wrap;
    word-break: break-all;
  }
`;
