// Locators for the GenQueue Generations panel (webview/views/*), reached through the webview's nested iframes.
// Lit renders into open shadow roots where it uses custom elements; Playwright's CSS locators pierce them.
import type { FrameLocator, Locator } from 'playwright-core';
import { waitUntil } from './waitUntil';
import type { Workbench } from './workbench';

export interface Panel {
  root: FrameLocator;
  /** A row in "Active generations" (optionally in a given job state, e.g. 'running'). */
  activeJob(state?: string): Locator;
  /** A result card in "Recent results". */
  resultCard(text?: string): Locator;
  /** The tracker steps of an expanded active job. */
  trackerSteps(job: Locator): Locator;
  /** A row in the "Failed" section. */
  failedJob(): Locator;
  /** A button (plain or vscode-button) by its data-action, inside `scope`. */
  action(scope: Locator, action: string): Locator;
}

export function generationsPanel(wb: Workbench): Panel {
  const root = wb.webview();
  return {
    root,
    activeJob: (state) => root.locator(state ? `li.job[data-state="${state}"]` : 'li.job'),
    resultCard: (text) => {
      const cards = root.locator('li.card');
      return text ? cards.filter({ hasText: text }) : cards;
    },
    trackerSteps: (job) => job.locator('ol.tracker li.step'),
    failedJob: () => root.locator('li.failed'),
    action: (scope, action) => scope.locator(`[data-action="${action}"]`),
  };
}

/**
 * Runs "GenQueue: Show Generations" and waits until the webview rendered something. Fails at once, with the
 * workbench's own message, when VS Code could not load the view (e.g. the provider threw in resolveWebviewView).
 */
export async function openGenerationsPanel(wb: Workbench): Promise<Panel> {
  await wb.runCommand('GenQueue: Show Generations');
  const panel = generationsPanel(wb);
  const rendered = panel.root.locator('body *:visible').first();
  const loadError = wb.page.locator('.part.panel', { hasText: 'An error occurred while loading view' });
  // Two frames (workbench, webview): poll both instead of Locator.or, which needs one frame.
  const outcome = await waitUntil('the Generations panel to render', async () => {
    // code-server forwards extension host errors to the browser console: a throwing view provider shows there
    // long before (if ever) the workbench's own "error while loading view" text.
    if (wb.consoleErrors().some((e) => e.includes('resolveWebviewView'))) return 'error';
    if (await loadError.isVisible()) return 'error';
    return (await rendered.isVisible().catch(() => false)) ? 'rendered' : undefined;
  });
  if (outcome === 'error') {
    const text = (await loadError.textContent().catch(() => null))?.match(
      /An error occurred while loading view[^\n]*/,
    )?.[0];
    const cause = wb.consoleErrors().find((e) => e.includes('resolveWebviewView')) ?? '';
    throw new Error(`The Generations panel did not load${text ? ` ("${text}")` : ''}: ${cause.slice(0, 1500)}`);
  }
  return panel;
}
