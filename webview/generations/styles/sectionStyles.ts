// Collapsible sections: frame, heading, toggle; off-screen sections skip rendering work.
import { css } from 'lit';

export const sectionStyles = css`
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
`;
