// Flow 5: failures a person can act on. A validation error (fal 422) stays in the panel's Failed section in red
// with a plain message, and Retry makes a new linked job that succeeds (the failure then moves to History, linked
// to its retry); an exhausted fal balance (403) shows amber
// with the top-up advice; a storm of 429s on submit and status ends in success with nothing shown as failed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { emulatorAvailable } from '../harness/emulator';
import { emulatorCounts, emulatorJobs, injectFault, requestLog, scriptJobs } from '../harness/emulatorControl';
import { type EmulatedSession, startEmulatedSession } from '../harness/emulatorSession';
import { ASSETS_FOLDER, generatedAssets, generateFromPalette } from '../harness/generate';
import { openGenerationsPanel, type Panel } from '../harness/panel';
import { waitUntil } from '../harness/waitUntil';

const MODEL = 'fal-ai/flux/schnell';
const MODEL_LABEL = 'FLUX.1 [schnell]';
const PROMPT_INVALID = 'A neon sign that reads OPEN, flickering in the rain';
const PROMPT_BROKE = 'A piggy bank on an empty desk';
const PROMPT_STORM = 'A traffic jam of paper boats on a canal';
const VALIDATION_DETAIL = 'Prompt contains characters this model cannot read';

function rgb(color: string): [number, number, number] {
  const [r = 0, g = 0, b = 0] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return [r, g, b];
}

/** The colour of a failed row's category stripe (its left border), as [r, g, b]. */
async function stripeColor(row: Locator): Promise<[number, number, number]> {
  return rgb(await row.evaluate((el) => getComputedStyle(el).borderLeftColor));
}

/**
 * Starts recording every notification toast the window shows (text and severity icon), so a toast that comes
 * and goes between two looks is still seen. Returns a reader.
 */
