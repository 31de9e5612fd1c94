import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isProviderError } from '../../../src/core/errors';
import { createTakeDownloader, OUTPUT_GONE_MESSAGE } from '../../../src/core/takeDownloader';
import { FileTakeSpool, removeSpoolLeftovers } from '../../../src/extension/assets/fileTakeSpool';
import { PNG } from './engineHarness';

function fakeFetch(status: number, body: Uint8Array | string, headers: Record<string, string> = {}): typeof fetch {
  return (async () => new Response(body as BodyInit, { status, headers })) as typeof fetch;
}
const signal = new AbortController().signal;

describe('take downloader', () => {
  it('downloads bytes and the content type', async () => {
    const dl = createTakeDownloader({ fetchFn: fakeFetch(200, PNG, { 'content-type': 'image/png' }) });
    const got = await dl('https://x/0.png', signal);
    assert.ok('data' in got);
    assert.deepEqual([...got.data], [...PNG]);
    assert.equal(got.contentType, 'image/png');
  });

  it('explains a 404 in plain words', async () => {
    const dl = createTakeDownloader({ fetchFn: fakeFetch(404, 'not found') });
    await assert.rejects(dl('https://x/0.png', signal), (e) => isProviderError(e) && e.message === OUTPUT_GONE_MESSAGE);
  });

  it('refuses a take over the size limit', async () => {
    const dl = createTakeDownloader({ maxBytes: 4, fetchFn: fakeFetch(200, PNG) });
    await assert.rejects(dl('https://x/0.png', signal), /larger than/);
  });

  it('detects a truncated body against Content-Length', async () => {
    const fetchFn = (async () => {
      const r = new Response(PNG as BodyInit, { status: 200 });
      Object.defineProperty(r, 'headers', { value: new Headers({ 'content-length': '100' }) });
      return r;
    }) as typeof fetch;
    await assert.rejects(createTakeDownloader({ fetchFn })('https://x', signal), /cut short/);
  });

  it('retries server errors as transient and not client errors', async () => {
    await assert.rejects(
      createTakeDownloader({ fetchFn: fakeFetch(503, '') })('u', signal),
      (e) => isProviderError(e) && e.retryable,
    );
    await assert.rejects(
      createTakeDownloader({ fetchFn: fakeFetch(403, '') })('u', signal),
      (e) => isProviderError(e) && !e.retryable,
    );
  });
});

/**
 * A real HTTP server that sends the headers and part of the body, then goes quiet (or trickles a
 * byte at a time): what a stalled CDN connection looks like to fetch. Nothing here ever finishes
 * on its own, so the timeouts are the only way out.
 */
async function stallingServer(mode: 'stall' | 'trickle'): Promise<{ url: string; close(): Promise<void> }> {
  const timers = new Set<ReturnType<typeof setInterval>>();
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '100000' });
    res.write(Buffer.alloc(1000, 1));
    if (mode === 'trickle') timers.add(setInterval(() => res.write(Buffer.alloc(1, 2)), 20));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/clip.mp4`,
    close: async () => {
      for (const t of timers) clearInterval(t);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// Bounded: without working timeouts these downloads would hang the run forever.
describe('take downloader: timeouts', { timeout: 10_000 }, () => {
  it('a body that stops arriving ends with a retried "stalled" error', async () => {
    const server = await stallingServer('stall');
    try {
      const dl = createTakeDownloader({ idleTimeoutMs: 150, totalTimeoutMs: 60_000 });
      await assert.rejects(
        dl(server.url, signal),
        (e) =>
          isProviderError(e) && e.retryable && /The download stalled \(no data for 1 s\); retrying\./.test(e.message),
      );
    } finally {
      await server.close();
    }
  });

  it('a body that trickles forever ends at the total timeout', async () => {
    const server = await stallingServer('trickle');
    try {
      const dl = createTakeDownloader({ idleTimeoutMs: 5_000, totalTimeoutMs: 300 });
      await assert.rejects(
        dl(server.url, signal),
        (e) => isProviderError(e) && e.retryable && /took longer than/.test(e.message),
      );
    } finally {
      await server.close();
    }
  });

  it("the caller's own abort is passed through, not reported as a timeout", async () => {
    const server = await stallingServer('stall');
    try {
      const controller = new AbortController();
      const pending = createTakeDownloader({ idleTimeoutMs: 60_000 })(server.url, controller.signal);
      setTimeout(() => controller.abort(new Error('engine disposed')), 50);
      await assert.rejects(pending, (e) => !isProviderError(e));
    } finally {
      await server.close();
    }
  });
});

describe('take downloader: streaming into a spool', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'genq-spool-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('streams the body into a temp file, not memory; the file has every byte', async () => {
    const body = new Uint8Array(300_000).map((_, i) => i % 251);
    body.set(PNG);
    const dl = createTakeDownloader({ spool: new FileTakeSpool(dir), fetchFn: fakeFetch(200, body) });
    const got = await dl('https://x/big.png', signal);
    assert.ok('file' in got && !('data' in got));
    assert.equal(got.file.bytes, body.length);
    assert.deepEqual([...got.file.head.subarray(0, 8)], [...PNG.subarray(0, 8)]);
    assert.deepEqual(await readFile(fileURLToPath(got.file.uri)), Buffer.from(body));
    assert.deepEqual([...(await got.file.read(299_990, 100))], [...body.subarray(299_990)]);
    await got.file.discard();
    assert.deepEqual(await readdir(dir), []);
  });

  it('an over-limit, cut-short or stalled download leaves no temp file behind', async () => {
    const spool = new FileTakeSpool(dir);
    await assert.rejects(
      createTakeDownloader({ spool, maxBytes: 4, fetchFn: fakeFetch(200, PNG) })('u', signal),
      /larger/,
    );
    const short = (async () => {
      const r = new Response(PNG as BodyInit, { status: 200 });
      Object.defineProperty(r, 'headers', { value: new Headers({ 'content-length': '100' }) });
      return r;
    }) as typeof fetch;
    await assert.rejects(createTakeDownloader({ spool, fetchFn: short })('u', signal), /cut short/);
    const server = await stallingServer('stall');
    try {
      await assert.rejects(createTakeDownloader({ spool, idleTimeoutMs: 150 })(server.url, signal), /stalled/);
    } finally {
      await server.close();
    }
    assert.deepEqual(await readdir(dir), []);
  });

  it('at start, spool files of processes that no longer run are removed; live ones stay', async () => {
    const dead = new FileTakeSpool(dir, 999_001);
    const live = new FileTakeSpool(dir);
    const orphan = await dead.create();
    await orphan.write(PNG); // the process died here, mid-download
    const mine = await live.create();
    await mine.write(PNG);
    await writeFile(join(dir, 'notes.txt'), 'not ours');
    const removed = await removeSpoolLeftovers(dir, (pid) => pid !== 999_001);
    assert.equal(removed, 1);
    const left = (await readdir(dir)).sort();
    assert.equal(left.length, 2);
    assert.ok(left.includes('notes.txt'));
    assert.ok(left.some((n) => n.startsWith(`${process.pid}-`)));
    await mine.discard();
  });
});
