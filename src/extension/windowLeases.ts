// Two VS Code windows share globalState, and each activates GenQueue: without coordination both
// would poll (and import) the same job. Each window holds leases on the jobs it drives.
//
// Storage: one small key per window (`genqueue.lease.<windowId>` = { until, jobs: { id: claimedAt } }).
// A window only ever writes its own key, so concurrent heartbeats never clobber each other
// (Memento has no compare-and-set). A lease is live while its window's `until` is in the future;
// the window renews it every heartbeat. When two live windows claim the same job, the earliest
// claim wins (ties: the smaller window id): every window computes the same answer.
// A fresh claim on a job nobody holds is only acted on after `settleMs`, so two windows that
// claim at the same moment see each other's claim before either polls.
import type { MementoLike } from './mementoPort';

export const LEASE_KEY_PREFIX = 'genqueue.lease.';
export const DEFAULT_LEASE_MS = 30_000;
export const DEFAULT_RENEW_MS = 10_000;
export const DEFAULT_SETTLE_MS = 2_000;
/** Expired keys of dead windows are deleted after this long (they are tiny anyway). */
const GC_AFTER_MS = 10 * 60_000;

export interface WindowLeaseRecord {
  until: number;
  /** jobId -> claimedAt (epoch ms). */
  jobs: Record<string, number>;
}

export interface WindowLeasesOptions {
  memento: MementoLike;
  windowId: string;
  now: () => number;
  leaseMs?: number;
  settleMs?: number;
}

interface Claim {
  owner: string;
  claimedAt: number;
}

export class WindowLeases {
  readonly windowId: string;
  private readonly memento: MementoLike;
  private readonly now: () => number;
  private readonly leaseMs: number;
  private readonly settleMs: number;
  /** Our claims: jobId -> claimedAt. */
  private readonly mine = new Map<string, number>();
  /** Claims made by `claimNew` (a job created here) need no settling: nobody else knows the job yet. */
  private readonly confirmed = new Set<string>();
  /** Until of our last successful write; past it, our lease lapsed and other windows may own our jobs. */
  private writtenUntil = 0;
  private writeChain: Promise<void> = Promise.resolve();
  private released = false;

  constructor(opts: WindowLeasesOptions) {
    this.memento = opts.memento;
    this.windowId = opts.windowId;
    this.now = opts.now;
    this.leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
    this.settleMs = opts.settleMs ?? DEFAULT_SETTLE_MS;
  }

  private get key(): string {
    return LEASE_KEY_PREFIX + this.windowId;
  }

  /** Live claims of other windows, by job id. */
  private otherClaims(now: number): Map<string, Claim[]> {
    const out = new Map<string, Claim[]>();
    for (const key of this.memento.keys()) {
      if (!key.startsWith(LEASE_KEY_PREFIX) || key === this.key) continue;
      const rec = this.memento.get<WindowLeaseRecord>(key);
      if (!rec || typeof rec.until !== 'number' || rec.until <= now || !rec.jobs) continue;
      const owner = key.slice(LEASE_KEY_PREFIX.length);
      for (const [jobId, claimedAt] of Object.entries(rec.jobs)) {
        if (typeof claimedAt !== 'number') continue;
        const list = out.get(jobId) ?? [];
        list.push({ owner, claimedAt });
        out.set(jobId, list);
      }
    }
    return out;
  }

  private static wins(a: Claim, b: Claim): boolean {
    return a.claimedAt < b.claimedAt || (a.claimedAt === b.claimedAt && a.owner < b.owner);
  }

  /** Who drives a job right now (undefined: nobody; the next window to ask claims it). */
  ownerOf(jobId: string): string | undefined {
    const now = this.now();
    const claims = [...(this.otherClaims(now).get(jobId) ?? [])];
    const mine = this.mine.get(jobId);
    if (mine !== undefined && !this.lapsed(now)) claims.push({ owner: this.windowId, claimedAt: mine });
    let best: Claim | undefined;
    for (const c of claims) if (!best || WindowLeases.wins(c, best)) best = c;
    return best?.owner;
  }

  /** Our lease ran out without renewal (e.g. the machine slept): our claims are void. */
  private lapsed(now: number): boolean {
    return this.writtenUntil > 0 && this.writtenUntil <= now && this.mine.size > 0 && !this.released;
  }

  /** A job just created in this window: ours at once. */
  claimNew(jobId: string): void {
    if (this.released) return;
    this.mine.set(jobId, this.now());
    this.confirmed.add(jobId);
    this.scheduleWrite();
  }

  /**
   * The engine's `shouldDrive`: true when this window holds the lease. A job nobody holds is
   * claimed here (and driven once the claim has settled).
   */
  shouldDrive(jobId: string): boolean {
    if (this.released) return false;
    const now = this.now();
    if (this.lapsed(now)) this.dropAll();
    const others = this.otherClaims(now).get(jobId) ?? [];
    let claimedAt = this.mine.get(jobId);
    if (claimedAt === undefined) {
      if (others.length > 0) return false;
      claimedAt = now;
      this.mine.set(jobId, claimedAt);
      this.scheduleWrite();
    }
    const me: Claim = { owner: this.windowId, claimedAt };
    if (others.some((o) => WindowLeases.wins(o, me))) {
      // Another live window claimed it first: let go of ours.
      this.mine.delete(jobId);
      this.confirmed.delete(jobId);
      this.scheduleWrite();
      return false;
    }
    return this.confirmed.has(jobId) || now - claimedAt >= this.settleMs;
  }

  /** Renew our lease; forget claims on jobs that are no longer active; tidy dead windows' keys. */
  async heartbeat(activeJobIds: Iterable<string>): Promise<void> {
    if (this.released) return;
    const now = this.now();
    if (this.lapsed(now)) this.dropAll();
    const active = new Set(activeJobIds);
    for (const id of [...this.mine.keys()]) {
      if (!active.has(id)) {
        this.mine.delete(id);
        this.confirmed.delete(id);
      }
    }
    for (const key of this.memento.keys()) {
      if (!key.startsWith(LEASE_KEY_PREFIX) || key === this.key) continue;
      const rec = this.memento.get<WindowLeaseRecord>(key);
      if (!rec || typeof rec.until !== 'number' || rec.until + GC_AFTER_MS < now) {
        await this.memento.update(key, undefined);
      }
    }
    this.scheduleWrite();
    await this.writeChain;
  }

  /** Let other windows take over at once (deactivate). */
  async releaseAll(): Promise<void> {
    this.released = true;
    this.mine.clear();
    this.confirmed.clear();
    await this.writeChain;
    await this.memento.update(this.key, undefined);
  }

  /** Ids this window currently claims. */
  claimed(): string[] {
    return [...this.mine.keys()];
  }

  private dropAll(): void {
    this.mine.clear();
    this.confirmed.clear();
    this.writtenUntil = 0;
  }

  private scheduleWrite(): void {
    this.writeChain = this.writeChain
      .then(async () => {
        if (this.released) return;
        const until = this.now() + this.leaseMs;
        const rec: WindowLeaseRecord = { until, jobs: Object.fromEntries(this.mine) };
        await this.memento.update(this.key, this.mine.size > 0 ? rec : undefined);
        this.writtenUntil = this.mine.size > 0 ? until : 0;
      })
      .catch(() => undefined);
  }
}
