import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redact, redactDeep } from '../../../src/core/redact';

const FAL_KEY = '4c1b5f2e-1234-4abc-9def-0123456789ab:0123456789abcdef0123456789abcdef';
const REPLICATE_KEY = 'r8_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';

test('a known key is masked wherever it appears', () => {
  const out = redact(`POST failed: Authorization: Key ${FAL_KEY} (retry with ${FAL_KEY})`, [FAL_KEY]);
  assert.ok(!out.includes(FAL_KEY));
  assert.ok(!out.includes('0123456789abcdef0123456789abcdef'), 'the secret half is masked too');
  assert.match(out, /POST failed/);
});

test('a URL-encoded key is masked', () => {
  const out = redact(`https://x.test/?key=${encodeURIComponent(FAL_KEY)}`, [FAL_KEY]);
  assert.ok(!out.includes(encodeURIComponent(FAL_KEY)));
});

test('key-shaped tokens are masked even when the key is not known', () => {
  const out = redact(`bad token ${REPLICATE_KEY}; header "Bearer abcdefghijklmnopqrstuvwxyz012345"`);
  assert.ok(!out.includes(REPLICATE_KEY));
  assert.ok(!out.includes('abcdefghijklmnopqrstuvwxyz012345'));
  assert.match(out, /Bearer ‹redacted›/);
});

test('ordinary text and short non-keys are left alone', () => {
  const text = 'Job 42 failed: model fal-ai/flux/schnell returned 422 (prompt too long)';
  assert.equal(redact(text, ['', 'abc', undefined]), text);
});

test('regex characters in a key do not break redaction', () => {
  const weird = 'a.b*c+d?e(f)[g]$h^i|j\\k';
  assert.equal(redact(`x ${weird} y`, [weird]), 'x ‹redacted› y');
});

test('redactDeep masks keys inside nested error details', () => {
  const out = redactDeep({ detail: `echo ${REPLICATE_KEY}`, list: [`k=${REPLICATE_KEY}`], n: 3 }, [REPLICATE_KEY]);
  assert.ok(!JSON.stringify(out).includes(REPLICATE_KEY));
  assert.equal(out.n, 3);
});
