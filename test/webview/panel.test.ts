// The generations panel in headless Debian Chromium, under the production CSP, behind a fake host.
// Every test ends by asserting that no CSP violation, console error or page error happened.
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import {
  DEFAULT_HISTORY_QUERY,
  type HistoryQuery,
  type WebviewToHost,
} from '../../src/extension/panel/generationsProtocol';
import { HistoryIndex } from '../../src/extension/panel/historyIndex';
import { formatElapsed } from '../../webview/generations/jobDisplay';
import { largeSnapshot, makeSnapshot, type PanelState, SAMPLE_NOW, sampleSnapshot } from '../fakes/jobViews';
import {
  buildWebviewBundle,
  launchChromium,
  openPanel,
  type PanelPage,
  type PanelServer,
  startPanelServer,
} from './harness';

const SHOTS = 'test-results/webview';
let browser: Browser;
let server: PanelServer;

before(async () => {
  const bundle = await buildWebviewBundle();
  server = await startPanelServer(bundle);
  browser = await launchChromium();
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function snapshot(): PanelState {
  return sampleSnapshot({ previewBase: server.mediaBase, fileBase: 'file:///work/project/assets/generated' });
}

async function withPanel(
  fn: (p: PanelPage) => Promise<void>,
  opts: Parameters<typeof openPanel>[2] = {},
): Promise<void> {
  const p = await openPanel(browser, server, opts);
  try {
    await fn(p);
    assert.deepEqual(await p.problems(), [], 'no CSP violations, console errors or page errors');
  } finally {
    await p.page.context().close();
  }
}

/** Clicks `selector` and returns exactly what the webview posted because of it. */
async function postsOf(p: PanelPage, selector: string): Promise<WebviewToHost[]> {
  await p.clearPosted();
  await p.page.locator(selector).first().click();
  return p.posted();
}

describe('generations panel (headless Chromium, production CSP)', () => {
  test('sends ready first, before any snapshot, exactly once; shows a loading line until then', async () => {
    await withPanel(async (p) => {
      assert.deepEqual(await p.posted(), [{ type: 'ready' }]);
      assert.match(await text(p.page.locator('.quiet')), /Loading generations/);
      await p.send(snapshot());
      assert.deepEqual(await p.posted(), [{ type: 'ready' }]);
    });
  });

  test('the CSP is enforced: a test-injected inline style attribute is reported (control for the checks)', async () => {
    const p = await openPanel(browser, server);
    try {
      await p.page.evaluate(() => document.body.setAttribute('style', 'color: red'));
      await p.page.waitForFunction(
        () => (window as unknown as { __cspViolations: unknown[] }).__cspViolations.length > 0,
      );
      const problems = await p.problems();
      assert.ok(
        problems.some((x) => x.includes('style-src')),
        problems.join('\n'),
      );
    } finally {
      await p.page.context().close();
    }
  });

  test('renders one row per active job with the right step text, dot colour and actions', async () => {
    await withPanel(async (p) => {
      await p.send(snapshot());
      const expected: [id: string, state: string, dot: string, step: RegExp][] = [
        ['active-waiting', 'waiting', 'queued', /^Waiting for a free slot$/],
        ['active-submitting', 'submitting', 'queued', /^Sending…$/],
        ['active-queued', 'queued', 'queued', /^Queued #2$/],
        ['active-running', 'running', 'running', /^Generating 45% · Almost done…$/],
        ['active-cancelling', 'cancelling', 'queued', /^Cancelling…$/],
        ['active-downloading', 'downloading', 'running', /^Downloading$/],
        ['active-importing', 'importing', 'running', /^Importing$/],
        ['active-unknown', 'unknown', 'warning', /^Submit outcome unknown$/],
        ['active-stale', 'running', 'warning', /^Still running at provider — stopped checking$/],
        ['active-stopped-auth', 'running', 'failed', /^Stopped checking: Replicate rejected the API token \(401\)\./],
        ['active-stopped-download', 'downloading', 'failed', /^Stopped checking: Downloading the result kept failing/],
      ];
      const rows = p.page.locator('.section--active li.job');
      assert.equal(await rows.count(), expected.length);
      for (const [id, state, dot, step] of expected) {
        const row = p.page.locator(`.job[data-id="${id}"]`);
        assert.equal(await row.getAttribute('data-state'), state, id);
        assert.match((await text(row.locator('.job-step'))).trim(), step, id);
        assert.equal(await row.locator(`.dot.dot--${dot}`).count(), 1, `${id} dot ${dot}`);
        assert.equal(await row.locator('[data-action="cancel"]').count(), 1, `${id} has Cancel`);
      }
      assert.equal(await p.page.locator('.job[data-id="active-cancelling"] [data-action="cancel"]').isDisabled(), true);
      assert.equal(await p.page.locator('.job[data-id="active-unknown"] [data-action="checkAgain"]').count(), 1);
      assert.equal(await p.page.locator('.job[data-id="active-unknown"] [data-action="resubmit"]').count(), 1);
      assert.equal(await p.page.locator('.job[data-id="active-stale"] [data-action="checkAgain"]').count(), 1);
      assert.equal(await p.page.locator('.job[data-id="active-stale"] [data-action="resubmit"]').count(), 0);
      // Stopped because of an error: Check again on both; Set API Key only for the rejected key.
      for (const [id, setKey] of [
        ['active-stale', 0],
        ['active-stopped-auth', 1],
        ['active-stopped-download', 0],
      ] as const) {
        const row = p.page.locator(`.job[data-id="${id}"]`);
        assert.equal(await row.locator('[data-action="checkAgain"]').count(), 1, `${id} Check again`);
        assert.equal(await row.locator('[data-action="setApiKey"]').count(), setKey, `${id} Set API Key`);
        assert.equal(await row.locator('[data-action="resubmit"]').count(), 0, `${id} no Submit again`);
      }
      assert.match(
        (await p.page.locator('.job[data-id="active-stopped-auth"] .job-step').getAttribute('title')) ?? '',
        /Set a new token, then Check again\.$/,
        'the full reason is in the tooltip when the line is cut',
      );
      assert.equal(
        (await text(p.page.locator('.toolbar .summary'))).trim(),
        '11 active (1 generating) · 4 need attention · 4 failed',
        'stale, stopped and unknown jobs are not counted as generating',
      );
      assert.equal(await p.page.locator('.job[data-id="active-stale"].job--stopped').count(), 0);
      // Expanded, a stopped row says why in full and links to the provider's error.
      await p.page.locator('.job[data-id="active-stopped-download"] .job-toggle').click();
      assert.match(
        await text(p.page.locator('.job[data-id="active-stopped-download"] .stop-reason')),
        /stopped checking this job: Downloading the result kept failing \(HTTP 503\)\. Check again to retry the download\.\s+It may still finish at fal\.ai/,
      );
      await p.clearPosted();
      await p.page.locator('.job[data-id="active-stopped-download"] .stop-reason [data-action="showError"]').click();
      assert.deepEqual(await p.posted(), [{ type: 'showError', id: 'active-stopped-download' }]);
      await p.page.locator('.job[data-id="active-stale"] .job-toggle').click();
      assert.equal(await p.page.locator('.job[data-id="active-stale"] .stop-reason').count(), 0);
      assert.equal(await p.page.locator('.job[data-id="active-stopped-download"].job--stopped').count(), 1);
      assert.equal(await text(p.page.locator('.job[data-id="active-running"] .eta')), '~45 s left');
      assert.equal(
        await p.page
          .locator('.job[data-id="active-running"] progress')
          .evaluate((e) => (e as HTMLProgressElement).value),
        45,
      );
      // Dot colours come from the theme: running is --vscode-charts-orange (#d18616 in the fake dark theme).
      const colour = await p.page
        .locator('.job[data-id="active-running"] .dot')
        .evaluate((e) => getComputedStyle(e).backgroundColor);
      assert.equal(colour, 'rgb(209, 134, 22)');
    });
  });

  test('elapsed timers derive from snapshot.now and tick locally once a second', async () => {
    const p = await openPanel(browser, server);
    try {
      // A paused fake clock: nothing ticks unless the test says so.
      await p.page.clock.install({ time: SAMPLE_NOW - 60_000 });
      await p.reload();
      await p.page.clock.pauseAt(SAMPLE_NOW);
      const s = snapshot();
      s.now = SAMPLE_NOW + 5_000; // the host's clock may differ from the webview's; the host's wins
      await p.send(s);
      const running = s.jobs.find((j) => j.id === 'active-running')!;
      const started = running.stateAt.submitting!;
      const elapsed = p.page.locator('.job[data-id="active-running"] .elapsed');
      assert.equal(await text(elapsed), formatElapsed(s.now - started));
      await p.page.clock.runFor(3000);
      assert.equal(await text(elapsed), formatElapsed(s.now + 3000 - started));
      assert.deepEqual(await p.problems(), []);
    } finally {
      await p.page.context().close();
    }
  });

  test('one interval drives every timer: per second while active, slow for relative times, none when empty', async () => {
    await withPanel(async (p) => {
      const live = () => p.page.evaluate(() => (window as unknown as { __liveIntervals(): number }).__liveIntervals());
      assert.equal(await live(), 0);
      await p.send(snapshot());
      assert.equal(await live(), 1, 'nine active rows, one interval');
      await p.send(snapshot());
      assert.equal(await live(), 1, 'a new snapshot reuses it');
      const idle = snapshot();
      idle.jobs = idle.jobs.filter((j) => ['succeeded', 'failed', 'canceled'].includes(j.state));
      await p.send(idle);
      assert.equal(await live(), 1, 'finished cards still say "3 min ago": one slow interval');
      await p.send(makeSnapshot({ history: idle.history }));
      assert.equal(await live(), 0, 'nothing relative on screen: no timer');
    });
  });

  test('relative times on cards and failures move on without a new snapshot', async () => {
    const p = await openPanel(browser, server);
    try {
      await p.page.clock.install({ time: SAMPLE_NOW - 60_000 });
      await p.reload();
      await p.page.clock.pauseAt(SAMPLE_NOW);
      const idle = snapshot();
      idle.jobs = idle.jobs.filter((j) => ['succeeded', 'failed'].includes(j.state));
      await p.send(idle);
      const card = p.page.locator('.card[data-id="done-0"] .card-meta');
      const failure = p.page.locator('.failed[data-id="failed-input"] .provider');
      assert.match(await text(card), /· 2 min ago/);
      assert.match(await text(failure), /· 3 min ago/);
      await p.page.clock.runFor(10 * 60_000);
      assert.match(await text(card), /· 12 min ago/);
      assert.match(await text(failure), /· 13 min ago/);
      assert.deepEqual(await p.problems(), []);
    } finally {
      await p.page.context().close();
    }
  });

  test('a failure its retry took over leaves Failed; an input error offers Edit & retry first', async () => {
    await withPanel(async (p) => {
      const s = snapshot();
      const transient = s.jobs.find((j) => j.id === 'failed-transient')!;
      transient.view.retried = true;
      await p.send(s);
      const ids = await p.page
        .locator('.failed-list > li')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      assert.deepEqual(ids.sort(), ['failed-auth', 'failed-billing-policy', 'failed-input']);
      assert.match(await text(p.page.locator('.toolbar .summary')), /· 3 failed/);
      const input = p.page.locator('.failed[data-id="failed-input"] .failed-actions .text-btn');
      assert.deepEqual(
        await input.evaluateAll((els) =>
          els.map((e) => `${e.getAttribute('data-action')}:${!e.classList.contains('text-btn--primary')}`),
        ),
        ['editRetry:false', 'retry:true'],
        'Edit & retry is the primary button',
      );
      const billing = p.page.locator('.failed[data-id="failed-billing-policy"] .failed-actions .text-btn');
      assert.deepEqual(
        await billing.evaluateAll((els) =>
          els.map((e) => `${e.getAttribute('data-action')}:${!e.classList.contains('text-btn--primary')}`),
        ),
        ['retry:false', 'editRetry:true'],
      );
    });
  });

  test("a failure that read references lists them, and each field's Change… opens Edit & retry on it", async () => {
    await withPanel(async (p) => {
      const s = snapshot();
      const ref = { sha256: '0'.repeat(64), bytes: 1, contentType: 'image/png' };
      s.jobs.find((j) => j.id === 'failed-input')!.refs = [
        { ...ref, field: 'image_urls', index: 0, path: 'shots/a.png' },
        { ...ref, field: 'image_urls', index: 1, path: 'shots/b.png' },
        { ...ref, field: 'audio_url', path: 'voice/line.wav', contentType: 'audio/wav' },
      ];
      await p.send(s);
      const rows = p.page.locator('.failed[data-id="failed-input"] .failed-refs li');
      assert.deepEqual(
        (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()),
        ['image_urls: shots/a.png, shots/b.png Change…', 'audio_url: voice/line.wav Change…'],
      );
      assert.deepEqual(
        await postsOf(p, '.failed[data-id="failed-input"] li[data-field="audio_url"] [data-action="changeRef"]'),
        [{ type: 'editRetry', id: 'failed-input', field: 'audio_url' }],
      );
      assert.equal(await p.page.locator('.failed[data-id="failed-auth"] .failed-refs').count(), 0);
    });
  });

  test('model labels, not ids, on rows, cards, failures and history; History links a failure and its retry', async () => {
    await withPanel(async (p) => {
      const s = snapshot();
      const local = s.jobs.find((j) => j.id === 'done-2')!;
      local.view.modelLabel = 'Offline test image';
      s.jobs.find((j) => j.id === 'failed-input')!.view.modelLabel = 'FLUX.1 [schnell]';
      s.jobs.find((j) => j.id === 'active-running')!.view.modelLabel = 'Kling 2.1';
      s.history[0] = { ...s.history[0]!, modelLabel: 'Offline melody', retriedFrom: 'hist-1' };
      await p.send(s);
      assert.match(await text(p.page.locator('.card[data-id="done-2"] .card-meta')), /^\s*Offline test image · /);
      assert.equal(await text(p.page.locator('.failed[data-id="failed-input"] .model')), 'FLUX.1 [schnell]');
      assert.equal(await text(p.page.locator('.job[data-id="active-running"] .model')), 'Kling 2.1');
      const meta = (id: string) => text(p.page.locator(`.history-list li[data-id="${id}"] .history-meta`));
      assert.match(await meta('hist-0'), /^Offline melody · .* · retry of a failed run$/);
      assert.match(await meta('hist-1'), / · retried$/);
      await p.page.locator('vscode-textfield[name="search"] input').fill('offline melody');
      await p.settle();
      assert.deepEqual(await historyIds(p), ['hist-0'], 'history search finds the label');
    });
  });

  test('the chevron expands a row into the 5-step tracker, input details and logs; Enter and Space toggle', async () => {
    await withPanel(async (p) => {
      await p.send(snapshot());
      const row = p.page.locator('.job[data-id="active-running"]');
      const toggle = row.locator('.job-toggle');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.equal(await row.locator('.tracker').count(), 0);
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      const steps = row.locator('.tracker .step');
      assert.equal(await steps.count(), 5);
      const classes = await steps.evaluateAll((els) => els.map((e) => e.className.replace('step ', '')));
      assert.deepEqual(classes, ['step--done', 'step--done', 'step--active', 'step--pending', 'step--pending']);
      assert.deepEqual(
        (await row.locator('.step-label').allInnerTexts()).map((s) => s.trim()),
        ['Sent', 'Queued', 'Generating 45%', 'Downloading', 'Importing'],
      );
      assert.equal(await row.locator('.step--done .codicon-check').count(), 2);
      const details = await text(row.locator('.details-grid'));
      for (const label of ['Prompt', 'Endpoint', 'Provider', 'Cost']) assert.match(details, new RegExp(label));
      const prompt = await text(row.locator('.details-grid dd').first());
      assert.ok(prompt.length <= 80, prompt);
      assert.match(await text(row.locator('.logs pre')), /Sampling: 45%/);

      // Keyboard: the queued row's toggle is a button; Enter opens, Space closes.
      const queued = p.page.locator('.job[data-id="active-queued"] .job-toggle');
      await queued.focus();
      await p.page.keyboard.press('Enter');
      assert.equal(await queued.getAttribute('aria-expanded'), 'true');
      const q = await p.page
        .locator('.job[data-id="active-queued"] .tracker .step')
        .evaluateAll((els) => els.map((e) => `${e.textContent?.replace(/\s+/g, ' ').trim()}|${e.className}`));
      assert.match(q[1] ?? '', /Queued #2.*step--active/);
      await p.page.keyboard.press(' ');
      assert.equal(await queued.getAttribute('aria-expanded'), 'false');
    });
  });

  test('the active tracker step pulses, except with prefers-reduced-motion', async () => {
    for (const reducedMotion of [false, true]) {
      await withPanel(
        async (p) => {
          await p.send(snapshot());
          await p.page.locator('.job[data-id="active-running"] .job-toggle').click();
          const anim = await p.page
            .locator('.job[data-id="active-running"] .step--active .step-icon')
            .evaluate((e) => getComputedStyle(e).animationName);
          assert.equal(anim, reducedMotion ? 'none' : 'gq-pulse');
        },
        { reducedMotion },
      );
    }
  });

  test('recent results: the six newest successes as draggable cards with image, video and audio previews', async () => {
    await withPanel(async (p) => {
      await p.send(snapshot());
      const cards = p.page.locator('.section--recent li.card');
      assert.equal(await cards.count(), 6);
      assert.deepEqual(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))), [
        'done-0',
        'done-1',
        'done-2',
        'done-3',
        'done-4',
        'done-5',
      ]);
      const img = p.page.locator('.card[data-id="done-0"] .preview img');
      assert.equal(await img.getAttribute('src'), `${server.mediaBase}/done-0.png`);
      await p.page.waitForFunction(() => {
        const i = document.querySelector('genqueue-app')?.shadowRoot?.querySelector('.card[data-id="done-0"] img');
        return i instanceof HTMLImageElement && i.complete && i.naturalWidth > 0;
      });
      // Video and audio show a play button; their native controls are built on the first play.
      assert.equal(await p.page.locator('.card[data-id="done-1"] .preview video:not([controls])').count(), 1);
      assert.equal(await p.page.locator('.card[data-id="done-2"] .preview audio:not([controls])').count(), 1);
      assert.equal(await p.page.locator('.card[data-id="done-3"] .preview audio:not([controls])').count(), 1);
      for (const id of ['done-1', 'done-2']) {
        const play = p.page.locator(`.card[data-id="${id}"] [data-action="play"]`);
        assert.match(
          (await play.getAttribute('aria-label')) ?? '',
          id === 'done-1' ? /^Play the video result of / : /^Play the audio result of /,
        );
        await play.click();
        await play.waitFor({ state: 'hidden' });
        assert.equal(
          await p.page.locator(`.card[data-id="${id}"] .preview :is(video, audio)[controls]`).count(),
          1,
          `${id} controls after play`,
        );
      }
      assert.equal(await cards.first().getAttribute('draggable'), 'true');

      const drag = await p.page.evaluate(() => {
        const card = document.querySelector('genqueue-app')?.shadowRoot?.querySelector('.card[data-id="done-0"]');
        const dt = new DataTransfer();
        card?.dispatchEvent(new DragEvent('dragstart', { dataTransfer: dt, bubbles: true, composed: true }));
        return {
          uris: dt.getData('text/uri-list'),
          code: dt.getData('application/vnd.code.uri-list'),
          plain: dt.getData('text/plain'),
        };
      });
      assert.deepEqual(drag, {
        uris: 'file:///work/project/assets/generated/done-0.png',
        code: 'file:///work/project/assets/generated/done-0.png',
        plain: 'assets/generated/done-0.png',
      });
    });
  });

  test('failed jobs are coloured by category; auth offers Set API Key; Retry all appears with two or more', async () => {
    await withPanel(async (p) => {
      await p.send(snapshot());
      const expected: [string, string][] = [
        ['input', 'rgb(241, 76, 76)'], // --vscode-charts-red
        ['billing-policy', 'rgb(204, 167, 0)'], // --vscode-charts-yellow (amber)
        ['auth', 'rgb(204, 167, 0)'],
        ['transient', 'rgb(55, 148, 255)'], // --vscode-charts-blue
      ];
      for (const [category, colour] of expected) {
        const row = p.page.locator(`.failed[data-id="failed-${category}"]`);
        assert.equal(await row.getAttribute('class'), `failed failed--${category}`);
        assert.equal(await row.evaluate((e) => getComputedStyle(e).borderLeftColor), colour, category);
        assert.equal(await row.locator('[data-action="setApiKey"]').count(), category === 'auth' ? 1 : 0);
      }
      assert.match(await text(p.page.locator('.failed[data-id="failed-input"] .failed-message')), /image_size "huge"/);
      assert.equal(await p.page.locator('[data-action="retryAllFailed"]').count(), 1);

      const one = snapshot();
      one.jobs = one.jobs.filter(
        (j) => j.id !== 'failed-auth' && j.id !== 'failed-input' && j.id !== 'failed-transient',
      );
      await p.send(one);
      assert.equal(await p.page.locator('.failed').count(), 1);
      assert.equal(await p.page.locator('[data-action="retryAllFailed"]').count(), 0);
    });
  });

  test('every action posts the right message', async () => {
    await withPanel(async (p) => {
      await p.send(snapshot());
      const cases: [string, WebviewToHost][] = [
        ['.job[data-id="active-running"] [data-action="cancel"]', { type: 'cancel', id: 'active-running' }],
        ['.job[data-id="active-stale"] [data-action="checkAgain"]', { type: 'checkAgain', id: 'active-stale' }],
        ['.job[data-id="active-stopped-auth"] [data-action="setApiKey"]', { type: 'setApiKey', provider: 'replicate' }],
        [
          '.job[data-id="active-stopped-download"] [data-action="checkAgain"]',
          { type: 'checkAgain', id: 'active-stopped-download' },
        ],
        ['.job[data-id="active-unknown"] [data-action="checkAgain"]', { type: 'checkAgain', id: 'active-unknown' }],
        ['.job[data-id="active-unknown"] [data-action="resubmit"]', { type: 'resubmit', id: 'active-unknown' }],
        ['.failed[data-id="failed-input"] [data-action="retry"]', { type: 'retry', id: 'failed-input' }],
        ['.failed[data-id="failed-input"] [data-action="editRetry"]', { type: 'editRetry', id: 'failed-input' }],
        ['.failed[data-id="failed-input"] [data-action="showError"]', { type: 'showError', id: 'failed-input' }],
        ['.failed[data-id="failed-input"] [data-action="dismiss"]', { type: 'dismiss', id: 'failed-input' }],
        ['.failed[data-id="failed-auth"] [data-action="setApiKey"]', { type: 'setApiKey', provider: 'replicate' }],
        ['[data-action="retryAllFailed"]', { type: 'retryAllFailed' }],
        ['.card[data-id="done-0"] [data-action="insert"]', { type: 'insert', id: 'done-0', take: 0 }],
        ['.card[data-id="done-0"] [data-action="reveal"]', { type: 'reveal', id: 'done-0', take: 0 }],
        ['.card[data-id="done-0"] [data-action="download"]', { type: 'download', id: 'done-0', take: 0 }],
        ['.card[data-id="done-0"] [data-action="rerun"]', { type: 'rerun', id: 'done-0' }],
        ['[data-action="generate-image"]', { type: 'generate', modality: 'image' }],
        ['[data-action="generate-speech"]', { type: 'generate', modality: 'speech' }],
        ['[data-action="clearFinished"]', { type: 'clearFinished' }],
        ['.history-list li[data-id="hist-0"] .history-row', { type: 'openHistory', id: 'hist-0' }],
      ];
      for (const [selector, message] of cases) {
        assert.deepEqual(await postsOf(p, selector), [message], selector);
      }
      // A click on Cancel must not also toggle the row.
      assert.equal(
        await p.page.locator('.job[data-id="active-running"] .job-toggle').getAttribute('aria-expanded'),
        'false',
      );
      // The card's Insert is keyboard-operable too.
      await p.clearPosted();
      await p.page.locator('.card[data-id="done-1"] [data-action="insert"]').focus();
      await p.page.keyboard.press('Enter');
      assert.deepEqual(await p.posted(), [{ type: 'insert', id: 'done-1', take: 0 }]);
    });
  });

  test('empty state: explanation, four Generate buttons, and the offline-provider note only without keys', async () => {
    await withPanel(async (p) => {
      await p.send(makeSnapshot({ keys: { fal: false, replicate: false, local: true } }));
      assert.match(await text(p.page.locator('.empty h2')), /No generations yet/);
      const buttons = p.page.locator('.empty [data-action="generate"]');
      assert.equal(await buttons.count(), 4);
      for (const modality of ['image', 'video', 'audio', 'speech'] as const) {
        assert.deepEqual(await postsOf(p, `.empty [data-modality="${modality}"]`), [{ type: 'generate', modality }]);
      }
      assert.match(await text(p.page.locator('.empty .note')), /offline Local provider/);
      assert.deepEqual(await postsOf(p, '.note [data-provider="fal"]'), [{ type: 'setApiKey', provider: 'fal' }]);
      await p.page.screenshot({ path: `${SHOTS}/empty-dark.png` });
      await p.send(makeSnapshot({ keys: { fal: true, replicate: false, local: true } }));
      assert.equal(await p.page.locator('.empty .note').count(), 0);
    });
  });

  test('history: the host filters 1,000 rows; search and every filter ask it and narrow the list', async () => {
    await withPanel(async (p) => {
      const s = largeSnapshot({ active: 3, history: 1000, previewBase: server.mediaBase });
      await p.send(s);
      await p.page.locator('.section--active .section-toggle').click();
      await p.page.locator('.section--recent .section-toggle').click();
      await p.page.locator('.section--failed .section-toggle').click();
      assert.match(await text(p.page.locator('.history-count')), /1,000 finished · 100 loaded/);
      const index = new HistoryIndex();
      index.upsert(s.history);
      const expectIds = async (filter: Partial<HistoryQuery>, why: string) => {
        await p.settle();
        const query = { ...DEFAULT_HISTORY_QUERY, ...filter };
        const want = index.page(query, 0, 1000, s.now);
        assert.ok(want.matches > 0, `${why}: the fixture has matches`);
        const got = await historyIds(p);
        assert.ok(got.length > 0, `${why}: rows in view`);
        assert.deepEqual(
          got,
          want.rows.slice(0, got.length).map((r) => r.id),
          why,
        );
        const count = await text(p.page.locator('.history-count'));
        assert.match(count, new RegExp(`^\\s*${want.matches.toLocaleString('en-US')} of 1,000 match`), why);
        const asked = (await p.posted()).filter((m) => m.type === 'loadHistory').at(-1);
        assert.deepEqual(asked, { type: 'loadHistory', query, offset: 0, limit: 100 }, `${why}: asked the host`);
      };

      await p.page.locator('vscode-textfield[name="search"] input').fill('lighthouse');
      await expectIds({ search: 'lighthouse' }, 'search by prompt');
      await p.page.locator('vscode-textfield[name="search"] input').fill('musicgen');
      await expectIds({ search: 'musicgen' }, 'search by model');
      await p.page.locator('vscode-textfield[name="search"] input').fill('');

      await chooseOption(p, 'status', 'Failed');
      await expectIds({ status: 'failed' }, 'status filter');
      await chooseOption(p, 'modality', 'Video');
      await expectIds({ status: 'failed', modality: 'video' }, 'status + modality');
      await chooseOption(p, 'status', 'Any status');
      await chooseOption(p, 'provider', 'Replicate');
      await expectIds({ modality: 'video', provider: 'replicate' }, 'modality + provider');
      await chooseOption(p, 'range', 'Last 7 days');
      await expectIds({ modality: 'video', provider: 'replicate', range: '7d' }, 'date range');
      await chooseOption(p, 'modality', 'Any type');
      await chooseOption(p, 'provider', 'Any provider');
      await chooseOption(p, 'range', 'Today');
      await expectIds({ range: 'today' }, 'today');

      await p.page.locator('vscode-textfield[name="search"] input').fill('no such prompt anywhere');
      await p.settle();
      assert.match(await text(p.page.locator('.no-match')), /No finished generations match/);
    });
  });

  test('UI state survives a reload: expanded rows, collapsed sections and filters come back from getState', async () => {
    await withPanel(async (p) => {
      await p.send(snapshot());
      await p.page.locator('.job[data-id="active-running"] .job-toggle').click();
      await p.page.locator('.section--recent .section-toggle').click();
      await p.page.locator('vscode-textfield[name="search"] input').fill('lighthouse');
      assert.equal(await p.page.locator('.section--recent .cards').count(), 0);

      await p.reload();
      assert.deepEqual(await p.posted(), [{ type: 'ready' }], 'a reloaded webview says ready again');
      await p.send(snapshot());
      assert.equal(
        await p.page.locator('.job[data-id="active-running"] .job-toggle').getAttribute('aria-expanded'),
        'true',
      );
      assert.equal(await p.page.locator('.job[data-id="active-running"] .tracker').count(), 1);
      assert.equal(await p.page.locator('.section--recent .section-toggle').getAttribute('aria-expanded'), 'false');
      assert.equal(await p.page.locator('.section--recent .cards').count(), 0);
      assert.equal(
        await p.page.locator('vscode-textfield[name="search"]').evaluate((e) => (e as HTMLInputElement).value),
        'lighthouse',
      );

      // Expanded ids of jobs that are gone are forgotten, so saved state stays small.
      const gone = snapshot();
      gone.jobs = gone.jobs.filter((j) => j.id !== 'active-running');
      await p.send(gone);
      const saved = await p.page.evaluate(() => JSON.parse(sessionStorage.getItem('fake-vscode-state') ?? '{}'));
      assert.deepEqual(saved.expanded, []);
      assert.deepEqual(saved.collapsed, ['recent']);
    });
  });

  test('renders only the latest snapshot (complete snapshots, never merged)', async () => {
    await withPanel(async (p) => {
      await p.send(snapshot());
      assert.equal(await p.page.locator('.job[data-id="active-queued"]').count(), 1);
      const next = snapshot();
      next.jobs = next.jobs.filter((j) => j.id !== 'active-queued');
      await p.send(next);
      assert.equal(await p.page.locator('.job[data-id="active-queued"]').count(), 0);
      // A malformed snapshot is ignored (with a warning), the last good one stays on screen.
      await p.page.evaluate(() =>
        window.dispatchEvent(new MessageEvent('message', { data: { type: 'snapshot', snapshot: {} } })),
      );
      assert.equal(await p.page.locator('.job[data-id="active-running"]').count(), 1);
    });
  });

  test('no inline style attributes in the panel DOM (outside vscode-elements internals)', async () => {
    await withPanel(async (p) => {
      await p.send(snapshot());
      await p.page.locator('.job[data-id="active-running"] .job-toggle').click();
      // Iterative walk: tsx would wrap a nested named function in a helper the page does not have.
      const found = await p.page.evaluate(() => {
        const ours: string[] = [];
        const theirs: string[] = [];
        const stack: [Document | ShadowRoot, boolean][] = [[document, false]];
        while (stack.length > 0) {
          const [root, inVscodeElement] = stack.pop()!;
          for (const el of root.querySelectorAll('*')) {
            if (el.hasAttribute('style')) (inVscodeElement ? theirs : ours).push(`${el.tagName}.${el.className}`);
            if (el.shadowRoot) stack.push([el.shadowRoot, inVscodeElement || el.tagName.startsWith('VSCODE-')]);
          }
        }
        return { ours, theirs };
      });
      assert.deepEqual(found.ours, []);
      // vscode-elements set sizes/positions through CSSOM (their stylePropertyMap directive: element.style, which the
      // CSP allows, unlike a style="" attribute in markup); those show up as [style] inside their shadow roots:
      // vscode-icon's glyph, vscode-single-select's dropdown and its vscode-scrollable. Nothing else may.
      const known =
        /^(SPAN\. ?codicon|DIV\. ?dropdown|VSCODE-SCROLLABLE|DIV\. ?(scrollable-container|shadow|scrollbar-thumb))/;
      assert.deepEqual(
        found.theirs.filter((x) => !known.test(x)),
        [],
      );
    });
  });

  test('dark and light themes: screenshots for review, colours follow the theme variables', async () => {
    const colours: string[] = [];
    for (const theme of ['dark', 'light'] as const) {
      await withPanel(
        async (p) => {
          await p.send(snapshot());
          await p.page.locator('.job[data-id="active-running"] .job-toggle').click();
          await p.page.locator('.job[data-id="active-unknown"] .job-toggle').click();
          colours.push(await p.page.locator('genqueue-app').evaluate((e) => getComputedStyle(e).color));
          await p.page.evaluate(() => document.fonts.ready);
          const path = `${SHOTS}/panel-${theme}.png`;
          // Grow the viewport instead of fullPage: history rows use content-visibility:auto and only paint in view.
          const height = await p.page.evaluate(() => document.documentElement.scrollHeight);
          await p.page.setViewportSize({ width: 820, height });
          await p.page.screenshot({ path });
          assert.ok((await stat(path)).size > 10_000);
        },
        { theme, width: 820 },
      );
    }
    assert.deepEqual(colours, ['rgb(204, 204, 204)', 'rgb(59, 59, 59)']);
  });

  test('the default bottom panel (800×300): active rows come first, one line each, six or more in view', async () => {
    await withPanel(
      async (p) => {
        await p.send(snapshot());
        await p.page.evaluate(() => document.fonts.ready);
        // No named helpers inside evaluate: tsx would wrap them in a function the page does not have.
        const boxes = await p.page.evaluate(() => {
          const root = document.querySelector('genqueue-app')?.shadowRoot;
          return {
            firstSection: root?.querySelector('section')?.className ?? '',
            rows: [...(root?.querySelectorAll('.section--active li.job') ?? [])].map((li) => {
              const [row, title, step] = [li, li.querySelector('.job-title'), li.querySelector('.job-step')].map((e) =>
                e?.getBoundingClientRect(),
              );
              return {
                id: li.getAttribute('data-id'),
                row: row && { top: row.top, bottom: row.bottom },
                title: title && { top: title.top, bottom: title.bottom },
                step: step && { top: step.top, bottom: step.bottom },
              };
            }),
            scrollX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          };
        });
        assert.match(boxes.firstSection, /section--active/);
        assert.equal(boxes.scrollX, 0);
        const inView = boxes.rows.filter((r) => r.row && r.row.bottom <= 300);
        assert.ok(inView.length >= 6, `${inView.length} active rows fully in view`);
        // A plain row puts its step beside the title; a stopped row keeps its reason on a line of its own.
        const plain = boxes.rows.find((r) => r.id === 'active-queued');
        assert.ok(plain?.title && plain.step && plain.step.top < plain.title.bottom, 'queued: step on the title line');
        const stopped = boxes.rows.find((r) => r.id === 'active-stopped-auth');
        assert.ok(stopped?.title && stopped.step && stopped.step.top >= stopped.title.bottom - 1, 'stopped: own line');
        await p.page.screenshot({ path: `${SHOTS}/panel-800x300-dark.png` });
      },
      { width: 800, height: 300 },
    );
  });

  test('a narrow sidebar width keeps rows on one line each and nothing overflows horizontally', async () => {
    await withPanel(
      async (p) => {
        await p.send(snapshot());
        await p.page.locator('.job[data-id="active-running"] .job-toggle').click();
        const overflow = await p.page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.equal(overflow, 0);
        const height = await p.page.evaluate(() => document.documentElement.scrollHeight);
        await p.page.setViewportSize({ width: 340, height });
        await p.page.screenshot({ path: `${SHOTS}/panel-narrow-dark.png` });
      },
      { width: 340 },
    );
  });
});

/** A locator's text ('' when it has none). */
async function text(l: Locator): Promise<string> {
  return (await l.textContent()) ?? '';
}

/** Ids of the history rows in the DOM, in list order (the virtualizer keeps only a window of them). */
async function historyIds(p: PanelPage): Promise<string[]> {
  // The virtualizer lays out on animation frames: two frames and its rows are placed.
  await p.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return p.page.locator('.history-list > li').evaluateAll((els) =>
    els
      .map((e) => ({ id: e.getAttribute('data-id') ?? '', top: e.getBoundingClientRect().top }))
      .sort((a, b) => a.top - b.top)
      .map((x) => x.id),
  );
}

/** Picks the option with `label` in a history filter, as a user would (a native select). */
async function chooseOption(p: PanelPage, name: string, label: string): Promise<void> {
  const select = p.page.locator(`select[name="${name}"]`);
  await select.selectOption({ label });
  await p.page.waitForFunction(
    ([n, l]) => {
      const s = document.querySelector('genqueue-app')?.shadowRoot?.querySelector(`select[name="${n}"]`);
      return s instanceof HTMLSelectElement && s.selectedOptions[0]?.textContent?.trim() === l;
    },
    [name, label],
  );
}
