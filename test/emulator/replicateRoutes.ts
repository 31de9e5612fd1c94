// Replicate's HTTP API (mounted at /replicate/v1), per §1 and §7 of the protocol doc.
import { randomBytes } from 'node:crypto';
import { type EmuJob, type EmuPhase, isTerminalPhase, outputNames, snapshot } from './emulatedJob';
import { type EmulatorCore, isObject, type Reply, type RouteContext, type RouteResult, readJson } from './emulatorCore';
import type { Fault, FaultKind, FaultRoute } from './emulatorTypes';

export const REPLICATE_PREFIX = '/replicate/v1';

export interface ReplicateRoute {
  route: FaultRoute | 'other';
  /** Model of the job concerned (for model-scoped faults). */
  model?: string;
  handle: (ctx: RouteContext) => Promise<RouteResult>;
}

const STATUS_OF: Record<EmuPhase, string> = {
  queued: 'starting',
  running: 'processing',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
  aborted: 'aborted',
};

/** Which route a request is, or undefined for a 404. */
export function matchReplicate(
  core: EmulatorCore,
  method: string,
  path: string,
  body: Buffer,
): ReplicateRoute | undefined {
  let m: RegExpExecArray | null;
  if (method === 'POST' && path === '/predictions') {
    const b = readJson(body);
    const version = isObject(b) && typeof b.version === 'string' ? b.version : '';
    return { route: 'submit', model: modelOfVersion(version).model, handle: (ctx) => create(ctx, undefined) };
  }
  m = /^\/(models|deployments)\/([^/]+)\/([^/]+)\/predictions$/.exec(path);
  if (method === 'POST' && m) {
    const model = `${m[2]}/${m[3]}`;
    return { route: 'submit', model, handle: (ctx) => create(ctx, model) };
  }
  m = /^\/predictions\/([^/]+)$/.exec(path);
  if (method === 'GET' && m) {
    const id = m[1] ?? '';
    return { route: 'status', model: core.jobs.get(id)?.model, handle: async (ctx) => get(ctx, id) };
  }
  m = /^\/predictions\/([^/]+)\/cancel$/.exec(path);
  if (method === 'POST' && m) {
    const id = m[1] ?? '';
    return { route: 'cancel', model: core.jobs.get(id)?.model, handle: async (ctx) => cancel(ctx, id) };
  }
  if (method === 'GET' && path === '/predictions') return { route: 'list', handle: async (ctx) => list(ctx) };
  m = /^\/models\/([^/]+)\/([^/]+)$/.exec(path);
  if (method === 'GET' && m) {
    const [owner, name] = [m[1] ?? '', m[2] ?? ''];
    return { route: 'other', handle: async () => ({ status: 200, json: modelObject(owner, name) }) };
  }
  if (method === 'GET' && path === '/hardware') {
    return {
      route: 'other',
      handle: async () => ({
        status: 200,
        json: [
          { name: 'CPU', sku: 'cpu' },
          { name: 'Nvidia T4 GPU', sku: 'gpu-t4' },
        ],
      }),
    };
  }
  return undefined;
}

export function replicateAuthFailure(ctx: RouteContext, token: string | undefined): Reply | undefined {
  const h = ctx.req.headers.authorization ?? '';
  const m = /^(Bearer|Token)\s+(.+)$/.exec(h);
  if (!m || (token !== undefined && m[2] !== token)) return replicateError(401);
  return undefined;
}

