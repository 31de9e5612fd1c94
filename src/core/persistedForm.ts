// The compact persisted form of the registry. globalState is rewritten on every coalesced save,
// so it must stay small: a string table for repeated values (models, labels, folders), times as
// deltas, positional arrays instead of keyed objects. What is dropped on purpose: log lines
// beyond the last 3 and the remote URL of a take already imported (it expires within the hour).
// Fields this encoder does not know (added to Job later) are kept verbatim in an extras object.
import { type CostFigure, JOB_STATES, type Job, type Take } from './jobTypes';
import type { PersistedRegistry } from './storePort';

export const PACKED_VERSION = 2;
export const PERSISTED_LOG_LINES = 3;

type Cell = string | number | boolean | null | Cell[] | { [k: string]: unknown };

/** PersistedRegistry with the jobs in `packed` (and `jobs` empty), so old readers see no jobs rather than garbage. */
export interface PackedRegistry extends PersistedRegistry {
  packed: { s: string[]; b: number; j: Cell[][] };
}

const JOB_KEYS = new Set([
  'id',
  'provider',
  'model',
  'modality',
  'state',
  'createdAt',
  'updatedAt',
  'stateAt',
  'input',
  'requestId',
  'takes',
  'cost',
  'attempts',
  'logs',
  'metrics',
]);
const TAKE_KEYS = new Set([
  'index',
  'remoteUrl',
  'contentType',
  'localPath',
  'bytes',
  'width',
  'height',
  'durationSec',
  'suggestedName',
]);

class StringTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  ref(s: string | undefined): number | null {
    if (s === undefined) return null;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

function trimTail(cells: Cell[]): Cell[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === null) end--;
  return cells.slice(0, end);
}

function extras(obj: object, known: Set<string>): Cell {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(obj)) {
    if (known.has(k) || v === undefined) continue;
    out[k] = v;
    any = true;
  }
  return any ? out : null;
}

function splitPath(p: string): [string, string] {
  const cut = p.lastIndexOf('/');
  return cut < 0 ? ['', p] : [p.slice(0, cut + 1), p.slice(cut + 1)];
}

function packCost(c: CostFigure | undefined, t: StringTable): Cell {
  return c ? trimTail([c.amount ?? null, t.ref(c.source), t.ref(c.label)]) : null;
}

function packTake(take: Take, t: StringTable): Cell[] {
  const [dir, base] = take.localPath !== undefined ? splitPath(take.localPath) : [undefined, undefined];
  return trimTail([
    take.index,
    t.ref(take.contentType),
    t.ref(dir),
    base ?? null,
    take.bytes ?? null,
    take.width ?? null,
    take.height ?? null,
    take.durationSec ?? null,
    take.suggestedName ?? null,
    take.localPath !== undefined ? null : (take.remoteUrl ?? null),
    extras(take, TAKE_KEYS),
  ]);
}

function packStateAt(job: Job): number[] {
  // A bit mask of the states entered, then each time in state order as ms since the previous one.
  let mask = 0;
  const out: number[] = [0];
  let prev = job.createdAt;
  JOB_STATES.forEach((state, i) => {
    const at = job.stateAt[state];
    if (typeof at !== 'number') return;
    mask |= 1 << i;
    out.push(at - prev);
    prev = at;
  });
  out[0] = mask;
  return out;
}

function lastStateAt(job: Job): number {
  return Object.values(job.stateAt).reduce<number>((m, at) => Math.max(m, at ?? 0), job.createdAt);
}

function packJob(job: Job, base: number, t: StringTable): Cell[] {
  const keys = Object.keys(job.input);
  // A succeeded job's logs are of no further use; others keep a short tail for "See error".
  const logs = job.state === 'succeeded' ? [] : job.logs.slice(-PERSISTED_LOG_LINES);
  const m = job.metrics;
  return trimTail([
    job.id,
    t.ref(job.provider),
    t.ref(job.model),
    t.ref(job.modality),
    JOB_STATES.indexOf(job.state),
    job.createdAt - base,
    job.updatedAt - lastStateAt(job),
    packStateAt(job),
    [t.ref(JSON.stringify(keys)), ...keys.map((k) => job.input[k] as Cell)],
    job.requestId ?? null,
    job.takes.length ? job.takes.map((take) => packTake(take, t)) : null,
    job.cost.estimate || job.cost.actual
      ? trimTail([packCost(job.cost.estimate, t), packCost(job.cost.actual, t)])
      : null,
    m && (m.predictTimeSec !== undefined || m.totalTimeSec !== undefined)
      ? trimTail([m.predictTimeSec ?? null, m.totalTimeSec ?? null])
      : null,
    logs.length ? logs : null,
    job.attempts || null,
    extras(job, JOB_KEYS),
  ]);
}

export function encodeRegistry(jobs: readonly Job[], durations?: Record<string, number[]>): PackedRegistry {
  const table = new StringTable();
  const base = jobs.reduce((m, j) => Math.min(m, j.createdAt), jobs[0]?.createdAt ?? 0);
  const packedJobs = jobs.map((j) => packJob(j, base, table));
  const out: PackedRegistry = { v: PACKED_VERSION, jobs: [], packed: { s: table.list, b: base, j: packedJobs } };
  if (durations && Object.keys(durations).length) out.durations = durations;
  return out;
}

