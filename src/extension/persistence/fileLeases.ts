// Which window drives which job, with real atomicity: one lease file per job and generation in
// `<globalStorage>/leases/`, named `<jobId>.<generation>.lease`, holding { owner, until }.
// (globalState cannot do this: VS Code writes an extension's whole state as one value, the last
// writer wins, and other windows see a change only later.)
//
// - Taking a job that has no lease: create generation 1 with the exclusive flag.
// - Taking over an expired or released lease of generation g: create generation g + 1 exclusively.
//   Of two windows racing for it, exactly one create succeeds; the other sees EEXIST and reads the
//   winner's lease. The taker then deletes the older generations.
// - The current lease is the highest generation. Only its owner rewrites it (renew, release), by
//   write-then-rename, so readers never see a torn record.
// - Release (deactivate, job finished) writes `until: 0` instead of deleting, so the generation
//   count never goes back and a late taker cannot create a second "current" lease.
// A window drives a job only while its own lease is current and unexpired; its last successful
// write says until when, so the hot path (`shouldDrive` on every scheduler pass) needs no disk read.
// The folder listing is reused for a moment (many jobs are asked about in one pass); the record
// deciding a takeover is always read fresh, and a listing that missed a newer generation only
// makes the exclusive create fail, never succeed wrongly.
import { join } from 'node:path';
import { createExclusive, ensureDir, listNames, readJson, removeFile, writeAtomic } from './atomicFiles';

export const LEASES_FOLDER = 'leases';
export const DEFAULT_LEASE_MS = 30_000;
export const DEFAULT_RENEW_MS = 10_000;
/** A lease this close to its expiry is renewed before driving on (clocks of one machine; slow disks). */
const SAFETY_MS = 2_000;
/** Lease files released or expired this long ago are deleted (their jobs are long finished or taken). */
const GC_AFTER_MS = 10 * 60_000;
/** How long one folder listing is reused. */
const LISTING_TTL_MS = 500;

export interface LeaseRecord {
  owner: string;
  /** Epoch ms; 0 = released. */
  until: number;
  /** When a released lease was released (epoch ms), for tidying. */
  releasedAt?: number;
}

export interface FileLeasesOptions {
  /** The leases folder (under globalStorage). */
  dir: string;
  windowId: string;
  now: () => number;
  leaseMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

interface Current {
  gen: number;
  record: LeaseRecord | undefined;
}

export class FileLeases {
  readonly windowId: string;
  private readonly dir: string;
  private readonly now: () => number;
  private readonly leaseMs: number;
  /** Our current leases: jobId -> generation and the `until` we last wrote. */
  private readonly mine = new Map<string, { gen: number; until: number }>();
  private released = false;
  private listing: { at: number; names: string[] } | undefined;

  constructor(private readonly opts: FileLeasesOptions) {
    this.dir = opts.dir;
    this.windowId = opts.windowId;
    this.now = opts.now;
    this.leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  }

  private fileOf(jobId: string, gen: number): string {
    return join(this.dir, `${encodeURIComponent(jobId)}.${gen}.lease`);
  }

  /** The highest generation on disk for a job, and its record. */
  private current(jobId: string): Current {
    const prefix = `${encodeURIComponent(jobId)}.`;
    let gen = 0;
    for (const name of this.names()) {
      if (!name.startsWith(prefix) || !name.endsWith('.lease')) continue;
      const g = Number(name.slice(prefix.length, -'.lease'.length));
      if (Number.isInteger(g) && g > gen) gen = g;
    }
    return { gen, record: gen > 0 ? readJson<LeaseRecord>(this.fileOf(jobId, gen)) : undefined };
  }

  private names(): string[] {
    const now = this.now();
    if (!this.listing || now - this.listing.at >= LISTING_TTL_MS || now < this.listing.at) {
      this.listing = { at: now, names: listNames(this.dir) };
    }
    return this.listing.names;
  }

  private forgetListing(): void {
    this.listing = undefined;
  }

  /** True while this window holds the job's lease (no disk access). */
  holds(jobId: string): boolean {
    const held = this.mine.get(jobId);
    return !this.released && !!held && held.until > this.now();
  }

  private live(rec: LeaseRecord | undefined, now: number): rec is LeaseRecord {
    return !!rec && typeof rec.until === 'number' && rec.until > now && typeof rec.owner === 'string';
  }

  /** Who drives a job right now (undefined: nobody; the next window to ask takes it). */
  ownerOf(jobId: string): string | undefined {
    const now = this.now();
    const held = this.mine.get(jobId);
    if (held && held.until > now) return this.windowId;
    const cur = this.current(jobId);
    return this.live(cur.record, now) ? cur.record.owner : undefined;
  }

