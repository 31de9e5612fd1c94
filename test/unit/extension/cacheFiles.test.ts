import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CacheEntryFiles } from '../../../src/extension/persistence/cacheFiles';

const dir = () => mkdtempSync(join(tmpdir(), 'gq-cache-'));

describe('cache files', () => {
  test('entries are one file per key, and a key cannot name a path', async () => {
    const root = dir();
    const files = new CacheEntryFiles(join(root, 'schemas'));
    await files.put('replicate/acme/model:v1', { fields: 1 });
    await files.put('../../escape', { fields: 2 });
    assert.deepEqual(await files.get('replicate/acme/model:v1'), { fields: 1 });
    assert.deepEqual(await files.get('../../escape'), { fields: 2 });
    assert.equal(await files.get('other'), undefined);
    const names = readdirSync(join(root, 'schemas'));
    assert.equal(names.length, 2);
    assert.ok(names.every((n) => /^[0-9a-f]{32}\.json$/.test(n)));
    assert.deepEqual(readdirSync(root), ['schemas']);
  });
});
