import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveProvider } from '../../../src/extension/generate/providerChoice';
import { DEFAULT_HISTORY_QUERY } from '../../../src/extension/panel/generationsProtocol';
import { validateWebviewMessage } from '../../../src/extension/panel/messageValidation';

const QUERY = DEFAULT_HISTORY_QUERY;

test('every well-formed webview message is accepted as is', () => {
  const good = [
    { type: 'ready' },
    { type: 'generate', modality: 'speech' },
    { type: 'cancel', id: 'j1' },
    { type: 'retry', id: 'j1' },
    { type: 'editRetry', id: 'j1' },
    { type: 'editRetry', id: 'j1', field: 'image_url' },
    { type: 'rerun', id: 'j1' },
    { type: 'dismiss', id: 'j1' },
    { type: 'checkAgain', id: 'j1' },
    { type: 'resubmit', id: 'j1' },
    { type: 'showError', id: 'j1' },
    { type: 'insert', id: 'j1', take: 0 },
    { type: 'reveal', id: 'j1', take: 2 },
    { type: 'download', id: 'j1', take: 1 },
    { type: 'openHistory', id: 'j1' },
    { type: 'retryAllFailed' },
    { type: 'clearFinished' },
    { type: 'setApiKey', provider: 'fal' },
    { type: 'loadHistory', query: QUERY, offset: 0, limit: 100 },
    {
      type: 'loadHistory',
      query: { search: 'lighthouse s03', status: 'failed', modality: 'video', provider: 'replicate', range: '7d' },
      offset: 9_900,
      limit: 500,
    },
  ];
  for (const m of good) assert.deepEqual(validateWebviewMessage(m), m, JSON.stringify(m));
});

test('malformed messages are rejected', () => {
  const bad: unknown[] = [
    null,
    'ready',
    [],
    {},
    { type: 42 },
    { type: 'nope' },
    { type: 'cancel' },
    { type: 'cancel', id: '' },
    { type: 'cancel', id: 7 },
    { type: 'cancel', id: 'x'.repeat(500) },
    { type: 'editRetry', id: 'j1', field: 7 },
    { type: 'editRetry', id: 'j1', field: '' },
    { type: 'editRetry', field: 'image_url' },
    { type: 'insert', id: 'j', take: -1 },
    { type: 'insert', id: 'j', take: 1.5 },
    { type: 'insert', id: 'j', take: '0' },
    { type: 'generate', modality: 'smell' },
    { type: 'setApiKey', provider: 'local' },
    { type: 'setApiKey', provider: 'evil' },
    { type: 'loadHistory' },
    { type: 'loadHistory', query: QUERY },
    { type: 'loadHistory', query: QUERY, offset: -1, limit: 100 },
    { type: 'loadHistory', query: QUERY, offset: 0.5, limit: 100 },
    { type: 'loadHistory', query: QUERY, offset: '0', limit: 100 },
    { type: 'loadHistory', query: QUERY, offset: 0, limit: 0 },
    { type: 'loadHistory', query: QUERY, offset: 0, limit: 501 },
    { type: 'loadHistory', query: QUERY, offset: 2_000_000, limit: 100 },
    { type: 'loadHistory', query: null, offset: 0, limit: 100 },
    { type: 'loadHistory', query: [], offset: 0, limit: 100 },
    { type: 'loadHistory', query: { ...QUERY, search: 7 }, offset: 0, limit: 100 },
    { type: 'loadHistory', query: { ...QUERY, search: 'x'.repeat(501) }, offset: 0, limit: 100 },
    { type: 'loadHistory', query: { ...QUERY, status: 'running' }, offset: 0, limit: 100 },
    { type: 'loadHistory', query: { ...QUERY, modality: 'smell' }, offset: 0, limit: 100 },
    { type: 'loadHistory', query: { ...QUERY, provider: 'evil' }, offset: 0, limit: 100 },
    { type: 'loadHistory', query: { ...QUERY, range: 'forever' }, offset: 0, limit: 100 },
    {
      type: 'loadHistory',
      query: { search: '', status: 'all', modality: 'all', provider: 'all' },
      offset: 0,
      limit: 100,
    },
  ];
  for (const m of bad) assert.equal(validateWebviewMessage(m), undefined, JSON.stringify(m));
});

test('extra fields are dropped, not passed on', () => {
  assert.deepEqual(validateWebviewMessage({ type: 'cancel', id: 'j', __proto__x: 1, extra: 'x' }), {
    type: 'cancel',
    id: 'j',
  });
  assert.deepEqual(
    validateWebviewMessage({ type: 'loadHistory', query: { ...QUERY, sql: 'drop' }, offset: 0, limit: 1, x: 1 }),
    { type: 'loadHistory', query: QUERY, offset: 0, limit: 1 },
  );
});

test('provider choice: auto picks fal, then replicate by key, else local; explicit settings win', () => {
  assert.equal(
    resolveProvider('auto', (p) => p === 'replicate'),
    'replicate',
  );
  assert.equal(
    resolveProvider('auto', () => true),
    'fal',
  );
  assert.equal(
    resolveProvider('auto', () => false),
    'local',
  );
  assert.equal(
    resolveProvider(undefined, () => false),
    'local',
  );
  assert.equal(
    resolveProvider('replicate', () => false),
    'replicate',
  );
});
