import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CacheDocumentFile, CacheEntryFiles } from '../../../src/extension/persistence/cacheFiles';

const dir = () => mkdtempSync(join(tmpdir(), 'gq-cache-'));

describe('cache files', () => {
  test('a document round-trips; missing or torn is undefined, never a throw', async () => {
    const root = dir();
    const doc = new CacheDocumentFile(join(root, 'caches', 'uploads.json'));
    assert.equal(await doc.load(), undefined);
    await doc.save({ version: 1, entries: { a: 1 } });
    assert.deepEqual(await doc.load(), { version: 1, entries: { a: 1 } });
    writeFileSync(join(root, 'caches', 'uploads.json'), '{"version": 1, "entr');
    assert.equal(await doc.load(), undefined);
  });

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
