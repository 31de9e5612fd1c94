// "No paid job ever lost": the extension host crashes (SIGKILL) while a job runs at the provider. code-server
// starts a new extension host; GenQueue must pick the job up again, finish it, and not submit it a second time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { emulatorAvailable } from '../harness/emulator';
import { type EmulatedSession, startEmulatedSession } from '../harness/emulatorSession';
import { generatedAssets, generateFromPalette } from '../harness/generate';
import { openGenerationsPanel } from '../harness/panel';
import { waitUntil } from '../harness/waitUntil';

const MODEL = 'fal-ai/flux/schnell';
const PROMPT = 'Soft ambient music fades out over the logo';

describe('flow: a running job survives an extension host crash', {
  timeout: 300_000,
  skip: emulatorAvailable() ? false : 'test/emulator/runEmulator.ts is missing',
}, () => {
  let env: EmulatedSession;

  before(async () => {
    env = await startEmulatedSession();
    await env.emulator.control('POST', '/script', { model: MODEL, script: { queueMs: 1000, runMs: 45_000 } });
  });

  after(async () => {
    await env?.stop();
  });

  it('resumes the job after the crash and imports it once', async () => {
    const { session, emulator } = env;
    const { wb } = session;
    try {
      let panel = await openGenerationsPanel(wb);
      await generateFromPalette(session, { modelLabel: 'FLUX.1 [schnell]', prompt: PROMPT });
      const running = panel.activeJob('running');
      await running.waitFor({ state: 'visible' });
      const jobId = await running.getAttribute('data-id');

      const before = await session.waitForExtensionHost();
      const after = await session.restartExtensionHost();
      assert.notEqual(after, before, 'a new extension host runs');

      panel = await openGenerationsPanel(wb);
      await panel.root.locator(`li.job[data-id="${jobId}"]`).waitFor({ state: 'visible' });
      await panel.resultCard(PROMPT.slice(0, 30)).waitFor({ state: 'visible', timeout: 120_000 });
      const assets = await waitUntil('the take and its sidecar', () => {
        const a = generatedAssets(session);
        return a.media.length >= 1 && a.sidecars.length >= 1 ? a : undefined;
      });
      assert.equal(assets.media.length, 1, `one take imported, found ${assets.media.join(', ')}`);
      const counts = (await emulator.control('GET', '/counts')) as { submits: { fal: number } };
      assert.equal(counts.submits.fal, 1, 'the job was submitted exactly once');
      await wb.screenshot('flow-exthost-crash-recovered');
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await session.diagnose('flow-exthost-crash')}`);
    }
  });
});
