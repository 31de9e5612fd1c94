// What a reference file is, from its extension: the media kind a model field checks and the
// content type an upload declares. Only the formats the catalog's models take are known.
import type { MediaKind } from './referenceTypes';

const BY_EXTENSION: Record<string, { kind: Exclude<MediaKind, 'any'>; contentType: string }> = {
  png: { kind: 'image', contentType: 'image/png' },
  jpg: { kind: 'image', contentType: 'image/jpeg' },
  jpeg: { kind: 'image', contentType: 'image/jpeg' },
  webp: { kind: 'image', contentType: 'image/webp' },
  gif: { kind: 'image', contentType: 'image/gif' },
  mp4: { kind: 'video', contentType: 'video/mp4' },
  webm: { kind: 'video', contentType: 'video/webm' },
  mov: { kind: 'video', contentType: 'video/quicktime' },
  wav: { kind: 'audio', contentType: 'audio/wav' },
  mp3: { kind: 'audio', contentType: 'audio/mpeg' },
  ogg: { kind: 'audio', contentType: 'audio/ogg' },
  flac: { kind: 'audio', contentType: 'audio/flac' },
  m4a: { kind: 'audio', contentType: 'audio/mp4' },
};

/** The media kind and content type of a file by its extension; undefined for an unknown one. */
export function fileMedia(path: string): { kind: Exclude<MediaKind, 'any'>; contentType: string } | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? BY_EXTENSION[name.slice(dot + 1).toLowerCase()] : undefined;
}

/** "an image", "audio", "a video": for messages. */
export function mediaWords(kind: MediaKind): string {
  if (kind === 'image') return 'an image';
  if (kind === 'video') return 'a video';
  return kind === 'audio' ? 'audio' : 'any file';
}
