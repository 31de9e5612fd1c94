// What section templates may do: post to the host or change UI-only state. Implemented by the app.
import type { WebviewToHost } from '../../../src/extension/panel/generationsProtocol';
import type { HistoryFilter } from '../panelModel';
import type { SectionId } from '../uiState';

export interface PanelActions {
  send(message: WebviewToHost): void;
  toggleExpanded(id: string): void;
  toggleSection(id: SectionId): void;
  setFilter(patch: Partial<HistoryFilter>): void;
  showMoreHistory(): void;
}
