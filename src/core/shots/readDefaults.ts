// The file's `defaults:` block: provider and model per modality, and the style added to prompts.
import type { Node } from 'yaml';
import { MODALITIES, type Modality, PROVIDER_IDS, type ProviderId } from '../jobTypes';
import { checkModel } from './modelChecks';
import { scalarText } from './readShot';
import type { ShotDiagnosticSink } from './shotDiagnosticSink';
import type { ShotDefaults, ShotDefaultsForModality } from './shotTypes';
import { keyOf, type YamlReader } from './yamlNodes';

const DEFAULT_KEYS = [...MODALITIES, 'style'];

export function readDefaults(reader: YamlReader, out: ShotDiagnosticSink, node: Node | null): ShotDefaults {
  const defaults: ShotDefaults = {};
  if (node === null) return defaults;
  const map = reader.map(node);
  if (map === undefined) {
    out.error('bad-value', '"defaults" is a mapping: image/video/audio/speech (provider, model) and style.', node);
    return defaults;
  }
  for (const p of reader.pairs(map)) {
    if (p.key === 'style') {
      const style = scalarText(p.value);
      if (style === undefined) out.error('bad-value', '"style" is text added to every prompt.', p.value ?? keyOf(p));
      else if (style.trim() !== '') defaults.style = style;
    } else if ((MODALITIES as readonly string[]).includes(p.key)) {
      const level = readLevel(reader, out, p.value, p.key as Modality);
      if (level) defaults[p.key as Modality] = level;
    } else {
      out.warning('unknown-key', `Unknown key "${p.key}" in defaults; use ${DEFAULT_KEYS.join(', ')}.`, keyOf(p));
    }
  }
  return defaults;
}

function readLevel(
  reader: YamlReader,
  out: ShotDiagnosticSink,
  node: Node | null,
  modality: Modality,
): ShotDefaultsForModality | undefined {
  const map = reader.map(node);
  if (map === undefined) {
    out.error('bad-value', `"${modality}" in defaults is a mapping with provider and model.`, node);
    return undefined;
  }
  const level: ShotDefaultsForModality = {};
  let modelNode: Node | null = null;
  for (const p of reader.pairs(map)) {
    const text = scalarText(p.value);
    if (p.key === 'provider') {
      if (text !== undefined && (PROVIDER_IDS as readonly string[]).includes(text)) level.provider = text as ProviderId;
      else
        out.error(
          'unknown-provider',
          `Unknown provider "${text ?? '?'}"; use ${PROVIDER_IDS.join(', ')}.`,
          p.value ?? keyOf(p),
        );
    } else if (p.key === 'model') {
      if (text !== undefined && text.trim() !== '') {
        level.model = text;
        modelNode = p.value;
      } else out.error('bad-value', '"model" is a model id, e.g. local/image.', p.value ?? keyOf(p));
    } else {
      out.warning('unknown-key', `Unknown key "${p.key}" in defaults.${modality}; use provider, model.`, keyOf(p));
    }
  }
  checkModel(out, level, undefined, modality, modelNode);
  return level;
}
