// A second VS Code window on the same profile: another Chromium page in the first window's browser context, on the
// same workbench URL. Same context = same browser storage, which is where the web workbench keeps globalState; and
// code-server starts one extension host per connected window, so each window runs its own copy of GenQueue.
// Only the few workbench actions the multi-window flows need are here (the full Workbench lives in workbench.ts).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openGenerationsPanel, type Panel } from './panel';
import { RESULTS_DIR } from './paths';
import type { Session } from './session';
import { waitUntil } from './waitUntil';
import { UI_TIMEOUT_MS, type Workbench } from './workbench';

export interface SecondWindow {
  page: Page;
  /** Runs a command by its exact palette title. */
  runCommand(title: string): Promise<void>;
  /** The document inside the window's (only) webview. */
  webview(): FrameLocator;
  /** Opens the Generations panel in this window (same checks as openGenerationsPanel). */
  openGenerationsPanel(): Promise<Panel>;
  statusBarText(id: string): Promise<string>;
  screenshot(name: string): Promise<string>;
  consoleErrors(): string[];
  close(): Promise<void>;
}

export async function openSecondWindow(session: Session): Promise<SecondWindow> {
  const page = await session.wb.page.context().newPage();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(session.server.workbenchUrl);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible' });
  await page.locator('.part.statusbar').waitFor({ state: 'visible' });

  const input = page.locator('.quick-input-widget input.input');
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');

  const runCommand = async (title: string) => {
    const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const row = rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escaped}\\s*$`) }) });
    await waitUntil(
      `command "${title}" in the second window's palette`,
      async () => {
        if (!(await input.isVisible())) {
          // The title bar's empty area takes focus without triggering anything (as in workbench.ts).
          await page.locator('.part.titlebar').click({ position: { x: 300, y: 10 } });
          await page.keyboard.press('F1');
          if (
            !(await input.waitFor({ state: 'visible', timeout: 3000 }).then(
              () => true,
              () => false,
            ))
          )
            return false;
        }
        await input.fill('>');
        await input.fill(`>${title}`);
        return row
          .first()
          .waitFor({ state: 'visible', timeout: 3000 })
          .then(
            () => true,
            () => false,
          );
      },
      UI_TIMEOUT_MS,
      500,
    );
    await row.first().click();
    await waitUntil(`the palette to close after "${title}"`, async () => {
      if (!(await input.isVisible())) return true;
      return !(await input.inputValue()).startsWith('>');
    });
  };

  const webview = () => page.frameLocator('iframe.webview').frameLocator('iframe');
  const window: SecondWindow = {
    page,
    runCommand,
    webview,
    // openGenerationsPanel (panel.ts) uses only page, runCommand, webview and consoleErrors of a Workbench.
    openGenerationsPanel: () =>
      openGenerationsPanel({ page, runCommand, webview, consoleErrors: () => [...errors] } as unknown as Workbench),
    statusBarText: async (id) =>
      ((await page.locator(`.part.statusbar .statusbar-item[id$="${id}"]`).textContent()) ?? '').trim(),
    screenshot: async (name) => {
      mkdirSync(RESULTS_DIR, { recursive: true });
      const path = join(RESULTS_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    consoleErrors: () => [...errors],
    close: async () => {
      await page.close().catch(() => undefined);
    },
  };
  return window;
}

/** The GenQueue output channel log of every extension host the session ran (one folder per host), oldest first. */
export function genQueueLogs(session: Session): { dir: string; text: string }[] {
  return session.server.extensionHostLogDirs().map((dir) => {
    const texts: string[] = [];
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name === 'GenQueue.log')
        texts.push(readFileSync(join(entry.parentPath, entry.name), 'utf8'));
    }
    return { dir, text: texts.join('\n') };
  });
}
