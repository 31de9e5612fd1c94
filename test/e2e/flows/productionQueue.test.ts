// Production Queue, the main path as a person takes it: open the demo shot list (it opens as the Production
// Queue), filter to one scene, select its 4 shots with click / shift-click / ctrl-click, read their estimate,
// Generate selected and watch the overlay to "4 of 4 done", compare the two takes of a shot, Use this take (the
// file's `take:` changes and `output` holds exactly that take's bytes), edit the prompt in the text editor (the
// row turns stale), Generate stale (exactly one create reaches the provider). Shot s08 of the demo list is made
// fal-backed (two images per run) so the emulator counts what the provider saw; the other shots stay `local`.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { emulatorAvailable } from '../harness/emulator';
import { emulatorCounts, emulatorJobs, scriptJobs } from '../harness/emulatorControl';
import { type EmulatedSession, startEmulatedSession } from '../harness/emulatorSession';
import { takeFiles } from '../harness/generate';
import { REPO_ROOT } from '../harness/paths';
import { openProductionQueue, productionQueue, type Queue, TID } from '../harness/queue';
import type { Session } from '../harness/session';
import { waitUntil } from '../harness/waitUntil';

const LIST = 'video.shots.yaml';
const FAL_MODEL = 'fal-ai/flux/schnell';
const SCENE = 'The product';
const SCENE_SHOTS = ['s06', 's07', 's08', 's09'];
const S08_OUTPUT = 'public/shots/s08-counter.png';
const PROMPT_ADDITION = ', seen at night';

/** s08 of the demo list on fal (FLUX schnell, two images per run) with an output path. */
function makeS08FalBacked(session: Session): void {
  const path = session.workspacePath(LIST);
  const text = readFileSync(path, 'utf8');
  const before = '    params: { aspect_ratio: "16:9", num_outputs: 2 }\n';
  assert.ok(text.includes(before), 'the demo list still has s08 as this test expects');
  writeFileSync(
    path,
    text.replace(
      before,
      `    provider: fal\n    model: ${FAL_MODEL}\n    params: { image_size: landscape_16_9, num_images: 2 }\n    output: ${S08_OUTPUT}\n`,
    ),
  );
}

const QUEUE_IMAGE = join(REPO_ROOT, 'docs', 'images', 'production-queue.png');
const OVERLAY_IMAGE = join(REPO_ROOT, 'docs', 'images', 'production-queue-overlay.png');

/** The editor area only (the README shows the Production Queue, not the whole window). */
async function editorScreenshot(wb: Session['wb'], path: string): Promise<void> {
  await wb.page.locator('.part.editor').screenshot({ path });
}

function shotBlock(text: string, shotId: string): string {
  const start = text.indexOf(`- id: ${shotId}\n`);
  assert.ok(start >= 0, `${shotId} is in the list`);
  const next = text.indexOf('\n  - id:', start + 1);
  return text.slice(start, next === -1 ? undefined : next);
}

