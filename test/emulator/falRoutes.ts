// fal's queue API (mounted at /fal, standing in for queue.fal.run, fal.run, rest.fal.ai and
// api.fal.ai), per §3 and §7 of the protocol doc; the request history is in falHistoryRoute.ts.
import { randomUUID } from 'node:crypto';
import { type EmuJob, isTerminalPhase, outputNames, snapshot } from './emulatedJob';
import { type EmulatorCore, isObject, type Reply, type RouteContext, type RouteResult, readJson } from './emulatorCore';
import type { Fault, FaultKind, FaultRoute } from './emulatorTypes';
import { FAL_HISTORY_PATH, falHistory } from './falHistoryRoute';
import { IMAGE_SIZE, mediaForName } from './mediaFiles';
import { matchPricing } from './pricingRoutes';
import { applyJobFault } from './replicateRoutes';

export const FAL_PREFIX = '/fal';

export interface FalRoute {
  route: FaultRoute | 'other';
  model?: string;
  handle: (ctx: RouteContext) => Promise<RouteResult>;
}

const NAMESPACES = ['workflows', 'comfy'];

export function matchFal(core: EmulatorCore, method: string, path: string): FalRoute | undefined {
  // api.fal.ai's request history; before the queue routes, which its path would also match.
  if (method === 'GET' && path === FAL_HISTORY_PATH) return { route: 'list', handle: async (c) => falHistory(c) };
  if (path.startsWith('/v1/models/pricing')) return matchPricing(method, path);
  const m = /^\/(.+)\/requests\/([^/]+)(\/status\/stream|\/status|\/cancel)?$/.exec(path);
  if (m) {
    const id = m[2] ?? '';
    const tail = m[3] ?? '';
    const model = core.jobs.get(id)?.model;
    if (method === 'GET' && tail === '/status') return { route: 'status', model, handle: async (c) => status(c, id) };
    if (method === 'GET' && tail === '/status/stream')
      return { route: 'stream', model, handle: async (c) => stream(c, id) };
    if (method === 'GET' && tail === '') return { route: 'result', model, handle: async (c) => result(c, id) };
    if (method === 'PUT' && tail === '/cancel') return { route: 'cancel', model, handle: async (c) => cancel(c, id) };
    return undefined;
  }
  if (method === 'POST' && /^\/[^/]+\/[^/]+/.test(path)) {
    const model = path.slice(1).replace(/\/+$/, '');
    return { route: 'submit', model, handle: async (c) => submit(c, model) };
  }
  return undefined;
}

export function falAuthFailure(ctx: RouteContext, key: string | undefined): Reply | undefined {
  const h = ctx.req.headers.authorization ?? '';
  const m = /^Key\s+(.+)$/.exec(h);
  if (!m) return falError(401, undefined, 'No user found for Key ID and Secret');
  if (key !== undefined && m[1] !== key) return falError(401, undefined, 'No user found for Key ID and Secret');
  return undefined;
}

