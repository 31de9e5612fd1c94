// A reference into fal's storage through the official client: `storage.upload` of a File (never a
// Buffer: the client would send a Buffer as JSON, §4.1) with a one-day lifecycle, so the expiry is
// known here rather than left to the account's default. Files over 90 MiB go multipart inside the
// client. The client takes no abort signal for uploads: a stop takes effect once it returns.
import type { createFalClient } from '@fal-ai/client';
import { ProviderError } from '../../core/errors';
import type { UploadedFile, UploadFile } from '../../core/references/referenceTypes';
import { falError } from './falErrors';

const LIFETIME = '1d';
const LIFETIME_MS = 24 * 3600_000;

export async function uploadToFal(
  client: ReturnType<typeof createFalClient>,
  file: UploadFile,
  signal: AbortSignal,
  now: () => number,
): Promise<UploadedFile> {
  if (signal.aborted) throw abortError();
  const startedAt = now();
  let url: string;
  try {
    const blob = new File([file.data as Uint8Array<ArrayBuffer>], file.name, { type: file.contentType });
    url = await client.storage.upload(blob, { lifecycle: { expiresIn: LIFETIME } });
  } catch (err) {
    const pe = falError(err, 'upload', file.name);
    if (pe.httpStatus === 413) {
      throw new ProviderError({
        category: 'input',
        httpStatus: 413,
        message: 'fal refused the file as too large (HTTP 413).',
        detail: pe.detail,
      });
    }
    throw pe;
  }
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
    throw new ProviderError({
      category: 'transient',
      message: 'fal answered the upload without a file URL. GenQueue will try again.',
      detail: String(url),
    });
  }
  // Counted from the start of the upload: the lifetime runs from when fal created the object.
  return { url, expiresAt: startedAt + LIFETIME_MS };
}

function abortError(): Error {
  const e = new Error('The upload was stopped.');
  e.name = 'AbortError';
  return e;
}
