// A local emulator of the Replicate and fal HTTP APIs, for tests that run the real SDKs over
// loopback. One node:http server on 127.0.0.1: Replicate under /replicate/v1, fal under /fal,
// output files under /files, and a control API under /__emulator (used by runEmulator.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EmuPhase, snapshot } from './emulatedJob';
import {
  EARLY_FAULTS,
  EmulatorCore,
  isObject,
  JOB_FAULTS,
  type Reply,
  type RouteContext,
  type RouteResult,
  readJson,
} from './emulatorCore';
import type {
  EmulatedProvider,
  EmulatorCounts,
  Fault,
  FaultKind,
  FaultRoute,
  JobScript,
  RequestRecord,
  ScriptCommand,
} from './emulatorTypes';
import { FAL_PREFIX, falAuthFailure, falError, falFaultReply, matchFal } from './falRoutes';
import { mediaForName } from './mediaFiles';
import {
  matchReplicate,
  REPLICATE_PREFIX,
  replicateAuthFailure,
  replicateError,
  replicateFaultReply,
} from './replicateRoutes';
import { serveSchemaRoute } from './schemaRoutes';
import { expireUploads, liveUpload, matchUploads, uploadNeedsAuth } from './uploadRoutes';

export interface EmulatorOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Real ms per scripted ms; default 1. 0.001 runs a 10-minute scripted job in 0.6 s. */
  timeScale?: number;
  /** How often SSE streams and sync waits re-read a job, real ms; default 10. */
  tickMs?: number;
  /** When set, fal requests must carry `Authorization: Key <falKey>`; otherwise any key is accepted. */
  falKey?: string;
  /** When set, Replicate requests must carry this token; otherwise any token is accepted. */
  replicateToken?: string;
  /** Replicate list page size (default 100). */
  listPageSize?: number;
  /** Scripts for every job unless a model or next-job script says otherwise. */
  defaultScript?: JobScript;
  /** The provider's clock ahead of this machine's, ms (negative: behind). Default 0. */
  clockSkewMs?: number;
}

export interface EmulatedJobInfo {
  provider: EmulatedProvider;
  id: string;
  model: string;
  version: string;
  input: Record<string, unknown>;
  phase: EmuPhase;
  createdAt: number;
  cancelAsked: boolean;
}

export interface ProviderEmulator {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** For createFalProvider({ baseUrl }): replaces https://queue.fal.run, https://fal.run, https://rest.fal.ai. */
  readonly falBaseUrl: string;
  /** For createReplicateProvider({ baseUrl }): replaces https://api.replicate.com/v1. */
  readonly replicateBaseUrl: string;
  /** Inject a fault on matching requests (times: default 1, -1 = until reset/clearFaults). */
  fault(f: Fault): void;
  clearFaults(): void;
  /** Script every job (no model), a model's jobs, or the next job on a provider. */
  script(cmd: ScriptCommand): void;
  counts(): EmulatorCounts;
  submits(provider: EmulatedProvider): number;
  requests(provider: EmulatedProvider, route: FaultRoute): number;
  /** Files completely uploaded to the provider (uploadRoutes.ts). */
  uploads(provider: EmulatedProvider): number;
  /** Every stored file (of one provider) expires now: jobs naming it fail as the provider would. */
  expireUploads(provider?: EmulatedProvider): void;
  jobs(provider?: EmulatedProvider): EmulatedJobInfo[];
  job(id: string): EmulatedJobInfo | undefined;
  requestLog(): readonly RequestRecord[];
  setTimeScale(timeScale: number): void;
  /** Move the provider's clock: `ms` ahead of this machine's (negative: behind). */
  setClockSkew(ms: number): void;
  /** Forget jobs, faults, scripts and counters (the server keeps running). */
  reset(): void;
  close(): Promise<void>;
}

