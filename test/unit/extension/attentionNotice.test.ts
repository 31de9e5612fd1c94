import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attentionNotice, staleReasonOf } from '../../../src/extension/status/attentionNotice';
import { makeJob } from './jobFixtures';

const authError = {
  category: 'auth' as const,
  message: 'fal.ai rejected the API key. Set a new key, then Check Again.',
  retryable: false,
};
const downloadError = {
  category: 'transient' as const,
  message: 'Downloading the result kept failing.',
  retryable: true,
};

test('stale past the polling window: the "may still finish" wording, a warning, Check Again offered', () => {
  const n = attentionNotice(makeJob({ state: 'running', stale: true, provider: 'replicate', model: 'a/b/c' }));
  assert.equal(n.severity, 'warning');
  assert.match(n.message, /^b\/c is taking longer than the polling window\. It may still finish at replicate/);
  assert.deepEqual(n.actions, ['checkAgain', 'showPanel']);
});

test('stale because the key was rejected mid-poll: "Stopped checking: <message>", sticky error, Set API Key first', () => {
  const n = attentionNotice(makeJob({ state: 'running', stale: true, error: authError }));
  assert.equal(n.severity, 'error');
  assert.equal(n.message, `FLUX.1 [schnell] — Stopped checking: ${authError.message}`);
  assert.doesNotMatch(n.message, /polling window/);
  assert.deepEqual(n.actions, ['setApiKey', 'checkAgain']);
});

test('stale because downloads kept failing: stopped-checking wording with Check Again, no Set API Key', () => {
  const n = attentionNotice(makeJob({ state: 'downloading', stale: true, error: downloadError }));
  assert.equal(n.severity, 'error');
  assert.equal(n.message, `FLUX.1 [schnell] — Stopped checking: ${downloadError.message}`);
  assert.deepEqual(n.actions, ['checkAgain', 'showPanel']);
});

test('unknown submit outcome: look at it in the panel', () => {
  const n = attentionNotice(makeJob({ state: 'unknown', provider: 'fal' }));
  assert.equal(n.severity, 'warning');
  assert.match(n.message, /could not tell whether fal received a FLUX\.1 \[schnell\] job/);
  assert.deepEqual(n.actions, ['showPanel']);
});

test('staleReason: recorded value wins; otherwise inferred from job.error; undefined when not stale', () => {
  assert.equal(staleReasonOf(makeJob({ stale: true })), 'window');
  assert.equal(staleReasonOf(makeJob({ stale: true, error: downloadError })), 'error');
  assert.equal(
    staleReasonOf({ ...makeJob({ stale: true, error: downloadError }), staleReason: 'window' } as never),
    'window',
  );
  assert.equal(staleReasonOf({ ...makeJob({ stale: true }), staleReason: 'error' } as never), 'error');
  assert.equal(staleReasonOf(makeJob({ stale: false, error: authError })), undefined);
  assert.equal(
    staleReasonOf({ ...makeJob({ stale: true }), staleReason: 'bogus' } as never),
    'window',
    'bad value: infer',
  );
  const recorded = attentionNotice({ ...makeJob({ stale: true, error: authError }), staleReason: 'window' } as never);
  assert.match(recorded.message, /polling window/);
});
