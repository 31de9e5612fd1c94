// Nothing a provider says may decide where a file lands: suggested names and URLs are reduced
// to one plain file name inside the assets folder, and the extension comes from what the
// content actually is (src/core/takeMedia.ts), not from the name.

export const MAX_NAME_LENGTH = 80;

/** The media files that can carry a sidecar (mirrors the explorer menu's `when` clause). */
export const MEDIA_FILE_PATTERN = /\.(png|jpe?g|webp|gif|mp4|webm|mov|mkv|wav|mp3|m4a|aac|ogg|flac)$/i;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** The last path segment of a URL or path, decoded, without query or fragment. */
export function baseNameOf(nameOrUrl: string): string {
  let s = nameOrUrl;
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(s)) s = new URL(s).pathname;
  } catch {
    // Not a URL: treat it as a name.
  }
  s = s.split(/[?#]/)[0] ?? '';
  try {
    s = decodeURIComponent(s);
  } catch {
    // Malformed escapes stay as they are; the sanitiser removes what is unsafe.
  }
  const parts = s.split(/[/\\]/);
  return parts[parts.length - 1] ?? '';
}

/**
 * A safe stem (no extension) from an untrusted name: no path separators, no '..', no leading
 * dots, no control or shell-hostile characters, not a Windows reserved name, length-capped.
 */
export function sanitizeStem(untrusted: string | undefined, fallback: string): string {
  let s = baseNameOf(untrusted ?? '');
  s = s.normalize('NFC');
  // Drop the extension the provider claims: ours comes from the content type.
  s = s.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  s = s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '-')
    .replace(/\s+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[.\-\s]+/, '')
    .replace(/[.\s-]+$/, '');
  if (s.length > MAX_NAME_LENGTH) s = s.slice(0, MAX_NAME_LENGTH).replace(/[.\s-]+$/, '');
  if (!s || WINDOWS_RESERVED.test(s)) s = s ? `${s}-file` : fallback;
  return s;
}

/** A short slug from a prompt, for readable default names ("a-red-fox-in-snow"). */
export function slugFromPrompt(prompt: unknown, maxWords = 6): string {
  if (typeof prompt !== 'string') return '';
  return prompt
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, maxWords)
    .join('-')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/** "name.png", then "name-2.png", "name-3.png"… until `taken` says no. */
export function uniqueFileName(stem: string, ext: string, taken: (name: string) => boolean, maxTries = 1000): string {
  const first = `${stem}.${ext}`;
  if (!taken(first)) return first;
  for (let i = 2; i <= maxTries; i++) {
    const candidate = `${stem}-${i}.${ext}`;
    if (!taken(candidate)) return candidate;
  }
  return `${stem}-${Date.now().toString(36)}.${ext}`;
}

/**
 * Normalise a workspace-relative folder from settings: forward slashes, no leading slash,
 * no '..' or '.' segments. Returns undefined when nothing safe is left.
 */
export function safeRelativeFolder(folder: string | undefined): string | undefined {
  if (!folder) return undefined;
  const parts = folder
    .replace(/\\/g, '/')
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p && p !== '.');
  if (parts.some((p) => p === '..' || /^[a-z]:$/i.test(p))) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = parts.map((p) => p.replace(/[\u0000-\u001f<>:"|?*]/g, '')).filter(Boolean);
  return clean.length ? clean.join('/') : undefined;
}
