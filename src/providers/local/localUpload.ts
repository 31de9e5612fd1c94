// The offline provider's "upload": nothing leaves the machine. A reference is handed over as a
// file: URL of its absolute path (no expiry); the offline renderers read the file from it. The
// engine never caches file: URLs (they name a path, not content), so an edited file is read anew.
import { pathToFileURL } from 'node:url';
import { ProviderError } from '../../core/errors';
import type { UploadedFile, UploadFile } from '../../core/references/referenceTypes';

export async function localUpload(file: UploadFile, signal: AbortSignal): Promise<UploadedFile> {
  signal.throwIfAborted();
  if (!file.path) {
    throw new ProviderError({
      category: 'input',
      message: `The offline provider reads references from this machine's disk, and "${file.name}" has no local path. Save it in the workspace first.`,
    });
  }
  return { url: pathToFileURL(file.path).href };
}
