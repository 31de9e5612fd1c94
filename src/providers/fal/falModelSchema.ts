// A fal model's input schema from the Platform API (`GET /v1/models?endpoint_id=<id>&expand=
// openapi-3.0`, models-files-pricing.md §1.2). The official client has no Platform API code, so
// this is a plain fetch. Auth is optional there (a key only raises rate limits): sent when set.
// An id the registry does not know comes back without metadata; one without OpenAPI, without it.
import { schemaFromFal } from '../../core/schemas/openApiDocs';
import { SchemaFetchError, type SchemaFetcher } from '../../core/schemas/schemaTypes';
import { toTransportFailure, withTimeout } from '../shared/httpFailure';
import { isRecord, str } from '../shared/values';

export const FAL_PLATFORM_URL = 'https://api.fal.ai';

export interface FalSchemaOptions {
  credentials: () => string | undefined;
  /** Replaces https://api.fal.ai (an emulator's …/fal). */
  platformBaseUrl?: string;
  fetch?: typeof fetch;
  /** Default 20 s. */
  timeoutMs?: number;
  now?: () => number;
}

export function createFalSchemaFetcher(opts: FalSchemaOptions): SchemaFetcher {
  const base = (opts.platformBaseUrl ?? FAL_PLATFORM_URL).replace(/\/+$/, '');
  const doFetch = opts.fetch ?? globalThis.fetch;
  const now = opts.now ?? Date.now;
  return async (ref, signal) => {
    const id = ref.trim();
    const url = new URL(`${base}/v1/models`);
    url.searchParams.set('endpoint_id', id);
    url.searchParams.set('expand', 'openapi-3.0');
    const key = opts.credentials();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (key && key.trim() !== '') headers.authorization = `Key ${key}`;
    const sig = withTimeout(signal ?? new AbortController().signal, opts.timeoutMs ?? 20_000);
    let res: Response;
    let body: unknown;
    try {
      res = await doFetch(url.href, { headers, signal: sig });
      body = res.ok ? await res.json() : undefined;
    } catch (err) {
      throw new SchemaFetchError('offline', `fal is unreachable: ${toTransportFailure(err, sig).message}`);
    }
    if (res.status === 401 || res.status === 403) {
      throw new SchemaFetchError('auth', 'fal refused the API key', res.status);
    }
    if (!res.ok) throw new SchemaFetchError('http', `fal answered HTTP ${res.status}`, res.status);
    const models = isRecord(body) && Array.isArray(body.models) ? body.models : [];
    const entry = models.find((m) => isRecord(m) && m.endpoint_id === id);
    if (!isRecord(entry) || !isRecord(entry.metadata)) {
      throw new SchemaFetchError('not-found', `fal has no model ${id}`);
    }
    if (!isRecord(entry.openapi)) throw new SchemaFetchError('no-schema', `fal publishes no OpenAPI for ${id}`);
    const fetchedAt = now();
    const meta = entry.metadata;
    return schemaFromFal(entry.openapi, {
      model: id,
      version: str(meta.updated_at) ?? new Date(fetchedAt).toISOString(),
      fetchedAt,
      category: str(meta.category),
      displayName: str(meta.display_name),
    });
  };
}
