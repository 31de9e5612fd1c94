// Guesses a schema cannot state: a label from a name, what media a file field takes, which field
// carries the prompt. Names win over descriptions (a description may mention other inputs).
import type { ModelField } from '../modelCatalog';
import type { MediaKind } from '../references/referenceTypes';

/** "start_image" → "Start image". */
export function labelFromName(name: string): string {
  const words = name.replace(/[_.-]+/g, ' ').trim();
  return words.length === 0 ? name : words.charAt(0).toUpperCase() + words.slice(1);
}

const MEDIA_WORDS: readonly [MediaKind, RegExp][] = [
  ['image', /image|img|photo|picture|portrait|frame|mask|face|still|thumbnail|style_ref/],
  ['audio', /audio|voice|speech|sound|music|song|wav|mp3|vocal/],
  ['video', /video|clip|footage|mp4|movie/],
];

function mediaIn(text: string): MediaKind | undefined {
  const lower = text.toLowerCase();
  let best: { kind: MediaKind; at: number } | undefined;
  for (const [kind, re] of MEDIA_WORDS) {
    const at = lower.search(re);
    if (at >= 0 && (best === undefined || at < best.at)) best = { kind, at };
  }
  return best?.kind;
}

/** A file field's media from its name, else its description, else any. */
export function guessMedia(name: string, description?: string): MediaKind {
  return mediaIn(name) ?? (description ? mediaIn(description) : undefined) ?? 'any';
}

/** fal's `ui.field` / `_fal_ui_field` value → media ("file" takes anything). */
export function mediaFromUiField(value: unknown): MediaKind | undefined {
  if (value === 'image' || value === 'audio' || value === 'video') return value;
  if (value === 'file') return 'any';
  return undefined;
}

const PROMPT_NAMES = ['prompt', 'text', 'gen_text'];

/** Free text that reads better in a multi-line box than a one-line input. */
export function isLongText(name: string, maxLength: number | undefined): boolean {
  return PROMPT_NAMES.includes(name) || /prompt|lyrics|script|caption/.test(name) || (maxLength ?? 0) > 300;
}

/** The input key that carries the prompt (or text to speak); '' when the model takes none. */
export function detectPromptField(fields: readonly ModelField[]): string {
  const texts = fields.filter((f) => f.type === 'text' || f.type === 'string');
  for (const name of PROMPT_NAMES) if (texts.some((f) => f.name === name)) return name;
  const named = texts.find((f) => f.name.endsWith('prompt') && !f.name.startsWith('negative'));
  return named?.name ?? '';
}

const UNIT_BYTES: Record<string, number> = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** A size limit stated in a file field's description ("Max 10 MB each", "maximum file size: 50MB"). */
export function maxBytesIn(description: string): number | undefined {
  const m = /\bmax(?:imum)?\b[^.\d]{0,24}?(\d+(?:\.\d+)?)\s*(kb|mb|gb)\b/i.exec(description);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (UNIT_BYTES[(m[2] ?? '').toLowerCase()] ?? 1));
}
