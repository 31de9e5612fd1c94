// Reading and checking the offline provider's input: bad input gets a clear message, never a guess
// that silently makes something else.
import { ProviderError } from '../../core/errors';
import type { Modality } from '../../core/jobTypes';

export const LOCAL_MODELS: Record<Modality, string> = {
  image: 'local/image',
  video: 'local/video',
  audio: 'local/audio',
  speech: 'local/speech',
};

/** The offline models that work from reference files (referencePlans.ts), and what each makes. */
export const LOCAL_REFERENCE_MODALITIES: Readonly<Record<string, Modality>> = {
  'local/image-to-video': 'video',
  'local/talking-head': 'video',
  'local/image-edit': 'image',
  'local/voice-clone': 'speech',
};

export const MAX_PROMPT_CHARS = 4000;
export const MAX_SPEECH_CHARS = 1000;

function inputError(message: string, detail?: string): ProviderError {
  return new ProviderError({ category: 'input', message, detail });
}

/** The modality a local model id makes; throws a clear input error for anything else. */
export function localModality(model: string, modality: Modality): Modality {
  const expected = LOCAL_MODELS[modality];
  if (model !== expected) {
    const known = [...Object.values(LOCAL_MODELS), ...Object.keys(LOCAL_REFERENCE_MODALITIES)].join(', ');
    throw inputError(
      `The offline provider has no model "${model}" for ${modality}. Use ${expected} (offline models: ${known}).`,
    );
  }
  return modality;
}

export function promptOf(input: Record<string, unknown>, modality: Modality): string {
  const raw = input.prompt ?? input.text;
  const prompt = typeof raw === 'string' ? raw.trim() : '';
  if (!prompt) {
    throw inputError(
      modality === 'speech'
        ? 'Write the text to speak first: the offline voice needs some words.'
        : 'Write a prompt first: the offline provider makes its file from the prompt.',
    );
  }
  const max = modality === 'speech' ? MAX_SPEECH_CHARS : MAX_PROMPT_CHARS;
  if (prompt.length > max) {
    throw inputError(
      `The text is ${prompt.length.toLocaleString('en-US')} characters; the offline ${modality} model takes at most ${max.toLocaleString('en-US')}. Shorten it.`,
    );
  }
  return prompt;
}

function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.replace(/s$/i, '')))) {
    return Number(v.replace(/s$/i, ''));
  }
  return undefined;
}

/** An optional integer field in [min, max]; a present but invalid value is an input error. */
export function intField(
  input: Record<string, unknown>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = input[name];
  if (raw === undefined || raw === null || raw === '') return fallback;
  const n = numberOf(raw);
  if (n === undefined || n < min || n > max) {
    throw inputError(`${name} must be a number from ${min} to ${max}; got ${JSON.stringify(raw)}.`);
  }
  return Math.round(n);
}

export function seedOf(input: Record<string, unknown>): number | undefined {
  const raw = input.seed;
  if (raw === undefined || raw === null || raw === '') return undefined;
  const n = numberOf(raw);
  if (n === undefined || !Number.isInteger(n) || n < 0) {
    throw inputError(`seed must be a whole number ≥ 0; got ${JSON.stringify(raw)}.`);
  }
  return n;
}

/** Parse "16:9" (or "16/9", "16x9") into a positive ratio w/h. */
export function aspectRatioOf(input: Record<string, unknown>, fallback: string): number {
  const raw = input.aspect_ratio ?? fallback;
  const m = typeof raw === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*[:/x]\s*(\d+(?:\.\d+)?)\s*$/.exec(raw) : null;
  const w = m ? Number(m[1]) : Number.NaN;
  const h = m ? Number(m[2]) : Number.NaN;
  if (!(w > 0 && h > 0) || w / h > 4 || h / w > 4) {
    throw inputError(`aspect_ratio must look like "16:9" (at most 4:1); got ${JSON.stringify(raw)}.`);
  }
  return w / h;
}

/** Even dimensions (video encoders need them) with the long side `longSide`. */
export function sizeFor(ratio: number, longSide: number): { width: number; height: number } {
  const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
  return ratio >= 1
    ? { width: even(longSide), height: even(longSide / ratio) }
    : { width: even(longSide * ratio), height: even(longSide) };
}

/** Image size: explicit width/height win, else aspect_ratio with a 512 px long side. */
export function imageSizeOf(input: Record<string, unknown>): { width: number; height: number } {
  if (input.width !== undefined || input.height !== undefined) {
    const width = intField(input, 'width', 512, 16, 2048);
    const height = intField(input, 'height', width, 16, 2048);
    return { width, height };
  }
  return sizeFor(aspectRatioOf(input, '1:1'), 512);
}
