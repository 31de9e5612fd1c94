// A shot list's references against the shots and models: each names a file field of the shot's
// model, a workspace path inside the workspace or an existing shot, media the field takes, and no
// loop of shots (s01 → s02 → s01 has nothing to generate first). A bad reference is left out of
// the shot, so nothing outside the workspace is ever read for it.
import type { Modality } from '../jobTypes';
import type { CatalogModel } from '../modelCatalog';
import { fileMedia, mediaWords } from '../references/fileMedia';
import type { MediaKind } from '../references/referenceTypes';
import type { RefDraft, ShotDraft } from './readShot';
import type { ShotDiagnosticSink } from './shotDiagnosticSink';
import { workspacePathProblem } from './shotRules';
import { type PathRefSite, shotRefTarget } from './shotTypes';

export interface RefCheckOptions {
  /** false for a path outside the workspace */
  insideWorkspace?: (relativePath: string) => boolean;
}

const MODALITY_MEDIA: Record<Modality, Exclude<MediaKind, 'any'>> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  speech: 'audio',
};

/** Report bad references (removing them from their shots); the good workspace-path ones, where they are. */
export function checkRefs(out: ShotDiagnosticSink, drafts: readonly ShotDraft[], opts: RefCheckOptions): PathRefSite[] {
  const byId = new Map(drafts.filter((d) => d.usable).map((d) => [d.shot.id, d]));
  const bad = new Set<RefDraft>();
  const report = (d: ShotDraft, ref: RefDraft, code: 'bad-reference' | 'reference-cycle', message: string) => {
    out.error(code, message, ref.node, d.usable ? d.shot.id : undefined);
    bad.add(ref);
  };
  for (const d of drafts) {
    for (const ref of d.refs) {
      const problem = refProblem(d, ref, byId, opts);
      if (problem) report(d, ref, problem.code, problem.message);
    }
    const missing = missingFileFields(d);
    if (missing.length > 0 && d.usable) {
      const names = missing.map((f) => `${f}: <workspace path or shot:<id>>`).join(', ');
      out.error(
        'bad-reference',
        `${d.model?.label} needs ${missing.length > 1 ? 'these files' : 'a file'}: add refs: { ${names} }.`,
        d.idNode,
        d.shot.id,
      );
    }
  }
  for (const [d, ref, loop] of cycles(byId, bad)) {
    report(
      d,
      ref,
      'reference-cycle',
      `Reference "${ref.field}" loops back to this shot (${loop.join(' → ')}): no shot of the loop can be made first.`,
    );
  }
  const sites: PathRefSite[] = [];
  for (const d of drafts) {
    for (const ref of d.refs) {
      if (bad.has(ref)) delete d.shot.refs?.[ref.field];
      else if (d.usable && shotRefTarget(ref.value) === undefined) {
        sites.push({ shotId: d.shot.id, field: ref.field, path: ref.value, span: out.nodeSpan(ref.node) });
      }
    }
  }
  return sites.filter((s) => byId.get(s.shotId)?.shot.refs?.[s.field] !== undefined);
}

function refProblem(
  d: ShotDraft,
  ref: RefDraft,
  byId: ReadonlyMap<string, ShotDraft>,
  opts: RefCheckOptions,
): { code: 'bad-reference' | 'reference-cycle'; message: string } | undefined {
  const name = `Reference "${ref.field}"`;
  const target = shotRefTarget(ref.value);
  let media: Exclude<MediaKind, 'any'> | undefined;
  if (target !== undefined) {
    if (target === d.shot.id) return { code: 'reference-cycle', message: `${name} is this shot itself.` };
    const other = byId.get(target);
    if (!other) return { code: 'bad-reference', message: `${name}: there is no shot "${target}".` };
    media = MODALITY_MEDIA[other.shot.modality];
  } else {
    const problem =
      workspacePathProblem(ref.value) ??
      (opts.insideWorkspace?.(ref.value) === false ? `"${ref.value}" is outside the workspace.` : undefined);
    if (problem) return { code: 'bad-reference', message: `${name} is a workspace path or shot:<id>: ${problem}` };
    media = fileMedia(ref.value)?.kind;
    if (media === undefined) {
      return {
        code: 'bad-reference',
        message: `${name}: "${ref.value}" is not an image, video or audio file GenQueue knows (by its extension).`,
      };
    }
  }
  const fieldProblem = d.model ? modelFieldProblem(d.model, ref, media) : undefined;
  return fieldProblem ? { code: 'bad-reference', message: `${name}: ${fieldProblem}` } : undefined;
}

/** Required file inputs of the shot's catalog model that its refs leave out. */
function missingFileFields(d: ShotDraft): string[] {
  if (!d.model || d.model.custom) return [];
  return d.model.fields
    .filter((f) => (f.type === 'file' || f.type === 'files') && f.required && !d.refs.some((r) => r.field === f.name))
    .map((f) => f.name);
}

/** Hand-typed models list no fields, so any name is taken; catalog models only their file fields. */
function modelFieldProblem(model: CatalogModel, ref: RefDraft, media: Exclude<MediaKind, 'any'>): string | undefined {
  if (model.custom) return undefined;
  const files = model.fields.filter((f) => f.type === 'file' || f.type === 'files');
  const field = files.find((f) => f.name === ref.field);
  if (!field) {
    const takes = files.length > 0 ? `its file inputs are ${files.map((f) => f.name).join(', ')}` : 'it takes no files';
    return `${model.label} (${model.id}) has no file input "${ref.field}"; ${takes}.`;
  }
  if (field.type === 'file' && ref.index !== undefined) return 'this input takes one file, not a list.';
  const wanted = field.media;
  if (wanted !== undefined && wanted !== 'any' && wanted !== media) {
    const what =
      shotRefTarget(ref.value) !== undefined
        ? `${ref.value} makes ${mediaWords(media)}`
        : `"${ref.value}" is ${mediaWords(media)}`;
    return `it takes ${mediaWords(wanted)}; ${what}.`;
  }
  return undefined;
}

/** Each shot reference that is part of a loop, with the loop (from its shot back to it). */
function cycles(byId: ReadonlyMap<string, ShotDraft>, bad: ReadonlySet<RefDraft>): [ShotDraft, RefDraft, string[]][] {
  const edges = (id: string) =>
    (byId.get(id)?.refs ?? [])
      .filter((r) => !bad.has(r))
      .map((r) => ({ ref: r, to: shotRefTarget(r.value) }))
      .filter((e): e is { ref: RefDraft; to: string } => e.to !== undefined && e.to !== id && byId.has(e.to));
  const out: [ShotDraft, RefDraft, string[]][] = [];
  for (const [id, d] of byId) {
    for (const { ref, to } of edges(id)) {
      const back = pathBetween(to, id, edges);
      if (back) out.push([d, ref, [id, ...back]]);
    }
  }
  return out;
}

/** The shortest chain of shot ids from `from` to `to` along references, or undefined. */
function pathBetween(from: string, to: string, edges: (id: string) => { to: string }[]): string[] | undefined {
  const previous = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (id === to) {
      const path: string[] = [];
      for (let at: string | undefined = id; at !== undefined; at = previous.get(at)) path.unshift(at);
      return path;
    }
    for (const e of edges(id)) {
      if (previous.has(e.to)) continue;
      previous.set(e.to, id);
      queue.push(e.to);
    }
  }
  return undefined;
}
