// Pure parts of the webview (no browser): sections, history filters, display text, UI-state restore.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HistoryQuery, HistoryRow } from '../../src/extension/panel/generationsProtocol';
import { matcher, rangeStart } from '../../src/extension/panel/historyIndex';
import {
  dotKind,
  formatElapsed,
  formatEta,
  inputDetails,
  modelLabel,
  staleReasonOf,
  stepText,
  trackerSteps,
  truncate,
} from '../../webview/generations/jobDisplay';
import { partition } from '../../webview/generations/panelModel';
import { DEFAULT_UI_STATE, restoreUiState } from '../../webview/generations/uiState';
import {
  activeJobViews,
  failedJobViews,
  makeHistoryRows,
  makeJobView,
  recentJobViews,
  SAMPLE_NOW,
  sampleSnapshot,
} from '../fakes/jobViews';

const filterHistory = (rows: HistoryRow[], q: HistoryQuery, now: number) => rows.filter(matcher(q, now));

const byId = (id: string) => {
  const j = activeJobViews().find((x) => x.id === id);
  assert.ok(j, id);
  return j;
};

test('partition: unfinished jobs are active, six newest successes are recent, failures stay', () => {
  const s = partition(sampleSnapshot().jobs);
  assert.equal(s.active.length, 11);
  assert.ok(s.active.every((j) => !['succeeded', 'failed', 'canceled'].includes(j.state)));
  assert.deepEqual(
    s.recent.map((j) => j.id),
    ['done-0', 'done-1', 'done-2', 'done-3', 'done-4', 'done-5'],
  );
  assert.deepEqual(
    s.failed.map((j) => j.id),
    ['failed-input', 'failed-billing-policy', 'failed-auth', 'failed-transient'],
  );
});

test('step text per state, including stale and unknown', () => {
  assert.equal(stepText(byId('active-queued')), 'Queued #2');
  assert.equal(stepText(byId('active-running')), 'Generating 45%');
  assert.equal(stepText(makeJobView({ state: 'running' })), 'Generating…');
  assert.equal(stepText(byId('active-downloading')), 'Downloading');
  assert.equal(stepText(byId('active-unknown')), 'Submit outcome unknown');
  assert.equal(stepText(byId('active-stale')), 'Still running at provider — stopped checking');
  assert.equal(
    stepText(byId('active-stopped-auth')),
    'Stopped checking: Replicate rejected the API token (401). Set a new token, then Check again.',
  );
  assert.equal(
    stepText(byId('active-stopped-download')),
    'Stopped checking: Downloading the result kept failing (HTTP 503). Check again to retry the download.',
  );
  assert.equal(stepText(byId('active-waiting')), 'Waiting for a free slot');
  assert.equal(stepText(byId('active-cancelling')), 'Cancelling…');
});

test('stale reason: the recorded staleReason wins, else inferred from job.error; only for stale jobs', () => {
  const err = { category: 'transient' as const, message: 'old hiccup', retryable: true };
  assert.equal(staleReasonOf({ stale: true }), 'window');
  assert.equal(staleReasonOf({ stale: true, error: err }), 'error');
  assert.equal(staleReasonOf({ stale: false, error: err }), undefined);
  const recordedWindow = {
    ...makeJobView({ state: 'running', stale: true, error: err }),
    staleReason: 'window' as const,
  };
  assert.equal(staleReasonOf(recordedWindow), 'window');
  assert.equal(stepText(recordedWindow), 'Still running at provider — stopped checking');
  const recordedError = { ...makeJobView({ state: 'running', stale: true }), staleReason: 'error' as const };
  assert.equal(stepText(recordedError), 'Stopped checking: checking its status kept failing.');
});

test('status dot colour family per state', () => {
  assert.equal(dotKind({ state: 'running' }), 'running');
  assert.equal(dotKind({ state: 'queued' }), 'queued');
  assert.equal(dotKind({ state: 'waiting' }), 'queued');
  assert.equal(dotKind({ state: 'succeeded' }), 'done');
  assert.equal(dotKind({ state: 'failed' }), 'failed');
  assert.equal(dotKind({ state: 'unknown' }), 'warning');
  assert.equal(dotKind({ state: 'running', stale: true }), 'warning');
  const err = { category: 'auth' as const, message: 'key rejected', retryable: false };
  assert.equal(dotKind({ state: 'running', stale: true, error: err }), 'failed', 'stopped checking: red');
  assert.equal(dotKind({ state: 'running', error: err }), 'running', 'an error on a job still being checked');
});

