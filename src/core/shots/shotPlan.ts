// The order to generate shots that depend on shots, like a build: a dependency whose chosen take
// is missing or stale is generated first (and so is any dependency of it that is), then its
// dependents; a dependency whose chosen take is fresh is used as it is.
import { refEntries, type ShotList, shotRefTarget } from './shotTypes';

/** A shot's chosen take: none chosen (or not on disk), made from other inputs, or up to date. */
export type TakeState = 'none' | 'stale' | 'fresh';

export interface PlanStep {
  id: string;
  /** Shots of the plan that must succeed (and have their new take chosen) before this one is sent. */
  after: string[];
}

export type ShotPlan = { ok: true; steps: PlanStep[] } | { ok: false; message: string };

/** The shots `selected` needs, dependencies first; refused for a loop or an id the list lacks. */
export function planShots(list: ShotList, selected: readonly string[], state: (id: string) => TakeState): ShotPlan {
  const byId = new Map(list.shots.map((s) => [s.id, s]));
  const wanted = new Set(selected);
  const inPlan = new Map<string, boolean>();
  const steps: PlanStep[] = [];
  const stack: string[] = [];

  const visit = (id: string, from?: string): string | undefined => {
    if (inPlan.has(id)) return undefined;
    const loopAt = stack.indexOf(id);
    if (loopAt >= 0)
      return `Shots ${[...stack.slice(loopAt), id].join(' → ')} reference each other in a loop; none of them can be made first.`;
    const shot = byId.get(id);
    if (!shot) {
      return from === undefined
        ? `Shot ${id} is not in the list.`
        : `Shot ${from} references shot:${id}, which is not in the list.`;
    }
    stack.push(id);
    const after: string[] = [];
    for (const ref of refEntries(shot.refs)) {
      const dep = shotRefTarget(ref.value);
      if (dep === undefined || after.includes(dep)) continue;
      const problem = visit(dep, id);
      if (problem) return problem;
      if (inPlan.get(dep)) after.push(dep);
    }
    stack.pop();
    const needed = wanted.has(id) || state(id) !== 'fresh' || after.length > 0;
    inPlan.set(id, needed);
    if (needed) steps.push({ id, after });
    return undefined;
  };

  for (const id of wanted) {
    const problem = visit(id);
    if (problem) return { ok: false, message: problem };
  }
  return { ok: true, steps };
}