async function recordToasts(page: Page): Promise<() => Promise<{ severity: string; text: string }[]>> {
  // A string, not a function: tsx's keepNames helpers (__name) do not exist in the page.
  await page.evaluate(`(() => {
    const seen = [];
    window.__gqToasts = seen;
    const read = () => {
      for (const toast of document.querySelectorAll('.notifications-toasts .notification-toast')) {
        const icon = toast.querySelector('.notification-list-item-icon');
        const cls = icon ? icon.className : '';
        const severity = /codicon-error/.test(cls) ? 'error' : /codicon-warning/.test(cls) ? 'warning' : 'info';
        const message = toast.querySelector('.notification-list-item-message');
        const text = ((message || toast).innerText || '').trim();
        if (!seen.some((s) => s.text === text && s.severity === severity)) seen.push({ severity, text });
      }
    };
    read();
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  return async () => (await page.evaluate('[...(window.__gqToasts || [])]')) as { severity: string; text: string }[];
}

async function failedIds(panel: Panel): Promise<string[]> {
  const ids: string[] = [];
  for (const row of await panel.failedJob().all()) ids.push((await row.getAttribute('data-id')) ?? '');
  return ids.sort();
}

describe('flow: failures show what to do, retry works, rate limits stay invisible', {
  timeout: 420_000,
  skip: emulatorAvailable() ? false : 'test/emulator/runEmulator.ts is missing',
}, () => {
  let env: EmulatedSession;
  let panel: Panel;

  before(async () => {
    env = await startEmulatedSession();
    // Short, predictable jobs: the flow is about failures, not waiting.
    await scriptJobs(env.emulator, { model: MODEL, script: { queueMs: 500, runMs: 1500, output: 'images' } });
    panel = await openGenerationsPanel(env.session.wb);
    await panel.root.getByText('No generations yet').waitFor();
  });

  after(async () => {
    await env?.stop();
  });

  it('a validation error stays in Failed in red with a plain message; Retry makes a linked job that succeeds', async (t) => {
    const { session, emulator } = env;
    const { wb } = session;
    try {
      await injectFault(emulator, { provider: 'fal', route: 'submit', kind: '422', detail: VALIDATION_DETAIL });
      await generateFromPalette(session, { modelLabel: MODEL_LABEL, prompt: PROMPT_INVALID });

      const failed = panel.failedJob().filter({ hasText: PROMPT_INVALID.slice(0, 30) });
      await failed.waitFor({ state: 'visible' });
      const failedId = await failed.getAttribute('data-id');
      assert.ok(failedId, 'the failed job has an id');
      assert.equal(await failed.getAttribute('data-category'), 'input');
      assert.equal((await failed.locator('.failed-cat').textContent())?.trim(), 'Input problem');
      const message = (await failed.locator('.failed-message').textContent())?.trim() ?? '';
      t.diagnostic(`failed message: ${message}`);
      assert.ok(message.includes(VALIDATION_DETAIL), `the provider's reason is in the message: "${message}"`);
      assert.match(message, /retry/i, `the message says what to do: "${message}"`);
      // Plain words: no JSON, no status codes, no stack.
      assert.doesNotMatch(message, /[{}[\]]|\b422\b|status code|Error:|at \w+ \(/, `plain message: "${message}"`);
      const [r, g, b] = await stripeColor(failed);
      assert.ok(r > g + 80 && r > b + 80, `the failed row is red (stripe rgb(${r}, ${g}, ${b}))`);
      await wb.runCommand('Notifications: Clear All Notifications');
      await wb.screenshot('flow-failures-validation');

      await panel.action(failed, 'retry').click();

      await panel.resultCard(PROMPT_INVALID.slice(0, 30)).waitFor({ state: 'visible', timeout: 90_000 });
      const assets = await waitUntil('the retried take and its sidecar', () => {
        const a = generatedAssets(session);
        return a.media.length >= 1 && a.sidecars.length >= 1 ? a : undefined;
      });
      assert.equal(assets.sidecars.length, 1, `one sidecar: ${assets.sidecars.join(', ')}`);
      const sidecar = JSON.parse(session.readWorkspaceFile(`${ASSETS_FOLDER}/${assets.sidecars[0]}`));
      assert.equal(sidecar.retriedFrom, failedId, 'the new take records the job it retried');
      assert.equal(sidecar.input.prompt, PROMPT_INVALID);

      const counts = await emulatorCounts(emulator);
      assert.equal(counts.requests['fal:submit'], 2, 'two submits arrived: the rejected one and the retry');
      assert.equal(counts.submits.fal, 1, 'only the retry created a job');
      // Its retry succeeded: the failure leaves Failed, and History shows it linked to the retry.
      await failed.waitFor({ state: 'detached' });
      const historyRow = panel.root.locator(`.history-list li[data-id="${failedId}"]`);
      await historyRow.waitFor({ state: 'visible' });
      assert.match((await historyRow.locator('.history-meta').textContent()) ?? '', /FLUX\.1 \[schnell\].* · retried$/);
      await wb.screenshot('flow-failures-retried');
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await session.diagnose('flow-failures-validation')}`);
    }
  });

  it('an exhausted fal balance shows amber with the top-up advice', async () => {
    const { session, emulator } = env;
    const { wb } = session;
    try {
      await injectFault(emulator, { provider: 'fal', route: 'submit', kind: '403-balance' });
      const toasts = await recordToasts(wb.page);
      await generateFromPalette(session, { modelLabel: MODEL_LABEL, prompt: PROMPT_BROKE });

      const failed = panel.failedJob().filter({ hasText: PROMPT_BROKE.slice(0, 25) });
      await failed.waitFor({ state: 'visible' });
      assert.equal(await failed.getAttribute('data-category'), 'billing-policy');
      assert.equal((await failed.locator('.failed-cat').textContent())?.trim(), 'Billing or content policy');
      const message = (await failed.locator('.failed-message').textContent())?.trim() ?? '';
      assert.match(message, /balance/i, `says the balance ran out: "${message}"`);
      assert.match(message, /top up/i, `says to top up: "${message}"`);
      assert.match(message, /fal\.ai\/dashboard\/billing/, `says where: "${message}"`);
      const [r, g, b] = await stripeColor(failed);
      assert.ok(r > 150 && g > 110 && b < 100 && g > b + 80, `the failed row is amber (rgb(${r}, ${g}, ${b}))`);
      // The failure is also announced, as a failure (this is what the 429 storm below must never show).
      await waitUntil('a failure notification about the balance', async () =>
        (await toasts()).some((s) => s.severity !== 'info' && /balance/i.test(s.text)),
      );
      await wb.runCommand('Notifications: Clear All Notifications');
      await wb.screenshot('flow-failures-balance');
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await session.diagnose('flow-failures-balance')}`);
    }
  });

  it('a 429 storm on submit and status ends in success, one submit, nothing shown as failed', async (t) => {
    const { session, emulator } = env;
    const { wb } = session;
    try {
      const failedBefore = await failedIds(panel);
      await wb.runCommand('Notifications: Clear All Notifications');
      const toasts = await recordToasts(wb.page);
      const logStart = (await requestLog(emulator)).length;
      await injectFault(emulator, { provider: 'fal', route: 'submit', kind: '429', times: 3, retryAfter: '1' });
      await injectFault(emulator, { provider: 'fal', route: 'stream', kind: '429', times: 2, retryAfter: '1' });
      await injectFault(emulator, { provider: 'fal', route: 'status', kind: '429', times: 2, retryAfter: '1' });

      await generateFromPalette(session, { modelLabel: MODEL_LABEL, prompt: PROMPT_STORM });
      await panel.resultCard(PROMPT_STORM.slice(0, 30)).waitFor({ state: 'visible', timeout: 120_000 });

      const storm = (await requestLog(emulator)).slice(logStart).filter((r) => r.provider === 'fal');
      const limited = storm.filter((r) => r.fault === '429');
      t.diagnostic(
        `requests during the storm: ${storm.map((r) => `${r.route}${r.fault ? `(${r.fault})` : ''}`).join(' ')}`,
      );
      assert.equal(limited.filter((r) => r.route === 'submit').length, 3, 'all three submit 429s were served');
      assert.ok(
        limited.some((r) => r.route === 'stream' || r.route === 'status'),
        'status checks were rate limited too',
      );
      const jobs = (await emulatorJobs(emulator)).filter((j) => j.input.prompt === PROMPT_STORM);
      assert.equal(jobs.length, 1, 'exactly one job was created at the provider');
      assert.deepEqual(await failedIds(panel), failedBefore, 'nothing new in the Failed section');
      const seen = await toasts();
      t.diagnostic(`toasts during the storm: ${JSON.stringify(seen)}`);
      const alarming = seen.filter((s) => s.severity !== 'info' || /fail|error|limit|429/i.test(s.text));
      assert.deepEqual(alarming, [], 'no error or warning notification');
      await wb.screenshot('flow-failures-429-storm');
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await session.diagnose('flow-failures-429')}`);
    }
  });
});