/** fal error bodies: `{"detail": …}` plus X-Fal-Error-Type on infrastructure errors (§3.7). */
export function falError(status: number, fault?: Fault, detail?: string): Reply {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const errorType: Record<number, string> = {
    500: 'internal_error',
    502: 'runner_incomplete_response',
    503: 'runner_scheduling_failure',
    504: 'request_timeout',
  };
  const et = errorType[status];
  if (et) headers['x-fal-error-type'] = et;
  if ((status === 429 || status === 503) && fault?.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
  const text = fault?.detail ?? detail;
  switch (status) {
    case 401:
      return { status, headers, json: { detail: text ?? 'No user found for Key ID and Secret' } };
    case 402:
      return { status, headers, json: { detail: text ?? 'Payment required: add credits to your account.' } };
    case 403:
      return {
        status,
        headers,
        json: {
          detail: text ?? 'User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing.',
        },
      };
    case 404:
      return { status, headers, json: { detail: text ?? 'Not Found' } };
    case 413:
      return { status, headers, json: { detail: text ?? 'Request entity too large: the upload limit is 100 MB.' } };
    case 422:
      return {
        status,
        headers,
        json: { detail: [{ loc: ['body', 'prompt'], msg: text ?? 'field required', type: 'value_error.missing' }] },
      };
    case 429:
      return { status, headers, json: { detail: text ?? 'Too many requests. Please slow down.' } };
    default:
      return {
        status,
        headers,
        json: { detail: text ?? `Server error ${status}`, error_type: et ?? 'internal_error' },
      };
  }
}

export function falFaultReply(kind: FaultKind, fault: Fault, route: FaultRoute): Reply | undefined {
  if (route === 'cancel' && kind === '404') return { status: 404, json: { status: 'NOT_FOUND' } };
  const status = kind === '403-balance' ? 403 : Number(kind);
  return Number.isInteger(status) ? falError(status, fault) : undefined;
}

function appOf(model: string): string {
  const parts = model.split('/');
  const n = NAMESPACES.includes(parts[0] ?? '') ? 3 : 2;
  return parts.slice(0, n).join('/');
}

function urls(job: EmuJob, origin: string): Record<string, string> {
  const base = `${origin}${FAL_PREFIX}/${appOf(job.model)}/requests/${job.id}`;
  return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
}

async function submit(ctx: RouteContext, model: string): Promise<RouteResult> {
  const input = readJson(ctx.body);
  if (!isObject(input)) {
    return falError(422, undefined, 'Input should be a valid dictionary');
  }
  const core = ctx.core;
  const job: EmuJob = {
    provider: 'fal',
    id: randomUUID(),
    model,
    version: '',
    input,
    script: core.takeScript('fal', model),
    createdAt: core.now(),
    timeScale: core.timeScale,
  };
  applyJobFault(job, ctx.jobFault);
  if (ctx.jobFault?.kind === 'job-failed' && !ctx.jobFault.detail) {
    job.script = {
      ...job.script,
      error: 'Runner crashed while processing the request',
      errorType: 'runner_server_error',
    };
  }
  if (ctx.jobFault?.kind === 'job-nsfw' && !ctx.jobFault.detail) {
    job.script = {
      ...job.script,
      error: 'The content could not be processed because it contained material flagged by a content checker.',
    };
  }
  core.addJob(job);
  const s = snapshot(job, core.now());
  return {
    status: 200,
    headers: { 'x-fal-request-id': job.id },
    json: { status: 'IN_QUEUE', request_id: job.id, ...urls(job, ctx.origin), queue_position: s.queuePosition ?? 0 },
  };
}

/** The status object and its HTTP code (202 until COMPLETED, then 200). */
function statusOf(
  job: EmuJob,
  origin: string,
  now: number,
  withLogs: boolean,
): { code: number; json: Record<string, unknown> } {
  const s = snapshot(job, now);
  const logs = withLogs
    ? s.logLines.map((message, i) => ({
        message,
        level: 'INFO',
        source: 'USER',
        timestamp: new Date(job.createdAt + i).toISOString(),
      }))
    : null;
  const common = { request_id: job.id, ...urls(job, origin) };
  if (s.phase === 'queued')
    return { code: 202, json: { status: 'IN_QUEUE', queue_position: s.queuePosition ?? 0, ...common } };
  if (s.phase === 'running') return { code: 202, json: { status: 'IN_PROGRESS', logs, ...common } };
  const json: Record<string, unknown> = { status: 'COMPLETED', logs: logs ?? null, ...common };
  const ran =
    s.startedAt !== undefined && s.completedAt !== undefined ? (s.completedAt - s.startedAt) / job.timeScale / 1000 : 0;
  json.metrics = { inference_time: s.phase === 'succeeded' ? (job.script.predictTimeSec ?? ran) : ran };
  if (s.phase === 'failed') {
    // fal never reports FAILED: a failed request is COMPLETED with an error (§3.3).
    json.error = job.script.error ?? 'Internal error';
    json.error_type = job.script.errorType ?? 'runner_server_error';
  } else if ((s.phase === 'canceled' || s.phase === 'aborted') && !job.cancelUnmarked) {
    // [UNCERTAIN] how a cancelled request reports: modelled as COMPLETED with client_cancelled
    // (or, with the 'cancel-unmarked' fault, as a plain COMPLETED).
    json.error = 'Request was cancelled';
    json.error_type = 'client_cancelled';
  }
  return { code: 200, json };
}

function findJob(ctx: RouteContext, id: string): EmuJob | undefined {
  const job = ctx.core.jobs.get(id);
  return job && job.provider === 'fal' ? job : undefined;
}

function status(ctx: RouteContext, id: string): RouteResult {
  const job = findJob(ctx, id);
  if (!job) return falError(404, undefined, 'Request not found');
  const { code, json } = statusOf(job, ctx.origin, ctx.core.now(), ctx.query.get('logs') === '1');
  return { status: code, headers: { 'x-fal-request-id': job.id }, json };
}

/** SSE: one `data:` frame per change; the response ends after COMPLETED, or the client never resolves (§3.4). */
async function stream(ctx: RouteContext, id: string): Promise<RouteResult> {
  const job = findJob(ctx, id);
  if (!job) return falError(404, undefined, 'Request not found');
  const { res, core } = ctx;
  const withLogs = ctx.query.get('logs') === '1';
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-fal-request-id': job.id,
  });
  let lastKey = '';
  while (!core.closed && !res.destroyed) {
    const { json } = statusOf(job, ctx.origin, core.now(), withLogs);
    const key = JSON.stringify(json);
    if (key !== lastKey) {
      lastKey = key;
      res.write(`data: ${key}\n\n`);
      if (ctx.fault?.kind === 'drop' && json.status !== 'COMPLETED') {
        // A network drop mid-stream: the socket goes away with no COMPLETED frame.
        await core.delay(core.tickMs);
        res.destroy();
        return 'handled';
      }
    }
    if (json.status === 'COMPLETED') break;
    await core.delay(core.tickMs);
  }
  if (!res.destroyed) res.end();
  return 'handled';
}