describe('flow: the Production Queue from selection to stale', {
  timeout: 300_000,
  skip: emulatorAvailable() ? false : 'test/emulator/runEmulator.ts is missing',
}, () => {
  let env: EmulatedSession;

  before(async () => {
    // Dark theme: the flow also takes the README's screenshots.
    env = await startEmulatedSession({ settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
    await scriptJobs(env.emulator, { model: FAL_MODEL, script: { queueMs: 300, runMs: 1500, output: 'images' } });
    makeS08FalBacked(env.session);
    // The editor gets the window's width: the table's columns and the README screenshots need it.
    await env.session.wb.runCommand('View: Close Primary Side Bar');
  });

  after(async () => {
    await env?.stop();
  });

  it('filter, select 4, estimate, generate, compare, use a take, edit, generate stale', async (t) => {
    const { session, emulator } = env;
    const { wb } = session;
    try {
      let queue: Queue = await openProductionQueue(wb, LIST);

      // Filter to one scene, then select its four shots: click, shift-click, ctrl-click off and on again.
      await queue.chooseFilter(TID.filterScene, SCENE);
      await waitUntil(
        'the table to show only the scene',
        async () => JSON.stringify(await queue.visibleIds()) === JSON.stringify(SCENE_SHOTS),
      );
      await queue.clickRow('s06');
      await queue.clickRow('s09', 'Shift');
      assert.deepEqual(await queue.selectedIds(), SCENE_SHOTS, 'shift-click selects the range');
      await queue.clickRow('s07', 'Control');
      assert.deepEqual(await queue.selectedIds(), ['s06', 's08', 's09'], 'ctrl-click takes one out');
      await queue.clickRow('s07', 'Control');
      assert.deepEqual(await queue.selectedIds(), SCENE_SHOTS, 'ctrl-click puts it back');

      const cost = queue.byId(TID.costSelected);
      const costText = ((await cost.textContent()) ?? '').replace(/\s+/g, ' ').trim();
      const amount = Number(await cost.getAttribute('data-amount'));
      t.diagnostic(`header estimate: ${costText}`);
      assert.match(costText, /Selected \(4\)/);
      assert.ok(amount > 0 && amount < 0.1, `the fal shot costs something, the local ones nothing: ${amount}`);
      assert.match(costText, /\$0\.0\d/, `the amount is shown: ${costText}`);

      // Generate selected: the overlay counts to the end and stays until closed.
      await queue.byId(TID.generateSelected).click();
      const overlay = queue.byId(TID.overlay);
      await overlay.waitFor({ state: 'visible' });
      await editorScreenshot(wb, OVERLAY_IMAGE);
      await queue.root.locator(`[data-testid="${TID.overlay}"][data-finished="true"]`).waitFor({ timeout: 90_000 });
      assert.equal((await queue.byId(TID.overlayDone).textContent())?.trim(), '4 of 4 done');
      assert.equal(await queue.byId(TID.overlayFailed).getAttribute('data-count'), '0');
      const afterBatch = await emulatorCounts(emulator);
      assert.equal(afterBatch.submits.fal, 1, 'only the fal shot reached the provider');
      await queue.byId(TID.overlayClose).click();
      await overlay.waitFor({ state: 'detached' });
      for (const id of SCENE_SHOTS) assert.equal(await queue.status(id), 'done', `${id} is done`);

      // Compare the two takes of s08 side by side, then use take 2.
      await queue.clickRow('s08');
      await queue.byId(TID.take(2)).waitFor({ state: 'visible' });
      await queue.byId(TID.takeCompare(1)).click();
      await queue.byId(TID.takeCompare(2)).click();
      const compare = queue.byId(TID.compare);
      await compare.waitFor({ state: 'visible' });
      assert.equal(await compare.getAttribute('data-kind'), 'image');
      assert.equal(await compare.locator('.compare-pane img').count(), 2, 'both takes shown side by side');
      await queue.byId(TID.takeUse(2)).click();
      await waitUntil('s08 to show its chosen take', async () => (await queue.status('s08')) === 'chosen');
      const take2 = takeFiles(session, 's08').find((f) => /take-2\.\w+$/.test(f));
      assert.ok(take2, `take 2 of s08 is on disk: ${takeFiles(session, 's08').join(', ')}`);
      const take2Bytes = readFileSync(take2);
      await waitUntil(
        'the output path to hold take 2',
        () =>
          session.workspaceFileExists(S08_OUTPUT) && readFileSync(session.workspacePath(S08_OUTPUT)).equals(take2Bytes),
      );

      // Open as text and save there (a key press in the webview would go to the webview first).
      await queue.byId(TID.openText).click();
      await wb.page.locator('.part.editor .monaco-editor .view-lines').first().click();
      await wb.page.keyboard.press('Control+S');
      const saved = await waitUntil('take: 2 on disk', () => {
        const block = shotBlock(session.readWorkspaceFile(LIST), 's08');
        return /\n\s+take: 2\b/.test(block) ? block : undefined;
      });
      t.diagnostic(`s08 on disk:\n${saved}`);

      // Edit s08's prompt in the text editor: the table shows it stale at once (before saving).
      const lines = session.readWorkspaceFile(LIST).split('\n');
      const start = lines.findIndex((l) => l.includes('- id: s08'));
      const promptLine = lines.findIndex((l, i) => i > start && l.trimStart().startsWith('prompt:')) + 1;
      // Ctrl+G from the text editor (the harness's goToLine focuses the workbench by clicking the first tab,
      // which here is the Production Queue's).
      await wb.page.keyboard.press('Control+G');
      await wb.page.locator('.quick-input-widget input.input').fill(`:${promptLine}`);
      await wb.page.keyboard.press('Enter');
      await wb.page
        .locator('.statusbar-item', { hasText: `Ln ${promptLine}, Col 1` })
        .first()
        .waitFor();
      await wb.page.keyboard.press('End');
      await wb.page.keyboard.type(PROMPT_ADDITION);
      // Back to the Production Queue's tab (Open as text opened the text editor beside it in the same group).
      await wb.page.locator('.tabs-container .tab').first().click();
      queue = await openProductionQueueTab(wb);
      await waitUntil('s08 to turn stale', async () => (await queue.status('s08')) === 'stale');
      for (const id of ['s06', 's07', 's09']) assert.equal(await queue.status(id), 'done', `${id} is untouched`);
      // The README's picture: every shot (not generated, done, stale), s08 inspected with its takes in view.
      await queue.byId(TID.clearFilters).click();
      await queue.clickRow('s08');
      await queue.byId(TID.take(2)).waitFor({ state: 'visible' });
      // The takes at the top of the inspector pane, with its last fields (notes, output path) just above them.
      // (The pane alone scrolls: scrollIntoView would also scroll the webview's document.)
      await queue.byId(TID.takes).evaluate((el) => {
        let pane = el.parentElement;
        while (pane && pane.scrollHeight <= pane.clientHeight) pane = pane.parentElement;
        if (pane) pane.scrollTop += el.getBoundingClientRect().top - pane.getBoundingClientRect().top - 110;
      });
      // The batch's "generations finished" toast would cover the takes.
      await wb.runCommand('Notifications: Clear All Notifications');
      await editorScreenshot(wb, QUEUE_IMAGE);

      // Generate stale: exactly one create reaches the provider, for s08's new prompt.
      const staleButton = queue.byId(TID.generateStale);
      assert.match((await staleButton.textContent()) ?? '', /Generate stale \(1\)/);
      await staleButton.click();
      await queue.root.locator(`[data-testid="${TID.overlay}"][data-finished="true"]`).waitFor({ timeout: 90_000 });
      assert.equal((await queue.byId(TID.overlayDone).textContent())?.trim(), '1 of 1 done');
      const counts = await emulatorCounts(emulator);
      assert.equal(counts.submits.fal, afterBatch.submits.fal + 1, 'exactly one more create reached the provider');
      const jobs = await emulatorJobs(emulator);
      assert.ok(String(jobs.at(-1)?.input.prompt).includes(PROMPT_ADDITION.trim()), 'it carries the edited prompt');
      for (const id of ['s06', 's07', 's09']) assert.equal(takeFiles(session, id).length, 1, `${id} got no new take`);
      assert.equal(takeFiles(session, 's08').length, 4, 's08 got its two new takes');
      await queue.byId(TID.overlayClose).click();
      await wb.screenshot('flow-production-queue-end');
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await session.diagnose('flow-production-queue')}`);
    }
  });
});

/** After "Open Production Queue": the queue's table is back. */
async function openProductionQueueTab(wb: Session['wb']): Promise<Queue> {
  const queue = await productionQueue(wb);
  await queue.byId(TID.table).waitFor({ state: 'visible' });
  return queue;
}
