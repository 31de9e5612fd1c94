// Did a job fail because the provider could not fetch one of its input files (an expired or
// deleted upload)? Then the engine uploads the references again and sends the job once more.
// What the providers say, as far as known:
// - fal: the result answers 422 with `detail: [{loc: ["body", <field>], msg, type:
//   "file_download_error", input: <url>}]` (the documented error type; `msg` is "Failed to download
//   the file. Please check if the URL is accessible." [UNCERTAIN: wording]). `type` is the field to
//   rely on; the text match is a fallback for endpoints that send a plain string detail.
// - Replicate: the prediction ends "failed" with an `error` text from the model's runtime naming
//   the URL it could not download (e.g. "... 404 Client Error: Not Found for url: ...") [UNCERTAIN:
//   no documented form], so only the text can tell.
import { isRecord } from './values';

const UNREACHABLE =
  /file_download_error|(?:failed|unable|could not|couldn't|cannot|error)\s+(?:to\s+)?(?:download|fetch|retrieve|access)\w*\s+(?:the\s+)?(?:input\s+)?(?:file|url|image|audio|video|media|from)|\b(?:403|404|410)\b[^\n]{0,60}\bfor url\b/i;

export function mentionsUnreachableInput(text: string | undefined): boolean {
  return text !== undefined && UNREACHABLE.test(text);
}

/** fal's 422 body: a `file_download_error` entry, or a detail text saying the same. */
export function falBodyIsUnreachableInput(body: unknown): boolean {
  if (!isRecord(body)) return false;
  const d = body.detail;
  if (Array.isArray(d)) {
    return d.some((e) => isRecord(e) && (e.type === 'file_download_error' || mentionsUnreachableInput(String(e.msg))));
  }
  return typeof d === 'string' && mentionsUnreachableInput(d);
}
