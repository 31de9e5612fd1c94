// Reconcile on fal: its Platform API request history (`GET https://api.fal.ai/v1/models/requests/
// by-endpoint`, models-files-pricing.md §3) lists finished requests with their input
// (`expand=payloads`), so a submit whose answer was lost is found there by endpoint + input once
// it has finished. Queued and running requests are not listed [UNCERTAIN, undocumented], so not
// finding ours proves nothing: then the user decides, as before.
import type { ReconcileOptions, ReconcileOutcome, SubmitRequest } from '../../core/providerPort';
import { isRecord, jsonEqual, str } from '../shared/values';
import { falError } from './falErrors';

const HISTORY_URL = 'https://api.fal.ai/v1/models/requests/by-endpoint';
/** How far before the submit a listed request may have been sent (clock skew, slow requests). */
const SLACK_MS = 60_000;
/** The first page starts this far back: wide enough for a skewed clock; the Date header narrows it. */
const LIST_FROM_MS = 3600_000;
const MAX_PAGES = 10;

export interface FalHistoryLookup {
  /** Our guarded fetch (rewrites api.fal.ai for an emulator; throws on 429/5xx/network). */
  fetch: typeof fetch;
  key: string;
  now: () => number;
  signal: AbortSignal;
}

export async function findInFalHistory(
  req: SubmitRequest,
  submittedAt: number,
  look: FalHistoryLookup,
  opts?: ReconcileOptions,
): Promise<ReconcileOutcome> {
  let skewMs: number | undefined;
  let cursor: string | undefined;
  let best: { id: string; distance: number } | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = new URL(HISTORY_URL);
    url.searchParams.set('endpoint_id', req.model);
    url.searchParams.set('start', new Date(submittedAt - LIST_FROM_MS).toISOString());
    url.searchParams.set('expand', 'payloads');
    url.searchParams.set('limit', '100');
    if (cursor) url.searchParams.set('cursor', cursor);
    let res: Response;
    let body: unknown;
    try {
      res = await look.fetch(url.href, {
        headers: { authorization: `Key ${look.key}`, accept: 'application/json' },
        signal: look.signal,
      });
      body = res.ok ? await res.json() : undefined;
    } catch (err) {
      throw falError(err, 'history', req.model);
    }
    // A key that may not read the history, or an API that moved: nothing to learn here.
    if (!res.ok || !isRecord(body) || !Array.isArray(body.items)) return { kind: 'unsupported' };
    // sent_at is on fal's clock, submittedAt on ours: compare on theirs (the Date header).
    const date = Date.parse(res.headers.get('date') ?? '');
    if (skewMs === undefined && Number.isFinite(date)) skewMs = date - look.now();
    const theirSubmit = submittedAt + (skewMs ?? 0);
    for (const item of body.items) {
      if (!isRecord(item) || item.endpoint_id !== req.model) continue;
      const id = str(item.request_id);
      const sent = Date.parse(str(item.sent_at) ?? '');
      if (!id || !Number.isFinite(sent) || sent < theirSubmit - SLACK_MS) continue;
      if (opts?.exclude?.has(id) || !jsonEqual(item.json_input, req.input)) continue;
      const distance = Math.abs(sent - theirSubmit);
      if (!best || distance < best.distance) best = { id, distance };
    }
    cursor = body.has_more === true ? str(body.next_cursor) : undefined;
    if (!cursor) break;
  }
  if (best) return { kind: 'found', requestId: best.id };
  return { kind: 'unsupported' };
}
