// A reference into Replicate's files API through the official client: `files.create` of a File
// named with its extension (the client names a bare Blob `blob_<ts>`, and some models reject a URL
// without one, §4.2); the URL is `urls.get` and the expiry `expires_at`. Like the client's own
// "default" strategy, a 5xx or network failure falls back to an inline data: URI, but only for a
// small file (Replicate recommends data URIs under 1 MB; the client's cap is 10 MB); a 4xx surfaces.
import type Replicate from 'replicate';
import { ProviderError } from '../../core/errors';
import type { UploadedFile, UploadFile } from '../../core/references/referenceTypes';
import { isRecord, str } from '../shared/values';
import { replicateError } from './replicateErrors';

export const DATA_URI_MAX_BYTES = 1_000_000;

export async function uploadToReplicate(
  client: Replicate,
  file: UploadFile,
  signal: AbortSignal,
): Promise<UploadedFile> {
  let created: unknown;
  try {
    const blob = new File([file.data as Uint8Array<ArrayBuffer>], file.name, { type: file.contentType });
    created = await client.files.create(blob, {}, { signal });
  } catch (err) {
    const pe = replicateError(err, 'upload', file.name);
    const serverOrNetwork = pe.category === 'transient' && (pe.httpStatus === undefined || pe.httpStatus >= 500);
    if (serverOrNetwork && !signal.aborted && file.data.byteLength <= DATA_URI_MAX_BYTES) {
      return { url: `data:${file.contentType};base64,${Buffer.from(file.data).toString('base64')}` };
    }
    if (pe.httpStatus === 413) {
      throw new ProviderError({
        category: 'input',
        httpStatus: 413,
        message: 'Replicate refused the file as too large (HTTP 413; its files API takes up to 100 MB).',
        detail: pe.detail,
      });
    }
    throw pe;
  }
  const url = isRecord(created) && isRecord(created.urls) ? str(created.urls.get) : undefined;
  if (!url) {
    throw new ProviderError({
      category: 'transient',
      message: 'Replicate answered the upload without a file URL. GenQueue will try again.',
      detail: JSON.stringify(created)?.slice(0, 500),
    });
  }
  const expiresAt = Date.parse((isRecord(created) && str(created.expires_at)) || '');
  return Number.isFinite(expiresAt) ? { url, expiresAt } : { url };
}
