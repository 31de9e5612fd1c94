// The limits and name rules of a shot list, shared by parsing, edits and new shots.

/** A shot list larger than this is not parsed at all (a shot list is hand-edited text, not data). */
export const MAX_SHOT_LIST_CHARS = 5_000_000;
/** Longer prompts are refused: no model takes them, and they would be copied into every job. */
export const MAX_PROMPT_CHARS = 10_000;
/**
 * Alias expansions allowed while reading values: generous for `params: *common` on every shot of
 * a long list, far below what an alias bomb ("billion laughs") needs.
 */
export const MAX_ALIAS_COUNT = 10_000;
/** Shot ids name take folders, so they stay short and safe on every file system. */
export const MAX_ID_CHARS = 64;

const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
// Folder names Windows refuses whatever the extension.
const RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** Why `id` cannot be a shot id, or undefined when it can. */
export function idProblem(id: string): string | undefined {
  if (id.length === 0) return 'A shot id cannot be empty.';
  if (id.length > MAX_ID_CHARS) return `A shot id has at most ${MAX_ID_CHARS} characters.`;
  if (!ID_PATTERN.test(id)) {
    return `Shot id "${id}" may only use letters, digits, "_" and "-" (it names the shot's take folder).`;
  }
  if (RESERVED_NAMES.test(id)) return `Shot id "${id}" is a reserved folder name on Windows.`;
  return undefined;
}

/**
 * Why `path` is not a workspace-relative path, or undefined when it is: absolute paths (POSIX,
 * drive letters, UNC), `..` segments and URLs point outside the workspace.
 */
export function workspacePathProblem(path: string): string | undefined {
  if (path.trim().length === 0) return 'The path is empty.';
  if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(path)) return `"${path}" is a URL, not a workspace path.`;
  if (/^([/\\]|[A-Za-z]:)/.test(path)) return `"${path}" is absolute; use a path relative to the workspace folder.`;
  if (path.split(/[/\\]/).includes('..')) return `"${path}" goes up with "..", out of the workspace.`;
  return undefined;
}
