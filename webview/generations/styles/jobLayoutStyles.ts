// Job rows and the tracker by panel width (container queries); adopted last so they override.
import { css } from 'lit';

export const jobLayoutStyles = css`
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
