// The upload cache on its own: one upload per provider and content, shared while under way,
// renewed near expiry, persisted, and never holding a path or an inline data URI.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UploadedFile } from '../../../src/core/references/referenceTypes';
import { UploadCache } from '../../../src/core/references/uploadCache';
import { MemoryCacheStore } from '../../fakes/fakeFileHost';

const SHA = 'a'.repeat(64);
const signal = () => new AbortController().signal;

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('upload cache', () => {
  it('concurrent uses of one content share one upload; other providers and contents upload their own', async () => {
    let now = 1_000;
    const cache = new UploadCache(undefined, () => now);
    const gate = deferred<UploadedFile>();
    let calls = 0;
    const upload = async () => {
      calls++;
      return gate.promise;
    };
    const uses = Array.from({ length: 20 }, () => cache.obtain('fal', SHA, upload, signal()));
    await new Promise((r) => setImmediate(r));
    assert.equal(calls, 1);
    gate.resolve({ url: 'https://cdn/x.png', expiresAt: now + 3600_000 });
    assert.deepEqual(new Set(await Promise.all(uses)), new Set(['https://cdn/x.png']));
    await cache.obtain('replicate', SHA, async () => ({ url: 'https://r/x' }), signal());
    await cache.obtain('fal', 'b'.repeat(64), async () => ({ url: 'https://cdn/y' }), signal());
    assert.equal(cache.uploads, 3);
    now += 10;
    assert.equal(await cache.obtain('fal', SHA, upload, signal()), 'https://cdn/x.png');
    assert.equal(calls, 1);
  });

  it('an entry within the renew margin of its expiry is uploaded again', async () => {
    let now = 0;
    const cache = new UploadCache(undefined, () => now, 10 * 60_000);
    let n = 0;
    const upload = async () => ({ url: `https://cdn/${++n}`, expiresAt: now + 3600_000 });
    assert.equal(await cache.obtain('fal', SHA, upload, signal()), 'https://cdn/1');
    now = 49 * 60_000;
    assert.equal(await cache.obtain('fal', SHA, upload, signal()), 'https://cdn/1', '11 minutes left: still good');
    now = 51 * 60_000;
    assert.equal(await cache.obtain('fal', SHA, upload, signal()), 'https://cdn/2', '9 minutes left: renewed');
  });

  it('a failed upload is not cached and the next use tries again', async () => {
    const cache = new UploadCache(undefined, () => 0);
    await assert.rejects(
      cache.obtain('fal', SHA, async () => Promise.reject(new Error('503')), signal()),
      /503/,
    );
    assert.equal(await cache.obtain('fal', SHA, async () => ({ url: 'https://cdn/ok' }), signal()), 'https://cdn/ok');
  });

  it('persists live entries, drops expired ones, and a new cache reads them back', async () => {
    let now = 0;
    const store = new MemoryCacheStore();
    const a = new UploadCache(store, () => now);
    await a.obtain('fal', SHA, async () => ({ url: 'https://cdn/a', expiresAt: 3600_000 }), signal());
    await a.obtain('fal', 'c'.repeat(64), async () => ({ url: 'https://cdn/c', expiresAt: 60_000 }), signal());
    await a.obtain('fal', 'd'.repeat(64), async () => ({ url: 'https://cdn/d' }), signal());
    now = 120_000;
    a.drop('fal', [{ sha256: 'd'.repeat(64), url: 'https://cdn/d' }]);
    await a.flush();
    const saved = store.data as { entries: Record<string, unknown> };
    assert.deepEqual(Object.keys(saved.entries), [`fal:${SHA}`]);
    const b = new UploadCache(store, () => now);
    assert.equal((await b.live('fal', SHA))?.url, 'https://cdn/a');
  });

  it('drops an upload only while it is the one the failed job used', async () => {
    const cache = new UploadCache(undefined, () => 0);
    await cache.obtain('fal', SHA, async () => ({ url: 'https://cdn/new' }), signal());
    cache.drop('fal', [{ sha256: SHA, url: 'https://cdn/old' }]);
    assert.equal((await cache.live('fal', SHA))?.url, 'https://cdn/new', 'a newer upload is kept');
    cache.drop('fal', [{ sha256: SHA, url: 'https://cdn/new' }]);
    assert.equal(await cache.live('fal', SHA), undefined);
  });

  it('never caches a file: path or an inline data: URI', async () => {
    const cache = new UploadCache(new MemoryCacheStore(), () => 0);
    let n = 0;
    await cache.obtain('local', SHA, async () => ({ url: `file:///w/a.png#${++n}` }), signal());
    await cache.obtain('local', SHA, async () => ({ url: `file:///w/a.png#${++n}` }), signal());
    await cache.obtain('replicate', SHA, async () => ({ url: `data:image/png;base64,${++n}` }), signal());
    assert.equal(await cache.live('local', SHA), undefined);
    assert.equal(await cache.live('replicate', SHA), undefined);
    assert.equal(n, 3);
  });

  it('one caller giving up does not stop an upload others still wait for; all giving up stops it', async () => {
    const cache = new UploadCache(undefined, () => 0);
    const gate = deferred<UploadedFile>();
    let seen: AbortSignal | undefined;
    const upload = async (s: AbortSignal) => {
      seen = s;
      return gate.promise;
    };
    const c1 = new AbortController();
    const c2 = new AbortController();
    const p1 = cache.obtain('fal', SHA, upload, c1.signal);
    const p2 = cache.obtain('fal', SHA, upload, c2.signal);
    await new Promise((r) => setImmediate(r));
    c1.abort();
    await assert.rejects(p1, { name: 'AbortError' });
    assert.equal(seen?.aborted, false);
    c2.abort();
    await assert.rejects(p2, { name: 'AbortError' });
    assert.equal(seen?.aborted, true);
    gate.reject(new Error('stopped'));
  });

  it('an unreadable persisted cache starts empty', async () => {
    const store = new MemoryCacheStore();
    store.data = { v: 99, entries: 'junk' };
    const logs: string[] = [];
    const cache = new UploadCache(
      store,
      () => 0,
      undefined,
      (_l, m) => logs.push(m),
    );
    assert.equal(await cache.live('fal', SHA), undefined);
    store.load = async () => {
      throw new Error('EACCES');
    };
    const broken = new UploadCache(
      store,
      () => 0,
      undefined,
      (_l, m) => logs.push(m),
    );
    assert.equal(await broken.live('fal', SHA), undefined);
    assert.match(logs.join('\n'), /could not read it/);
  });
});
