// Where requests go and when costs are confirmed are the user's settings, never a workspace's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkBaseUrl, userValue, workspaceTried } from '../../../src/extension/host/settingsSafety';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};

test('base URLs and the budget threshold are application scope (workspace settings cannot set them; remote windows still read them)', () => {
  const props = pkg.contributes.configuration.properties;
  for (const key of ['genqueue.baseUrl.fal', 'genqueue.baseUrl.replicate', 'genqueue.budgetConfirmThreshold']) {
    assert.equal(props[key]?.scope, 'application', key);
  }
});

test("only the user's value or the default is read; a workspace value is ignored and noticed", () => {
  assert.equal(userValue({ defaultValue: 0.5, workspaceValue: 1000 }), 0.5);
  assert.equal(userValue({ defaultValue: 0.5, globalValue: 2, workspaceFolderValue: 1000 }), 2);
  assert.equal(userValue({ defaultValue: '', workspaceValue: 'https://evil.example' }), '');
  assert.equal(workspaceTried({ defaultValue: '', workspaceValue: 'https://evil.example' }), true);
  assert.equal(workspaceTried({ defaultValue: '', globalValue: 'https://proxy.example' }), false);
});

test('base URLs: https anywhere, http only on loopback (the e2e emulator), nothing else', () => {
  for (const ok of [
    'https://proxy.example.com',
    'https://proxy.example.com/v1',
    'http://127.0.0.1:4010',
    'http://localhost:9/v1',
    'http://[::1]:8080',
  ]) {
    assert.deepEqual(checkBaseUrl(ok), { ok: true, url: ok }, ok);
  }
  for (const [bad, reason] of [
    ['http://evil.example.com', /only allowed for this machine/],
    ['http://10.0.0.5:8080', /only allowed for this machine/],
    ['ftp://127.0.0.1', /only https/],
    ['file:///etc/passwd', /only https/],
    ['queue.fal.run', /not a URL/],
    ['https://user:pw@proxy.example.com', /user name or password/],
    ['http://127.0.0.1.evil.example.com', /only allowed for this machine/],
  ] as const) {
    const r = checkBaseUrl(bad);
    assert.equal(r.ok, false, bad);
    assert.match(r.ok ? '' : r.reason, reason, bad);
  }
});
