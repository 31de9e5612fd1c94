// Drives the VS Code workbench in headless Debian Chromium, the way a person would: command palette, status bar,
// the GenQueue panel's webview. Locators wait for conditions; nothing here sleeps for a fixed time.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_PATH, RESULTS_DIR } from './paths';
import { waitUntil } from './waitUntil';

/** Flags that work as root with no network (shared/docs/vscode-in-browser.md). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const UI_TIMEOUT_MS = 60_000;

export interface Workbench {
  browser: Browser;
  page: Page;
  /** Loads the workbench and waits until it is interactive. */
  open(): Promise<void>;
  /** Reloads the browser window (the extension host keeps running in code-server). */
  reload(): Promise<void>;
  /** Runs a command by its palette title, e.g. "GenQueue: Show Generations". */
  runCommand(title: string): Promise<void>;
  /**
   * Titles the command palette lists for `query` (first screenful). With `expected`, waits (up to 30 s) until
   * all of them are listed — contributed commands appear a moment after start-up — and returns what it saw.
   */
  paletteTitles(query: string, expected?: string[]): Promise<string[]>;
  /** In an open quick pick: filters by `label` and clicks the row whose label is exactly it (icons ignored). */
  pickQuickItem(label: string): Promise<void>;
  /** In an open input box: types `text` and presses Enter. */
  submitInputBox(text: string): Promise<void>;
  /**
   * Starts recording every text a status bar item shows (a MutationObserver in the page), so a state that lasts
   * only a moment is still seen. Call the returned function to read what was shown so far.
   */
  recordStatusBarItem(id: string): Promise<() => Promise<string[]>>;
  /** A status bar item by the id it was created with (e.g. "genqueue.status"). */
  statusBarItem(id: string): Locator;
  /** The document inside the webview whose outer frame matches `frameSelector` (default: the only one). */
  webview(frameSelector?: string): FrameLocator;
  /** Opens a workspace file in an editor via Quick Open. */
  openFile(relativePath: string): Promise<void>;
  /** Moves the cursor of the active editor to the start of `line` (1-based), via Quick Open's ":line". */
  goToLine(line: number): Promise<void>;
  /** Saves the page as test-results/e2e/<name>.png and returns the path. */
  screenshot(name: string): Promise<string>;
  /** Console errors and uncaught exceptions of the page so far (for failure messages). */
  consoleErrors(): string[];
  /** Text of visible notification toasts. */
  notifications(): Promise<string[]>;
  close(): Promise<void>;
}

