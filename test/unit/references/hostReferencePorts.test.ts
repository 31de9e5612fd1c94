import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { HostFileSystem } from '../../../src/extension/assets/hostFileSystem';
import {
  createFileUploadCacheStore,
  createWorkspaceReferenceReader,
} from '../../../src/extension/references/hostReferencePorts';

function memoryFs(files: Record<string, Uint8Array>): HostFileSystem {
  const fail = () => Promise.reject(new Error('not used'));
  return {
    readFile: async (uri) => {
      const f = files[uri];
      if (!f) throw new Error(`FileNotFound: ${uri}`);
      return f;
    },
    writeFile: fail,
    rename: fail,
    delete: fail,
    createDirectory: fail,
    stat: async () => undefined,
    readDirectory: async () => [],
  };
}

describe('host reference ports', () => {
  it('reads workspace-relative paths against the root, with their content type and absolute path', async () => {
    const root = pathToFileURL(join(tmpdir(), 'ws')).href;
    const fs = memoryFs({ [`${root}/cast/anna%20b.png`]: new Uint8Array([1]) });
    const reader = createWorkspaceReferenceReader(fs, () => root);
    const got = await reader.read('cast/anna b.png');
    assert.deepEqual([...got.data], [1]);
    assert.equal(got.contentType, 'image/png');
    assert.equal(got.absolutePath, join(tmpdir(), 'ws', 'cast', 'anna b.png'));
    await assert.rejects(reader.read('missing.wav'), /FileNotFound/);
    await assert.rejects(createWorkspaceReferenceReader(fs, () => undefined).read('a.png'), /no folder is open/);
  });

  it('keeps the upload cache in a JSON file; none yet reads as empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gq-cache-'));
    try {
      const store = createFileUploadCacheStore(join(dir, 'nested'));
      assert.equal(await store.load(), undefined);
      await store.save({ v: 1, entries: { 'fal:x': { url: 'https://cdn/x', uploadedAt: 1 } } });
      assert.deepEqual(await store.load(), { v: 1, entries: { 'fal:x': { url: 'https://cdn/x', uploadedAt: 1 } } });
      writeFileSync(join(dir, 'nested', 'upload-cache.json'), '{torn');
      await assert.rejects(store.load());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
