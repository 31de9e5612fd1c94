// Flow 7: two windows on the same profile. A job submitted in window A shows in both panels, only one extension
// host polls the provider for it, and it completes once: one submit, one download, one take and one sidecar.
//
// How "one poller" is told apart at the emulator (it records no client identity): the job runs on Replicate,
// which GenQueue polls (no status stream), and a single engine never polls one prediction faster than once a
// second (MIN_POLL_DELAY_MS). Two windows polling the same prediction interleave on the 1–1.5 s rungs of the
// polling ladder, so two of their requests land well under a second apart. The extension hosts' own GenQueue
// logs (one folder per host) then say which host moved the job through its states.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MIN_POLL_DELAY_MS } from '../../../src/core/pollPlan';
import { emulatorAvailable } from '../harness/emulator';
import { emulatorCounts, emulatorJobs, requestsFor, scriptJobs } from '../harness/emulatorControl';
import { type EmulatedSession, startEmulatedSession } from '../harness/emulatorSession';
import { ASSETS_FOLDER, generatedAssets, generateFromPalette } from '../harness/generate';
import { genQueueLogs, openSecondWindow, type SecondWindow } from '../harness/multiWindow';
import { openGenerationsPanel } from '../harness/panel';
import { waitUntil } from '../harness/waitUntil';

const MODEL = 'black-forest-labs/flux-schnell';
const MODEL_LABEL = 'FLUX.1 [schnell]';
/** Long enough to watch in both windows (~15 s), short enough for the suite. */
const SCRIPT = { queueMs: 2000, runMs: 13_000, steps: 6 };
const PROMPT = 'Two monitors side by side showing the same timeline';
/** Timer and request latency may bring two polls of one engine a little closer than its minimum gap. */
const SINGLE_POLLER_MIN_GAP_MS = MIN_POLL_DELAY_MS * 0.9;

