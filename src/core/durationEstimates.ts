// Generation-time estimates from the user's own history: after three successful runs of a model,
// the median of the recent runs, rounded up slightly so the real time usually comes in under it.
// Bounded: the last RUNS_PER_MODEL runs of at most MAX_MODELS models (least recently used dropped).

export const MIN_RUNS_FOR_ESTIMATE = 3;
export const RUNS_PER_MODEL = 20;
export const MAX_MODELS = 200;
/** "Almost done…" from this fraction of the estimate. */
const ALMOST_DONE_FRACTION = 0.75;
const HEADROOM = 1.1;

export class DurationHistory {
  // Map keeps insertion order: re-inserting on record() makes it least-recently-used first.
  private readonly runs = new Map<string, number[]>();

  record(model: string, ms: number): void {
    if (!model || !Number.isFinite(ms) || ms <= 0) return;
    const list = this.runs.get(model) ?? [];
    this.runs.delete(model);
    list.push(Math.round(ms));
    if (list.length > RUNS_PER_MODEL) list.splice(0, list.length - RUNS_PER_MODEL);
    this.runs.set(model, list);
    while (this.runs.size > MAX_MODELS) {
      const oldest = this.runs.keys().next().value;
      if (oldest === undefined) break;
      this.runs.delete(oldest);
    }
  }

  /** Estimated ms, only once the model has MIN_RUNS_FOR_ESTIMATE successful runs. */
  estimate(model: string): number | undefined {
    const list = this.runs.get(model);
    if (!list || list.length < MIN_RUNS_FOR_ESTIMATE) return undefined;
    return roundUpToStep(median(list) * HEADROOM);
  }

  /** How many runs are on file for a model (so the UI can say "2 of 3 runs to an estimate"). */
  runCount(model: string): number {
    return this.runs.get(model)?.length ?? 0;
  }

  phaseHint(elapsedMs: number, estimateMs: number | undefined): string | undefined {
    return phaseHint(elapsedMs, estimateMs);
  }

  formatEstimate(ms: number): string {
    return formatEstimate(ms);
  }

  toJSON(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const [model, list] of this.runs) out[model] = [...list];
    return out;
  }

  /** Tolerant of anything: keeps the valid parts of what was stored, drops the rest. */
  static fromJSON(x: unknown): DurationHistory {
    const h = new DurationHistory();
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return h;
    for (const [model, list] of Object.entries(x as Record<string, unknown>)) {
      if (!Array.isArray(list)) continue;
      for (const ms of list.slice(-RUNS_PER_MODEL)) if (typeof ms === 'number') h.record(model, ms);
    }
    return h;
  }
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  if (s.length === 0) return 0;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Up to a nice step: 5 s under a minute, 15 s under five minutes, 30 s above. */
export function roundUpToStep(ms: number): number {
  const sec = ms / 1000;
  const step = sec < 60 ? 5 : sec < 300 ? 15 : 30;
  return Math.max(step, Math.ceil(sec / step) * step) * 1000;
}

export function phaseHint(elapsedMs: number, estimateMs: number | undefined): string | undefined {
  if (estimateMs === undefined || !(estimateMs > 0) || !Number.isFinite(elapsedMs)) return undefined;
  if (elapsedMs > estimateMs) return 'Still working…';
  if (elapsedMs >= estimateMs * ALMOST_DONE_FRACTION) return 'Almost done…';
  return undefined;
}

/** "~45 sec", "~2 min", "~2–3 min", "~1 h 10 min". */
export function formatEstimate(ms: number): string {
  const sec = Math.max(1, Math.round(ms / 1000));
  if (sec < 60) return `~${sec} sec`;
  if (sec < 3600) {
    const lo = Math.floor(sec / 60);
    const hi = Math.ceil(sec / 60);
    return lo === hi ? `~${lo} min` : `~${lo}–${hi} min`;
  }
  const h = Math.floor(sec / 3600);
  const m = Math.round((sec % 3600) / 60);
  return m === 0 ? `~${h} h` : `~${h} h ${m} min`;
}
