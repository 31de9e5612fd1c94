// How the fal price fetcher reads answers the emulator does not give: odd bodies, other statuses,
// pages, a server that does not answer. The fake fetch returns real Response objects and records
// the URLs and headers it was called with.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createFalPriceFetcher } from '../../../src/providers/fal/falPricing';

interface Call {
  url: URL;
  auth: string | null;
  signal: AbortSignal | null | undefined;
}

function fakeFetch(answer: (call: Call, n: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const f = (async (input: string | URL | Request, init?: RequestInit) => {
    const call = {
      url: new URL(String(input)),
      auth: new Headers(init?.headers).get('authorization'),
      signal: init?.signal,
    };
    calls.push(call);
    return answer(call, calls.length);
  }) as typeof fetch;
  return { calls, f };
}

const json = (status: number, body: unknown) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

const fetcherWith = (f: typeof fetch, extra: { timeoutMs?: number } = {}) =>
  createFalPriceFetcher({
    credentials: () => ' k:s ',
    fetch: f,
    now: () => Date.parse('2026-12-02T23:59:00Z'),
    ...extra,
  });

describe('fal price answers', () => {
  it('asks api.fal.ai with repeated endpoint_id and the Key header', async () => {
    const { calls, f } = fakeFetch(() => json(200, { prices: [], next_cursor: null, has_more: false }));
    await fetcherWith(f)(['fal-ai/flux/dev', 'fal-ai/veo3']);
    assert.equal(calls[0]?.url.origin + (calls[0]?.url.pathname ?? ''), 'https://api.fal.ai/v1/models/pricing');
    assert.deepEqual(calls[0]?.url.searchParams.getAll('endpoint_id'), ['fal-ai/flux/dev', 'fal-ai/veo3']);
    assert.equal(calls[0]?.auth, 'Key k:s');
  });

  it('reads each entry defensively: no price, no unit, another currency, per-character prices', async () => {
    const { f } = fakeFetch(() =>
      json(200, {
        prices: [
          { endpoint_id: 'a', unit: 'image', currency: 'USD' },
          { endpoint_id: 'b', unit_price: 0.1, currency: 'USD' },
          { endpoint_id: 'c', unit_price: 0.1, unit: 'image', currency: 'EUR' },
          { endpoint_id: 'd', unit_price: 0.00002, unit: 'character', currency: 'USD' },
          { endpoint_id: 'not-asked', unit_price: 1, unit: 'image', currency: 'USD' },
          'garbage',
        ],
        has_more: false,
      }),
    );
    const res = await fetcherWith(f)(['a', 'b', 'c', 'd', 'e']);
    assert.ok(res.ok);
    assert.deepEqual(res.entries.a, { kind: 'unusable', reason: 'fal gave no unit price' });
    assert.deepEqual(res.entries.b, { kind: 'unusable', reason: 'fal gave no unit' });
    assert.deepEqual(res.entries.c, { kind: 'unusable', reason: "fal's price is in EUR, not USD" });
    const d = res.entries.d;
    assert.equal(d?.kind, 'price');
    if (d?.kind === 'price') {
      assert.equal(d.price.unit, '1k-characters');
      assert.ok(Math.abs(d.price.amount - 0.02) < 1e-12);
      assert.equal(d.price.date, '2026-12-02', 'the fetch day, UTC');
    }
    assert.deepEqual(res.entries.e, { kind: 'not-listed' });
    assert.equal(res.entries['not-asked'], undefined);
  });

  it('follows the cursor when fal says there is more', async () => {
    const { calls, f } = fakeFetch((call) =>
      call.url.searchParams.get('cursor') === 'Mg=='
        ? json(200, {
            prices: [{ endpoint_id: 'b', unit_price: 2, unit: 'request', currency: 'USD' }],
            has_more: false,
          })
        : json(200, {
            prices: [{ endpoint_id: 'a', unit_price: 1, unit: 'request', currency: 'USD' }],
            next_cursor: 'Mg==',
            has_more: true,
          }),
    );
    const res = await fetcherWith(f)(['a', 'b']);
    assert.equal(calls.length, 2);
    assert.deepEqual(res.ok && [res.entries.a?.kind, res.entries.b?.kind], ['price', 'price']);
  });

  it('a body that is not the documented shape is no live price, with the reason', async () => {
    assert.deepEqual(await fetcherWith(fakeFetch(() => json(200, '{"prices": [')).f)(['a']), {
      ok: false,
      reason: 'the fal pricing API answered with something that is not JSON',
    });
    assert.deepEqual(await fetcherWith(fakeFetch(() => json(200, { items: [] })).f)(['a']), {
      ok: false,
      reason: 'the fal pricing API answer has no price list',
    });
  });

  it('names each refusal', async () => {
    const cases: [number, unknown, string][] = [
      [
        403,
        { detail: 'User is locked. Reason: Exhausted balance.' },
        'fal key may not read prices (403): User is locked. Reason: Exhausted balance.',
      ],
      [429, { detail: 'slow down' }, 'fal pricing API rate limit reached (429)'],
      [503, 'upstream down', 'fal pricing API error (503)'],
      [400, { detail: 'bad' }, 'fal pricing API refused the request (400): bad'],
    ];
    for (const [status, body, reason] of cases) {
      const res = await fetcherWith(fakeFetch(() => json(status, body)).f)(['a']);
      assert.deepEqual(res, { ok: false, reason }, String(status));
    }
  });

  it('a rejected key on the one-by-one retry stops there instead of asking for every id', async () => {
    const { calls, f } = fakeFetch((_c, n) =>
      n === 1 ? json(404, { detail: 'nope' }) : json(401, { detail: 'No user' }),
    );
    const res = await fetcherWith(f)(['a', 'b', 'c']);
    assert.deepEqual(res, { ok: false, reason: 'fal key rejected (401): No user' });
    assert.equal(calls.length, 2);
  });

  it('a server that does not answer in time is no live price', async () => {
    // Like fetch: never answers, rejects with the signal's reason when it aborts.
    const { f } = fakeFetch(
      (c) =>
        new Promise<Response>((_resolve, reject) => {
          c.signal?.addEventListener('abort', () => reject(c.signal?.reason));
        }),
    );
    assert.deepEqual(await fetcherWith(f, { timeoutMs: 10 })(['a']), {
      ok: false,
      reason: 'fal pricing API did not answer in time',
    });
  });
});
