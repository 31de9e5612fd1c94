// The pure rules for a file chosen as a reference: what media it is (by its name, or the content
// type a take recorded), whether the field takes it (type and size, checked before anything is
// uploaded or spent), and the JobReference a job records for it (path + content hash).
import { createHash } from 'node:crypto';
import type { ModelField } from '../../core/modelCatalog';
import type { JobReference, MediaKind } from '../../core/references/referenceTypes';
import { contentTypeFromName } from '../../providers/shared/mediaTypes';
import { plainT, type Translate } from '../shared/text';

type ConcreteMedia = Exclude<MediaKind, 'any'>;

/** The file types offered for each kind of reference (what the pickers search and the dialog filters). */
export const REFERENCE_EXTENSIONS: Record<ConcreteMedia, readonly string[]> = {
  image: ['png', 'jpg', 'jpeg', 'webp', 'gif'],
  audio: ['wav', 'mp3', 'm4a', 'ogg', 'flac'],
  video: ['mp4', 'webm', 'mov'],
};

/** The media kind of a content type ("image/png" → image), or undefined for anything else. */
export function mediaOfContentType(contentType: string | undefined): ConcreteMedia | undefined {
  const top = contentType?.split('/')[0]?.toLowerCase();
  return top === 'image' || top === 'audio' || top === 'video' ? top : undefined;
}

/** The content type of a reference file by its name; undefined when it is not a media file GenQueue knows. */
export function referenceContentType(path: string): string | undefined {
  const type = contentTypeFromName(path.split(/[\\/]/).pop());
  // SVG is text: no model here takes it as an image.
  return mediaOfContentType(type) && type !== 'image/svg+xml' ? type : undefined;
}

export function fieldTakes(field: Pick<ModelField, 'media'>, contentType: string | undefined): boolean {
  const media = mediaOfContentType(contentType);
  if (!media) return false;
  return field.media === undefined || field.media === 'any' || field.media === media;
}

/** One glob per file type a field takes (`**\/*.png`, …), for workspace.findFiles. */
export function referenceGlobs(field: Pick<ModelField, 'media'>): string[] {
  return extensionsFor(field).map((e) => `**/*.${e}`);
}

export function extensionsFor(field: Pick<ModelField, 'media'>): string[] {
  const media = field.media;
  if (media === 'image' || media === 'audio' || media === 'video') return [...REFERENCE_EXTENSIONS[media]];
  return Object.values(REFERENCE_EXTENSIONS).flat();
}

export type ReferenceCheck = { ok: true; contentType: string } | { ok: false; message: string };

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

/** Type and size of a file against the field that will take it; the message says what to do. */
export function checkReferenceFile(
  field: Pick<ModelField, 'label' | 'media' | 'maxBytes'>,
  file: { name: string; bytes: number },
  t: Translate = plainT,
): ReferenceCheck {
  const contentType = referenceContentType(file.name);
  const wanted = field.media && field.media !== 'any' ? field.media : 'image, audio or video';
  if (!contentType || !fieldTakes(field, contentType)) {
    return {
      ok: false,
      message: t(
        '{0} is not a file "{1}" takes: it needs {2} ({3}).',
        file.name,
        field.label,
        wanted,
        extensionsFor(field).join(', '),
      ),
    };
  }
  if (file.bytes === 0) return { ok: false, message: t('{0} is empty.', file.name) };
  if (field.maxBytes !== undefined && file.bytes > field.maxBytes) {
    return {
      ok: false,
      message: t(
        '{0} is {1}; "{2}" takes at most {3}. Choose a smaller file.',
        file.name,
        sizeText(file.bytes),
        field.label,
        sizeText(field.maxBytes),
      ),
    };
  }
  return { ok: true, contentType };
}

/**
 * How a job records where a reference is: relative to the workspace folder that holds it, with
 * forward slashes; a file outside every folder by its absolute path (it was picked explicitly).
 */
export function referencePath(absPath: string, workspaceRoots: readonly string[]): string {
  const abs = absPath.replace(/\\/g, '/');
  for (const root of workspaceRoots) {
    const r = root.replace(/\\/g, '/').replace(/\/+$/, '');
    if (abs.startsWith(`${r}/`)) return abs.slice(r.length + 1);
  }
  return abs;
}

export function buildReference(opts: {
  field: string;
  index?: number;
  path: string;
  data: Uint8Array;
  contentType: string;
}): JobReference {
  const ref: JobReference = {
    field: opts.field,
    path: opts.path,
    sha256: createHash('sha256').update(opts.data).digest('hex'),
    bytes: opts.data.byteLength,
    contentType: opts.contentType,
  };
  if (opts.index !== undefined) ref.index = opts.index;
  return ref;
}
