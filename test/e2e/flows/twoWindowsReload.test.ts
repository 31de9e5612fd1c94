// Two windows on one profile while jobs run: window A reloads, then window B closes. Every job is submitted once,
// ends succeeded with its take and sidecar on disk; after A's reload the panel's first job list already shows the
// running jobs, and they are polled again within 5 s (by B or by the reloaded A); after B closes, its jobs are polled
// again within one lease (about 1 s when B's host deactivates first; up to 30 s when the web workbench closes without
// waiting for it; the time is reported). How long the reloaded panel took to show the jobs is
// reported, not asserted: on a shared 2-core machine the webview's own rendering time varies by seconds.
//
// "Driven again" is read at the emulator: the old extension host is gone (SIGTERM, so `deactivate` runs, as on the
// desktop), so any status request for a job after that moment comes from the window that took its lease over.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_LEASE_MS } from '../../../src/extension/persistence/fileLeases';
import { emulatorAvailable } from '../harness/emulator';
import { emulatorCounts, emulatorJobs, requestsFor, scriptJobs } from '../harness/emulatorControl';
import { type EmulatedSession, startEmulatedSession } from '../harness/emulatorSession';
import { ASSETS_FOLDER, generatedAssets, generateFromPalette } from '../harness/generate';
import { genQueueLogs, openSecondWindow, type SecondWindow } from '../harness/multiWindow';
import { openGenerationsPanel } from '../harness/panel';
import { waitUntil } from '../harness/waitUntil';