export interface DecodedRegistry {
  jobs: Job[];
  durations?: Record<string, number[]>;
  /** Entries that could not be read (kept out of the registry, described for the log). */
  problems: string[];
}

function str(table: string[], i: unknown): string | undefined {
  if (i === null || i === undefined) return undefined;
  if (typeof i !== 'number' || table[i] === undefined) throw new Error(`bad string reference ${String(i)}`);
  return table[i];
}

function unpackCost(cell: unknown, table: string[]): CostFigure | undefined {
  if (!Array.isArray(cell)) return undefined;
  const c: CostFigure = {
    currency: 'USD',
    source: (str(table, cell[1]) ?? 'unknown') as CostFigure['source'],
    label: str(table, cell[2]) ?? '',
  };
  if (typeof cell[0] === 'number') c.amount = cell[0];
  return c;
}

function setIf<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | null | undefined): void {
  if (value !== null && value !== undefined) obj[key] = value;
}

function unpackTake(cell: unknown, table: string[]): Take {
  if (!Array.isArray(cell) || typeof cell[0] !== 'number') throw new Error('bad take');
  const take: Take = { index: cell[0] };
  setIf(take, 'contentType', str(table, cell[1]));
  if (typeof cell[3] === 'string') take.localPath = (str(table, cell[2]) ?? '') + cell[3];
  setIf(take, 'bytes', cell[4] as number | null);
  setIf(take, 'width', cell[5] as number | null);
  setIf(take, 'height', cell[6] as number | null);
  setIf(take, 'durationSec', cell[7] as number | null);
  setIf(take, 'suggestedName', cell[8] as string | null);
  setIf(take, 'remoteUrl', cell[9] as string | null);
  if (cell[10] && typeof cell[10] === 'object') Object.assign(take, cell[10]);
  return take;
}

function unpackJob(cell: Cell[], base: number, table: string[]): Job {
  const [id, provider, model, modality, stateIx, created, updated, stateAtCell, inputCell] = cell;
  const state = JOB_STATES[stateIx as number];
  if (typeof id !== 'string' || !state || typeof created !== 'number') throw new Error('bad job header');
  const createdAt = base + created;
  const stateAt: Job['stateAt'] = {};
  let prev = createdAt;
  const [mask = 0, ...deltas] = Array.isArray(stateAtCell) ? (stateAtCell as number[]) : [];
  JOB_STATES.forEach((state, i) => {
    if (!(mask & (1 << i))) return;
    prev += deltas.shift() ?? 0;
    stateAt[state] = prev;
  });
  const input: Record<string, unknown> = {};
  if (Array.isArray(inputCell)) {
    const keys = JSON.parse(str(table, inputCell[0]) ?? '[]') as string[];
    keys.forEach((k, i) => {
      input[k] = inputCell[i + 1];
    });
  }
  const costCell = cell[11];
  const job: Job = {
    id,
    provider: str(table, provider) as Job['provider'],
    model: str(table, model) ?? '',
    modality: str(table, modality) as Job['modality'],
    input,
    state,
    stateAt,
    createdAt,
    updatedAt: 0,
    logs: Array.isArray(cell[13]) ? (cell[13] as string[]) : [],
    takes: Array.isArray(cell[10]) ? cell[10].map((t) => unpackTake(t, table)) : [],
    cost: {},
    attempts: typeof cell[14] === 'number' ? cell[14] : 0,
  };
  if (Array.isArray(costCell)) {
    setIf(job.cost, 'estimate', unpackCost(costCell[0], table));
    setIf(job.cost, 'actual', unpackCost(costCell[1], table));
  }
  setIf(job, 'requestId', cell[9] as string | null);
  job.updatedAt = lastStateAt(job) + ((updated as number) ?? 0);
  const metrics = cell[12];
  if (Array.isArray(metrics)) {
    job.metrics = {};
    setIf(job.metrics, 'predictTimeSec', metrics[0] as number | null);
    setIf(job.metrics, 'totalTimeSec', metrics[1] as number | null);
  }
  const more = cell[15];
  if (more && typeof more === 'object' && !Array.isArray(more)) Object.assign(job, more);
  return job;
}

export function decodeRegistry(reg: PersistedRegistry | undefined): DecodedRegistry {
  const out: DecodedRegistry = { jobs: [], problems: [] };
  if (!reg) return out;
  if (reg.durations) out.durations = reg.durations;
  // Plain (v1) jobs are accepted as they are.
  for (const job of reg.jobs ?? []) out.jobs.push(job);
  const packed = (reg as Partial<PackedRegistry>).packed;
  if (!packed) return out;
  packed.j.forEach((cell, i) => {
    try {
      out.jobs.push(unpackJob(cell, packed.b, packed.s));
    } catch (err) {
      out.problems.push(`Saved job #${i} could not be read (${(err as Error).message}); it was left out.`);
    }
  });
  return out;
}