test('tracker: done steps before the active one, queue position in the label', () => {
  const q = trackerSteps(byId('active-queued'));
  assert.deepEqual(
    q.map((s) => `${s.label}:${s.status}`),
    ['Sent:done', 'Queued #2:active', 'Generating:pending', 'Downloading:pending', 'Importing:pending'],
  );
  const r = trackerSteps(byId('active-running'));
  assert.deepEqual(
    r.map((s) => s.status),
    ['done', 'done', 'active', 'pending', 'pending'],
  );
  assert.equal(r[2]?.label, 'Generating 45%');
  assert.ok(r[0]?.at !== undefined && r[2]?.at !== undefined);
  assert.ok(trackerSteps(byId('active-waiting')).every((s) => s.status === 'pending'));
});

test('formatting: elapsed, ETA, truncation at 80 characters, model labels', () => {
  assert.equal(formatElapsed(0), '0:00');
  assert.equal(formatElapsed(65_400), '1:05');
  assert.equal(formatElapsed(3_723_000), '1:02:03');
  assert.equal(formatElapsed(-5_000), '0:00');
  assert.equal(formatEta(42_000), '~45 s left');
  assert.equal(formatEta(130_000), '~3 min left');
  assert.equal(formatEta(undefined), undefined);
  const long = 'x'.repeat(120);
  assert.equal(truncate(long).length, 80);
  assert.ok(truncate(long).endsWith('…'));
  assert.equal(truncate('short prompt'), 'short prompt');
  assert.equal(modelLabel('fal-ai/flux/schnell'), 'flux/schnell');
  assert.equal(modelLabel('black-forest-labs/flux-schnell'), 'flux-schnell');
  assert.equal(modelLabel('plain'), 'plain');
});

test('input details: prompt, duration, resolution, aspect ratio, endpoint, provider, cost', () => {
  const video = activeJobViews().find((j) => j.modality === 'video' && !j.stale);
  assert.ok(video);
  const labels = inputDetails(video).map((d) => d.label);
  for (const l of ['Prompt', 'Duration', 'Resolution', 'Aspect ratio', 'Endpoint', 'Provider', 'Cost']) {
    assert.ok(labels.includes(l), `${l} in ${labels.join(',')}`);
  }
});

test('history filters: search prompt and model, status, modality, provider, date range', () => {
  const rows = makeHistoryRows(1000);
  const f = { ...DEFAULT_UI_STATE };
  assert.equal(filterHistory(rows, f, SAMPLE_NOW).length, 1000);
  const lighthouse = filterHistory(rows, { ...f, search: 'LIGHTHOUSE basalt' }, SAMPLE_NOW);
  assert.ok(lighthouse.length > 0 && lighthouse.every((r) => r.prompt.toLowerCase().includes('lighthouse')));
  const musicgen = filterHistory(rows, { ...f, search: 'musicgen' }, SAMPLE_NOW);
  assert.ok(musicgen.length > 0 && musicgen.every((r) => r.model === 'meta/musicgen'));
  const failed = filterHistory(rows, { ...f, status: 'failed' }, SAMPLE_NOW);
  assert.ok(failed.length > 0 && failed.every((r) => r.state === 'failed'));
  const speech = filterHistory(rows, { ...f, modality: 'speech', provider: 'replicate' }, SAMPLE_NOW);
  assert.ok(speech.length > 0 && speech.every((r) => r.modality === 'speech' && r.provider === 'replicate'));
  const week = filterHistory(rows, { ...f, range: '7d' }, SAMPLE_NOW);
  assert.ok(week.length > 0 && week.length < 1000);
  assert.ok(week.every((r) => r.createdAt >= SAMPLE_NOW - 7 * 86_400_000));
  const today = filterHistory(rows, { ...f, range: 'today' }, SAMPLE_NOW);
  assert.ok(today.every((r) => r.createdAt >= rangeStart('today', SAMPLE_NOW)));
  assert.ok(today.length < week.length);
});

test('restoreUiState keeps valid fields and drops junk', () => {
  assert.deepEqual(restoreUiState(undefined), DEFAULT_UI_STATE);
  assert.deepEqual(restoreUiState('garbage'), DEFAULT_UI_STATE);
  const r = restoreUiState({
    expanded: ['a', 3, 'b'],
    collapsed: ['history', 'nope'],
    search: 'fox',
    status: 'failed',
    modality: 'hologram',
    provider: 'fal',
    range: '7d',
  });
  assert.deepEqual(r, {
    v: 1,
    expanded: ['a', 'b'],
    collapsed: ['history'],
    search: 'fox',
    status: 'failed',
    modality: 'all',
    provider: 'fal',
    range: '7d',
  });
});

test('fakes: recent jobs carry previews and local paths; failed jobs cover every category', () => {
  const r = recentJobViews({ previewBase: 'http://x/media', fileBase: 'file:///w' });
  assert.ok(r.every((j) => j.view.previews[0]?.startsWith('http://x/media/') && j.takes[0]?.localPath));
  assert.ok(r.every((j) => j.view.fileUris?.[0]?.startsWith('file:///w/')));
  assert.deepEqual(
    failedJobViews().map((j) => j.error?.category),
    ['input', 'billing-policy', 'auth', 'transient'],
  );
});
