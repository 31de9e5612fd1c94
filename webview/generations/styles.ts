// The panel's one stylesheet (adopted by the app's shadow root, so the strict CSP allows it).
// Colours come only from VS Code theme variables; literal values appear solely as var() fallbacks.
import { css } from 'lit';

export const panelStyles = css`
  :host {
    --gq-fg: var(--vscode-foreground, #cccccc);
    --gq-muted: var(--vscode-descriptionForeground, #9d9d9d);
    --gq-border: var(--vscode-panel-border, var(--vscode-widget-border, #80808059));
    --gq-hover: var(--vscode-list-hoverBackground, #2a2d2e);
    --gq-card: var(--vscode-editorWidget-background, var(--vscode-sideBar-background, #252526));
    --gq-focus: var(--vscode-focusBorder, #0078d4);
    --gq-orange: var(--vscode-charts-orange, #d18616);
    --gq-gray: var(--vscode-disabledForeground, #8c8c8c);
    --gq-green: var(--vscode-charts-green, var(--vscode-testing-iconPassed, #89d185));
    --gq-red: var(--vscode-charts-red, var(--vscode-errorForeground, #f14c4c));
    --gq-amber: var(--vscode-charts-yellow, var(--vscode-editorWarning-foreground, #cca700));
    --gq-blue: var(--vscode-charts-blue, var(--vscode-editorInfo-foreground, #3794ff));
    --gq-mono: var(--vscode-editor-font-family, ui-monospace, monospace);
    display: block;
    color: var(--gq-fg);
    font-family: var(--vscode-font-family, sans-serif);
    font-size: var(--vscode-font-size, 13px);
    line-height: 1.4;
    /* The panel area is short (~300 px): keep chrome tight so active rows show without scrolling. */
    padding: 0 8px 12px;
  }
  * {
    box-sizing: border-box;
  }
  button {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 1px solid var(--gq-focus);
    outline-offset: -1px;
  }
  .codicon {
    font-size: 16px;
  }
  .muted {
    color: var(--gq-muted);
  }
  .mono {
    font-family: var(--gq-mono);
    font-size: var(--vscode-editor-font-size, 12px);
  }

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
  .icon-btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 24px;
    height: 24px;
    padding: 0;
    border: none;
    border-radius: 5px;
    background: transparent;
    color: var(--vscode-icon-foreground, var(--gq-fg));
    cursor: pointer;
    flex: none;
  }
  .icon-btn:hover {
    background: var(--vscode-toolbar-hoverBackground, #5a5d5e50);
  }
  .icon-btn:disabled {
    opacity: 0.4;
    cursor: default;
  }
  .link-btn {
    border: none;
    background: none;
    padding: 0;
    color: var(--vscode-textLink-foreground, #3794ff);
    cursor: pointer;
  }
  .link-btn:hover {
    color: var(--vscode-textLink-activeForeground, #3794ff);
    text-decoration: underline;
  }

  /* Sections */
  section {
    margin-top: 6px;
  }
  /* Off-screen sections and rows skip style, layout and paint until scrolled near (first render of
     50 jobs + 200 history rows stays fast); 'auto' remembers the last real size. Not on the history
     section: its containment would trap vscode-single-select's popover dropdown (its rows have their own). */
  .section--failed,
  .section--recent {
    content-visibility: auto;
    contain-intrinsic-size: auto 600px;
  }
  .section-head {
    display: flex;
    align-items: center;
    gap: 6px;
    margin: 0 0 3px;
  }
  h2 {
    margin: 0;
    font-size: 11px;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    min-width: 0;
  }
  .section-head .spacer {
    flex: 1;
  }
  .section-toggle {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    border: none;
    background: none;
    padding: 2px 2px 2px 0;
    cursor: pointer;
    font-size: inherit;
    font-weight: inherit;
    text-transform: inherit;
    letter-spacing: inherit;
    color: var(--vscode-sideBarSectionHeader-foreground, var(--gq-fg));
  }
  .chevron {
    transition: transform 0.12s ease;
  }
  [aria-expanded='true'] > .chevron {
    transform: rotate(90deg);
  }
  ul,
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  /* Status dot */
  .dot {
    width: 9px;
    height: 9px;
    border-radius: 50%;
    flex: none;
    background: var(--gq-gray);
  }
  .dot--running {
    background: var(--gq-orange);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--gq-orange) 25%, transparent);
  }
  .dot--queued {
    background: var(--gq-gray);
  }
  .dot--done {
    background: var(--gq-green);
  }
  .dot--failed {
    background: var(--gq-red);
  }
  .dot--warning {
    background: var(--gq-amber);
  }
  .dot--canceled {
    background: transparent;
    border: 1.5px solid var(--gq-gray);
  }

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
    .chevron,
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

  /* Recent result cards */
  .cards {
    display: grid;
    /* 220px minimum: six cards fall into 3+3 in a typical panel and one row of six when it is wide. */
    grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
    gap: 10px;
  }
  .card {
    display: flex;
    flex-direction: column;
    border: 1px solid var(--gq-border);
    border-radius: 6px;
    overflow: hidden;
    background: var(--gq-card);
    cursor: grab;
  }
  .card:hover {
    border-color: var(--vscode-list-hoverForeground, var(--gq-muted));
  }
  .preview {
    aspect-ratio: 16 / 10;
    display: flex;
    align-items: center;
    justify-content: center;
    background: var(--vscode-editor-background, #1e1e1e);
    overflow: hidden;
  }
  .preview img,
  .preview video {
    width: 100%;
    height: 100%;
    object-fit: contain;
    display: block;
  }
  .preview--audio {
    flex-direction: column;
    gap: 8px;
    padding: 8px;
  }
  .preview--audio audio {
    width: 100%;
    height: 32px;
  }
  .preview .codicon.big {
    font-size: 28px;
    color: var(--gq-muted);
  }
  .card-body {
    padding: 6px 8px 2px;
    min-width: 0;
  }
  .card-title {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .card-meta {
    font-size: 11px;
    color: var(--gq-muted);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .card-actions {
    display: flex;
    align-items: center;
    gap: 2px;
    padding: 4px 6px 6px 8px;
  }
  .card-actions vscode-button {
    margin-right: auto;
  }

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
  .failed--input {
    --gq-cat: var(--gq-red);
  }
  .failed--billing-policy,
  .failed--auth {
    --gq-cat: var(--gq-amber);
  }
  .failed--transient {
    --gq-cat: var(--gq-blue);
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
  .failed-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    margin-top: 6px;
  }

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
  .filters vscode-single-select {
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
  .quiet {
    color: var(--gq-muted);
    padding: 4px 0 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* Wide bottom panel: one line per active row (title, then the step), so a ~300 px tall panel
     shows about seven rows before scrolling instead of four. */
  @container (min-width: 640px) {
    .job-main {
      flex-direction: row;
      align-items: baseline;
      gap: 12px;
    }
    .job-title {
      flex: 1 1 0;
      min-width: 0;
    }
    .job-step {
      flex: 0 0 auto;
      max-width: 50%;
    }
    /* A stopped row's reason is the point: give it its own full line. */
    .job--stopped .job-main {
      flex-direction: column;
      align-items: stretch;
      gap: 0;
    }
    .job--stopped .job-title,
    .job--stopped .job-step {
      flex: none;
      max-width: none;
    }
    .job-time {
      flex-direction: row;
      align-items: baseline;
      gap: 8px;
    }
  }
  /* Narrow (sidebar) layout; last so it overrides the wide rules above. */
  @container (max-width: 420px) {
    .prompt-inline {
      display: none;
    }
    .tracker {
      flex-direction: column;
      gap: 2px;
    }
    .step {
      flex: none;
      flex-direction: row;
      align-items: center;
      gap: 8px;
      min-width: 0;
    }
    .step-marker {
      width: auto;
    }
    .step-line {
      display: none;
    }
  }
`;
