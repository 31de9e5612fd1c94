// fal output JSON → takes. Output keys vary per model (§6): images[], image, video, audio, audio_file.
import type { ProviderTake } from '../../core/providerPort';
import { contentTypeFromName, fileNameFromUrl } from '../shared/mediaTypes';
import { isRecord, num, str } from '../shared/values';

const FILE_KEYS = [
  'images',
  'image',
  'video',
  'videos',
  'audio',
  'audio_file',
  'audios',
  'audio_url',
  'file',
  'files',
  'model_mesh',
];

export function falTakes(data: unknown): ProviderTake[] {
  if (!isRecord(data)) return [];
  const takes: ProviderTake[] = [];
  for (const key of FILE_KEYS) {
    const v = data[key];
    for (const item of Array.isArray(v) ? v : [v]) {
      const take = fileTake(item);
      if (take) takes.push(take);
    }
  }
  return takes;
}

function fileTake(v: unknown): ProviderTake | undefined {
  if (typeof v === 'string' && /^(https?:|data:)/.test(v))
    return { url: v, contentType: contentTypeFromName(fileNameFromUrl(v)) };
  if (!isRecord(v)) return undefined;
  const url = str(v.url);
  if (!url) return undefined;
  const name = str(v.file_name) ?? fileNameFromUrl(url);
  const take: ProviderTake = { url };
  const contentType = str(v.content_type) ?? contentTypeFromName(name);
  if (contentType) take.contentType = contentType;
  if (name) take.suggestedName = name;
  const width = num(v.width);
  const height = num(v.height);
  const duration = num(v.duration);
  if (width !== undefined) take.width = width;
  if (height !== undefined) take.height = height;
  if (duration !== undefined) take.durationSec = duration;
  return take;
}