function result(ctx: RouteContext, id: string): RouteResult {
  const job = findJob(ctx, id);
  if (!job) return falError(404, undefined, 'Request not found');
  const s = snapshot(job, ctx.core.now());
  const headers = { 'x-fal-request-id': job.id, 'content-type': 'application/json' };
  if (!isTerminalPhase(s.phase)) return { status: 400, headers, json: { detail: 'Request is still in progress' } };
  if (s.phase === 'canceled' || s.phase === 'aborted') {
    const marker = job.cancelUnmarked ? {} : { error_type: 'client_cancelled' };
    return { status: 400, headers, json: { detail: 'Request was cancelled', ...marker } };
  }
  if (s.phase === 'failed') {
    const validation = job.script.errorType === 'validation' || job.script.errorType === 'content_policy_violation';
    const code = job.script.failStatus ?? (validation ? 422 : 500);
    const msg = job.script.error ?? 'Internal error';
    if (code === 422) {
      const type = job.script.errorType === 'content_policy_violation' ? 'content_policy_violation' : 'value_error';
      const detail = job.script.failDetail ?? [{ loc: ['body', 'prompt'], msg, type }];
      return { status: 422, headers, json: { detail } };
    }
    const et = job.script.errorType ?? 'runner_server_error';
    return {
      status: code,
      headers: { ...headers, 'x-fal-error-type': et },
      json: { detail: job.script.failDetail ?? msg, error_type: et },
    };
  }
  return { status: 200, headers, json: falOutput(job, ctx.origin) };
}

function cancel(ctx: RouteContext, id: string): RouteResult {
  const job = findJob(ctx, id);
  if (!job) return { status: 404, json: { status: 'NOT_FOUND' } };
  const now = ctx.core.now();
  if (isTerminalPhase(snapshot(job, now).phase)) return { status: 400, json: { status: 'ALREADY_COMPLETED' } };
  if (job.cancelAskedAt === undefined) job.cancelAskedAt = now;
  if (ctx.jobFault?.kind === 'cancel-unmarked') job.cancelUnmarked = true;
  return { status: 202, json: { status: 'CANCELLATION_REQUESTED' } };
}

function falOutput(job: EmuJob, origin: string): Record<string, unknown> {
  const file = (name: string) => {
    const media = mediaForName(name);
    return {
      url: `${origin}/files/fal/${job.id}/${name}`,
      content_type: media.contentType,
      file_name: name,
      file_size: media.data.length,
    };
  };
  const names = outputNames(job);
  const kind = job.script.output;
  const seed = 42;
  if (kind === 'text') return { output: 'hello from the emulator', seed };
  const first = names[0] ?? 'out-0.png';
  if (first.endsWith('.mp4')) return { video: file(first), seed };
  if (first.endsWith('.wav')) return kind === 'audio_file' ? { audio_file: file(first) } : { audio: file(first) };
  const image = (n: string) => ({ ...file(n), width: IMAGE_SIZE, height: IMAGE_SIZE });
  if (kind === 'image') return { image: image(first), seed };
  return {
    images: names.map(image),
    seed,
    has_nsfw_concepts: names.map(() => false),
    prompt: typeof job.input.prompt === 'string' ? job.input.prompt : '',
    timings: { inference: job.script.predictTimeSec ?? job.script.runMs / 1000 },
  };
}
