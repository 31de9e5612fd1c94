// Full history as JSONL files under globalStorageUri (`history/YYYY-MM.jsonl`, one job per line),
// so globalState stays small. workspace.fs has no append: a month's file is read, extended and
// written to a temp name then renamed over the old one (a crash leaves the old file intact).
// Reading returns compact rows for the panel's searchable history (newest first, bounded); the
// panel keeps them in memory (panel/historyIndex.ts) and pages them, so they are read once.
import { jobCostLabel } from '../../core/jobCostLabel';
import { isTerminal, type Job } from '../../core/jobTypes';
import type { HistorySink } from '../../core/storePort';
import { type HostFileSystem, joinUri } from '../assets/hostFileSystem';
import type { HistoryRow } from '../panel/generationsProtocol';

export const HISTORY_FOLDER = 'history';
export const DEFAULT_HISTORY_ROWS = 1000;

export function monthFileName(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}.jsonl`;
}

function promptOf(job: Job): string {
  const p = job.input.prompt ?? job.input.text ?? '';
  return typeof p === 'string' ? p : JSON.stringify(p);
}

export function finishedAt(job: Job): number | undefined {
  return job.stateAt.succeeded ?? job.stateAt.failed ?? job.stateAt.canceled;
}

export function toHistoryRow(job: Job): HistoryRow {
  const row: HistoryRow = {
    id: job.id,
    provider: job.provider,
    model: job.model,
    modality: job.modality,
    state: job.state,
    prompt: promptOf(job).slice(0, 500),
    createdAt: job.createdAt,
  };
  const fin = finishedAt(job);
  if (fin !== undefined) row.finishedAt = fin;
  const path = job.takes.find((t) => t.localPath)?.localPath;
  if (path) row.localPath = path;
  const cost = jobCostLabel(job);
  if (cost) row.costLabel = cost;
  if (job.retriedFrom) row.retriedFrom = job.retriedFrom;
  if (job.batchId) row.batchId = job.batchId;
  if (job.shot) row.shot = { list: job.shot.list, shotId: job.shot.shotId };
  return row;
}

export class HistoryFiles implements HistorySink {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly fs: HostFileSystem,
    /** globalStorageUri as a string. */
    private readonly baseUri: string,
    private readonly log?: (level: 'info' | 'warn' | 'error', message: string) => void,
  ) {}

  private get folder(): string {
    return joinUri(this.baseUri, HISTORY_FOLDER);
  }

  append(jobs: readonly Job[]): Promise<void> {
    const finished = jobs.filter((j) => isTerminal(j.state));
    if (finished.length === 0) return this.chain;
    // Serialised: two appends must not read the same old file.
    this.chain = this.chain.catch(() => undefined).then(() => this.appendNow(finished));
    return this.chain;
  }

  private async appendNow(jobs: readonly Job[]): Promise<void> {
    await this.fs.createDirectory(this.folder);
    const byMonth = new Map<string, Job[]>();
    for (const j of jobs) {
      const name = monthFileName(finishedAt(j) ?? j.updatedAt);
      byMonth.set(name, [...(byMonth.get(name) ?? []), j]);
    }
    for (const [name, list] of byMonth) {
      const uri = joinUri(this.folder, name);
      const old = (await this.fs.stat(uri)) ? await this.fs.readFile(uri) : new Uint8Array();
      const lines = list.map((j) => `${JSON.stringify({ ...j, logs: j.logs.slice(-20) })}\n`).join('');
      const add = new TextEncoder().encode(lines);
      const next = new Uint8Array(old.byteLength + add.byteLength);
      next.set(old, 0);
      next.set(add, old.byteLength);
      const temp = joinUri(this.folder, `.${name}.tmp`);
      await this.fs.writeFile(temp, next);
      await this.fs.rename(temp, uri, { overwrite: true });
    }
  }

  /** Full jobs from history (newest first), e.g. to retry or insert a job no longer in the registry. */
  async readJobs(limit = DEFAULT_HISTORY_ROWS): Promise<Job[]> {
    await this.chain.catch(() => undefined);
    let entries: [string, string][] = [];
    try {
      entries = (await this.fs.readDirectory(this.folder)) as [string, string][];
    } catch {
      return [];
    }
    const months = entries
      .map(([n]) => n)
      .filter((n) => /^\d{4}-\d{2}\.jsonl$/.test(n))
      .sort()
      .reverse();
    const out: Job[] = [];
    const seen = new Set<string>();
    for (const name of months) {
      const text = new TextDecoder().decode(await this.fs.readFile(joinUri(this.folder, name)));
      const lines = text.split('\n');
      let bad = 0;
      // Newest lines are at the end of each file.
      for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
        const line = lines[i]?.trim();
        if (!line) continue;
        try {
          const job = JSON.parse(line) as Job;
          if (typeof job?.id !== 'string' || seen.has(job.id)) continue;
          seen.add(job.id);
          out.push(job);
        } catch {
          bad++;
        }
      }
      if (bad > 0) this.log?.('warn', `Skipped ${bad} unreadable line(s) in history file ${name}.`);
      if (out.length >= limit) break;
    }
    return out;
  }

  async readRows(limit = DEFAULT_HISTORY_ROWS): Promise<HistoryRow[]> {
    return (await this.readJobs(limit)).map(toHistoryRow);
  }
}