  /** A job just created in this window: take its lease at once. */
  claimNew(jobId: string): void {
    this.shouldDrive(jobId);
  }

  /** The engine's `shouldDrive`: true while this window holds the job's lease (taking it when free). */
  shouldDrive(jobId: string): boolean {
    if (this.released) return false;
    const now = this.now();
    const held = this.mine.get(jobId);
    if (held && held.until - SAFETY_MS > now) return true;
    try {
      return this.acquire(jobId, now);
    } catch (err) {
      this.opts.log?.('warn', `Could not take the lease of job ${jobId}: ${String(err)}`);
      return false;
    }
  }

  private acquire(jobId: string, now: number): boolean {
    ensureDir(this.dir);
    // Renewing our own (possibly expired) lease must not miss a newer generation: list afresh.
    if (this.mine.has(jobId)) this.forgetListing();
    const cur = this.current(jobId);
    const until = now + this.leaseMs;
    const record: LeaseRecord = { owner: this.windowId, until };
    if (cur.record?.owner === this.windowId && cur.gen === this.mine.get(jobId)?.gen) {
      // Still our generation (renewing late): nobody took over, since nobody created a higher one.
      writeAtomic(this.fileOf(jobId, cur.gen), JSON.stringify(record));
      this.mine.set(jobId, { gen: cur.gen, until });
      return true;
    }
    this.mine.delete(jobId);
    if (cur.gen > 0 && this.live(cur.record, now)) return false;
    const gen = cur.gen + 1;
    this.forgetListing();
    if (!createExclusive(this.fileOf(jobId, gen), JSON.stringify(record))) return false;
    this.mine.set(jobId, { gen, until });
    for (let g = 1; g < gen; g++) removeFile(this.fileOf(jobId, g));
    return true;
  }

  /** Renew our leases; let go of jobs that are no longer active here. */
  async heartbeat(activeJobIds: Iterable<string>): Promise<void> {
    if (this.released) return;
    const active = new Set(activeJobIds);
    const now = this.now();
    this.forgetListing();
    for (const [jobId, held] of [...this.mine]) {
      try {
        if (!active.has(jobId)) {
          this.releaseOne(jobId, held.gen);
          continue;
        }
        const cur = this.current(jobId);
        if (cur.gen !== held.gen) {
          // Someone took over after our lease ran out (e.g. this machine slept): it is theirs now.
          this.mine.delete(jobId);
          continue;
        }
        const until = now + this.leaseMs;
        writeAtomic(this.fileOf(jobId, held.gen), JSON.stringify({ owner: this.windowId, until }));
        this.mine.set(jobId, { gen: held.gen, until });
      } catch (err) {
        this.opts.log?.('warn', `Could not renew the lease of job ${jobId}: ${String(err)}`);
      }
    }
    try {
      this.collectGarbage(now);
    } catch (err) {
      this.opts.log?.('warn', `Could not tidy old lease files: ${String(err)}`);
    }
  }

  /** Delete lease files nobody has renewed for a long time (finished jobs, windows long gone). */
  private collectGarbage(now: number): void {
    for (const name of listNames(this.dir)) {
      if (!name.endsWith('.lease')) continue;
      const path = join(this.dir, name);
      const rec = readJson<LeaseRecord>(path);
      if (!rec || rec.owner === this.windowId) continue;
      const last = Math.max(Number(rec.until) || 0, Number(rec.releasedAt) || 0);
      if (last + GC_AFTER_MS < now) removeFile(path);
    }
  }

  private releaseOne(jobId: string, gen: number): void {
    this.mine.delete(jobId);
    const cur = this.current(jobId);
    if (cur.gen === gen && cur.record?.owner === this.windowId) {
      const rec: LeaseRecord = { owner: this.windowId, until: 0, releasedAt: this.now() };
      writeAtomic(this.fileOf(jobId, gen), JSON.stringify(rec));
    }
  }

  /** Let other windows take over at once (deactivate). Synchronous disk writes: nothing to wait for. */
  async releaseAll(): Promise<void> {
    this.released = true;
    const errors: string[] = [];
    for (const [jobId, held] of [...this.mine]) {
      try {
        this.releaseOne(jobId, held.gen);
      } catch (err) {
        errors.push(`${jobId}: ${String(err)}`);
      }
    }
    this.mine.clear();
    if (errors.length) throw new Error(`Could not release ${errors.length} lease(s): ${errors.join('; ')}`);
  }

  /** Ids this window currently holds. */
  claimed(): string[] {
    return [...this.mine.keys()];
  }
}
