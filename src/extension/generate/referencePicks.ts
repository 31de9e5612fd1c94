// The items of the reference quick pick for one file field: the active editor's file (when the
// field takes it), recent takes of that media, matching workspace files, then "Browse…" and, for an
// optional field, "Skip". A file appears once, under the first source that offers it.
import type { ModelField } from '../../core/modelCatalog';
import { plainT, type Translate } from '../shared/text';
import { fieldTakes, referenceContentType } from './referenceFiles';

export interface ReferenceCandidate {
  /** Absolute path (forward slashes), how the host finds the file. */
  absPath: string;
  /** Workspace-relative path, or the absolute one for a file outside the workspace. */
  shownPath: string;
  /** What a take recorded as its type (preferred over the name). */
  contentType?: string;
  /** For a take: its model and prompt. */
  detail?: string;
}

export type ReferencePickItem =
  | { kind: 'file'; label: string; description: string; detail?: string; candidate: ReferenceCandidate }
  | { kind: 'browse'; label: string; description: string }
  | { kind: 'skip'; label: string; description: string }
  | { kind: 'separator'; label: string };

/** At most this many recent takes are listed (newest first). */
export const MAX_TAKES = 8;

function takes(field: Pick<ModelField, 'media'>, c: ReferenceCandidate): boolean {
  return fieldTakes(field, c.contentType ?? referenceContentType(c.absPath));
}

function baseName(path: string): string {
  return path.split('/').pop() ?? path;
}

function folderOf(shownPath: string): string {
  const parts = shownPath.split('/');
  return parts.length > 1 ? parts.slice(0, -1).join('/') : '';
}

export function referencePickItems(opts: {
  field: Pick<ModelField, 'media' | 'required' | 'label'>;
  active?: ReferenceCandidate;
  recentTakes: readonly ReferenceCandidate[];
  workspaceFiles: readonly ReferenceCandidate[];
  t?: Translate;
}): ReferencePickItem[] {
  const t = opts.t ?? plainT;
  const seen = new Set<string>();
  const items: ReferencePickItem[] = [];
  const group = (label: string, list: readonly ReferenceCandidate[], limit: number, description: string) => {
    const fresh = list.filter((c) => takes(opts.field, c) && !seen.has(c.absPath)).slice(0, limit);
    if (fresh.length === 0) return;
    items.push({ kind: 'separator', label });
    for (const c of fresh) {
      seen.add(c.absPath);
      const folder = folderOf(c.shownPath);
      const item: ReferencePickItem = {
        kind: 'file',
        label: baseName(c.shownPath),
        description: folder ? `${description} · ${folder}` : description,
        candidate: c,
      };
      if (c.detail) item.detail = c.detail;
      items.push(item);
    }
  };
  if (opts.active) group(t('Open in the editor'), [opts.active], 1, t('active editor'));
  group(t('Recent takes'), opts.recentTakes, MAX_TAKES, t('take'));
  group(t('Workspace'), opts.workspaceFiles, Number.POSITIVE_INFINITY, t('workspace'));
  items.push({ kind: 'separator', label: t('More') });
  items.push({
    kind: 'browse',
    label: t('$(folder-opened) Browse…'),
    description: t('any file on this computer'),
  });
  if (!opts.field.required) {
    items.push({
      kind: 'skip',
      label: t('$(arrow-right) Skip'),
      description: t('"{0}" is optional', opts.field.label),
    });
  }
  return items;
}