export async function launchWorkbench(workbenchUrl: string): Promise<Workbench> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));

  const waitReady = async () => {
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    // The status bar fills in once the window finished restoring; commands are reliable from then on.
    await page.locator('.part.statusbar').waitFor({ state: 'visible' });
  };

  const focusWorkbench = async () => {
    // Clicking the status bar's empty area would trigger items. The editor area is safe when shown (a maximized
    // panel hides it); otherwise the title bar's empty drag area left of the command center.
    const editor = page.locator('.part.editor');
    if (await editor.isVisible()) await editor.click({ position: { x: 10, y: 10 } });
    else await page.locator('.part.titlebar').click({ position: { x: 300, y: 10 } });
  };

  const openPalette = async (prefix: string, text: string) => {
    const input = page.locator('.quick-input-widget input.input');
    if (!(await input.isVisible())) {
      // A key press can be lost while focus moves (e.g. out of a webview): focus again and retry until it opens.
      await waitUntil(
        'the quick input to open',
        async () => {
          await focusWorkbench();
          await page.keyboard.press(prefix === '>' ? 'F1' : 'Control+P');
          return input.waitFor({ state: 'visible', timeout: 3000 }).then(
            () => true,
            () => false,
          );
        },
        UI_TIMEOUT_MS,
        100,
      );
    }
    // Filling the same text again does not re-query; clearing first makes the palette filter afresh
    // (right after start-up it may not list contributed commands yet).
    await input.fill(prefix);
    await input.fill(`${prefix}${text}`);
  };

  /** The quick input row whose label is exactly `label`, resolved when used (the list re-renders as it filters). */
  const exactRow = (label: string) => {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escaped}\\s*$`) }) })
      .first();
  };

  const rowLabels = async (): Promise<string[]> => {
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 5000 });
    const labels = await rows.locator('.label-name').allInnerTexts();
    return labels.map((l) => l.trim());
  };

  return {
    browser,
    page,
    open: async () => {
      await page.goto(workbenchUrl);
      await waitReady();
    },
    reload: async () => {
      await page.reload();
      await waitReady();
    },
    runCommand: async (title) => {
      // Enter could run a fuzzy neighbour or a recently used command: click the row whose label is exactly `title`.
      // Typing again re-filters: right after start-up the palette may not know contributed commands yet.
      await waitUntil(
        `command "${title}" in the palette`,
        async () => {
          await openPalette('>', title);
          const labels: string[] = await rowLabels().catch(() => []);
          return labels.includes(title);
        },
        UI_TIMEOUT_MS,
        500,
      );
      await exactRow(title).click();
      // The command may open its own quick pick in the same widget: wait for the palette, not the widget, to go.
      await waitUntil(`the command palette to close after "${title}"`, async () => {
        const widget = page.locator('.quick-input-widget');
        if (!(await widget.isVisible())) return true;
        const value = await widget.locator('input.input').inputValue();
        return !value.startsWith('>');
      });
    },
    paletteTitles: async (query, expected = []) => {
      // Right after start-up the palette may not know contributed commands yet: type again until they appear.
      let labels: string[] = [];
      try {
        labels = await waitUntil(
          `commands matching "${query}"`,
          async () => {
            await openPalette('>', query);
            const found = await rowLabels();
            const ready = found.length > 0 && !found.includes('No matching commands');
            return ready && expected.every((t) => found.includes(t)) ? found : undefined;
          },
          30_000,
          500,
        );
      } catch {
        labels = await rowLabels().catch(() => []);
      }
      await page.keyboard.press('Escape');
      return labels;
    },
    pickQuickItem: async (label) => {
      const input = page.locator('.quick-input-widget input.input');
      await input.waitFor({ state: 'visible' });
      await waitUntil(`quick pick item "${label}"`, async () => {
        await input.fill('');
        await input.fill(label);
        const labels: string[] = await rowLabels().catch(() => []);
        return labels.includes(label);
      });
      await exactRow(label).click();
    },
    submitInputBox: async (text) => {
      const input = page.locator('.quick-input-widget input.input');
      await input.waitFor({ state: 'visible' });
      await input.fill(text);
      await input.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    },
    recordStatusBarItem: async (id) => {
      const key = `__statusLog_${id.replace(/\W/g, '_')}`;
      // A string, not a function: tsx's keepNames helpers (__name) do not exist in the page.
      await page.evaluate(`(() => {
        const seen = [];
        window[${JSON.stringify(key)}] = seen;
        const read = () => {
          const el = document.querySelector('.part.statusbar .statusbar-item[id$=${JSON.stringify(id)}]');
          const text = el && el.offsetParent !== null ? (el.textContent || '').trim() : '';
          if (seen[seen.length - 1] !== text) seen.push(text);
        };
        read();
        const target = document.querySelector('.part.statusbar') || document.body;
        new MutationObserver(read).observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
      })()`);
      return async () => (await page.evaluate(`[...(window[${JSON.stringify(key)}] || [])]`)) as string[];
    },
    statusBarItem: (id) => page.locator(`.part.statusbar .statusbar-item[id$="${id}"]`),
    webview: (frameSelector = 'iframe.webview') => page.frameLocator(frameSelector).frameLocator('iframe'),
    openFile: async (relativePath) => {
      await openPalette('', relativePath);
      const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      await rows.first().waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      const name = relativePath.split('/').pop() ?? relativePath;
      await page.locator(`.tabs-container .tab[aria-label^="${name}"]`).first().waitFor({ state: 'visible' });
    },
    goToLine: async (line) => {
      await page.locator('.part.editor .monaco-editor .view-lines').first().click();
      await openPalette(':', String(line));
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      await page
        .locator('.statusbar-item', { hasText: `Ln ${line}, Col 1` })
        .first()
        .waitFor();
    },
    screenshot: async (name) => {
      mkdirSync(RESULTS_DIR, { recursive: true });
      const path = join(RESULTS_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    consoleErrors: () => [...errors],
    notifications: async () => page.locator('.notifications-toasts .notification-toast').allInnerTexts(),
    close: async () => {
      await browser.close();
    },
  };
}
