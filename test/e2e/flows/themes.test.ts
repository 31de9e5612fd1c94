// Flow 8: the panel with an active, a failed and a finished job, in the dark and the light default themes.
// Saves screenshots under test-results/e2e/ for a person to look at, and checks the panel's text follows the theme.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emulatorAvailable } from '../harness/emulator';
import { type EmulatedSession, startEmulatedSession } from '../harness/emulatorSession';
import { generateFromPalette } from '../harness/generate';
import { openGenerationsPanel } from '../harness/panel';
import { RESULTS_DIR } from '../harness/paths';
import { waitUntil } from '../harness/waitUntil';

const MODEL = 'fal-ai/flux/schnell';

/** Perceived brightness (0–255) of a CSS colour like "rgb(30, 30, 30)". */
function brightness(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

describe('flow: panel in dark and light themes', {
  timeout: 300_000,
  skip: emulatorAvailable() ? false : 'test/emulator/runEmulator.ts is missing',
}, () => {
  let env: EmulatedSession;

  before(async () => {
    env = await startEmulatedSession({ settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  });

  after(async () => {
    await env?.stop();
  });

  it('shows active, failed and finished jobs legibly in both themes', async () => {
    const { session, emulator } = env;
    const { wb } = session;
    try {
      const panel = await openGenerationsPanel(wb);
      await panel.root.getByText('No generations yet').waitFor();

      await generateFromPalette(session, { modelLabel: 'Offline test image', prompt: 'Opening shot: lighthouse' });
      await panel.resultCard().first().waitFor();

      await emulator.control('POST', '/fault', {
        provider: 'fal',
        route: 'submit',
        kind: 'job-failed',
        detail: 'The model could not process this prompt.',
      });
      await generateFromPalette(session, { modelLabel: 'FLUX.1 [schnell]', prompt: 'A storm over the harbour' });
      await panel.failedJob().first().waitFor();

      await emulator.control('POST', '/script', { model: MODEL, script: { queueMs: 1000, runMs: 180_000 } });
      await generateFromPalette(session, { modelLabel: 'FLUX.1 [schnell]', prompt: 'Dozens of browser tabs' });
      await panel.activeJob('running').waitFor();

      // A person looking at the panel: no toasts over it, and room to see every section.
      await wb.runCommand('Notifications: Clear All Notifications');
      await wb.runCommand('View: Toggle Maximized Panel');
      const body = panel.root.locator('body');
      const shots: Record<string, number> = {};
      for (const theme of ['Default Dark Modern', 'Default Light Modern']) {
        const dark = theme.includes('Dark');
        // As a person would: Preferences: Color Theme, then the theme's label.
        await wb.runCommand('Preferences: Color Theme');
        await wb.pickQuickItem(theme.replace('Default ', ''));
        await wb.page.locator(`.monaco-workbench.${dark ? 'vs-dark' : 'vs'}`).waitFor();
        // The webview's theme variables follow the workbench a moment later.
        shots[theme] = await waitUntil(
          `the panel text to turn ${dark ? 'light on dark' : 'dark on light'}`,
          async () => {
            const b = brightness(await body.evaluate((el) => getComputedStyle(el).color));
            return (dark ? b > 155 : b < 100) ? b : undefined;
          },
        );
        const name = `panel-${dark ? 'dark' : 'light'}`;
        await wb.page.locator('.part.panel').screenshot({ path: join(RESULTS_DIR, `${name}.png`) });
        await wb.screenshot(`${name}-window`);
      }
      assert.ok(
        (shots['Default Dark Modern'] ?? 0) > 155 && (shots['Default Light Modern'] ?? 255) < 100,
        `panel text colour follows the theme: ${JSON.stringify(shots)}`,
      );
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await session.diagnose('flow-themes')}`);
    }
  });
});