describe('flow: two windows, one job, one poller', {
  timeout: 300_000,
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

  it('shows the job in both windows and polls and imports it from one extension host only', async (t) => {
    const { session, emulator } = env;
    const { wb } = session;
    try {
      const panelA = await openGenerationsPanel(wb);
      await panelA.root.getByText('No generations yet').waitFor();
      const hostA = await session.waitForExtensionHost();

      windowB = await openSecondWindow(session);
      const hosts = await waitUntil('a second extension host for window B', () => {
        const pids = session.server.extensionHostPids();
        return pids.length >= 2 ? pids : undefined;
      });
      t.diagnostic(`extension hosts: ${hosts.join(', ')} (window A: ${hostA})`);
      assert.equal(hosts.length, 2, 'each window runs its own extension host');
      const panelB = await windowB.openGenerationsPanel();
      await panelB.root.getByText('No generations yet').waitFor();

      await generateFromPalette(session, { modelLabel: MODEL_LABEL, prompt: PROMPT });
      const jobA = panelA.activeJob().first();
      await jobA.waitFor({ state: 'visible' });
      const jobId = await jobA.getAttribute('data-id');
      assert.ok(jobId, 'the active job has an id');
      const jobB = panelB.root.locator(`li.job[data-id="${jobId}"]`);
      await jobB.waitFor({ state: 'visible', timeout: 30_000 });
      await panelB.activeJob('running').waitFor({ timeout: 30_000 });
      await wb.screenshot('flow-two-windows-a-running');
      await windowB.screenshot('flow-two-windows-b-running');

      await panelA.resultCard(PROMPT.slice(0, 30)).waitFor({ state: 'visible', timeout: 90_000 });
      await panelB.resultCard(PROMPT.slice(0, 30)).waitFor({ state: 'visible', timeout: 30_000 });
      await wb.screenshot('flow-two-windows-a-done');
      await windowB.screenshot('flow-two-windows-b-done');

      const assets = await waitUntil('the take and its sidecar', () => {
        const a = generatedAssets(session);
        return a.media.length >= 1 && a.sidecars.length >= 1 ? a : undefined;
      });
      const jobs = (await emulatorJobs(emulator)).filter((j) => j.input.prompt === PROMPT);
      assert.equal(jobs.length, 1, 'one prediction at the provider');
      const predictionId = jobs[0]?.id ?? '';
      const counts = await emulatorCounts(emulator);
      assert.equal(counts.submits.replicate, 1, 'submitted once');
      assert.equal(counts.requests['replicate:submit'], 1, 'one create request');

      // The last GET is the result fetch, right after the poll that saw the prediction succeed (one engine:
      // status, then result); every GET before it is a status poll.
      const gets = (await requestsFor(emulator, 'replicate', 'status', predictionId)).filter((r) => r.method === 'GET');
      const polls = gets.slice(0, -1);
      const gaps = polls.slice(1).map((r, i) => r.at - (polls[i]?.at ?? r.at));
      t.diagnostic(`${polls.length} status polls + 1 result fetch, poll gaps (ms): ${gaps.join(', ')}`);
      assert.ok(polls.length >= 3, `the job was polled (${polls.length} status requests)`);
      const tooClose = gaps.filter((g) => g < SINGLE_POLLER_MIN_GAP_MS);
      assert.deepEqual(tooClose, [], `no two status polls closer than one engine polls (gaps ${gaps.join(', ')})`);
      // After the prediction finished, one engine asks at most twice (the poll that sees it, the result fetch).
      const [submitted] = await requestsFor(emulator, 'replicate', 'submit');
      const finishedAt = (submitted?.at ?? 0) + SCRIPT.queueMs + SCRIPT.runMs;
      const late = gets.filter((r) => r.at >= finishedAt);
      assert.ok(late.length <= 2, `${late.length} GETs after the prediction finished (one engine makes 2)`);

      const downloads = await requestsFor(emulator, 'replicate', 'output', predictionId);
      assert.equal(downloads.length, 1, `the output was downloaded once (${downloads.map((d) => d.path).join(', ')})`);
      assert.equal(assets.media.length, 1, `one take: ${assets.media.join(', ')}`);
      assert.equal(assets.sidecars.length, 1, `one sidecar: ${assets.sidecars.join(', ')}`);
      const sidecar = JSON.parse(session.readWorkspaceFile(`${ASSETS_FOLDER}/${assets.sidecars[0]}`));
      assert.equal(sidecar.input.prompt, PROMPT);

      // Each extension host writes its own GenQueue log: both started GenQueue, only one drove the job.
      // Log files are flushed a moment after the lines are written.
      const logs = await waitUntil('both GenQueue logs, one showing the job finish', () => {
        const l = genQueueLogs(session);
        const done = l.some((x) => x.text.includes(`job ${jobId} importing → succeeded`));
        return done && l.filter((x) => x.text.includes('GenQueue started')).length >= 2 ? l : undefined;
      });
      const started = logs.filter((l) => l.text.includes('GenQueue started in window'));
      assert.equal(started.length, 2, `GenQueue ran in both extension hosts (${logs.map((l) => l.dir).join(', ')})`);
      const drivers = logs.filter((l) => l.text.includes(`job ${jobId} running → downloading`));
      assert.equal(drivers.length, 1, `exactly one extension host drove the job: ${drivers.map((l) => l.dir)}`);
      assert.ok(
        logs.every((l) => l === drivers[0] || !l.text.includes(`job ${jobId} `)),
        'the other extension host never moved the job',
      );
    } catch (err) {
      const shotB = await windowB?.screenshot('flow-two-windows-b-failure').catch(() => '(none)');
      throw new Error(
        `${(err as Error).stack ?? err}\nwindow B screenshot: ${shotB}\nwindow B console errors:\n${(
          windowB?.consoleErrors() ?? []
        )
          .slice(-10)
          .join('\n')}\n${await session.diagnose('flow-two-windows')}`,
      );
    }
  });
});
