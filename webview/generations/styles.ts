// The panel's styles, in cascade order: shared parts first, then one sheet per view, the width
// rules last (they override the views' rules).
import type { CSSResultGroup } from 'lit';
import { css } from 'lit';
import { baseStyles, buttonStyles, statusStyles, themeStyles } from '../shared/baseStyles';
import { activeStyles } from './styles/activeStyles';
import { emptyStyles } from './styles/emptyStyles';
import { failedStyles } from './styles/failedStyles';
import { historyStyles } from './styles/historyStyles';
import { jobLayoutStyles } from './styles/jobLayoutStyles';
import { recentStyles } from './styles/recentStyles';
import { sectionStyles } from './styles/sectionStyles';
import { toolbarStyles } from './styles/toolbarStyles';
import { trackerStyles } from './styles/trackerStyles';

/** The panel area is short (~300 px): keep chrome tight so active rows show without scrolling. */
const panelFrame = css`
  :host {
    padding: 0 8px 12px;
  }
`;

export const panelStyles: CSSResultGroup = [
  themeStyles,
  panelFrame,
  baseStyles,
  buttonStyles,
  statusStyles,
  toolbarStyles,
  sectionStyles,
  activeStyles,
  trackerStyles,
  recentStyles,
  failedStyles,
  historyStyles,
  emptyStyles,
  jobLayoutStyles,
];
