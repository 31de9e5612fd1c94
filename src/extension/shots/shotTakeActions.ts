// What the takes pane does with one take: Use this take (copy to `output`, then `take: n` in the
// file), Re-run (the take's own inputs, again), Edit & retry (edit the shot's prompt in the file,
// then generate the shot), Insert and Reveal.
import { createJob, newJobId } from '../../core/jobFactory';
import type { JobSpec } from '../../core/jobTypes';
import { parseShotList } from '../../core/shots/parseShotList';
import { resolveShot } from '../../core/shots/resolveShot';
import { editShotList } from '../../core/shots/shotEdits';
import { TEMP_PREFIX } from '../assets/assetWriter';
import { joinUri } from '../assets/hostFileSystem';
import { parseSidecarForRerun, type RerunSpec, SIDECAR_SUFFIX } from '../assets/sidecar';
import { promptLimit } from '../generate/promptLines';
import { shotFallback } from './shotFallback';
import { copyTakeToOutput, outputPathIn } from './shotOutputCopy';
import type { ShotRunnerDeps } from './shotRunnerDeps';
import type { ShotListRef, ShotTakeFile } from './shotRunnerPort';
import type { ShotTakeIndex } from './shotTakeIndex';

export interface TakeActionHooks {
  /** Confirm the cost and send the specs as one new batch of the list. */
  send(listPath: string, specs: readonly JobSpec[], button: string): Promise<void>;
  generate(list: ShotListRef, ids: readonly string[]): Promise<void>;
  changed(listPath: string, shotIds: readonly string[]): void;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class ShotTakeActions {
  constructor(
    private readonly deps: ShotRunnerDeps,
    private readonly takes: ShotTakeIndex,
    private readonly hooks: TakeActionHooks,
  ) {}

  private async find(list: ShotListRef, shotId: string, take: number): Promise<ShotTakeFile | undefined> {
    const file = (await this.takes.takesOf(list.listPath, shotId)).find((t) => t.take === take);
    if (!file) this.deps.ui.warn(`take-${take} of shot ${shotId} is not on disk any more.`);
    return file;
  }

  /** Copy first, then the edit: when the copy fails, neither the output nor the file changes. */
  async useTake(list: ShotListRef, shotId: string, take: number): Promise<void> {
    const ui = this.deps.ui;
    const file = await this.find(list, shotId, take);
    if (!file) return;
    const shot = list.parsed.list.shots.find((s) => s.id === shotId);
    if (!shot) {
      return ui.warn(
        `Shot ${shotId} is not in the file any more, so no take can be chosen for it. Its takes are kept.`,
      );
    }
    // The parser leaves an output path outside the workspace out of the shot: say so instead of not copying.
    const badOutput = list.parsed.diagnostics.find((d) => d.shotId === shotId && d.code === 'output-outside-workspace');
    if (badOutput) return ui.error(`take-${take} was not chosen: ${badOutput.message}`);
    if (shot.output !== undefined) {
      const out = outputPathIn(shot.output);
      if (!out.ok) return ui.error(out.message);
      const ws = this.deps.workspaceUri();
      if (!ws) return ui.error('Open the folder of this shot list to copy takes to their output path.');
      const temp = `${TEMP_PREFIX}${process.pid}-${this.deps.now().toString(36)}.tmp`;
      try {
        await copyTakeToOutput(this.deps.fs, ws, file.path, out.path, temp);
      } catch (err) {
        this.deps.log('error', `Copying ${file.path} to ${out.path} failed: ${messageOf(err)}`);
        return ui.error(`take-${take} was not copied to ${out.path} (${messageOf(err)}). Nothing was changed.`);
      }
    }
    const edit = editShotList(list.text, { kind: 'setTake', id: shotId, take });
    if (!edit.ok) return ui.error(edit.message);
    if (!(await ui.applyEdit(list.uri, edit.replace, list.text))) {
      return ui.error(`The file could not be edited to choose take-${take} of ${shotId}. Try again.`);
    }
    this.takes.invalidate(list.listPath, [shotId]);
    this.hooks.changed(list.listPath, [shotId]);
  }

  /** The take's inputs (from its sidecar), sent again into the same shot folder. */
  async rerun(list: ShotListRef, shotId: string, take: number): Promise<void> {
    const file = await this.find(list, shotId, take);
    if (!file) return;
    const spec = await this.sidecarSpec(file);
    if (!spec.ok) return this.deps.ui.error(`take-${take} of ${shotId} cannot be re-run: ${spec.reason}`);
    if (file.fingerprint === undefined) {
      return this.deps.ui.error(`take-${take} of ${shotId} cannot be re-run: its sidecar does not name its shot.`);
    }
    const folder = file.path.split('/').slice(0, -1).join('/');
    await this.hooks.send(
      list.listPath,
      [
        {
          ...spec.spec,
          batchId: `shots-${newJobId(this.deps.now())}`,
          priority: 'batch',
          shot: { list: list.listPath, shotId, fingerprint: file.fingerprint },
          destination: { folder },
        },
      ],
      'Re-run',
    );
  }

  private async sidecarSpec(
    file: ShotTakeFile,
  ): Promise<{ ok: true; spec: RerunSpec } | { ok: false; reason: string }> {
    const ws = this.deps.workspaceUri();
    if (!ws) return { ok: false, reason: 'no folder is open.' };
    try {
      const bytes = await this.deps.fs.readFile(joinUri(ws, `${file.path}${SIDECAR_SUFFIX}`));
      return parseSidecarForRerun(new TextDecoder().decode(bytes));
    } catch {
      return { ok: false, reason: 'its sidecar file is missing.' };
    }
  }

  /**
   * The prompt box starts from the shot's prompt as the file has it now; the edited prompt is written
   * into the file (the shot list stays the truth: the row, its staleness and later runs all follow)
   * and the shot is generated from the edited file.
   */
  async editRetry(list: ShotListRef, shotId: string, _take: number): Promise<void> {
    const ui = this.deps.ui;
    const shot = list.parsed.list.shots.find((s) => s.id === shotId);
    if (!shot) return ui.warn(`Shot ${shotId} is not in the file any more.`);
    const resolved = resolveShot(list.parsed.list, shot, shotFallback(this.deps.settings(), this.deps.hasKey));
    const value = await ui.askPrompt({
      title: `Edit & retry: ${shotId}`,
      prompt: "Edit the shot's prompt. It is written to the shot list, then the shot is generated again.",
      value: shot.prompt,
      limit: promptLimit(resolved),
    });
    if (value === undefined) return;
    const edit = editShotList(list.text, { kind: 'setField', ids: [shotId], field: 'prompt', value });
    if (!edit.ok) return ui.error(edit.message);
    if (!(await ui.applyEdit(list.uri, edit.replace, list.text))) {
      return ui.error(`The prompt of ${shotId} could not be written to the file. Nothing was sent.`);
    }
    await this.hooks.generate({ ...list, text: edit.text, parsed: parseShotList(edit.text) }, [shotId]);
  }

  async insertTake(list: ShotListRef, shotId: string, take: number): Promise<void> {
    const file = await this.find(list, shotId, take);
    if (!file) return;
    const sidecar = await this.sidecarSpec(file);
    const shot = list.parsed.list.shots.find((s) => s.id === shotId);
    // Insert works on a job's take: a finished job made from the sidecar (or the shot) with this file as its take.
    const spec: RerunSpec = sidecar.ok
      ? sidecar.spec
      : {
          provider: 'local',
          model: 'unknown',
          modality: shot?.modality ?? 'image',
          input: { prompt: shot?.prompt ?? '' },
        };
    const job = createJob(spec, file.jobId ?? `take-${shotId}-${take}`, file.createdAt ?? this.deps.now());
    job.state = 'succeeded';
    job.takes = [{ index: 0, localPath: file.path }];
    await this.deps.ui.insertTake(job, 0);
  }

  async revealTake(list: ShotListRef, shotId: string, take: number): Promise<void> {
    const file = await this.find(list, shotId, take);
    if (file) await this.deps.ui.reveal(file.uri);
  }
}