/** Problem+json bodies as seen in practice (§1.8). */
export function replicateError(status: number, fault?: Fault): Reply {
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  const body = (title: string, detail: string) => ({ title, detail: fault?.detail ?? detail, status });
  switch (status) {
    case 401:
      return { status, headers, json: body('Unauthenticated', 'You did not pass a valid authentication token') };
    case 402:
      return {
        status,
        headers,
        json: body(
          'Insufficient credit',
          'You have insufficient credit to run this model. Go to https://replicate.com/account/billing#billing to purchase credit. Once you purchase credit, please wait a few minutes before trying again.',
        ),
      };
    case 403:
      return { status, headers, json: body('Forbidden', 'You do not have permission to perform this action.') };
    case 404:
      return {
        status,
        headers,
        json: { detail: fault?.detail ?? 'The requested resource could not be found.', status },
      };
    case 413:
      return { status, headers, json: body('Request entity too large', 'The file is larger than the 100 MB limit.') };
    case 422:
      return {
        status,
        headers,
        json: {
          ...body('Input validation failed', '- input: prompt is required\n'),
          invalid_fields: [{ type: 'required', field: 'input', description: 'prompt is required' }],
        },
      };
    case 429: {
      if (fault?.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      return {
        status,
        headers,
        json: body('Request was throttled', 'Request was throttled. Expected available in 1 second.'),
      };
    }
    default:
      return { status, headers, json: body('Server error', `The server had an error (${status}). Please try again.`) };
  }
}

export function replicateFaultReply(kind: FaultKind, fault: Fault): Reply | undefined {
  const status = kind === '403-balance' ? 403 : Number(kind);
  return Number.isInteger(status) ? replicateError(status, fault) : undefined;
}

async function create(ctx: RouteContext, pathModel: string | undefined): Promise<RouteResult> {
  const b = readJson(ctx.body);
  if (!isObject(b)) return invalid('- (root): Invalid type. Expected: object\n');
  let model = pathModel;
  let version = 'hidden';
  if (!pathModel) {
    if (typeof b.version !== 'string' || b.version === '') return invalid('- version: version is required\n');
    ({ model, version } = modelOfVersion(b.version));
  }
  if (!isObject(b.input)) return invalid('- input: Invalid type. Expected: object\n');
  const core = ctx.core;
  const job: EmuJob = {
    provider: 'replicate',
    id: predictionId(),
    model: model ?? 'unknown/unknown',
    version,
    input: b.input,
    script: core.takeScript('replicate', model ?? ''),
    createdAt: core.now(),
    timeScale: core.timeScale,
  };
  applyJobFault(job, ctx.jobFault);
  const cancelAfter = parseDuration(header(ctx, 'cancel-after'));
  if (cancelAfter !== undefined) job.deadlineAt = job.createdAt + cancelAfter * core.timeScale;
  core.addJob(job);

  const waitSec = parsePreferWait(header(ctx, 'prefer'));
  if (waitSec !== undefined) {
    // Sync mode: hold until terminal or the wait expires; an expired wait answers "starting" (§2.3).
    const until = core.now() + waitSec * 1000 * core.timeScale;
    while (!core.closed && !ctx.res.destroyed && core.now() < until) {
      if (isTerminalPhase(snapshot(job, core.now()).phase)) break;
      await core.delay(Math.min(core.tickMs, Math.max(1, until - core.now())));
    }
    const done = isTerminalPhase(snapshot(job, core.now()).phase);
    return { status: 201, json: predictionJson(job, ctx.origin, core.now(), !done) };
  }
  return { status: 201, json: predictionJson(job, ctx.origin, core.now(), false) };
}

function get(ctx: RouteContext, id: string): RouteResult {
  const job = ctx.core.jobs.get(id);
  if (job?.provider !== 'replicate') return replicateError(404);
  return { status: 200, json: predictionJson(job, ctx.origin, ctx.core.now(), false) };
}

function cancel(ctx: RouteContext, id: string): RouteResult {
  const job = ctx.core.jobs.get(id);
  if (job?.provider !== 'replicate') return replicateError(404);
  const now = ctx.core.now();
  if (!isTerminalPhase(snapshot(job, now).phase) && job.cancelAskedAt === undefined) {
    job.cancelAskedAt = now;
    if (ctx.jobFault?.kind === 'cancel-unmarked') job.cancelUnmarked = true;
  }
  return { status: 200, json: predictionJson(job, ctx.origin, now, false) };
}

const PAGE_SIZE = 100;

function list(ctx: RouteContext): RouteResult {
  const all = [...ctx.core.jobs.values()]
    .filter((j) => j.provider === 'replicate')
    .sort((a, b) => b.createdAt - a.createdAt);
  const size = Number(ctx.query.get('page_size') ?? ctx.core.listPageSize ?? PAGE_SIZE) || PAGE_SIZE;
  const offset = Math.max(0, Number(ctx.query.get('cursor') ?? 0) || 0);
  const page = all.slice(offset, offset + size);
  const now = ctx.core.now();
  const nextOffset = offset + size;
  return {
    status: 200,
    json: {
      // Absolute, as the real API does: the JS paginator requests it as is (§1.4).
      next: nextOffset < all.length ? `${ctx.origin}${REPLICATE_PREFIX}/predictions?cursor=${nextOffset}` : null,
      previous: offset > 0 ? `${ctx.origin}${REPLICATE_PREFIX}/predictions?cursor=${Math.max(0, offset - size)}` : null,
      results: page.map((j) => {
        const { logs: _logs, ...rest } = predictionJson(j, ctx.origin, now, false);
        return rest;
      }),
    },
  };
}

export function predictionJson(
  job: EmuJob,
  origin: string,
  now: number,
  reportStarting: boolean,
): Record<string, unknown> {
  const s = snapshot(job, now);
  const unmarked = job.cancelUnmarked === true && s.phase === 'canceled';
  const status = reportStarting && !isTerminalPhase(s.phase) ? 'starting' : unmarked ? 'failed' : STATUS_OF[s.phase];
  const base = `${origin}${REPLICATE_PREFIX}/predictions/${job.id}`;
  const out: Record<string, unknown> = {
    id: job.id,
    model: job.model,
    version: job.version,
    input: job.input,
    logs: s.logLines.length ? `${s.logLines.join('\n')}\n` : '',
    output: s.phase === 'succeeded' ? replicateOutput(job, origin) : null,
    data_removed: false,
    error:
      s.phase === 'failed' ? (job.script.error ?? 'Prediction failed') : unmarked ? 'Prediction interrupted' : null,
    status,
    source: 'api',
    created_at: iso(job.createdAt),
    started_at: s.startedAt !== undefined ? iso(s.startedAt) : null,
    completed_at: s.completedAt !== undefined ? iso(s.completedAt) : null,
    deadline: job.deadlineAt !== undefined ? iso(job.deadlineAt) : null,
    deployment: null,
    urls: { get: base, cancel: `${base}/cancel`, web: `https://replicate.com/p/${job.id}` },
  };
  if (s.completedAt !== undefined && s.phase !== 'aborted') {
    const ran = s.startedAt !== undefined ? (s.completedAt - s.startedAt) / job.timeScale / 1000 : 0;
    out.metrics = {
      predict_time: s.phase === 'succeeded' ? (job.script.predictTimeSec ?? ran) : ran,
      total_time: (s.completedAt - job.createdAt) / job.timeScale / 1000,
    };
  }
  return out;
}

function replicateOutput(job: EmuJob, origin: string): unknown {
  const names = outputNames(job);
  const urls = names.map((n) => `${origin}/files/replicate/${job.id}/${n}`);
  const kind = job.script.output;
  if (kind === 'text') return 'hello from the emulator';
  if (kind === 'images' || (kind === undefined && names[0]?.endsWith('.png'))) return urls;
  return urls[0] ?? null;
}

export function applyJobFault(job: EmuJob, fault: Fault | undefined): void {
  if (!fault) return;
  if (fault.kind === 'job-failed') {
    job.script = {
      ...job.script,
      outcome: 'failed',
      error: fault.detail ?? job.script.error ?? 'CUDA error: out of memory',
    };
  } else if (fault.kind === 'job-nsfw') {
    job.script = {
      ...job.script,
      outcome: 'failed',
      error: fault.detail ?? 'NSFW content detected. Try running it again, or try a different prompt.',
      errorType: 'content_policy_violation',
    };
  } else if (fault.kind === 'job-canceled') {
    job.script = { ...job.script, outcome: 'canceled' };
  }
}

function modelObject(owner: string, name: string): Record<string, unknown> {
  return {
    url: `https://replicate.com/${owner}/${name}`,
    owner,
    name,
    description: 'An emulated model',
    visibility: 'public',
    github_url: null,
    paper_url: null,
    license_url: null,
    run_count: 0,
    cover_image_url: null,
    default_example: null,
    latest_version: { id: 'a'.repeat(64), created_at: iso(Date.now()), cog_version: '0.9.0', openapi_schema: {} },
    is_official: true,
  };
}

function invalid(detail: string): Reply {
  return {
    status: 422,
    headers: { 'content-type': 'application/problem+json' },
    json: { title: 'Input validation failed', detail, status: 422 },
  };
}

/** "owner/name:id" → both; "owner/name" → model only; a bare id → unknown model. */
export function modelOfVersion(v: string): { model: string; version: string } {
  const colon = v.indexOf(':');
  if (colon > 0) return { model: v.slice(0, colon), version: v.slice(colon + 1) };
  if (v.includes('/')) return { model: v, version: 'hidden' };
  return { model: 'unknown/unknown', version: v };
}

function predictionId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(26);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

/** `Prefer: wait` → 60; `Prefer: wait=N` → N; anything else → undefined. */
export function parsePreferWait(h: string | undefined): number | undefined {
  if (!h) return undefined;
  const m = /(?:^|[,;\s])wait(?:=(\d+))?(?:$|[,;\s])/.exec(h);
  if (!m) return undefined;
  return m[1] ? Math.min(60, Math.max(1, Number(m[1]))) : 60;
}

/** Cancel-After durations: "30s", "1m", "1m30s", "500ms", "2h". Result in ms. */
export function parseDuration(h: string | undefined): number | undefined {
  if (!h) return undefined;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let matched = false;
  for (const m of h.matchAll(re)) {
    matched = true;
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n * 3_600_000;
  }
  return matched ? total : undefined;
}

function header(ctx: RouteContext, name: string): string | undefined {
  const v = ctx.req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
