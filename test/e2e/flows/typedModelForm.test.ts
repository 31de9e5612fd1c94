// Issue 10, any model: a shot list names a Replicate model the catalog does not know, typed by hand
// (acme/cog-animator, whose schema the emulator serves). Opened as the Production Queue with that shot selected,
// the inspector's settings are the schema's inputs (duration as a choice of 5 or 10, fps as a whole number from
// 1 to 60 …) and the note under the model says they were read from Replicate's schema of the latest version.
// The schema is read once.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { COG_ANIMATOR, COG_ANIMATOR_V2 } from '../../emulator/schemaFixtures';
import { emulatorAvailable } from '../harness/emulator';
import { requestLog } from '../harness/emulatorControl';
import { type EmulatedSession, startEmulatedSession } from '../harness/emulatorSession';
import { REPO_ROOT } from '../harness/paths';
import { openProductionQueue, TID } from '../harness/queue';
import { waitUntil } from '../harness/waitUntil';

const LIST = 'typed.shots.yaml';
const SHOT_LIST = `# A shot whose model is typed by hand: GenQueue's catalog does not know it.
defaults:
  image: { provider: local, model: local/image }

shots:
  - id: still
    modality: image
    prompt: A lighthouse at dusk

  - id: anim
    modality: video
    provider: replicate
    model: ${COG_ANIMATOR}
    prompt: The lighthouse beam sweeps over a calm sea
    params: { duration: 10 }
`;
const README_IMAGE = join(REPO_ROOT, 'docs', 'images', 'typed-model-form.png');

describe('flow: a hand-typed Replicate model gets its form from the schema', {
  timeout: 240_000,
  skip: emulatorAvailable() ? false : 'test/emulator/runEmulator.ts is missing',
}, () => {
  let env: EmulatedSession;

  before(async () => {
    env = await startEmulatedSession({
      provider: 'replicate',
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    });
    writeFileSync(env.session.workspacePath(LIST), SHOT_LIST);
    await env.session.wb.runCommand('View: Close Primary Side Bar');
  });

  after(async () => {
    await env?.stop();
  });

  it("shows the schema's fields and says where they came from; reads the schema once", async (t) => {
    const { session, emulator } = env;
    const { wb } = session;
    const started = Date.now();
    try {
      const queue = await openProductionQueue(wb, LIST);
      await queue.clickRow('anim');
      await queue.root.locator(`[data-testid="${TID.inspector}"][data-shot="anim"]`).waitFor();

      const note = queue.byId(TID.inspInputsNote);
      const noteText = await waitUntil('the note to say the schema was read', async () => {
        const text = ((await note.textContent().catch(() => '')) ?? '').trim();
        return text.startsWith('Inputs read from') ? text : undefined;
      });
      t.diagnostic(`note: ${noteText}`);
      assert.match(
        noteText,
        new RegExp(
          `^Inputs read from Replicate's schema of version ${COG_ANIMATOR_V2.slice(0, 12)} on \\d{4}-\\d{2}-\\d{2}\\. Not offered here: Api Key \\(a secret`,
        ),
      );

      // duration: a choice of the schema's options, showing the list's value; fps: a whole number 1–60.
      const duration = queue.byId(TID.inspParam('duration'));
      await duration.waitFor();
      assert.equal(await duration.evaluate((el) => el.tagName.toLowerCase()), 'vscode-single-select');
      const options = (await duration.locator('vscode-option').allTextContents()).map((o) => o.trim());
      assert.deepEqual(options, ['Default (5)', '5', '10'], `duration's options: ${JSON.stringify(options)}`);
      assert.equal(await duration.evaluate((el) => (el as HTMLSelectElement).value), '10');
      const fps = queue.byId(TID.inspParam('fps'));
      assert.equal(await fps.evaluate((el) => el.tagName.toLowerCase()), 'vscode-textfield');
      assert.equal(await fps.getAttribute('type'), 'number');
      assert.equal(await fps.getAttribute('step'), '1');
      assert.equal(await fps.getAttribute('min'), '1');
      assert.equal(await fps.getAttribute('max'), '60');
      const aspect = queue.byId(TID.inspParam('aspect_ratio'));
      const aspects = (await aspect.locator('vscode-option').allTextContents()).map((o) => o.trim());
      assert.deepEqual(aspects, ['Default (16:9)', '16:9', '9:16', '1:1']);
      assert.equal(await queue.byId(TID.inspParam('negative_prompt')).getAttribute('type'), 'text');
      // The file inputs are references, not settings; the prompt has its own box.
      for (const name of ['start_image', 'prompt']) {
        assert.equal(await queue.byId(TID.inspParam(name)).count(), 0, `${name} is not in the settings form`);
      }
      // A secret input would be written into the file: it is never offered.
      assert.equal(await queue.byId(TID.inspParam('api_key')).count(), 0, 'api_key is not in the settings form');

      const reads = (await requestLog(emulator)).filter(
        (r) =>
          r.provider === 'replicate' && r.method === 'GET' && r.path.startsWith(`/replicate/v1/models/${COG_ANIMATOR}`),
      );
      assert.equal(reads.length, 1, `one schema read: ${reads.map((r) => r.path).join(', ')}`);

      // The id is still flagged (a typo would show there), without claiming its inputs go unchecked.
      const warning = ((await queue.root.locator('.inspector-body .problems').textContent()) ?? '').trim();
      assert.match(warning, /not in GenQueue's catalog: its inputs are checked against the provider's schema/);

      await wb.runCommand('Notifications: Clear All Notifications');
      // The README's picture: the model, its note and the whole settings form at the top of the inspector pane.
      // (The pane alone scrolls: scrollIntoView would also scroll the webview's document.)
      await queue.byId(TID.inspModel).evaluate((el) => {
        let pane = el.parentElement;
        while (pane && pane.scrollHeight <= pane.clientHeight) pane = pane.parentElement;
        if (pane) pane.scrollTop += el.getBoundingClientRect().top - pane.getBoundingClientRect().top - 40;
      });
      await wb.page.locator('.part.editor').screenshot({ path: README_IMAGE });
      await wb.screenshot('flow-typed-model-form');
      t.diagnostic(`flow took ${Math.round((Date.now() - started) / 1000)} s`);
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await session.diagnose('flow-typed-model-form')}`);
    }
  });
});
