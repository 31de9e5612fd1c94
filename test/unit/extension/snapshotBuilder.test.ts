import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jobCostLabel } from '../../../src/core/jobCostLabel';
import { DEFAULT_HISTORY_QUERY, type HistoryPage } from '../../../src/extension/panel/generationsProtocol';
import { HistoryIndex } from '../../../src/extension/panel/historyIndex';
import { buildSnapshot, finishedRows, labelledRow } from '../../../src/extension/panel/snapshotBuilder';
import { toHistoryRow } from '../../../src/extension/persistence/historyFiles';
import { makeJob } from './jobFixtures';

const KEY = 'r8_secretsecretsecretsecret123';
const NO_HISTORY: HistoryPage = { query: DEFAULT_HISTORY_QUERY, offset: 0, rows: [], matches: 0, total: 0 };

test('a snapshot carries every job with previews, file URIs, ETA, hint, cost label; never a key', () => {
  const now = 1_900_000_000_000;
  const job = makeJob({
    state: 'succeeded',
    takes: [{ index: 0, localPath: 'assets/generated/a.png' }, { index: 1 }],
    cost: { estimate: { amount: 0.01, currency: 'USD', source: 'catalog', label: '≈ $0.01' } },
    error: { category: 'auth', message: 'Rejected', detail: `token ${KEY} is invalid`, retryable: false },
    logs: [`using ${KEY}`],
  });
  const running = makeJob({ state: 'running', createdAt: now - 5_000, stateAt: { submitting: now - 5_000 } });
  const snap = buildSnapshot({
    jobs: [running, job],
    history: NO_HISTORY,
    keys: { fal: false, replicate: true, local: true },
    now,
    estimateMs: () => 20_000,
    phaseHint: (j) => (j.state === 'running' ? 'Almost done…' : undefined),
    previewUri: (j, i) => (j.takes[i]?.localPath ? `https://webview/${j.takes[i]?.localPath}` : undefined),
    fileUri: (j, i) => (j.takes[i]?.localPath ? `file:///ws/${j.takes[i]?.localPath}` : undefined),
    secrets: [KEY],
  });
  assert.equal(snap.now, now);
  assert.deepEqual(snap.keys, { fal: false, replicate: true, local: true });
  const [r, s] = snap.jobs;
  assert.equal(r?.view.etaMs, 15_000);
  assert.equal(r?.view.hint, 'Almost done…');
  assert.deepEqual(s?.view.previews, ['https://webview/assets/generated/a.png', undefined]);
  assert.deepEqual(s?.view.fileUris, ['file:///ws/assets/generated/a.png', undefined]);
  assert.equal(s?.view.costLabel, '≈ $0.01 (estimate)');
  assert.ok(!JSON.stringify(snap).includes(KEY), 'no key in the snapshot');
  assert.equal(s?.error?.message, 'Rejected');
});

test('the actual cost wins over the estimate in labels', () => {
  const j = makeJob({
    cost: {
      estimate: { amount: 1, currency: 'USD', source: 'catalog', label: 'est' },
      actual: { amount: 2, currency: 'USD', source: 'provider-metrics', label: 'act' },
    },
  });
  assert.equal(jobCostLabel(j), 'act');
  assert.equal(jobCostLabel(makeJob()), undefined);
});

test('history rows: every finished job once (registry copy wins), newest first, bounded', () => {
  const old = makeJob({ id: 'old', state: 'succeeded', stateAt: { succeeded: 100 } });
  const stale = makeJob({ id: 'both', state: 'failed', stateAt: { failed: 200 } });
  const fresh = { ...stale, state: 'succeeded' as const, stateAt: { succeeded: 300 } };
  const running = makeJob({ id: 'run', state: 'running' });
  const index = new HistoryIndex();
  index.upsert([toHistoryRow(stale), toHistoryRow(old)]);
  index.upsert(finishedRows([running, fresh]));
  assert.deepEqual(
    index.rows().map((r) => [r.id, r.state]),
    [
      ['both', 'succeeded'],
      ['old', 'succeeded'],
    ],
  );
  const small = new HistoryIndex(1);
  small.upsert(finishedRows([fresh, old]));
  assert.equal(small.rows().length, 1);
});

test('jobs and history rows carry the model label; a failure taken over by its retry is marked retried', () => {
  const failedA = makeJob({ id: 'a', state: 'failed' });
  const retryOfA = makeJob({ id: 'a2', state: 'running', retriedFrom: 'a' });
  const failedB = makeJob({ id: 'b', state: 'failed' });
  const canceledRetryOfB = makeJob({ id: 'b2', state: 'canceled', retriedFrom: 'b' });
  const offline = makeJob({ id: 'o', state: 'succeeded', provider: 'local', model: 'local/image' });
  const snap = buildSnapshot({
    jobs: [failedA, retryOfA, failedB, canceledRetryOfB, offline],
    history: NO_HISTORY,
    keys: { fal: false, replicate: false, local: true },
    now: 1_900_000_000_000,
    estimateMs: () => undefined,
    phaseHint: () => undefined,
    previewUri: () => undefined,
    fileUri: () => undefined,
    secrets: [],
  });
  const view = (id: string) => snap.jobs.find((j) => j.id === id)?.view;
  assert.equal(view('a')?.retried, true, 'its retry is running');
  assert.equal(view('b')?.retried, undefined, 'a canceled retry hands the failure back');
  assert.equal(view('a2')?.retried, undefined);
  assert.equal(view('o')?.modelLabel, 'Offline test image');
  assert.equal(view('a')?.modelLabel, 'FLUX.1 [schnell]');
  const row = labelledRow(
    toHistoryRow(makeJob({ id: 'h', state: 'succeeded', provider: 'local', model: 'local/speech' })),
  );
  assert.equal(row.modelLabel, 'Offline voice (eSpeak NG)');
  assert.equal(toHistoryRow(retryOfA).retriedFrom, 'a', 'history rows keep the link to the failure they retried');
});
