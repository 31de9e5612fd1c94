// The table's rows: one per shot of the parsed list (defaults applied, status from its jobs and
// takes, estimate from the catalog), then one per takes folder of a shot the table cannot show
// otherwise: an orphan (its id is no longer in the list) or a shot the file has but cannot use
// right now (its problems say why). Their takes stay visible and are never attached to another shot.
import { estimateCost } from '../../core/cost';
import type { Job, Modality, ProviderId } from '../../core/jobTypes';
import {
  type ParsedShotList,
  type ResolvedShot,
  refEntries,
  type Shot,
  shotRefTarget,
} from '../../core/shots/shotTypes';
import { modelLabel } from '../generate/modelLabel';
import type { ChainWait } from '../shots/shotChains';
import type { ShotTakeFile } from '../shots/shotRunnerPort';
import type { CostLabel, ShotRow } from './queueProtocol';
import { shotStatus } from './shotStatus';

export interface RowSources {
  parsed: ParsedShotList;
  resolved: ReadonlyMap<string, ResolvedShot>;
  /** The newest job of each shot, by shot id. */
  jobs: ReadonlyMap<string, Job>;
  /** Takes on disk by shot id (orphan folders included). */
  takes: ReadonlyMap<string, readonly ShotTakeFile[]>;
  /** Planned shots not sent yet (shot chains), by shot id. */
  chain?: ReadonlyMap<string, ChainWait>;
}

/** Rows for the given shot ids, or for every shot and orphan when `ids` is undefined. */
export function buildRows(src: RowSources, ids?: ReadonlySet<string>): ShotRow[] {
  const rows: ShotRow[] = [];
  const wanted = (id: string) => ids === undefined || ids.has(id);
  const problems = problemsByShot(src.parsed);
  for (const shot of src.parsed.list.shots) {
    const resolved = src.resolved.get(shot.id);
    if (!resolved || !wanted(shot.id)) continue;
    rows.push(shotRow(shot, resolved, src, problems.get(shot.id) ?? []));
  }
  for (const [id, takes] of src.takes) {
    if (src.resolved.has(id) || takes.length === 0 || !wanted(id)) continue;
    rows.push(takesOnlyRow(id, takes, src.jobs.get(id), problems.get(id) ?? [ORPHAN_PROBLEM]));
  }
  return rows;
}

function shotRow(shot: Shot, resolved: ResolvedShot, src: RowSources, problems: string[]): ShotRow {
  const takes = src.takes.get(shot.id) ?? [];
  const row: ShotRow = {
    id: shot.id,
    modality: resolved.modality,
    provider: resolved.provider,
    model: resolved.model,
    modelLabel: modelLabel(resolved),
    prompt: shot.prompt,
    params: shot.params ?? {},
    refs: shot.refs ?? {},
    takes: takes.length,
    estimate: rowEstimate(resolved),
    line: src.parsed.spans[shot.id]?.start.line ?? 0,
    problems,
    ...shotStatus({ job: src.jobs.get(shot.id), takes, chosen: shot.take, resolved }),
  };
  const from = [...new Set(refEntries(shot.refs).map((r) => shotRefTarget(r.value)))].filter(
    (id): id is string => id !== undefined,
  );
  if (from.length > 0) row.from = from;
  const wait = src.chain?.get(shot.id);
  if (wait) {
    // The plan's wait replaces an older job's status: that job is not what happens next.
    for (const key of ['hold', 'queuePosition', 'progress', 'error', 'jobId'] as const) delete row[key];
    row.status = wait.state === 'waiting' ? 'waiting' : 'blocked';
    row.chain = { after: wait.after, state: wait.state };
  }
  if (shot.scene !== undefined) row.scene = shot.scene;
  if (shot.group !== undefined) row.group = shot.group;
  if (shot.notes !== undefined) row.notes = shot.notes;
  if (shot.output !== undefined) row.output = shot.output;
  if (shot.take !== undefined) row.take = shot.take;
  return row;
}

export function rowEstimate(r: Pick<ResolvedShot, 'provider' | 'model' | 'input'>): CostLabel {
  const figure = estimateCost(r.provider, r.model, r.input);
  const label: CostLabel = { source: figure.source, label: figure.label };
  if (figure.amount !== undefined) label.amount = figure.amount;
  return label;
}

export const ORPHAN_PROBLEM =
  'This shot is no longer in the list. Its takes are kept on disk; add a shot with this id to use them again.';

function takesOnlyRow(id: string, takes: readonly ShotTakeFile[], job: Job | undefined, problems: string[]): ShotRow {
  const { provider, model } = job ?? { provider: 'local' as ProviderId, model: '' };
  return {
    id,
    modality: job?.modality ?? modalityOfFile(takes[0]?.path ?? ''),
    provider,
    model,
    modelLabel: job ? modelLabel(job) : '',
    prompt: '',
    params: {},
    refs: {},
    takes: takes.length,
    estimate: { source: 'unknown', label: '—' },
    line: 0,
    problems,
    ...shotStatus({ job, takes }),
  };
}

const EXTENSION_MODALITY: Record<string, Modality> = {
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  webp: 'image',
  gif: 'image',
  mp4: 'video',
  webm: 'video',
  mov: 'video',
  mkv: 'video',
};

/** A take's modality from its file name (audio and speech share their formats: audio). */
export function modalityOfFile(path: string): Modality {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return EXTENSION_MODALITY[ext] ?? 'audio';
}

function problemsByShot(parsed: ParsedShotList): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of parsed.diagnostics) {
    if (d.shotId === undefined) continue;
    const list = out.get(d.shotId) ?? [];
    list.push(d.message);
    out.set(d.shotId, list);
  }
  return out;
}
