// The inspector pane's content for the current selection: a hint (none), the shot's form and takes (one),
// or the bulk editor (several).
import { html, type TemplateResult } from 'lit';
import type { ModelOptionView, QueueWebviewMessage, TakeView } from '../../../src/extension/queue/queueProtocol';
import type { FieldDrafts } from '../fieldDrafts';
import type { RowStore } from '../queueModel';
import { TID } from '../testids';
import { type BulkState, renderBulkEditor } from './bulkEditor';
import { renderShotInspector } from './shotInspector';
import { renderTakes } from './takesView';

export interface InspectorPaneContext {
  selected: ReadonlySet<string>;
  store: RowStore;
  /** The one selected shot the inspector shows (undefined with none or several selected). */
  inspectedId: string | undefined;
  models: readonly ModelOptionView[];
  drafts: FieldDrafts;
  takes: readonly TakeView[] | undefined;
  compare: readonly number[];
  abSide: 'a' | 'b';
  bulk: BulkState;
  setBulk(patch: Partial<BulkState>): void;
  setCompare(picked: number[], abSide: 'a' | 'b'): void;
  send(message: QueueWebviewMessage): void;
  changed(): void;
}

export function renderInspectorPane(ctx: InspectorPaneContext): TemplateResult {
  const { selected } = ctx;
  if (selected.size === 0) {
    return html`<div class="inspector-empty muted" data-testid=${TID.inspEmpty}>
      Select a shot to edit its model, prompt and settings and to see its takes. Select several to change them together.
    </div>`;
  }
  if (selected.size > 1) {
    const rows = [...selected].flatMap((id) => ctx.store.get(id) ?? []);
    return renderBulkEditor({ rows, models: ctx.models, state: ctx.bulk, setState: ctx.setBulk, send: ctx.send });
  }
  const row = ctx.inspectedId !== undefined ? ctx.store.get(ctx.inspectedId) : undefined;
  if (!row) {
    return html`<div class="inspector-empty muted" data-testid=${TID.inspEmpty}>That shot is no longer in the file.</div>`;
  }
  return html`${renderShotInspector({ row, models: ctx.models, drafts: ctx.drafts, send: ctx.send, changed: ctx.changed })}
  ${renderTakes({
    shotId: row.id,
    takes: ctx.takes,
    compare: ctx.compare,
    // Two picks at most: a third replaces the oldest.
    toggleCompare: (n) =>
      ctx.setCompare(ctx.compare.includes(n) ? ctx.compare.filter((x) => x !== n) : [...ctx.compare, n].slice(-2), 'a'),
    compareCtx: {
      abSide: ctx.abSide,
      setAbSide: (side) => ctx.setCompare([...ctx.compare], side),
      close: () => ctx.setCompare([], 'a'),
    },
    send: ctx.send,
  })}`;
}
