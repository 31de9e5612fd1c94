// fal's Platform API request history, `GET https://api.fal.ai/v1/models/requests/by-endpoint`
// (models-files-pricing.md §3), served at /fal/v1/models/requests/by-endpoint. What the real one
// does, and what is copied here:
// - Auth `Authorization: Key <FAL_KEY>` (checked by the common auth step).
// - `endpoint_id` is required (the full id, subpath included); 1–50 ids, comma-separated or repeated.
// - `start`/`end` ISO 8601; `start` defaults to now−24 h, `end` (exclusive) to now, both on fal's clock.
// - Only finished requests are listed [UNCERTAIN]: every item field (ended_at, status_code,
//   duration) describes a finished request, so queued/running ones are left out here.
// - `json_input`/`json_output` only with `expand=payloads`.
// - `sort_by=ended_at` (default), newest first [UNCERTAIN order]; `limit` default 50, max 100;
//   the cursor is opaque (base64 of the page number, e.g. "Mg==" for page 2), `has_more` says more.
// Uncertain error shapes: a missing endpoint_id or a limit over 100 answer 422 FastAPI-style.
import { isTerminalPhase, snapshot } from './emulatedJob';
import type { RouteContext, RouteResult } from './emulatorCore';

export const FAL_HISTORY_PATH = '/v1/models/requests/by-endpoint';
const DAY_MS = 24 * 3600_000;

export function falHistory(ctx: RouteContext): RouteResult {
  const q = ctx.query;
  const ids = q
    .getAll('endpoint_id')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (ids.length === 0 || ids.length > 50) return invalid('endpoint_id', 'field required (1 to 50 ids)');
  const limit = q.has('limit') ? Number(q.get('limit')) : 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return invalid('limit', 'must be between 1 and 100');
  const core = ctx.core;
  const now = core.now();
  const start = q.has('start') ? Date.parse(q.get('start') ?? '') : now - DAY_MS;
  const end = q.has('end') ? Date.parse(q.get('end') ?? '') : now;
  if (!Number.isFinite(start) || !Number.isFinite(end)) return invalid('start', 'invalid datetime');
  const payloads = q.getAll('expand').some((v) => v.split(',').includes('payloads'));
  const finished = [...core.jobs.values()]
    .filter((j) => j.provider === 'fal' && ids.includes(j.model))
    .map((j) => ({ job: j, s: snapshot(j, now) }))
    .filter(({ s }) => isTerminalPhase(s.phase) && s.completedAt !== undefined)
    .filter(({ s }) => (s.completedAt as number) >= start && (s.completedAt as number) < end)
    .sort((a, b) => (b.s.completedAt as number) - (a.s.completedAt as number));
  // Tests lower the page size (shared with Replicate's list) to exercise the cursor.
  const size = Math.min(limit, core.listPageSize);
  const page = Number(Buffer.from(q.get('cursor') ?? '', 'base64').toString('utf8')) || 1;
  const slice = finished.slice((page - 1) * size, page * size);
  const hasMore = page * size < finished.length;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    status: 200,
    json: {
      items: slice.map(({ job, s }) => {
        const item: Record<string, unknown> = {
          request_id: job.id,
          endpoint_id: job.model,
          started_at: s.startedAt !== undefined ? iso(s.startedAt) : null,
          sent_at: iso(job.createdAt),
          ended_at: iso(s.completedAt as number),
          status_code: s.phase === 'succeeded' ? 200 : s.phase === 'failed' ? 500 : 499,
          duration: ((s.completedAt as number) - (s.startedAt ?? job.createdAt)) / 1000,
        };
        if (payloads) {
          item.json_input = job.input;
          item.json_output = s.phase === 'succeeded' ? { status: 'ok' } : null;
        }
        return item;
      }),
      next_cursor: hasMore ? Buffer.from(String(page + 1)).toString('base64') : null,
      has_more: hasMore,
    },
  };
}

function invalid(field: string, msg: string): RouteResult {
  return {
    status: 422,
    headers: { 'content-type': 'application/json' },
    json: { detail: [{ loc: ['query', field], msg, type: 'value_error' }] },
  };
}
