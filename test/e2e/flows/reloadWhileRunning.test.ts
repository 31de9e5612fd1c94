// Flows 1 and 3 on a (emulated) fal job long enough to watch: the status bar counts it, the panel's tracker shows
// the five steps, and reloading the window mid-job neither loses it nor submits it twice — it completes and imports.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TRACKER_STEPS } from '../../../src/extension/panel/generationsProtocol';
import { emulatorAvailable } from '../harness/emulator';
import { type EmulatedSession, startEmulatedSession } from '../harness/emulatorSession';
import { generatedAssets, generateFromPalette } from '../harness/generate';
import { openGenerationsPanel } from '../harness/panel';
import { waitUntil } from '../harness/waitUntil';

const MODEL = 'fal-ai/flux/schnell';
const MODEL_LABEL = 'FLUX.1 [schnell]';
const PROMPT = 'Close-up of a cluttered desk, a progress bar stuck at 99%';

describe('flow: a long job survives a window reload', {
  timeout: 300_000,
  skip: emulatorAvailable() ? false : 'test/emulator/runEmulator.ts is missing',
}, () => {
  let env: EmulatedSession;

  before(async () => {
    env = await startEmulatedSession();
    await env.emulator.control('POST', '/script', {
      model: MODEL,
      script: { queueMs: 3000, queuePositions: [2, 1, 0], runMs: 60_000, steps: 8, output: 'images' },
    });
  });

  after(async () => {
    await env?.stop();
  });

  it('tracks progress, survives the reload, completes once', async () => {
    const { session, emulator } = env;
    const { wb } = session;
    try {
      let panel = await openGenerationsPanel(wb);
      await panel.root.getByText('No generations yet').waitFor();

      await generateFromPalette(session, { modelLabel: MODEL_LABEL, prompt: PROMPT });

      const job = panel.activeJob().first();
      await job.waitFor({ state: 'visible' });
      const jobId = await job.getAttribute('data-id');
      assert.ok(jobId, 'the active job has an id');
      await wb.statusBarItem('genqueue.status').filter({ hasText: '1 generating' }).waitFor();

      await job.locator('button.job-toggle').click();
      const steps = panel.trackerSteps(job);
      await steps.first().waitFor();
      // Labels may carry live detail ("Queued #2"): each starts with its step's name, in order.
      const labels = (await steps.locator('.step-label').allTextContents()).map((s) => s.trim());
      assert.equal(labels.length, TRACKER_STEPS.length, `steps: ${labels.join(' | ')}`);
      TRACKER_STEPS.forEach((step, i) => {
        assert.ok(labels[i]?.startsWith(step), `step ${i + 1} is "${step}": ${labels.join(' | ')}`);
      });
      await panel.activeJob('running').waitFor();
      await wb.screenshot('flow-long-job-running');

      await session.reloadWindow();
      panel = await openGenerationsPanel(wb);
      const again = panel.root.locator(`li.job[data-id="${jobId}"]`);
      await again.waitFor({ state: 'visible' });
      await wb.statusBarItem('genqueue.status').filter({ hasText: '1 generating' }).waitFor();
      await wb.screenshot('flow-long-job-after-reload');

      await panel.resultCard(PROMPT.slice(0, 30)).waitFor({ state: 'visible', timeout: 120_000 });
      const assets = await waitUntil('the take and its sidecar', () => {
        const a = generatedAssets(session);
        return a.media.length >= 1 && a.sidecars.length >= 1 ? a : undefined;
      });
      assert.equal(assets.media.length, 1, `one take imported, found ${assets.media.join(', ')}`);
      const counts = (await emulator.control('GET', '/counts')) as { submits: { fal: number } };
      assert.equal(counts.submits.fal, 1, 'the job was submitted exactly once');
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await session.diagnose('flow-reload')}`);
    }
  });
});
