// Getting a finished job's takes home: its result adopted (URLs persisted at once), every take
// downloaded and checked before any is imported, then the job called a success.

import { noOutputs } from './engineMessages';
import { isProviderError } from './errors';
import type { JobRuntime } from './jobRuntime';
import { type CostFigure, isTerminal, type Job, type Take } from './jobTypes';
import { requireUsableTake } from './mediaValidation';
import type { ProviderAdapter, ProviderResult } from './providerPort';
import { referenceAudioSec } from './references/referenceTypes';
import { providerRef, type StepContext } from './stepContext';
import type { StepOutcomes } from './stepOutcomes';
import type { TakeDownload } from './takeDownloader';
import { discardSpooled, releaseHeld } from './takeSpool';

export class FetchStep {
  constructor(
    private readonly ctx: StepContext,
    private readonly outcomes: StepOutcomes,
  ) {}

  async fetch(id: string, adapter: ProviderAdapter, rt: JobRuntime, signal: AbortSignal): Promise<void> {
    const registry = this.ctx.registry;
    let job = registry.get(id);
    if (!job) return;
    if (rt.needResult || job.takes.length === 0) {
      const result = await adapter.result(providerRef(job), signal);
      if (!(await this.adoptResult(id, result, rt))) return;
      job = registry.get(id);
      if (!job) return;
    }
    for (const take of job.takes) {
      if (take.localPath || rt.data.has(take.index)) continue;
      if (!take.remoteUrl) {
        // Bytes that were in memory before a restart: ask for the result again.
        return this.needFreshResult(id, rt, new Error('take has neither data nor URL'));
      }
      let got: Awaited<ReturnType<TakeDownload>>;
      try {
        got = await this.ctx.download(take.remoteUrl, signal);
      } catch (err) {
        if (isProviderError(err) && (err.httpStatus === 404 || err.httpStatus === 410) && !rt.refetchedResult) {
          return this.needFreshResult(id, rt, err);
        }
        throw err;
      }
      rt.data.set(take.index, 'file' in got ? got.file : got.data);
      if (got.contentType && !take.contentType) this.replaceTake(id, { ...take, contentType: got.contentType });
    }
    if (signal.aborted) return;
    // Every take is checked (right kind, intact container) before any is imported or called a success.
    try {
      for (const take of registry.get(id)?.takes ?? []) {
        const data = rt.data.get(take.index);
        if (!data || take.localPath) continue;
        const type = await requireUsableTake(job.modality, data, take.contentType);
        if (type !== take.contentType) this.replaceTake(id, { ...take, contentType: type });
      }
    } catch (err) {
      await discardSpooled(rt.data);
      throw err;
    }
    if (registry.get(id)?.state === 'downloading') registry.transition(id, 'importing');
    for (const take of registry.get(id)?.takes ?? []) {
      const data = rt.data.get(take.index);
      if (take.localPath || !data) continue;
      const current = registry.get(id);
      if (!current || signal.aborted) return;
      const imported = await this.ctx.opts.assets.importTake(current, take, data).catch(async (err) => {
        await discardSpooled(rt.data); // its temp file may be half-moved: download it again
        throw err;
      });
      this.replaceTake(id, { ...take, localPath: imported.localPath, bytes: imported.bytes });
    }
    rt.data.clear();
    registry.transition(id, 'succeeded', { error: undefined, attempts: 0 });
    await registry.saveNow().catch(() => undefined);
  }

  /** Store a result's takes (URLs persisted at once); false when the job cannot continue. */
  private async adoptResult(id: string, result: ProviderResult, rt: JobRuntime): Promise<boolean> {
    const registry = this.ctx.registry;
    const job = registry.get(id);
    if (!job || isTerminal(job.state)) return false;
    rt.needResult = false;
    releaseHeld(rt.data);
    const takes: Take[] = result.takes.map((t, index) => {
      const prev = job.takes[index];
      const take: Take = { index };
      if (t.url) take.remoteUrl = t.url;
      if (t.contentType) take.contentType = t.contentType;
      if (t.suggestedName) take.suggestedName = t.suggestedName;
      if (t.width !== undefined) take.width = t.width;
      if (t.height !== undefined) take.height = t.height;
      if (t.durationSec !== undefined) take.durationSec = t.durationSec;
      if (prev?.localPath) Object.assign(take, { localPath: prev.localPath, bytes: prev.bytes });
      if (t.data) rt.data.set(index, t.data);
      return take;
    });
    if (takes.length === 0) {
      if (this.outcomes.endCanceled(job, 'no outputs')) return false;
      registry.transition(id, 'failed', { error: noOutputs(job.provider) });
      return false;
    }
    const metrics = { ...job.metrics, ...result.metrics };
    let actual: CostFigure | undefined;
    try {
      const audioSec = referenceAudioSec(job.refs);
      actual = this.ctx.costing.actual(job.provider, job.model, job.input, { ...result, metrics }, audioSec);
    } catch (err) {
      // A pricing problem must never cost the user their result.
      this.ctx.log('warn', `job ${id}: could not work out the cost: ${String(err)}`);
    }
    const patch: Partial<Job> = { takes, metrics, cost: actual ? { ...job.cost, actual } : job.cost, attempts: 0 };
    // Provenance: what the provider says it ran with (sidecars and re-runs read these).
    if (typeof result.seed === 'number' && Number.isFinite(result.seed)) patch.seed = result.seed;
    if (typeof result.version === 'string' && result.version) patch.version = result.version;
    registry.update(id, patch);
    await registry.saveNow().catch(() => undefined);
    return true;
  }

  private needFreshResult(id: string, rt: JobRuntime, why: unknown): void {
    if (rt.refetchedResult) throw why;
    this.ctx.log('info', `job ${id}: asking the provider for the result again (${String(why)})`);
    Object.assign(rt, { refetchedResult: true, needResult: true, dueAt: this.ctx.clock.now() });
  }

  private replaceTake(id: string, take: Take): void {
    const job = this.ctx.registry.get(id);
    if (!job) return;
    this.ctx.registry.update(id, { takes: job.takes.map((t) => (t.index === take.index ? take : t)) });
  }
}
