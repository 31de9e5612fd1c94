// Model schema endpoints (models-files-pricing.md §1.1–1.2), answered before the queue routes:
// - Replicate `GET /v1/models/{o}/{n}` (the model with `latest_version.openapi_schema`; a model
//   with no published version has `latest_version: null`) and `GET …/versions/{id}`. Auth as every
//   Replicate route. acme/overloaded always answers 503. Models not listed here fall through to replicateRoutes' generic model object.
// - fal Platform `GET /v1/models?endpoint_id=…&expand=openapi-3.0` ("Find mode", 1–50 ids): auth
//   optional, as on fal (a key only raises rate limits). An id the registry does not know comes back
//   as `{endpoint_id}` alone, without metadata (observed, §1.2); `openapi` only with the expand.
// Tests count reads with `schemaFetches` (from the request log, so `reset()` clears it).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorCore, Reply } from './emulatorCore';
import { FAL_PREFIX } from './falRoutes';
import type { ProviderEmulator } from './providerEmulator';
import { REPLICATE_PREFIX, replicateAuthFailure, replicateError } from './replicateRoutes';
import {
  COG_ANIMATOR,
  COG_ANIMATOR_V1,
  COG_ANIMATOR_V2,
  cogAnimatorV1,
  cogAnimatorV2,
  FAL_ANIMATOR,
  FAL_NO_OPENAPI,
  FAL_VOICE,
  falAnimatorDoc,
  falAnimatorMetadata,
  falVoiceDoc,
  falVoiceMetadata,
  KLING,
  KLING_VERSION,
  klingDoc,
  NO_VERSION_MODEL,
  OVERLOADED_MODEL,
} from './schemaFixtures';

interface EmuVersion {
  id: string;
  created_at: string;
  openapi_schema: unknown;
}

/** Versions newest first, as Replicate lists them. */
const REPLICATE_MODELS = new Map<string, { official: boolean; versions: EmuVersion[] }>([
  [
    COG_ANIMATOR,
    {
      official: false,
      versions: [
        { id: COG_ANIMATOR_V2, created_at: '2026-11-02T00:00:00Z', openapi_schema: cogAnimatorV2 },
        { id: COG_ANIMATOR_V1, created_at: '2026-06-01T00:00:00Z', openapi_schema: cogAnimatorV1 },
      ],
    },
  ],
  [
    KLING,
    { official: true, versions: [{ id: KLING_VERSION, created_at: '2026-01-10T00:00:00Z', openapi_schema: klingDoc }] },
  ],
  [NO_VERSION_MODEL, { official: false, versions: [] }],
  [OVERLOADED_MODEL, { official: false, versions: [] }],
]);

const FAL_MODELS = new Map<string, { metadata: Record<string, unknown>; openapi?: unknown }>([
  [FAL_ANIMATOR, { metadata: falAnimatorMetadata, openapi: falAnimatorDoc }],
  [FAL_VOICE, { metadata: falVoiceMetadata, openapi: falVoiceDoc }],
  [
    FAL_NO_OPENAPI,
    {
      metadata: { ...falAnimatorMetadata, display_name: 'Emu Legacy', model_url: `https://fal.run/${FAL_NO_OPENAPI}` },
    },
  ],
]);

/** Answers a schema request and returns true, or returns false for every other request. */
export function serveSchemaRoute(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  url: URL,
  replicateToken: string | undefined,
): boolean {
  if (method !== 'GET') return false;
  let reply: Reply | undefined;
  let provider: 'fal' | 'replicate' = 'replicate';
  const rep = /^\/models\/([^/]+\/[^/]+)(?:\/versions\/([^/]+))?$/.exec(
    url.pathname.startsWith(`${REPLICATE_PREFIX}/`) ? url.pathname.slice(REPLICATE_PREFIX.length) : '',
  );
  const known = rep ? REPLICATE_MODELS.get(rep[1] ?? '') : undefined;
  if (rep && known) {
    const auth = replicateAuthFailure({ req } as Parameters<typeof replicateAuthFailure>[0], replicateToken);
    reply = auth ?? (rep[1] === OVERLOADED_MODEL ? replicateError(503) : replicateModel(rep[1] ?? '', known, rep[2]));
  } else if (url.pathname === `${FAL_PREFIX}/v1/models`) {
    provider = 'fal';
    reply = falModels(url.searchParams);
  }
  if (!reply) return false;
  core.log.push({ provider, route: 'other', method, path: url.pathname + url.search, at: core.now() });
  const text = JSON.stringify(reply.json);
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    ...reply.headers,
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
  return true;
}

function replicateModel(
  model: string,
  known: { official: boolean; versions: EmuVersion[] },
  versionId: string | undefined,
): Reply {
  if (versionId !== undefined) {
    const v = known.versions.find((x) => x.id === versionId);
    return v ? { status: 200, json: { ...v, cog_version: '0.9.0' } } : replicateError(404);
  }
  const [owner, name] = model.split('/');
  const latest = known.versions[0];
  return {
    status: 200,
    json: {
      url: `https://replicate.com/${model}`,
      owner,
      name,
      description: 'An emulated model',
      visibility: 'public',
      run_count: 0,
      cover_image_url: null,
      default_example: null,
      is_official: known.official,
      latest_version: latest ? { ...latest, cog_version: '0.9.0' } : null,
    },
  };
}

function falModels(q: URLSearchParams): Reply {
  const ids = q.getAll('endpoint_id').filter((v) => v.trim() !== '');
  if (ids.length === 0 || ids.length > 50) {
    return {
      status: 422,
      json: { detail: [{ loc: ['query', 'endpoint_id'], msg: '1 to 50 ids', type: 'value_error' }] },
    };
  }
  const withOpenApi = q.getAll('expand').includes('openapi-3.0');
  const models = ids.map((id) => {
    const m = FAL_MODELS.get(id);
    if (!m) return { endpoint_id: id };
    return withOpenApi && m.openapi
      ? { endpoint_id: id, metadata: m.metadata, openapi: m.openapi }
      : { endpoint_id: id, metadata: m.metadata };
  });
  return { status: 200, json: { models, next_cursor: null, has_more: false } };
}

/** How many schema reads reached the emulator (for one model when given). */
export function schemaFetches(emu: ProviderEmulator, provider: 'fal' | 'replicate', model?: string): number {
  return emu.requestLog().filter((r) => {
    if (r.provider !== provider || r.route !== 'other' || r.method !== 'GET') return false;
    if (provider === 'fal') {
      if (!r.path.startsWith(`${FAL_PREFIX}/v1/models?`)) return false;
      return model === undefined || new URL(r.path, 'http://x').searchParams.getAll('endpoint_id').includes(model);
    }
    const m = /^\/replicate\/v1\/models\/([^/]+\/[^/]+)(?:\/versions\/[^/]+)?$/.exec(r.path);
    return m !== null && (model === undefined || m[1] === model);
  }).length;
}
