// A Replicate model's input schema through the official client: `models.get(owner, name)` →
// `latest_version.openapi_schema` (the typings allow `latest_version` missing and the schema
// null), or `models.versions.get` for a pinned "owner/name:version". One request per read: the
// guarded fetch turns 429/5xx/network failures into an error instead of the client's retries.
import Replicate from 'replicate';
import { schemaFromCog } from '../../core/schemas/openApiDocs';
import { SchemaFetchError, type SchemaFetcher, splitModelRef } from '../../core/schemas/schemaTypes';
import { createGuardedFetch } from '../shared/guardedFetch';
import { HttpFailure, TransportFailure, withTimeout } from '../shared/httpFailure';
import { isRecord, str } from '../shared/values';

export interface ReplicateSchemaOptions {
  auth: () => string | undefined;
  /** Replaces https://api.replicate.com/v1 (an emulator's …/replicate/v1). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Default 20 s. */
  timeoutMs?: number;
  now?: () => number;
}

export function createReplicateSchemaFetcher(opts: ReplicateSchemaOptions): SchemaFetcher {
  const guarded = createGuardedFetch({ intercept: (s) => s === 429 || s >= 500, baseFetch: opts.fetch });
  const now = opts.now ?? Date.now;
  return async (ref, signal) => {
    const { model, version } = splitModelRef(ref.trim());
    const [owner, name, ...rest] = model.split('/');
    if (!owner || !name || rest.length > 0) {
      throw new SchemaFetchError(
        'not-found',
        `"${ref}" is not a Replicate model id (owner/name or owner/name:version)`,
      );
    }
    const token = opts.auth();
    if (!token || token.trim() === '') throw new SchemaFetchError('auth', 'No Replicate API token is set');
    // The client retries whatever fetch throws; after a failure, rethrow it without a request.
    let failure: unknown;
    const oneShot = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      if (failure !== undefined) throw failure;
      try {
        return await guarded(input, init);
      } catch (err) {
        failure = err;
        throw err;
      }
    };
    const client = new Replicate({
      auth: token,
      baseUrl: opts.baseUrl,
      fetch: oneShot as typeof fetch,
      useFileOutput: false,
    });
    const sig = withTimeout(signal ?? new AbortController().signal, opts.timeoutMs ?? 20_000);
    let found: unknown;
    let official: boolean | undefined;
    try {
      if (version) found = await client.models.versions.get(owner, name, version, { signal: sig });
      else {
        const m = await client.models.get(owner, name, { signal: sig });
        found = m.latest_version;
        official = typeof m.is_official === 'boolean' ? m.is_official : undefined;
      }
    } catch (err) {
      throw schemaError(err, model);
    }
    if (!isRecord(found) || !isRecord(found.openapi_schema)) {
      throw new SchemaFetchError('no-schema', `${model} has no published version with an input schema`);
    }
    const id = str(found.id) ?? version ?? '';
    return schemaFromCog(found.openapi_schema, { model, version: id, fetchedAt: now(), official });
  };
}

function schemaError(err: unknown, model: string): SchemaFetchError {
  if (err instanceof TransportFailure)
    return new SchemaFetchError('offline', `Replicate is unreachable: ${err.message}`);
  const status =
    err instanceof HttpFailure ? err.status : (err as { response?: { status?: unknown } }).response?.status;
  if (status === 401 || status === 403) return new SchemaFetchError('auth', 'Replicate refused the API token', status);
  if (status === 404) return new SchemaFetchError('not-found', `Replicate has no model ${model}`, 404);
  if (typeof status === 'number') return new SchemaFetchError('http', `Replicate answered HTTP ${status}`, status);
  return new SchemaFetchError(
    'offline',
    `Replicate is unreachable: ${err instanceof Error ? err.message : String(err)}`,
  );
}
