// Where each dependency plan of a shot list stands, recomputed from the file and the jobs: which
// planned shots still wait (and for which shot), which cannot be sent because a dependency failed
// or was canceled, and which are ready to send now. The plan itself is on the jobs (JobShot.chain),
// so nothing else needs to be kept: after a reload the same jobs give the same answer.
import { isTerminal, type Job } from '../../core/jobTypes';
import { refEntries, type ShotList, shotRefTarget } from '../../core/shots/shotTypes';
import { parseTakeFileName } from '../../core/shots/takePaths';

/** A planned shot not sent yet: waiting for `after`, or not to be sent because `after` failed or was canceled. */
export interface ChainWait {
  batchId: string;
  after: string;
  state: 'waiting' | 'failed' | 'canceled';
}

export interface ReadyShot {
  batchId: string;
  shotId: string;
  /** The plan it belongs to (sent on with its job). */
  chain: string[];
  /** Dependencies generated in the plan, with the take their job made (to be chosen first). */
  chosen: { shotId: string; take: number | undefined }[];
}

export interface ChainState {
  waits: Map<string, ChainWait>;
  ready: ReadyShot[];
}

interface PlanBatch {
  batchId: string;
  chain: string[];
  startedAt: number;
  /** Newest job of each shot in the batch. */
  jobs: Map<string, Job>;
}

type Outcome = { ok: true } | { ok: false; wait: Omit<ChainWait, 'batchId'> };

export function chainState(list: ShotList, jobs: readonly Job[], listPath: string): ChainState {
  const out: ChainState = { waits: new Map(), ready: [] };
  const mine = jobs.filter((j) => j.shot?.list === listPath);
  const newest = new Map<string, Job>();
  for (const j of mine) if (j.shot && !newest.has(j.shot.shotId)) newest.set(j.shot.shotId, j);
  const byId = new Map(list.shots.map((s) => [s.id, s]));
  for (const plan of planBatches(mine)) {
    const memo = new Map<string, Outcome>();
    const outcome = (id: string, seen: Set<string>): Outcome => {
      const job = plan.jobs.get(id);
      if (job) {
        if (job.state === 'succeeded') return { ok: true };
        if (job.state === 'failed' || job.state === 'canceled')
          return { ok: false, wait: { after: id, state: job.state } };
        return { ok: false, wait: { after: id, state: 'waiting' } };
      }
      const known = memo.get(id);
      if (known) return known;
      // The file changed into a loop since the plan was made: nothing in it is sent.
      if (seen.has(id)) return { ok: false, wait: { after: id, state: 'waiting' } };
      seen.add(id);
      let result: Outcome = { ok: true };
      for (const dep of depsOf(id)) {
        const r = outcome(dep, seen);
        if (r.ok) continue;
        // A failure upstream is what holds every shot below it; a wait names the nearest shot.
        result = r.wait.state === 'waiting' ? { ok: false, wait: { after: dep, state: 'waiting' } } : r;
        if (r.wait.state !== 'waiting') break;
      }
      memo.set(id, result);
      return result;
    };
    const depsOf = (id: string) => {
      const targets = refEntries(byId.get(id)?.refs).map((r) => shotRefTarget(r.value));
      return [...new Set(targets)].filter((t): t is string => t !== undefined && plan.chain.includes(t));
    };
    for (const id of plan.chain) {
      if (plan.jobs.has(id) || out.waits.has(id) || !byId.has(id)) continue;
      // A job for the shot made since the plan started (another Generate) replaces the plan's.
      const last = newest.get(id);
      if (last && last.createdAt >= plan.startedAt) continue;
      const r = outcome(id, new Set());
      if (!r.ok) {
        out.waits.set(id, { batchId: plan.batchId, ...r.wait });
        continue;
      }
      const chosen = depsOf(id).map((dep) => ({ shotId: dep, take: takeOf(plan.jobs.get(dep)) }));
      out.ready.push({ batchId: plan.batchId, shotId: id, chain: plan.chain, chosen });
    }
  }
  return out;
}

/** Batches that carry a plan, newest first (a shot waits in its newest plan only). */
function planBatches(jobs: readonly Job[]): PlanBatch[] {
  const plans = new Map<string, PlanBatch>();
  for (const j of jobs) {
    if (!j.batchId || !j.shot?.chain) continue;
    let plan = plans.get(j.batchId);
    if (!plan) {
      plan = { batchId: j.batchId, chain: j.shot.chain, startedAt: j.createdAt, jobs: new Map() };
      plans.set(j.batchId, plan);
    }
    plan.startedAt = Math.min(plan.startedAt, j.createdAt);
    // Jobs are newest first: the first of a shot is its newest (a retry replaces the failure).
    if (!plan.jobs.has(j.shot.shotId)) plan.jobs.set(j.shot.shotId, j);
  }
  return [...plans.values()].sort((a, b) => b.startedAt - a.startedAt);
}

/** The take number of a finished job's first file ("…/take-3.png" → 3). */
function takeOf(job: Job | undefined): number | undefined {
  const path = job?.takes[0]?.localPath;
  if (!path || !job || !isTerminal(job.state)) return undefined;
  return parseTakeFileName(path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1));
}
