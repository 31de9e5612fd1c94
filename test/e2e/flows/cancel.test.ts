// Flow 6: cancelling a running job from the panel stops it at the provider and imports nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { emulatorAvailable } from '../harness/emulator';
import { type EmulatedSession, startEmulatedSession } from '../harness/emulatorSession';
import { generatedAssets, generateFromPalette } from '../harness/generate';
import { openGenerationsPanel } from '../harness/panel';
import { waitUntil } from '../harness/waitUntil';

const MODEL = 'fal-ai/flux/schnell';
const PROMPT = 'Logo on a dark background';

describe('flow: cancel a running job', {
  timeout: 240_000,
  skip: emulatorAvailable() ? false : 'test/emulator/runEmulator.ts is missing',
}, () => {
  let env: EmulatedSession;

  before(async () => {
    env = await startEmulatedSession();
    await env.emulator.control('POST', '/script', { model: MODEL, script: { queueMs: 500, runMs: 120_000 } });
  });

  after(async () => {
    await env?.stop();
  });

  it('cancels at the provider, leaves the active list, imports nothing', async () => {
    const { session, emulator } = env;
    const { wb } = session;
    try {
      const panel = await openGenerationsPanel(wb);
      await panel.root.getByText('No generations yet').waitFor();
      await generateFromPalette(session, { modelLabel: 'FLUX.1 [schnell]', prompt: PROMPT });

      const running = panel.activeJob('running');
      await running.waitFor({ state: 'visible' });
      await panel.action(running, 'cancel').click();

      await panel.activeJob().first().waitFor({ state: 'detached' });
      const counts = await waitUntil('a cancel request at the provider', async () => {
        const c = (await emulator.control('GET', '/counts')) as { requests: Record<string, number> };
        return (c.requests['fal:cancel'] ?? 0) >= 1 ? c : undefined;
      });
      assert.ok((counts.requests['fal:cancel'] ?? 0) >= 1);
      await wb.statusBarItem('genqueue.status').filter({ hasText: 'generating' }).waitFor({ state: 'detached' });
      await wb.screenshot('flow-cancel');
      assert.deepEqual(generatedAssets(session).media, [], 'nothing was imported');
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await session.diagnose('flow-cancel')}`);
    }
  });
});
