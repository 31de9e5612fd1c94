// Both providers' upload flows (models-files-pricing.md §4.3) and what an emulated job does with
// the uploaded files. fal (under /fal): POST /storage/upload/initiate → {upload_url, file_url};
// PUT upload_url (no auth); for files over 90 MiB, POST …/initiate-multipart, PUT <upload_url
// path>/<n> per 10 MiB part (answered with JSON {partNumber, etag}, which the client requires),
// POST <path>/complete {parts}. The file is then served at file_url. Replicate (under
// /replicate/v1): POST /files multipart (`content` + `metadata`) → 201 FileObject with urls.get
// and expires_at (+24 h); GET and DELETE /files/<id>; the bytes at /files/<id>/download.
//
// A job whose input names an emulator file that does not exist, was deleted or has expired fails
// the way the real ones report it (see src/providers/shared/inputFetchFailure.ts): fal with a 422
// `file_download_error` result, Replicate with a failed prediction whose error names the URL.
import { createHash, randomUUID } from 'node:crypto';
import type { EmuJob } from './emulatedJob';
import { type EmulatorCore, isObject, type RouteContext, type RouteResult, readJson } from './emulatorCore';
import type { EmulatedProvider, FaultRoute } from './emulatorTypes';

export interface EmuUpload {
  provider: EmulatedProvider;
  id: string;
  name: string;
  data: Buffer;
  contentType: string;
  /** Provider clock, ms. */
  createdAt: number;
  expiresAt?: number;
  /** The bytes have all arrived (PUT, multipart complete, or the Replicate POST). */
  complete: boolean;
  deleted?: boolean;
  parts?: Map<number, Buffer>;
}

export interface UploadRoute {
  route: FaultRoute | 'other';
  handle: (ctx: RouteContext) => Promise<RouteResult>;
}

/** fal's CDN default when no lifecycle is asked for: "available for at least 7 days". */
const FAL_DEFAULT_LIFETIME_MS = 7 * 24 * 3600_000;
const REPLICATE_LIFETIME_MS = 24 * 3600_000;
export const FAL_DOWNLOAD_ERROR = 'Failed to download the file. Please check if the URL is accessible.';

export function matchUploads(provider: EmulatedProvider, method: string, path: string): UploadRoute | undefined {
  if (provider === 'fal') {
    if (method === 'POST' && path === '/storage/upload/initiate')
      return { route: 'upload', handle: async (c) => initiate(c, false) };
    if (method === 'POST' && path === '/storage/upload/initiate-multipart')
      return { route: 'upload', handle: async (c) => initiate(c, true) };
    let m = /^\/uploads\/([^/]+)$/.exec(path);
    if (method === 'PUT' && m) return { route: 'other', handle: async (c) => putWhole(c, m?.[1] ?? '') };
    m = /^\/multipart\/([^/]+)\/(\d+)$/.exec(path);
    if (method === 'PUT' && m) return { route: 'other', handle: async (c) => putPart(c, m?.[1] ?? '', Number(m?.[2])) };
    m = /^\/multipart\/([^/]+)\/complete$/.exec(path);
    if (method === 'POST' && m) return { route: 'other', handle: async (c) => complete(c, m?.[1] ?? '') };
    return undefined;
  }
  if (method === 'POST' && path === '/files') return { route: 'upload', handle: async (c) => createFile(c) };
  const m = /^\/files\/([^/]+)(\/download)?$/.exec(path);
  if (!m) return undefined;
  const id = m[1] ?? '';
  if (method === 'GET' && m[2]) return { route: 'other', handle: async (c) => download(c, id) };
  if (method === 'GET') return { route: 'other', handle: async (c) => getFile(c, id) };
  if (method === 'DELETE') return { route: 'other', handle: async (c) => deleteFile(c, id) };
  return undefined;
}

