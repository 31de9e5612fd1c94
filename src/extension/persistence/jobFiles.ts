// One file per job in `<globalStorage>/jobs/`, written only by the window that drives the job
// (it holds the job's lease, fileLeases.ts), by write-then-rename. This is where the writes that
// must never be lost live (the job before its create request, the request id): globalState is one
// value per extension that another window may overwrite at the same moment (last writer wins).
// `<id>.json` is an unfinished job, `<id>.done.json` a finished one, so activation can tell from
// the names alone whether anything is left to resume.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { isTerminal, type Job } from '../../core/jobTypes';
import { ensureDir, listNames, readJson, removeFile, writeAtomic } from './atomicFiles';
import { compactJob } from './mementoJobStore';

export const JOBS_FOLDER = 'jobs';
const ACTIVE_SUFFIX = '.json';
const DONE_SUFFIX = '.done.json';
/** Log lines kept in a job file (rewritten on every save of the job: keep it small). */
const MAX_LOG_LINES = 20;

function idOf(name: string): string | undefined {
  if (name.endsWith('.tmp')) return undefined;
  if (name.endsWith(DONE_SUFFIX)) return decodeURIComponent(name.slice(0, -DONE_SUFFIX.length));
  if (name.endsWith(ACTIVE_SUFFIX)) return decodeURIComponent(name.slice(0, -ACTIVE_SUFFIX.length));
  return undefined;
}

/** Activation's cheap check: is an unfinished job on disk (one folder listing, nothing parsed)? */
export function hasActiveJobFiles(dir: string): boolean {
  return listNames(dir).some((n) => idOf(n) !== undefined && !n.endsWith(DONE_SUFFIX));
}

function isJob(x: unknown): x is Job {
  const j = x as Partial<Job> | undefined;
  return !!j && typeof j === 'object' && typeof j.id === 'string' && typeof j.state === 'string';
}

export class JobFiles {
  /** Text this window last wrote per job id: unchanged jobs are not rewritten. */
  private readonly written = new Map<string, string>();
  /** Ids in the registry at the last write. */
  private previous = new Set<string>();
  /** Parsed files by name, kept while the file's size and mtime stay the same. */
  private readonly cache = new Map<string, { stamp: string; job: Job | undefined }>();

  constructor(private readonly dir: string) {}

  private path(id: string, done: boolean): string {
    return join(this.dir, `${encodeURIComponent(id)}${done ? DONE_SUFFIX : ACTIVE_SUFFIX}`);
  }

  /**
   * Write the jobs this window drives (only changed ones). A finished job that left the registry
   * (dismissed, archived to history, removed elsewhere) loses its file, whoever wrote it; an
   * unfinished job's file is never deleted here (its driver may be another window).
   */
  write(jobs: readonly Job[], drivenHere: (id: string) => boolean): void {
    ensureDir(this.dir);
    const present = new Set<string>();
    for (const job of jobs) {
      present.add(job.id);
      if (!drivenHere(job.id)) continue;
      const text = JSON.stringify(compactJob({ ...job, logs: job.logs.slice(-MAX_LOG_LINES) }));
      if (this.written.get(job.id) === text) continue;
      const done = isTerminal(job.state);
      writeAtomic(this.path(job.id, done), text);
      if (done) removeFile(this.path(job.id, false));
      this.written.set(job.id, text);
    }
    for (const id of this.previous) if (!present.has(id)) removeFile(this.path(id, true));
    for (const id of [...this.written.keys()]) if (!present.has(id)) this.written.delete(id);
    this.previous = present;
  }

  /** Every job on disk (a job with both files, after a crash between the two writes: the newer copy). */
  readAll(): Job[] {
    const byId = new Map<string, Job>();
    const names = listNames(this.dir);
    for (const name of [...this.cache.keys()]) if (!names.includes(name)) this.cache.delete(name);
    for (const name of names) {
      if (idOf(name) === undefined) continue;
      const job = this.readCached(name);
      if (!job) continue;
      const other = byId.get(job.id);
      if (!other || job.updatedAt > other.updatedAt) byId.set(job.id, job);
    }
    return [...byId.values()];
  }

  private readCached(name: string): Job | undefined {
    const path = join(this.dir, name);
    let stamp: string;
    try {
      const st = statSync(path);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      return undefined;
    }
    const hit = this.cache.get(name);
    if (hit?.stamp === stamp) return hit.job;
    const parsed = readJson<unknown>(path);
    const job = isJob(parsed) ? parsed : undefined;
    this.cache.set(name, { stamp, job });
    return job;
  }
}
