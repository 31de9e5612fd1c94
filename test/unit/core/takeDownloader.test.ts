import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { isProviderError } from '../../../src/core/errors';
import { createTakeDownloader, OUTPUT_GONE_MESSAGE } from '../../../src/core/takeDownloader';
import { PNG } from './engineHarness';

function fakeFetch(status: number, body: Uint8Array | string, headers: Record<string, string> = {}): typeof fetch {
  return (async () => new Response(body as BodyInit, { status, headers })) as typeof fetch;
}
const signal = new AbortController().signal;

describe('take downloader', () => {
  it('downloads bytes and the content type', async () => {
    const dl = createTakeDownloader({ fetchFn: fakeFetch(200, PNG, { 'content-type': 'image/png' }) });
    const got = await dl('https://x/0.png', signal);
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