const ROUTES: readonly FaultRoute[] = ['submit', 'status', 'stream', 'result', 'cancel', 'list', 'output', 'upload'];
const KINDS: readonly FaultKind[] = [
  '429',
  '500',
  '502',
  '503',
  '504',
  'reset',
  'reset-after-create',
  'slow',
  'malformed',
  '401',
  '402',
  '403-balance',
  '404',
  '413',
  '422',
  'truncated',
  'job-failed',
  'job-nsfw',
  'job-canceled',
  'drop',
  'cancel-unmarked',
  'expired',
];

export async function startEmulator(opts: EmulatorOptions = {}): Promise<ProviderEmulator> {
  const core = new EmulatorCore(opts.timeScale ?? 1, opts.tickMs ?? 10);
  if (opts.listPageSize) core.listPageSize = opts.listPageSize;
  const applyDefaults = () => {
    if (opts.defaultScript) core.scripts.all = { ...opts.defaultScript };
    core.clockSkewMs = opts.clockSkewMs ?? 0;
  };
  applyDefaults();
  let origin = '';

  const server: Server = createServer((req, res) => {
    handle(core, req, res, origin, opts).catch((err: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ detail: `emulator error: ${String(err)}` }));
      } else {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  const info = (id: string): EmulatedJobInfo | undefined => {
    const j = core.jobs.get(id);
    if (!j) return undefined;
    return {
      provider: j.provider,
      id: j.id,
      model: j.model,
      version: j.version,
      input: j.input,
      phase: snapshot(j, core.now()).phase,
      createdAt: j.createdAt,
      cancelAsked: j.cancelAskedAt !== undefined,
    };
  };

  return {
    url: origin,
    port,
    falBaseUrl: `${origin}${FAL_PREFIX}`,
    replicateBaseUrl: `${origin}${REPLICATE_PREFIX}`,
    fault: (f) => core.addFault(validateFault(f)),
    clearFaults: () => {
      core.faults.length = 0;
    },
    script: (cmd) => applyScript(core, cmd),
    counts: () => structuredClone(core.counts),
    submits: (p) => core.counts.submits[p],
    requests: (p, r) => core.counts.requests[`${p}:${r}`] ?? 0,
    uploads: (p) => core.counts.uploads[p],
    expireUploads: (p) => expireUploads(core, p),
    jobs: (p) =>
      [...core.jobs.values()]
        .filter((j) => p === undefined || j.provider === p)
        .map((j) => info(j.id))
        .filter((j): j is EmulatedJobInfo => j !== undefined),
    job: info,
    requestLog: () => [...core.log],
    setTimeScale: (x) => {
      core.timeScale = x;
    },
    setClockSkew: (ms) => {
      core.clockSkewMs = ms;
    },
    reset: () => {
      core.reset();
      applyDefaults();
    },
    close: async () => {
      core.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handle(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
  opts: EmulatorOptions,
): Promise<void> {
  const body = await readBody(req);
  const url = new URL(req.url ?? '/', origin);
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  // Real servers stamp every response with their own clock (RFC 9110 Date, second resolution);
  // Node would use this machine's clock, so set it from the provider's.
  res.setHeader('date', new Date(core.now()).toUTCString());

  if (path.startsWith('/__emulator/')) return write(res, control(core, method, path.slice('/__emulator'.length), body));
  if (serveSchemaRoute(core, req, res, method, url, opts.replicateToken)) return;

  let provider: EmulatedProvider;
  let sub: string;
  let matched:
    | { route: FaultRoute | 'other'; model?: string; handle: (ctx: RouteContext) => Promise<RouteResult> }
    | undefined;
  if (path.startsWith(`${REPLICATE_PREFIX}/`)) {
    provider = 'replicate';
    sub = path.slice(REPLICATE_PREFIX.length);
    matched = matchUploads(provider, method, sub) ?? matchReplicate(core, method, sub, body);
  } else if (path.startsWith(`${FAL_PREFIX}/`)) {
    provider = 'fal';
    sub = path.slice(FAL_PREFIX.length);
    matched = matchUploads(provider, method, sub) ?? matchFal(core, method, sub);
  } else if (path.startsWith('/files/')) {
    return serveFile(core, req, res, path);
  } else {
    return write(res, { status: 404, json: { detail: 'Not found' } });
  }
  if (!matched) {
    return write(res, provider === 'fal' ? falError(404, undefined, 'Not Found') : replicateError(404));
  }

  const ctx: RouteContext = { req, res, method, path: sub, query: url.searchParams, body, origin, core };
  const route = matched.route;
  const fault = route === 'other' ? undefined : core.takeFault(provider, route, matched.model);
  if (route !== 'other') core.count(provider, route);
  record(core, { provider, route, method, path: path + url.search, at: core.now(), fault: fault?.kind });

  // fal's storage PUTs carry no auth header (§3.9); everything else needs one.
  if (uploadNeedsAuth(provider, method, sub)) {
    const authFail =
      provider === 'fal' ? falAuthFailure(ctx, opts.falKey) : replicateAuthFailure(ctx, opts.replicateToken);
    if (authFail) return write(res, authFail);
  }

  if (fault && EARLY_FAULTS.has(fault.kind)) {
    if (fault.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const reply =
      provider === 'fal'
        ? falFaultReply(fault.kind, fault, route as FaultRoute)
        : replicateFaultReply(fault.kind, fault);
    if (reply) return write(res, reply);
  }
  if (fault && (JOB_FAULTS.has(fault.kind) || fault.kind === 'cancel-unmarked')) ctx.jobFault = fault;
  if (fault?.kind === 'drop' || fault?.kind === 'expired') ctx.fault = fault;
  if (fault?.kind === 'slow' && route === 'stream') await core.delay(fault.delayMs ?? 2000);

  const result = await matched.handle(ctx);
  if (result === 'handled') return;
  if (fault?.kind === 'reset-after-create') {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === 'slow') await core.delay(fault.delayMs ?? 2000);
  if (fault?.kind === 'malformed') {
    const text = JSON.stringify(result.json ?? {});
    return write(res, {
      status: result.status,
      headers: result.headers,
      raw: text.slice(0, Math.max(1, text.length >> 1)),
    });
  }
  return write(res, result);
}

async function serveFile(core: EmulatorCore, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const m = /^\/files\/(fal|replicate|uploads)\/(?:([^/]+)\/)?([^/]+)$/.exec(path);
  const provider: EmulatedProvider = m?.[1] === 'replicate' ? 'replicate' : 'fal';
  const jobId = m?.[2];
  const job = jobId ? core.jobs.get(jobId) : undefined;
  const fault = core.takeFault(provider, 'output', job?.model);
  core.count(provider, 'output');
  record(core, { provider, route: 'output', method: req.method ?? 'GET', path, at: core.now(), fault: fault?.kind });
  if (!m) return write(res, { status: 404, json: { detail: 'Not found' } });
  if (fault?.kind === 'reset') {
    req.socket.destroy();
    return;
  }
  if (fault && EARLY_FAULTS.has(fault.kind)) {
    const status = fault.kind === '403-balance' ? 403 : Number(fault.kind);
    return write(res, { status, headers: { 'content-type': 'text/plain' }, raw: `Error ${status}` });
  }
  let media: { data: Buffer; contentType: string } | undefined;
  if (m[1] === 'uploads') media = liveUpload(core, m[3] ?? '');
  else if (job && job.provider === provider && snapshot(job, core.now()).phase === 'succeeded')
    media = mediaForName(m[3] ?? '');
  if (!media) return write(res, { status: 404, headers: { 'content-type': 'text/plain' }, raw: 'Not found' });
  if (fault?.kind === 'slow') await core.delay(fault.delayMs ?? 2000);
  if (fault?.kind === 'truncated') {
    // Promise more bytes than we send, then drop the connection.
    res.writeHead(200, { 'content-type': media.contentType, 'content-length': String(media.data.length + 4096) });
    res.write(media.data);
    await core.delay(5);
    res.destroy();
    return;
  }
  return write(res, { status: 200, headers: { 'content-type': media.contentType }, raw: media.data });
}

function control(core: EmulatorCore, method: string, path: string, body: Buffer): Reply {
  try {
    if (method === 'GET' && path === '/counts') return { status: 200, json: core.counts };
    if (method === 'GET' && path === '/requests') return { status: 200, json: core.log };
    if (method === 'GET' && path === '/jobs') {
      return {
        status: 200,
        json: [...core.jobs.values()].map((j) => ({
          provider: j.provider,
          id: j.id,
          model: j.model,
          input: j.input,
          phase: snapshot(j, core.now()).phase,
        })),
      };
    }
    if (method === 'POST' && path === '/fault') {
      core.addFault(validateFault(readJson(body)));
      return { status: 200, json: { ok: true } };
    }
    if (method === 'POST' && path === '/script') {
      const cmd = readJson(body);
      if (!isObject(cmd) || !isObject(cmd.script)) throw new Error('Expected {"model"?, "next"?, "script": {...}}');
      applyScript(core, cmd as unknown as ScriptCommand);
      return { status: 200, json: { ok: true } };
    }
    if (method === 'POST' && path === '/expireUploads') {
      expireUploads(core);
      return { status: 200, json: { ok: true } };
    }
    if (method === 'POST' && path === '/reset') {
      core.reset();
      return { status: 200, json: { ok: true } };
    }
    if (method === 'POST' && path === '/timeScale') {
      const b = readJson(body);
      if (!isObject(b) || typeof b.timeScale !== 'number' || !(b.timeScale > 0))
        throw new Error('Expected {"timeScale": >0}');
      core.timeScale = b.timeScale;
      return { status: 200, json: { ok: true } };
    }
    return { status: 404, json: { detail: `No control route ${method} ${path}` } };
  } catch (err) {
    return { status: 400, json: { detail: err instanceof Error ? err.message : String(err) } };
  }
}

function applyScript(core: EmulatorCore, cmd: ScriptCommand): void {
  if (cmd.next) core.scripts.next[cmd.next].push({ ...cmd.script });
  else if (cmd.model) core.scripts.byModel.set(cmd.model, { ...cmd.script });
  else core.scripts.all = { ...cmd.script };
}

function validateFault(f: unknown): Fault {
  if (!isObject(f)) throw new Error('A fault is an object: {"provider","route","kind",...}');
  if (f.provider !== 'fal' && f.provider !== 'replicate')
    throw new Error('fault.provider must be "fal" or "replicate"');
  if (!ROUTES.includes(f.route as FaultRoute)) throw new Error(`fault.route must be one of ${ROUTES.join(', ')}`);
  if (!KINDS.includes(f.kind as FaultKind)) throw new Error(`fault.kind must be one of ${KINDS.join(', ')}`);
  if (JOB_FAULTS.has(f.kind as FaultKind) && f.route !== 'submit')
    throw new Error(`fault.kind ${String(f.kind)} needs route "submit"`);
  if (f.kind === 'drop' && (f.provider !== 'fal' || f.route !== 'stream'))
    throw new Error('fault.kind drop needs provider "fal" and route "stream"');
  if (f.kind === 'expired' && f.route !== 'upload') throw new Error('fault.kind expired needs route "upload"');
  if (f.kind === 'cancel-unmarked' && f.route !== 'cancel')
    throw new Error('fault.kind cancel-unmarked needs route "cancel"');
  return f as unknown as Fault;
}

function record(core: EmulatorCore, r: RequestRecord): void {
  core.log.push(r);
  if (core.log.length > 5000) core.log.splice(0, core.log.length - 5000);
}

function write(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let payload: Buffer | string = '';
  if (reply.raw !== undefined) {
    payload = reply.raw;
    if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
  } else if (reply.json !== undefined) {
    payload = JSON.stringify(reply.json);
    if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

function hasHeader(h: Record<string, string>, name: string): boolean {
  return Object.keys(h).some((k) => k.toLowerCase() === name);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
