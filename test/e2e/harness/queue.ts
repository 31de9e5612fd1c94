// Locators for the Production Queue (webview/queue/*), the custom editor of *.shots.yaml. A custom editor's
// webview is an `iframe.webview` like the Generations panel's, laid over the editor area (not inside it), and
// code-server 4.100 puts no purpose=customEditor in its src (checked): the queue's frame is the visible one over
// the editor part. Test ids come from webview/queue/testids.ts, the names the webview tests use too.
import type { FrameLocator, Locator } from 'playwright-core';
import { TID } from '../../../webview/queue/testids';
import { waitUntil } from './waitUntil';
import type { Workbench } from './workbench';

export { TID };

/** Index among `iframe.webview` of the visible one whose centre lies over the editor part, if any. */
async function editorWebviewIndex(wb: Workbench): Promise<number | undefined> {
  // A string, not a function: tsx's keepNames helpers (__name) do not exist in the page.
  const index = (await wb.page.evaluate(`(() => {
    const editor = document.querySelector('.part.editor');
    if (!editor) return -1;
    const e = editor.getBoundingClientRect();
    return [...document.querySelectorAll('iframe.webview')].findIndex((f) => {
      const r = f.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      return r.width > 0 && getComputedStyle(f).visibility !== 'hidden' && x > e.left && x < e.right && y > e.top && y < e.bottom;
    });
  })()`)) as number;
  return index >= 0 ? index : undefined;
}

export interface Queue {
  root: FrameLocator;
  byId(testid: string): Locator;
  row(shotId: string): Locator;
  /** The `data-status` of a shot's status cell (not-generated, stale, waiting, queued, generating, done, chosen …). */
  status(shotId: string): Promise<string | null>;
  /** Ids of the rows the table shows, top to bottom. */
  visibleIds(): Promise<string[]>;
  /** Ids of the selected rows (aria-selected). */
  selectedIds(): Promise<string[]>;
  /** Picks `label` in one of the filter dropdowns (scene, modality, status, group), as a person clicks it. */
  chooseFilter(testid: string, label: string): Promise<void>;
  /** Clicks a row, optionally with Shift or Control held. */
  clickRow(shotId: string, modifier?: 'Shift' | 'Control'): Promise<void>;
}

/** The Production Queue shown in the editor area; waits until its webview frame is there. */
export async function productionQueue(wb: Workbench, timeoutMs?: number): Promise<Queue> {
  const index = await waitUntil('a webview over the editor area', () => editorWebviewIndex(wb), timeoutMs);
  const root = wb.webview(`iframe.webview >> nth=${index}`);
  const byId = (testid: string) => root.locator(`[data-testid="${testid}"]`);
  const rowIds = async (selector: string) =>
    (await root.locator(selector).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''))).filter(
      Boolean,
    );
  return {
    root,
    byId,
    row: (shotId) => byId(TID.row(shotId)),
    status: (shotId) => byId(TID.status(shotId)).getAttribute('data-status'),
    visibleIds: () => rowIds('.rows .row[data-id]'),
    selectedIds: () => rowIds('.rows .row[data-id][aria-selected="true"]'),
    chooseFilter: async (testid, label) => {
      // A native select: Playwright picks the option as the browser's own list would.
      const select = byId(testid);
      await select.selectOption({ label });
      await waitUntil(
        `filter ${testid} to show "${label}"`,
        async () => (await select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.label)) === label,
      );
    },
    clickRow: async (shotId, modifier) => {
      // The id cell: the checkbox cell toggles without the modifiers' meaning.
      await byId(TID.row(shotId))
        .locator('.cell--prompt')
        .click({ modifiers: modifier ? [modifier] : [] });
    },
  };
}

/**
 * Opens a shot list from Quick Open (it opens as the Production Queue, the default editor of *.shots.yaml)
 * and waits until its table shows rows.
 */
export async function openProductionQueue(wb: Workbench, relativePath: string): Promise<Queue> {
  await wb.openFile(relativePath);
  const queue = await productionQueue(wb);
  await queue.byId(TID.table).waitFor({ state: 'visible' });
  await queue.root.locator('.rows .row[data-id]').first().waitFor({ state: 'visible' });
  return queue;
}
