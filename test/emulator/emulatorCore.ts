// The emulator's shared state: jobs, scripts, faults and counters. Route files read and change it;
// providerEmulator.ts wires it to an HTTP server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_SCRIPT, type EmuJob } from './emulatedJob';
import type {
  EmulatedProvider,
  EmulatorCounts,
  Fault,
  FaultKind,
  FaultRoute,
  JobScript,
  RequestRecord,
} from './emulatorTypes';
import { type EmuUpload, failOnUnreachableInputs } from './uploadRoutes';

/** A response to write: JSON bodies are objects, files are Buffers. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  raw?: Buffer | string;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path below the provider prefix, e.g. "/predictions/abc" or "/fal-ai/flux/requests/x/status". */
  path: string;
  query: URLSearchParams;
  body: Buffer;
  /** http://127.0.0.1:PORT */
  origin: string;
  core: EmulatorCore;
  /** Job-level fault to apply to the job this request creates (submit) or cancels ('cancel-unmarked'). */
  jobFault?: Fault;
  /** A fault the handler itself acts on (the status stream's 'drop'). */
  fault?: Fault;
}

/** A handler either returns a reply, or writes the response itself (SSE) and returns 'handled'. */
export type RouteResult = Reply | 'handled';

export interface ScriptRules {
  all?: JobScript;
  byModel: Map<string, JobScript>;
  next: Record<EmulatedProvider, JobScript[]>;
}

export class EmulatorCore {
  readonly jobs = new Map<string, EmuJob>();
  readonly faults: Array<Fault & { left: number }> = [];
  readonly log: RequestRecord[] = [];
  counts: EmulatorCounts = freshCounts();
  scripts: ScriptRules = { byModel: new Map(), next: { fal: [], replicate: [] } };
  /** Uploaded files (fal storage by name, Replicate files by id); see uploadRoutes.ts. */
  readonly uploads = new Map<string, EmuUpload>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  closed = false;
  /** Replicate list page size (the real API uses 100; tests lower it to exercise `next`). */
  listPageSize = 100;
  /** How far the provider's clock is ahead of this machine's (negative: behind). */
  clockSkewMs = 0;

  constructor(
    /** Real ms per scripted ms: 0.001 runs a 10-minute job in 600 ms. */
    public timeScale: number,
    /** How often SSE streams and sync waits look at the job, real ms. */
    public readonly tickMs: number,
  ) {}

  /** The provider's clock: timestamps in bodies and the `Date` header of every response. */
  now(): number {
    return Date.now() + this.clockSkewMs;
  }

  /** The script for a new job: the next-job queue first, then the model's, then the catch-all. */
  takeScript(provider: EmulatedProvider, model: string): EmuJob['script'] {
    const next = this.scripts.next[provider].shift();
    const base = this.scripts.byModel.get(model) ?? this.scripts.all ?? {};
    return { ...DEFAULT_SCRIPT, ...base, ...(next ?? {}) };
  }

  addFault(f: Fault): void {
    this.faults.push({ ...f, left: f.times ?? 1 });
  }

  /** The first live fault for this request, used up by one. */
  takeFault(provider: EmulatedProvider, route: FaultRoute, model: string | undefined): Fault | undefined {
    const i = this.faults.findIndex(
      (f) => f.provider === provider && f.route === route && (f.model === undefined || f.model === model),
    );
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    if (f.left > 0) f.left -= 1;
    if (f.left === 0) this.faults.splice(i, 1);
    return f;
  }

  count(provider: EmulatedProvider, route: FaultRoute): void {
    const key = `${provider}:${route}`;
    this.counts.requests[key] = (this.counts.requests[key] ?? 0) + 1;
  }

  addJob(job: EmuJob): void {
    failOnUnreachableInputs(this, job);
    this.jobs.set(job.id, job);
    this.counts.submits[job.provider] += 1;
  }

  reset(): void {
    this.jobs.clear();
    this.faults.length = 0;
    this.log.length = 0;
    this.uploads.clear();
    this.counts = freshCounts();
    this.scripts = { byModel: new Map(), next: { fal: [], replicate: [] } };
  }

  /** A timer that close() clears, so tests never hang on the emulator. */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

export function freshCounts(): EmulatorCounts {
  return { submits: { fal: 0, replicate: 0 }, uploads: { fal: 0, replicate: 0 }, requests: {} };
}

/** Faults answered before the request is processed (nothing is created). */
export const EARLY_FAULTS: ReadonlySet<FaultKind> = new Set<FaultKind>([
  '429',
  '500',
  '502',
  '503',
  '504',
  'reset',
  '401',
  '402',
  '403-balance',
  '404',
  '413',
  '422',
]);

/** Faults that change the job a submit creates rather than the HTTP exchange. */
export const JOB_FAULTS: ReadonlySet<FaultKind> = new Set<FaultKind>(['job-failed', 'job-nsfw', 'job-canceled']);

export function readJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Scripted ms → real ms. */
export function scaled(core: EmulatorCore, scriptedMs: number): number {
  return scriptedMs * core.timeScale;
}
