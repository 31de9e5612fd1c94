// A shot with the file's defaults and the user's settings applied: the provider, model and input
// a job for it would send, and the fingerprint of those.
import type { Modality, ProviderId } from '../jobTypes';
import { buildModelInput, defaultInput, resolveModel } from '../modelCatalog';
import { chooseModel } from './modelChoice';
import { shotFingerprint } from './shotFingerprint';
import type { ResolvedShot, Shot, ShotList } from './shotTypes';

/** The provider and model the user's settings choose for a modality (the last fallback). */
export type ModelFallback = (modality: Modality) => { provider: ProviderId; model: string };

export function resolveShot(list: ShotList, shot: Shot, fallback: ModelFallback): ResolvedShot {
  const modality = shot.modality;
  const { provider, model } = modelOf(list, shot, fallback);
  const entry = resolveModel(provider, model, modality);
  const input = buildModelInput({
    ...defaultInput(entry),
    ...(shot.params ?? {}),
    [entry.promptField]: promptWithStyle(shot.prompt, modality, list.defaults?.style),
  });
  const resolved: ResolvedShot = { shot, provider, model, modality, input, fingerprint: '' };
  const refs = shot.refs && Object.keys(shot.refs).length > 0 ? shot.refs : undefined;
  resolved.fingerprint = shotFingerprint(refs ? { provider, model, input, refs } : { provider, model, input });
  return resolved;
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
