import assert from 'node:assert/strict';
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
