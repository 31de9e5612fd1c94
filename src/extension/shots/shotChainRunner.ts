// Sends the shots of a dependency plan that waited, once their dependencies succeeded: first each
// dependency's new take is chosen (the Use-this-take path: copied to `output`, `take:` written),
// then the dependents are sent in the plan's batch with references to those takes. It works from
// the file and the jobs alone (see shotChains.ts), so a reload mid-chain carries on where it was.
// The cost was confirmed for the whole plan when it started; these sends do not ask again.
import type { Job } from '../../core/jobTypes';
import { parseShotList } from '../../core/shots/parseShotList';
import { joinUri } from '../assets/hostFileSystem';
import { chainState, type ReadyShot } from './shotChains';
import { refusedMessage, shotJobSpecs } from './shotJobSpecs';
import type { ShotRefFiles, ShotRefs } from './shotRefFiles';
import type { ShotJobService, ShotRunnerDeps } from './shotRunnerDeps';
import type { ShotListRef } from './shotRunnerPort';
import type { ShotTakeIndex } from './shotTakeIndex';

export interface ChainHooks {
  service(): ShotJobService | undefined;
  fallback(): Parameters<typeof shotJobSpecs>[2]['fallback'];
  useTake(list: ShotListRef, shotId: string, take: number): Promise<void>;
  sent(listPath: string, jobs: readonly Job[]): void;
}

export class ShotChainRunner {
  /** One pass at a time per list: each pass reads the jobs afresh, so a queued one never sends twice. */
  private readonly passes = new Map<string, Promise<void>>();
  /** Plan shots refused when their turn came (the file changed): said once, not on every job event. */
  private readonly refused = new Set<string>();

  constructor(
    private readonly deps: ShotRunnerDeps,
    private readonly takes: ShotTakeIndex,
    private readonly refFiles: ShotRefFiles,
    private readonly hooks: ChainHooks,
  ) {}

  /** Lists whose jobs carry a plan (after a reload: every list with a chain in flight). */
  static listsWithPlans(jobs: readonly Job[]): Set<string> {
    return new Set(jobs.filter((j) => j.shot?.chain).map((j) => j.shot?.list as string));
  }

  continue(listPath: string): Promise<void> {
    const next = (this.passes.get(listPath) ?? Promise.resolve())
      .then(() => this.pass(listPath))
      .catch((err) => this.deps.log('error', `Continuing the shot chain of ${listPath} failed: ${String(err)}`));
    this.passes.set(listPath, next);
    return next;
  }

  /** The list as the document (or file) has it now. */
  private current(listPath: string): ShotListRef | undefined {
    const text = this.deps.listText(listPath);
    const ws = this.deps.workspaceUri();
    if (text === undefined || ws === undefined) return undefined;
    return { uri: joinUri(ws, listPath), listPath, text, parsed: parseShotList(text) };
  }

  private async pass(listPath: string): Promise<void> {
    const service = this.hooks.service();
    const start = this.current(listPath);
    if (!service || !start) return;
    const ready = chainState(start.parsed.list, service.jobs(), listPath).ready.filter(
      (r) => !this.refused.has(`${r.batchId}:${r.shotId}`),
    );
    if (ready.length === 0) return;
    for (const c of new Map(ready.flatMap((r) => r.chosen).map((c) => [c.shotId, c.take])).entries()) {
      const [shotId, take] = c;
      const list = this.current(listPath);
      if (!list || take === undefined || list.parsed.list.shots.find((s) => s.id === shotId)?.take === take) continue;
      this.deps.log('info', `Shot chain: take-${take} of ${shotId} is chosen for the shots that use it.`);
      await this.hooks.useTake(list, shotId, take);
    }
    const list = this.current(listPath);
    if (!list) return;
    const byBatch = new Map<string, ReadyShot[]>();
    for (const r of ready) byBatch.set(r.batchId, [...(byBatch.get(r.batchId) ?? []), r]);
    for (const [batchId, shots] of byBatch) await this.send(service, list, batchId, shots);
  }

  private async send(service: ShotJobService, list: ShotListRef, batchId: string, ready: ReadyShot[]): Promise<void> {
    const takes = await this.takes.takesFor(list.listPath);
    const shots = list.parsed.list;
    const content = await this.refFiles.content(shots, takes);
    const refs = new Map<string, ShotRefs>();
    for (const r of ready) {
      const shot = shots.shots.find((s) => s.id === r.shotId);
      if (shot?.refs) refs.set(r.shotId, await this.refFiles.references(shots, shot, takes));
    }
    const ids = ready.map((r) => r.shotId);
    const { specs, refused } = shotJobSpecs(list, ids, {
      fallback: this.hooks.fallback(),
      assetsFolder: await this.deps.assetsFolder(),
      batchId,
      content,
      refs,
      chain: ready[0]?.chain ?? ids,
    });
    for (const r of refused) this.refused.add(`${batchId}:${r.id}`);
    if (refused.length > 0) this.deps.ui.warn(refusedMessage(refused));
    if (specs.length === 0) return;
    let jobs: Job[];
    try {
      jobs = service.submitBatch(specs);
    } catch (err) {
      for (const id of ids) this.refused.add(`${batchId}:${id}`);
      this.deps.log('error', `Sending the next shots of ${list.listPath} failed: ${String(err)}`);
      this.deps.ui.error(
        `The next shots of the chain were not sent: ${err instanceof Error ? err.message : String(err)}`,
      );
      return;
    }
    this.deps.log(
      'info',
      `Batch ${batchId}: ${jobs.map((j) => j.shot?.shotId).join(', ')} sent after their dependencies.`,
    );
    this.hooks.sent(list.listPath, jobs);
  }
}
