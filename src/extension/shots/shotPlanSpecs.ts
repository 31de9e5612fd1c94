// The jobs a Generate click sends when shots depend on shots: the plan (dependencies first, like a
// build), the specs to send now (shots that wait for nothing, with their references read), and
// the specs of the shots that wait (sent later by the chain runner; counted in the confirmation now).
import type { JobSpec } from '../../core/jobTypes';
import type { ModelFallback, RefContent } from '../../core/shots/resolveShot';
import { resolveShot } from '../../core/shots/resolveShot';
import { planShots, type TakeState } from '../../core/shots/shotPlan';
import { isStale } from '../../core/shots/shotStaleness';
import type { ShotList } from '../../core/shots/shotTypes';
import { type RefusedShot, shotJobSpecs } from './shotJobSpecs';
import type { ShotRefFiles, ShotRefs } from './shotRefFiles';
import type { ShotListRef } from './shotRunnerPort';
import type { ShotTakes } from './shotTakeIndex';

export interface PlanInput {
  list: ShotListRef;
  ids: readonly string[];
  takes: ShotTakes;
  fallback: ModelFallback;
  assetsFolder: string;
  batchId: string;
  refFiles: ShotRefFiles;
}

export type PlannedSpecs =
  | { ok: true; now: JobSpec[]; later: JobSpec[]; refused: RefusedShot[] }
  | { ok: false; message: string };

/** Whether a shot's chosen take is there and made from the inputs the shot has now. */
export function takeState(
  list: ShotList,
  id: string,
  takes: ShotTakes,
  fallback: ModelFallback,
  content: RefContent,
): TakeState {
  const shot = list.shots.find((s) => s.id === id);
  const chosen = shot?.take === undefined ? undefined : takes.get(id)?.find((t) => t.take === shot.take);
  if (!shot || !chosen) return 'none';
  return isStale(resolveShot(list, shot, fallback, content), chosen.fingerprint) ? 'stale' : 'fresh';
}

export async function planSpecs(input: PlanInput): Promise<PlannedSpecs> {
  const { list, takes, fallback } = input;
  const shots = list.parsed.list;
  const content = await input.refFiles.content(shots, takes);
  const inList = (id: string) => shots.shots.some((s) => s.id === id);
  const plan = planShots(shots, input.ids.filter(inList), (id) => takeState(shots, id, takes, fallback, content));
  if (!plan.ok) return { ok: false, message: `Nothing was sent: ${plan.message}` };
  const first = plan.steps.filter((s) => s.after.length === 0).map((s) => s.id);
  const refs = new Map<string, ShotRefs>();
  for (const id of first) {
    const shot = shots.shots.find((s) => s.id === id);
    if (shot?.refs) refs.set(id, await input.refFiles.references(shots, shot, takes));
  }
  const base = { fallback, assetsFolder: input.assetsFolder, batchId: input.batchId, content };
  const missing = input.ids.filter((id) => !inList(id));
  const refused = shotJobSpecs(list, [...first, ...missing], { ...base, refs }).refused;
  // A shot whose dependency is not sent cannot be sent either; plan steps come after their dependencies.
  const blocked = new Set(refused.map((r) => r.id));
  const later: string[] = [];
  for (const step of plan.steps.filter((s) => s.after.length > 0)) {
    const dep = step.after.find((a) => blocked.has(a));
    const own = dep === undefined ? shotJobSpecs(list, [step.id], base).refused : [];
    if (dep !== undefined) refused.push({ id: step.id, reasons: [`it needs ${dep}, which is not sent.`] });
    else refused.push(...own);
    if (dep !== undefined || own.length > 0) blocked.add(step.id);
    else later.push(step.id);
  }
  const sent = first.filter((id) => !blocked.has(id));
  const chain = later.length > 0 ? [...sent, ...later] : undefined;
  const opts = chain ? { ...base, refs, chain } : { ...base, refs };
  return {
    ok: true,
    now: shotJobSpecs(list, sent, opts).specs,
    later: shotJobSpecs(list, later, base).specs,
    refused,
  };
}
