// A shot with the file's defaults and the user's settings applied: the provider, model and input
// a job for it would send, and the fingerprint of those.
import type { Modality, ProviderId } from '../jobTypes';
import { buildModelInput, type CatalogModel, defaultInput, resolveModel } from '../modelCatalog';
import { chooseModel } from './modelChoice';
import { shotFingerprint } from './shotFingerprint';
import type { ResolvedShot, Shot, ShotList } from './shotTypes';

/** The provider and model the user's settings choose for a modality (the last fallback). */
export type ModelFallback = (modality: Modality) => { provider: ProviderId; model: string };

/**
 * The content hash (sha256 hex) of each reference by its value (a workspace path or `shot:<id>`,
 * the dependency's chosen take), as the host read them. A take made from other files is stale.
 */
export type RefContent = ReadonlyMap<string, string>;

export function resolveShot(list: ShotList, shot: Shot, fallback: ModelFallback, content?: RefContent): ResolvedShot {
  const modality = shot.modality;
  const { provider, model } = modelOf(list, shot, fallback);
  const entry = resolveModel(provider, model, modality);
  const input = buildModelInput({
    ...defaultInput(entry),
    ...flatParams(shot.params ?? {}, entry),
    [entry.promptField]: promptWithStyle(shot.prompt, modality, list.defaults?.style),
  });
  const resolved: ResolvedShot = { shot, provider, model, modality, input, fingerprint: '' };
  const refs = shot.refs && Object.keys(shot.refs).length > 0 ? refsWithContent(shot.refs, content) : undefined;
  resolved.fingerprint = shotFingerprint(refs ? { provider, model, input, refs } : { provider, model, input });
  return resolved;
}

/** A reference whose content is known counts by it: the same path with other bytes is another input. */
function refsWithContent(refs: NonNullable<Shot['refs']>, content: RefContent | undefined): Record<string, unknown> {
  const one = (value: string) => {
    const hash = content?.get(value);
    return hash === undefined ? value : { ref: value, sha256: hash };
  };
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(refs))
    out[field] = typeof value === 'string' ? one(value) : value.map(one);
  return out;
}

/**
 * Params with nested mappings written as the catalog's dotted names ("voice_setting: { speed: 1 }"
 * is "voice_setting.speed"), so a nested value merges with the model's defaults instead of
 * replacing the whole mapping.
 */
function flatParams(params: Record<string, unknown>, entry: CatalogModel, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const name = `${prefix}${key}`;
    const nested = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (nested && entry.fields.some((f) => f.name.startsWith(`${name}.`))) {
      Object.assign(out, flatParams(value as Record<string, unknown>, entry, `${name}.`));
    } else out[name] = value;
  }
  return out;
}

/** The user's settings are asked only when the shot and the file's defaults leave a gap. */
function modelOf(list: ShotList, shot: Shot, fallback: ModelFallback): { provider: ProviderId; model: string } {
  const own = chooseModel([shot, list.defaults?.[shot.modality]], shot.modality, false);
  if (own.provider !== undefined && own.model !== undefined) return { provider: own.provider, model: own.model };
  const settings = fallback(shot.modality);
  const choice = chooseModel([shot, list.defaults?.[shot.modality], settings], shot.modality);
  return { provider: choice.provider ?? settings.provider, model: choice.model ?? settings.model };
}

/**
 * The prompt with the list's style added ("prompt. style"). Not for speech: its prompt is the
 * words spoken, and the style would be read aloud.
 */
export function promptWithStyle(prompt: string, modality: Modality, style: string | undefined): string {
  const text = prompt.trim();
  const extra = style?.trim();
  if (!extra || modality === 'speech') return text;
  return /[.!?;:,]$/.test(text) ? `${text} ${extra}` : `${text}. ${extra}`;
}
