// Walk a free-form output (Replicate: a URL string, an array of URLs, nested objects) and collect
// every file reference as a take, in order. data: URIs are decoded into bytes at once.
import type { ProviderTake } from '../../core/providerPort';
import { contentTypeFromName, contentTypeOfDataUri, fileNameFromUrl } from './mediaTypes';
import { isRecord } from './values';

const MAX_DEPTH = 8;

export function collectUrlTakes(output: unknown): ProviderTake[] {
  const takes: ProviderTake[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (typeof v === 'string') {
      const take = takeOfString(v);
      if (take) takes.push(take);
    } else if (Array.isArray(v)) {
      for (const item of v) walk(item, depth + 1);
    } else if (isRecord(v)) {
      for (const item of Object.values(v)) walk(item, depth + 1);
    }
  };
  walk(output, 0);
  return takes;
}

function takeOfString(s: string): ProviderTake | undefined {
  if (/^https?:\/\//i.test(s)) {
    const name = fileNameFromUrl(s);
    const take: ProviderTake = { url: s };
    const type = contentTypeFromName(name);
    if (type) take.contentType = type;
    if (name) take.suggestedName = name;
    return take;
  }
  if (s.startsWith('data:')) {
    const comma = s.indexOf(',');
    if (comma < 0) return undefined;
    const meta = s.slice(5, comma);
    const payload = s.slice(comma + 1);
    const data = meta.endsWith(';base64')
      ? new Uint8Array(Buffer.from(payload, 'base64'))
      : new TextEncoder().encode(decodeURIComponent(payload));
    const take: ProviderTake = { data };
    const type = contentTypeOfDataUri(s);
    if (type) take.contentType = type;
    return take;
  }
  return undefined;
}
