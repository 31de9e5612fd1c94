// The host's side of the engine's reference ports (core/references/referencePorts.ts): reading a
// reference from the workspace (through HostFileSystem, so remote and virtual workspaces work),
// and the upload cache as a JSON file in globalStorage (writeAtomic: windows share the folder,
// and a reader must never see a torn file).
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ReferenceReader, UploadCacheStore } from '../../core/references/referencePorts';
import { contentTypeFromName } from '../../providers/shared/mediaTypes';
import { type HostFileSystem, joinUri } from '../assets/hostFileSystem';
import { ensureDir, writeAtomic } from '../persistence/atomicFiles';

export const UPLOAD_CACHE_FILE = 'upload-cache.json';

/**
 * Workspace-relative paths resolve against `workspaceRoot()` (a URI string); absolute paths (an
 * explicit pick outside the workspace) are read as they are. `absolutePath` is set for files on
 * this machine (file: URIs), which the offline provider reads in place.
 */
export function createWorkspaceReferenceReader(
  fs: HostFileSystem,
  workspaceRoot: () => string | undefined,
): ReferenceReader {
  return {
    async read(path) {
      const uri = uriOf(path, workspaceRoot());
      const data = await fs.readFile(uri);
      const out = { data, contentType: contentTypeFromName(path) ?? 'application/octet-stream' };
      return uri.startsWith('file:') ? { ...out, absolutePath: fileURLToPath(uri) } : out;
    },
  };
}

function uriOf(path: string, root: string | undefined): string {
  if (/^(?:[A-Za-z]:[\\/]|\/|\\\\)/.test(path)) return pathToFileURL(path).href;
  if (!root) throw new Error(`"${path}" is relative to the workspace, and no folder is open.`);
  return joinUri(root, path);
}

/** The upload cache in `<dir>/upload-cache.json` (dir: the extension's globalStorage folder). */
export function createFileUploadCacheStore(dir: string): UploadCacheStore {
  const file = `${dir.replace(/[\\/]+$/, '')}/${UPLOAD_CACHE_FILE}`;
  return {
    async load() {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as unknown;
      } catch (err) {
        if ((err as { code?: unknown }).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async save(data) {
      ensureDir(dir);
      writeAtomic(file, JSON.stringify(data));
    },
  };
}