/** fal's storage PUTs and multipart calls go out without the Authorization header (§3.9). */
export function uploadNeedsAuth(provider: EmulatedProvider, method: string, path: string): boolean {
  if (provider !== 'fal') return !/^\/files\/[^/]+\/download$/.test(path);
  return !(method !== 'GET' && /^\/(?:uploads|multipart)\//.test(path));
}

/** A stored, complete, undeleted, unexpired file. */
export function liveUpload(core: EmulatorCore, id: string): EmuUpload | undefined {
  const u = core.uploads.get(id);
  if (!u?.complete || u.deleted) return undefined;
  if (u.expiresAt !== undefined && u.expiresAt <= core.now()) return undefined;
  return u;
}

/** Time passed (or the provider cleaned up): every file of the provider expires now. */
export function expireUploads(core: EmulatorCore, provider?: EmulatedProvider): void {
  for (const u of core.uploads.values()) if (!provider || u.provider === provider) u.expiresAt = core.now() - 1;
}

/** A new job whose input names an emulator file that cannot be fetched fails as the provider's would. */
export function failOnUnreachableInputs(core: EmulatorCore, job: EmuJob): void {
  const bad = unreachableInput(core, job.input, []);
  if (!bad) return;
  const runMs = Math.min(job.script.runMs, 500);
  if (job.provider === 'fal') {
    const detail = [
      {
        loc: ['body', ...bad.loc],
        msg: FAL_DOWNLOAD_ERROR,
        type: 'file_download_error',
        url: 'https://docs.fal.ai/errors#file_download_error',
        input: bad.url,
      },
    ];
    job.script = {
      ...job.script,
      runMs,
      outcome: 'failed',
      error: FAL_DOWNLOAD_ERROR,
      errorType: 'file_download_error',
      failStatus: 422,
      failDetail: detail,
    };
  } else {
    job.script = {
      ...job.script,
      runMs,
      outcome: 'failed',
      error: `Failed to download input file: 404 Client Error: Not Found for url: ${bad.url}`,
    };
  }
}

function unreachableInput(core: EmulatorCore, v: unknown, loc: string[]): { url: string; loc: string[] } | undefined {
  if (typeof v === 'string') {
    const id = emulatorFileId(v);
    if (id !== undefined && !liveUpload(core, id)) return { url: v, loc };
    return undefined;
  }
  const entries: [string, unknown][] = Array.isArray(v)
    ? v.map((x, i) => [String(i), x])
    : isObject(v)
      ? Object.entries(v)
      : [];
  for (const [k, x] of entries) {
    const bad = unreachableInput(core, x, [...loc, k]);
    if (bad) return bad;
  }
  return undefined;
}

/** The upload id in an emulator file URL (fal file_url or Replicate urls.get). */
function emulatorFileId(s: string): string | undefined {
  if (!/^https?:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?\//.test(s)) return undefined;
  const path = new URL(s).pathname;
  return (/^\/files\/uploads\/([^/]+)$/.exec(path) ?? /^\/replicate\/v1\/files\/([^/]+)$/.exec(path))?.[1];
}

function initiate(ctx: RouteContext, multipart: boolean): RouteResult {
  const b = readJson(ctx.body);
  const fileName = isObject(b) && typeof b.file_name === 'string' ? b.file_name : `${Date.now()}.bin`;
  const contentType = isObject(b) && typeof b.content_type === 'string' ? b.content_type : 'application/octet-stream';
  const id = `${randomUUID()}-${fileName.replace(/[^\w.-]/g, '_')}`;
  const now = ctx.core.now();
  const upload: EmuUpload = {
    provider: 'fal',
    id,
    name: fileName,
    data: Buffer.alloc(0),
    contentType,
    createdAt: now,
    expiresAt: ctx.fault?.kind === 'expired' ? now - 1 : now + lifetimeMs(ctx),
    complete: false,
  };
  if (multipart) upload.parts = new Map();
  ctx.core.uploads.set(id, upload);
  const uploadUrl = multipart
    ? `${ctx.origin}/fal/multipart/${id}?upload_id=${randomUUID()}`
    : `${ctx.origin}/fal/uploads/${id}`;
  return { status: 200, json: { upload_url: uploadUrl, file_url: `${ctx.origin}/files/uploads/${id}` } };
}

/** X-Fal-Object-Lifecycle: {"expiration_duration_seconds": N}; absent → fal's default. */
function lifetimeMs(ctx: RouteContext): number {
  const raw = ctx.req.headers['x-fal-object-lifecycle'];
  const parsed = typeof raw === 'string' ? readJson(Buffer.from(raw)) : undefined;
  const secs = isObject(parsed) ? parsed.expiration_duration_seconds : undefined;
  return typeof secs === 'number' && secs > 0 ? secs * 1000 : FAL_DEFAULT_LIFETIME_MS;
}

function finish(ctx: RouteContext, u: EmuUpload, data: Buffer): void {
  u.data = data;
  u.complete = true;
  ctx.core.counts.uploads[u.provider] += 1;
}

function putWhole(ctx: RouteContext, id: string): RouteResult {
  const u = ctx.core.uploads.get(id);
  if (!u || u.parts) return { status: 404, json: { detail: 'Unknown upload' } };
  if (typeof ctx.req.headers['content-type'] === 'string') u.contentType = ctx.req.headers['content-type'];
  finish(ctx, u, ctx.body);
  return { status: 200, json: {} };
}

function putPart(ctx: RouteContext, id: string, n: number): RouteResult {
  const u = ctx.core.uploads.get(id);
  if (!u?.parts || !(n >= 1)) return { status: 404, json: { detail: 'Unknown upload or part' } };
  u.parts.set(n, ctx.body);
  return { status: 200, json: { partNumber: n, etag: etagOf(ctx.body) } };
}

function complete(ctx: RouteContext, id: string): RouteResult {
  const u = ctx.core.uploads.get(id);
  const b = readJson(ctx.body);
  if (!u?.parts) return { status: 404, json: { detail: 'Unknown upload' } };
  const parts = isObject(b) && Array.isArray(b.parts) ? b.parts : [];
  const ordered: Buffer[] = [];
  for (const [i, p] of parts.entries()) {
    const data = isObject(p) ? u.parts.get(Number(p.partNumber)) : undefined;
    if (!isObject(p) || p.partNumber !== i + 1 || !data || p.etag !== etagOf(data)) {
      return { status: 400, json: { detail: `Part ${i + 1} is missing or its etag does not match` } };
    }
    ordered.push(data);
  }
  if (ordered.length === 0 || ordered.length !== u.parts.size) {
    return { status: 400, json: { detail: 'The parts listed do not match the parts uploaded' } };
  }
  finish(ctx, u, Buffer.concat(ordered));
  u.parts = undefined;
  return { status: 200, json: {} };
}

function etagOf(data: Buffer): string {
  return `"${createHash('md5').update(data).digest('hex')}"`;
}

function createFile(ctx: RouteContext): RouteResult {
  const part = multipartPart(ctx, 'content');
  if (!part) {
    return {
      status: 400,
      headers: { 'content-type': 'application/problem+json' },
      json: { title: 'Bad request', detail: 'Missing the "content" part', status: 400 },
    };
  }
  const now = ctx.core.now();
  const id = randomUUID().replace(/-/g, '').slice(0, 26);
  const u: EmuUpload = {
    provider: 'replicate',
    id,
    name: part.filename ?? 'file',
    data: Buffer.alloc(0),
    contentType: part.contentType ?? 'application/octet-stream',
    createdAt: now,
    expiresAt: ctx.fault?.kind === 'expired' ? now - 1 : now + REPLICATE_LIFETIME_MS,
    complete: false,
  };
  ctx.core.uploads.set(id, u);
  finish(ctx, u, part.data);
  return { status: 201, json: fileObject(ctx, u) };
}

function fileObject(ctx: RouteContext, u: EmuUpload): Record<string, unknown> {
  return {
    id: u.id,
    name: u.name,
    content_type: u.contentType,
    size: u.data.length,
    checksums: { sha256: createHash('sha256').update(u.data).digest('hex') },
    metadata: {},
    created_at: new Date(u.createdAt).toISOString(),
    expires_at: u.expiresAt !== undefined ? new Date(u.expiresAt).toISOString() : null,
    urls: { get: `${ctx.origin}/replicate/v1/files/${u.id}` },
  };
}

function replicateFile(ctx: RouteContext, id: string): EmuUpload | undefined {
  const u = liveUpload(ctx.core, id);
  return u?.provider === 'replicate' ? u : undefined;
}

function notFound(): RouteResult {
  return {
    status: 404,
    headers: { 'content-type': 'application/problem+json' },
    json: { detail: 'The requested resource could not be found.', status: 404 },
  };
}

function getFile(ctx: RouteContext, id: string): RouteResult {
  const u = replicateFile(ctx, id);
  return u ? { status: 200, json: fileObject(ctx, u) } : notFound();
}

function download(ctx: RouteContext, id: string): RouteResult {
  const u = replicateFile(ctx, id);
  return u ? { status: 200, headers: { 'content-type': u.contentType }, raw: u.data } : notFound();
}

function deleteFile(ctx: RouteContext, id: string): RouteResult {
  const u = replicateFile(ctx, id);
  if (!u) return notFound();
  u.deleted = true;
  return { status: 204 };
}

/** One named part of a multipart/form-data body. */
function multipartPart(
  ctx: RouteContext,
  name: string,
): { data: Buffer; filename?: string; contentType?: string } | undefined {
  const type = String(ctx.req.headers['content-type'] ?? '');
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return undefined;
  const delimiter = Buffer.from(`--${b}`);
  let at = ctx.body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length + 2; // past the CRLF
    const next = ctx.body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = ctx.body.subarray(start, next - 2); // drop the CRLF before the delimiter
    const split = part.indexOf('\r\n\r\n');
    if (split >= 0) {
      const head = part.subarray(0, split).toString('utf8');
      if (new RegExp(`name="${name}"`).test(head)) {
        return {
          data: Buffer.from(part.subarray(split + 4)),
          filename: /filename="([^"]*)"/.exec(head)?.[1],
          contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim(),
        };
      }
    }
    at = next;
  }
  return undefined;
}
