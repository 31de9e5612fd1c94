// Content types guessed from a file name, for outputs whose provider gives only a URL (Replicate).

const BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  m4a: 'audio/mp4',
  txt: 'text/plain',
  json: 'application/json',
};

export function contentTypeFromName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const m = /\.([a-z0-9]+)$/i.exec(name);
  if (!m) return undefined;
  return BY_EXTENSION[(m[1] ?? '').toLowerCase()];
}

/** The last path segment of a URL, decoded; undefined for data: URIs and bare hosts. */
export function fileNameFromUrl(url: string): string | undefined {
  if (url.startsWith('data:')) return undefined;
  try {
    const last = new URL(url).pathname.split('/').pop();
    return last ? decodeURIComponent(last) : undefined;
  } catch {
    return undefined;
  }
}

/** The media type of a data: URI ("data:image/png;base64,…" → "image/png"). */
export function contentTypeOfDataUri(uri: string): string | undefined {
  const m = /^data:([^;,]+)[;,]/.exec(uri);
  return m?.[1];
}
