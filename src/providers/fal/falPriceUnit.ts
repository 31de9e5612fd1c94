// fal's pricing `unit` strings → our PriceUnit. The docs give no enum; seen in answers: image,
// megapixel(s), second / video_second, request, 1000 characters, minute, compute_second
// (models-files-pricing.md §2.1). Spelling varies (case, "_" or " ", plural), so the string is
// normalised first; a unit that is not listed here is reported, never guessed.
import type { PriceUnit } from '../../core/modelCatalog';

export interface MappedUnit {
  unit: PriceUnit;
  /** Multiply fal's unit price by this to get the price per our unit (per character → per 1k characters). */
  factor: number;
}

const UNITS: Record<string, MappedUnit> = {
  image: { unit: 'image', factor: 1 },
  megapixel: { unit: 'megapixel', factor: 1 },
  mp: { unit: 'megapixel', factor: 1 },
  // Seconds of output: video, or audio for audio models (cost.ts counts both from the duration).
  second: { unit: 'video-second', factor: 1 },
  'video second': { unit: 'video-second', factor: 1 },
  'audio second': { unit: 'video-second', factor: 1 },
  minute: { unit: 'minute', factor: 1 },
  'audio minute': { unit: 'minute', factor: 1 },
  'video minute': { unit: 'minute', factor: 1 },
  'compute second': { unit: 'second-of-gpu', factor: 1 },
  'gpu second': { unit: 'second-of-gpu', factor: 1 },
  request: { unit: 'request', factor: 1 },
  '1000 character': { unit: '1k-characters', factor: 1 },
  '1k character': { unit: '1k-characters', factor: 1 },
  character: { unit: '1k-characters', factor: 1000 },
};

/** Our unit for fal's, or undefined when we do not know what fal's unit counts. */
export function mapFalUnit(raw: string): MappedUnit | undefined {
  return UNITS[normaliseUnit(raw)];
}

/** "Video_Seconds" → "video second", "per 1,000 characters" → "1000 character". */
function normaliseUnit(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[_-]+/g, ' ')
    .replace(/(\d),(\d)/g, '$1$2')
    .replace(/^\s*per\s+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/s$/, '');
}
