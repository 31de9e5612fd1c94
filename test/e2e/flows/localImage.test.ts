// Flow 1: with no key, "Generate Image…" runs on the offline provider: the status bar shows progress, a result
// card appears, Insert (clicked in the panel, which takes the focus) puts a Markdown reference at the editor's
// cursor where it is now, not where it was at submit, and the take plus its sidecar are on disk.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ASSETS_FOLDER, generatedAssets, generateFromPalette } from '../harness/generate';
import { openGenerationsPanel } from '../harness/panel';
import { type Session, startSession } from '../harness/session';
import { waitUntil } from '../harness/waitUntil';

const PROMPT = 'A lighthouse on a rocky coast at dusk';

describe('flow: offline image from the palette to the storyboard', { timeout: 300_000 }, () => {
  let session: Session;

  before(async () => {
    session = await startSession({ settings: { 'genqueue.defaultProvider': 'local' } });
  });

  after(async () => {
    await session?.stop();
  });

  it('generates, shows progress and a result, inserts it, and keeps the file and its sidecar', async (t) => {
    const { wb } = session;
    try {
      await wb.openFile('storyboard.md');
      // Submitted from the empty line under the title; the image goes where the cursor is at Insert.
      await wb.goToLine(2);
      const panel = await openGenerationsPanel(wb);
      await panel.root.getByText('No generations yet').waitFor();
      const statusTexts = await wb.recordStatusBarItem('genqueue.status');

      await generateFromPalette(session, { modelLabel: 'Offline test image', prompt: PROMPT });

      const card = panel.resultCard(PROMPT.slice(0, 30));
      await card.waitFor({ state: 'visible' });
      const seen = await statusTexts();
      t.diagnostic(`status bar showed: ${JSON.stringify(seen)}`);
      assert.ok(
        seen.some((s) => /1 generating/.test(s)),
        `status bar showed progress (saw ${JSON.stringify(seen)})`,
      );
      await wb.screenshot('flow-local-image-result');

      const assets = await waitUntil(`the take and its sidecar in ${ASSETS_FOLDER}`, () => {
        const a = generatedAssets(session);
        return a.media.length === 1 && a.sidecars.length === 1 ? a : undefined;
      });
      const [media] = assets.media;
      assert.match(media ?? '', /\.png$/);
      assert.equal(assets.sidecars[0], `${media}.genq.json`);
      const sidecar = JSON.parse(session.readWorkspaceFile(`${ASSETS_FOLDER}/${assets.sidecars[0]}`));
      assert.equal(sidecar.provider, 'local');
      assert.equal(sidecar.model, 'local/image');
      assert.equal(sidecar.input.prompt, PROMPT);

      // Under the "insert it here" comment of Shot 1 (line 10 is the empty line after it, before Shot 2).
      await wb.goToLine(10);
      await panel.action(card, 'insert').click();
      // Insert edits the open editor; save it to check what a person would see on disk.
      await wb.page
        .locator('.monaco-editor .view-lines', { hasText: `${ASSETS_FOLDER}/${media}` })
        .first()
        .waitFor();
      await wb.openFile('storyboard.md');
      await wb.page.keyboard.press('Control+S');
      const saved = await waitUntil('storyboard.md saved with the reference', () => {
        const text = session.readWorkspaceFile('storyboard.md');
        return text.includes(`${ASSETS_FOLDER}/${media}`) ? text : undefined;
      });
      const lines = saved.split('\n');
      assert.match(
        lines[9] ?? '',
        new RegExp(`^!\\[[^\\]]*\\]\\(${ASSETS_FOLDER}/${media?.replace(/[.]/g, '\\.')}\\)`),
      );
      assert.match(lines[8] ?? '', /insert it here/, 'the line before is untouched');
      assert.deepEqual(
        lines.slice(10, 12),
        ['', '## Shot 2 — The problem (0:05–0:12)'],
        'a blank line before the heading',
      );
      assert.equal(lines[1], '', 'nothing at the place of the submit');
      assert.ok(saved.startsWith('# Launch teaser'), 'the rest of the storyboard is intact');
      await wb.screenshot('flow-local-image-inserted');
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await session.diagnose('flow-local-image')}`);
    }
  });
});
