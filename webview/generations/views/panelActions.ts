// What section templates may do: post to the host or change UI-only state. Implemented by the app.
import type { HistoryQuery, WebviewToHost } from '../../../src/extension/panel/generationsProtocol';
import type { SectionId } from '../uiState';

export interface PanelActions {
  send(message: WebviewToHost): void;
  toggleExpanded(id: string): void;
  toggleSection(id: SectionId): void;
  setFilter(patch: Partial<HistoryQuery>): void;
  /** Ask the host for the next page of history (scrolled near the end, or Load more). */
  loadMoreHistory(): void;
}
