import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveProvider } from '../../../src/extension/generate/providerChoice';
import { validateWebviewMessage } from '../../../src/extension/panel/messageValidation';

test('every well-formed webview message is accepted as is', () => {
  const good = [
    { type: 'ready' },
    { type: 'generate', modality: 'speech' },
    { type: 'cancel', id: 'j1' },
    { type: 'retry', id: 'j1' },
    { type: 'editRetry', id: 'j1' },
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
    { type: 'insert', id: 'j', take: -1 },
    { type: 'insert', id: 'j', take: 1.5 },
    { type: 'insert', id: 'j', take: '0' },
    { type: 'generate', modality: 'smell' },
    { type: 'setApiKey', provider: 'local' },
    { type: 'setApiKey', provider: 'evil' },
  ];
  for (const m of bad) assert.equal(validateWebviewMessage(m), undefined, JSON.stringify(m));
});

test('extra fields are dropped, not passed on', () => {
  assert.deepEqual(validateWebviewMessage({ type: 'cancel', id: 'j', __proto__x: 1, extra: 'x' }), {
    type: 'cancel',
    id: 'j',
  });
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
