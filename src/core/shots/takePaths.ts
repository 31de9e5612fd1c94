// Where a shot's takes live: `<assets folder>/<list name>/<shot id>/take-<n>.<ext>`.

const LIST_SUFFIX = /(\.shots)?\.ya?ml$/i;

/** 'docs/video.shots.yaml' -> 'video' */
export function listNameOf(listPath: string): string {
  const base = listPath.split(/[/\\]/).pop() ?? listPath;
  return base.replace(LIST_SUFFIX, '') || base;
}

export function takeFolder(assetsFolder: string, listPath: string, shotId: string): string {
  return `${assetsFolder.replace(/[/\\]+$/, '')}/${listNameOf(listPath)}/${shotId}`;
}

/** take-3.png (the extension with or without its dot). */
export function takeFileName(take: number, ext: string): string {
  return `take-${take}.${ext.replace(/^\./, '')}`;
}

/** 3 for 'take-3.png'; undefined for anything else (sidecars, 'take-0.png', 'take-03.png'). */
export function parseTakeFileName(name: string): number | undefined {
  const m = /^take-([1-9][0-9]{0,8})\.[A-Za-z0-9]+$/.exec(name);
  return m ? Number(m[1]) : undefined;
}