const MODEL = 'black-forest-labs/flux-schnell';
const MODEL_LABEL = 'FLUX.1 [schnell]';
/** Long enough to span a reload and a close on a busy machine. */
const SCRIPT = { queueMs: 2000, runMs: 70_000, steps: 10 };
const PROMPTS_A = ['A lighthouse keeper reloading a lamp', 'A clock tower seen from two windows'];
const PROMPT_B = 'A second window closing at dusk';
const DRIVEN_WITHIN_MS = 5_000;

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** Generate in window B through its own palette (the same steps generateFromPalette takes in window A). */
async function generateInSecondWindow(windowB: SecondWindow, prompt: string): Promise<void> {
  const { page } = windowB;
  await windowB.runCommand('GenQueue: Generate Image…');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({
    has: page.locator('.label-name', {
      hasText: new RegExp(`^\\s*${MODEL_LABEL.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`),
    }),
  });
  await waitUntil(`"${MODEL_LABEL}" in window B's model pick`, async () => {
    await input.fill(MODEL_LABEL);
    return row.first().isVisible();
  });
  await row.first().click();
  await input.waitFor({ state: 'visible' });
  await input.fill(prompt);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

describe('flow: two windows reload and close while jobs run', {
  timeout: 480_000,
  skip: emulatorAvailable() ? false : 'test/emulator/runEmulator.ts is missing',
}, () => {
  let env: EmulatedSession;
  let windowB: SecondWindow | undefined;

  before(async () => {
    env = await startEmulatedSession({ provider: 'replicate' });
    await scriptJobs(env.emulator, { model: MODEL, script: SCRIPT });
  });

  after(async () => {
    try {
      await windowB?.close();
    } finally {
      await env?.stop();
    }
  });

  it('submits each job once, hands jobs over within seconds, and finishes every job with its files', async (t) => {
    const { session, emulator } = env;
    const { wb, server } = session;
    /** Time from `since` until each job's first status request after it (Infinity: none yet). */
    const pollDelays = async (predictionIds: string[], since: number) =>
      Promise.all(
        predictionIds.map(async (id) => {
          const polls = (await requestsFor(emulator, 'replicate', 'status', id)).filter((r) => r.at >= since);
          return polls.length ? (polls[0]?.at ?? since) - since : Number.POSITIVE_INFINITY;
        }),
      );
    try {
      let panelA = await openGenerationsPanel(wb);
      const hostA = await session.waitForExtensionHost();
      windowB = await openSecondWindow(session);
      const hostB = await waitUntil('window B’s extension host', () =>
        server.extensionHostPids().find((p) => p !== hostA),
      );
      await windowB.openGenerationsPanel();

      for (const prompt of PROMPTS_A) await generateFromPalette(session, { modelLabel: MODEL_LABEL, prompt });
      await generateInSecondWindow(windowB, PROMPT_B);
      const all = [...PROMPTS_A, PROMPT_B];
      const predictions = await waitUntil('three predictions at the provider', async () => {
        const jobs = (await emulatorJobs(emulator)).filter((j) => all.includes(String(j.input.prompt)));
        return jobs.length === 3 ? jobs : undefined;
      });
      const idOf = (prompt: string) => predictions.find((j) => j.input.prompt === prompt)?.id ?? '';
      await waitUntil('three running jobs in window A', async () => (await panelA.activeJob('running').count()) === 3);

      // Reload window A: a new extension host starts, the old one is ended (deactivate runs).
      await wb.reload();
      const hostA2 = await waitUntil('the reloaded window’s extension host', () =>
        server.extensionHostPids().find((p) => p !== hostA && p !== hostB),
      );
      signal(hostA, 'SIGTERM');
      await waitUntil('the old extension host of window A to exit', () => !server.extensionHostPids().includes(hostA));
      const releasedA = Date.now();
      panelA = await openGenerationsPanel(wb);
      const panelAt = Date.now();
      const firstList = await waitUntil('the reloaded panel’s first job list', async () => {
        if ((await panelA.activeJob().count()) > 0) return 'jobs';
        return (await panelA.root.getByText('No generations yet').isVisible()) ? 'empty' : undefined;
      });
      assert.equal(firstList, 'jobs', 'the reloaded panel never shows an empty list while jobs run');
      await waitUntil(
        'the running jobs in the reloaded window',
        async () => (await panelA.activeJob('running').count()) === 3,
      );
      const shownMs = Date.now() - panelAt;
      const afterReload = await waitUntil('A’s jobs polled again after the reload', async () => {
        const d = await pollDelays(PROMPTS_A.map(idOf), releasedA);
        return d.every(Number.isFinite) ? d : undefined;
      });
      t.diagnostic(
        `after reload: jobs shown ${shownMs} ms after the panel opened; polled again after ${afterReload.join(', ')} ms`,
      );
      await wb.screenshot('flow-two-windows-reload-a-after-reload');
      for (const d of afterReload)
        assert.ok(d <= DRIVEN_WITHIN_MS, `a job of A was polled again ${d} ms after A's old host ended`);

      // Close window B: the workbench shuts down (unload, as on reload: VS Code deactivates the extension host),
      // then its extension host ends (code-server would keep it for a reconnect; the desktop ends it).
      await windowB.page.goto('about:blank');
      await windowB.close();
      windowB = undefined;
      signal(hostB, 'SIGTERM');
      await waitUntil('window B’s extension host to exit', () => !server.extensionHostPids().includes(hostB));
      const closedB = Date.now();
      const afterClose = await waitUntil('every job polled again after B closed', async () => {
        const d = await pollDelays(all.map(idOf), closedB);
        return d.every(Number.isFinite) ? d : undefined;
      });
      t.diagnostic(`after closing B: polled again after ${afterClose.join(', ')} ms (A's new host: ${hostA2})`);
      // A closed web window does not always deactivate its extension host first (the web workbench does not wait
      // for long shutdown work), so B's leases may have to run out: taken over within one lease, never lost.
      for (const d of afterClose)
        assert.ok(d <= DEFAULT_LEASE_MS + DRIVEN_WITHIN_MS, `a job was polled again ${d} ms after B closed`);

      for (const prompt of all) {
        await panelA.resultCard(prompt.slice(0, 30)).waitFor({ state: 'visible', timeout: 150_000 });
      }
      const assets = await waitUntil('three takes and their sidecars', () => {
        const a = generatedAssets(session);
        return a.media.length >= 3 && a.sidecars.length >= 3 ? a : undefined;
      });
      await wb.screenshot('flow-two-windows-reload-done');
      const counts = await emulatorCounts(emulator);
      assert.equal(counts.submits.replicate, 3, 'each job submitted exactly once');
      assert.equal(assets.media.length, 3, `one take per job: ${assets.media.join(', ')}`);
      assert.equal(assets.sidecars.length, 3, `one sidecar per job: ${assets.sidecars.join(', ')}`);
      for (const prompt of all) {
        const downloads = await requestsFor(emulator, 'replicate', 'output', idOf(prompt));
        assert.equal(downloads.length, 1, `"${prompt}" was downloaded once`);
      }
      const sidecarPrompts = assets.sidecars.map(
        (s) => JSON.parse(session.readWorkspaceFile(`${ASSETS_FOLDER}/${s}`)).input.prompt as string,
      );
      assert.deepEqual(sidecarPrompts.sort(), [...all].sort());
      const started = genQueueLogs(session).filter((l) => l.text.includes('job and lease files in'));
      t.diagnostic(started.map((l) => l.text.match(/job and lease files in .*/)?.[0]).join('\n'));
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await session.diagnose('flow-two-windows-reload')}`);
    }
  });
});
