// The jobs a Generate click sends: one spec per shot, each carrying its shot (list, id, input
// fingerprint) and its take folder, so its result lands on that shot whatever happens to the file
// meanwhile. Shots with errors in the file are refused, each with the reasons.
import type { JobSpec } from '../../core/jobTypes';
import { type ModelFallback, type RefContent, resolveShot } from '../../core/shots/resolveShot';
import { takeFolder } from '../../core/shots/takePaths';
import type { ShotRefs } from './shotRefFiles';
import type { ShotListRef } from './shotRunnerPort';

export interface RefusedShot {
  id: string;
  reasons: string[];
}

export interface ShotSpecs {
  specs: JobSpec[];
  refused: RefusedShot[];
}

export function shotJobSpecs(
  list: ShotListRef,
  ids: readonly string[],
  opts: {
    fallback: ModelFallback;
    assetsFolder: string;
    batchId: string;
    /** Content hashes of the references (fingerprints count files by content). */
    content?: RefContent;
    /** Each shot's references as its job records them; a shot whose references cannot be read is refused. */
    refs?: ReadonlyMap<string, ShotRefs>;
    /** The dependency plan the shots belong to (see JobShot.chain). */
    chain?: readonly string[];
  },
): ShotSpecs {
  const out: ShotSpecs = { specs: [], refused: [] };
  for (const id of new Set(ids)) {
    const errors = list.parsed.diagnostics.filter((d) => d.severity === 'error' && d.shotId === id);
    const shot = list.parsed.list.shots.find((s) => s.id === id);
    if (errors.length > 0 || !shot) {
      const reasons = errors.map((d) => d.message);
      out.refused.push({ id, reasons: reasons.length > 0 ? reasons : ['it is not in the file any more'] });
      continue;
    }
    const refs = opts.refs?.get(id);
    if (refs && !refs.ok) {
      out.refused.push({ id, reasons: [refs.reason] });
      continue;
    }
    const resolved = resolveShot(list.parsed.list, shot, opts.fallback, opts.content);
    const spec: JobSpec = {
      provider: resolved.provider,
      model: resolved.model,
      modality: resolved.modality,
      input: resolved.input,
      batchId: opts.batchId,
      priority: 'batch',
      shot: { list: list.listPath, shotId: id, fingerprint: resolved.fingerprint },
      destination: { folder: takeFolder(opts.assetsFolder, list.listPath, id) },
    };
    if (refs?.ok && refs.refs.length > 0) spec.refs = refs.refs;
    if (opts.chain && spec.shot) spec.shot.chain = [...opts.chain];
    out.specs.push(spec);
  }
  return out;
}

/** "Not sent: s03 (Missing prompt.); s07 (Unknown model …)." */
export function refusedMessage(refused: readonly RefusedShot[]): string {
  const parts = refused.map((r) => `${r.id} (${r.reasons.join(' ')})`);
  return `Not sent, fix these shots in the file first: ${parts.join('; ')}.`;
}
