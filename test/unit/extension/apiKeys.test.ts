import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiKeys, SECRET_KEYS, validateKeyInput } from '../../../src/extension/keys/apiKeys';
import { HostLog } from '../../../src/extension/shared/hostLog';
import { FakeSecretStorage } from '../../fakes/vscodeFakes';

const FAL = '11111111-2222-4333-8444-555555555555:abcdefabcdefabcdefabcdefabcdefab';
const REP = 'r8_0123456789abcdefghijABCDEFGHIJ';

test('secret storage wins over the environment; the environment is the fallback', async () => {
  const secrets = new FakeSecretStorage();
  const keys = new ApiKeys(secrets, { FAL_KEY: 'env-fal-key-123', REPLICATE_API_TOKEN: REP });
  await keys.load();
  assert.equal(keys.get('fal'), 'env-fal-key-123');
  assert.equal(keys.source('fal'), 'env');
  await keys.set('fal', `  ${FAL}\n`);
  assert.equal(keys.get('fal'), FAL, 'trimmed');
  assert.equal(keys.source('fal'), 'secret');
  assert.equal(await secrets.get(SECRET_KEYS.fal), FAL);
  await keys.clear('fal');
  assert.equal(keys.get('fal'), 'env-fal-key-123');
  assert.deepEqual(keys.presence(), { fal: true, replicate: true, local: true });
  assert.equal(keys.get('local'), undefined);
  assert.equal(keys.has('local'), true);
});

test('a key set in another window is picked up through onDidChange', async () => {
  const secrets = new FakeSecretStorage();
  const keys = new ApiKeys(secrets, {});
  await keys.load();
  const changes: string[] = [];
  keys.onDidChange((p) => changes.push(p));
  assert.equal(keys.has('replicate'), false);
  await secrets.store(SECRET_KEYS.replicate, REP);
  await new Promise((r) => setImmediate(r));
  assert.equal(keys.get('replicate'), REP);
  assert.deepEqual(changes, ['replicate'], 'the change names its provider');
  keys.dispose();
});

test('empty keys are refused and key input is sanity-checked', async () => {
  const keys = new ApiKeys(new FakeSecretStorage(), {});
  await assert.rejects(keys.set('fal', '   '));
  assert.match(validateKeyInput('') ?? '', /Enter a key/);
  assert.match(validateKeyInput('abc def ghi') ?? '', /no spaces/);
  assert.match(validateKeyInput('short') ?? '', /too short/);
  assert.equal(validateKeyInput(FAL), undefined);
});

test('keys never reach the log, even inside provider error text', async () => {
  const keys = new ApiKeys(new FakeSecretStorage(), { REPLICATE_API_TOKEN: REP });
  await keys.load();
  await keys.set('fal', FAL);
  const lines: string[] = [];
  const sink = {
    info: (m: string) => lines.push(m),
    warn: (m: string) => lines.push(m),
    error: (m: string) => lines.push(m),
  };
  const log = new HostLog(sink, () => keys.all());
  log.forEngine('error', `401 from fal: Authorization "Key ${FAL}" invalid`);
  log.info(`replicate echoed token=${REP}`);
  for (const l of lines) {
    assert.ok(!l.includes(FAL) && !l.includes(REP), l);
    assert.match(l, /‹redacted›/);
  }
});
