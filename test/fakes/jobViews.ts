// Realistic JobView / HistoryRow / Snapshot builders for tests and benchmarks (deterministic: no Date.now()).
import type { ErrorCategory, JobState, Modality, ProviderId } from '../../src/core/jobTypes';
import type { HistoryRow, JobView, ProviderKeys } from '../../src/extension/panel/generationsProtocol';

/**
 * Everything the host knows, as a test states it: every job and every history row. The fake hosts
 * (test/webview/panelFakeHost.ts) turn it into a snapshot with the first history page and answer
 * the webview's page requests from it, as the real host does.
 */
export interface PanelState {
  now: number;
  jobs: JobView[];
  history: HistoryRow[];
  keys: ProviderKeys;
}

/** A fixed "now" (2026-11-23 14:00 UTC) so every builder's output is the same on every run. */
export const SAMPLE_NOW = Date.UTC(2026, 10, 23, 14, 0, 0);

export const DEFAULT_PREVIEW_BASE = 'https://file%2B.vscode-resource.vscode-cdn.net/work/project/assets/generated';

const MODELS: Record<Modality, [ProviderId, string][]> = {
  image: [
    ['fal', 'fal-ai/flux/schnell'],
    ['replicate', 'black-forest-labs/flux-schnell'],
    ['local', 'local/image'],
  ],
  video: [
    ['fal', 'fal-ai/kling-video/v2.1/standard/text-to-video'],
    ['replicate', 'minimax/video-01'],
    ['local', 'local/video'],
  ],
  audio: [
    ['fal', 'fal-ai/stable-audio'],
    ['replicate', 'meta/musicgen'],
    ['local', 'local/audio'],
  ],
  speech: [
    ['fal', 'fal-ai/kokoro/american-english'],
    ['replicate', 'jaaari/kokoro-82m'],
    ['local', 'local/speech'],
  ],
};

const PROMPTS_BY_MODALITY: Record<Modality, string[]> = {
  image: [
    'A lighthouse on a basalt cliff at dusk, long exposure, waves blurred into mist, cinematic teal and orange grade',
    'Isometric pixel-art workshop full of tiny robots assembling a rocket, warm lamp light',
    'Watercolor map of an imaginary archipelago with hand-lettered island names',
    'Product shot of a matte black mechanical keyboard on concrete, softbox lighting',
  ],
  video: [
    'Slow dolly shot through a rain-soaked neon street market in Osaka at night, reflections on wet asphalt',
    'Timelapse of clouds rolling over a mountain ridge, golden hour',
    'Macro shot of a dew drop on a spider web, morning backlight, shallow depth of field',
  ],
  audio: [
    'Lo-fi hip hop loop with vinyl crackle, mellow Rhodes chords, 80 bpm',
    'Ambient drone with distant choir pads for a title sequence, 30 seconds',
  ],
  speech: [
    'Welcome back to the channel! Today we build a render queue in TypeScript.',
    'In this chapter, we wire the status bar to the job engine and keep every paid job safe.',
  ],
};

function promptFor(modality: Modality, i: number): string {
  const list = PROMPTS_BY_MODALITY[modality];
  return list[i % list.length]!;
}

export const EXT: Record<Modality, string> = { image: 'png', video: 'mp4', audio: 'wav', speech: 'wav' };
const CONTENT_TYPES: Record<Modality, string> = {
  image: 'image/png',
  video: 'video/mp4',
  audio: 'audio/wav',
  speech: 'audio/wav',
};

export type JobViewOverrides = Partial<Omit<JobView, 'view'>> & { view?: Partial<JobView['view']> };

/** A queued fal image job unless overridden; `view.previews` defaults to []. */
export function makeJobView(overrides: JobViewOverrides = {}): JobView {
  const { view, ...rest } = overrides;
  const createdAt = rest.createdAt ?? SAMPLE_NOW - 60_000;
  const modality = rest.modality ?? 'image';
  const base: JobView = {
    id: 'job-1',
    provider: 'fal',
    model: 'fal-ai/flux/schnell',
    modality,
    input: { prompt: promptFor('image', 0), aspect_ratio: '16:9', image_size: 'landscape_16_9' },
    state: 'queued',
    stateAt: { submitting: createdAt, queued: createdAt + 1_200 },
    createdAt,
    updatedAt: createdAt + 1_200,
    requestId: 'req-0001',
    logs: [],
    takes: [],
    cost: { estimate: { amount: 0.003, currency: 'USD', source: 'catalog', label: '$0.003 × 1 image (catalog)' } },
    attempts: 0,
    view: { previews: [], costLabel: '$0.003 (estimate, catalog)' },
  };
  return { ...base, ...rest, view: { ...base.view, ...view } };
}

/**
 * One active job per non-terminal state, plus a job parked stale past the polling window
 * ("active-stale") and two that stopped being checked because of an error: the key was rejected
 * mid-poll ("active-stopped-auth") and downloads kept failing ("active-stopped-download").
 */
export function activeJobViews(now = SAMPLE_NOW): JobView[] {
  const t = (agoSec: number) => now - agoSec * 1000;
  const states: JobState[] = [
    'waiting',
    'submitting',
    'queued',
    'running',
    'cancelling',
    'downloading',
    'importing',
    'unknown',
  ];
  const jobs = states.map((state, i) => {
    const created = t(300 - i * 30);
    const stateAt: JobView['stateAt'] = {};
    const order: JobState[] = ['submitting', 'queued', 'running', 'downloading', 'importing'];
    const reach = state === 'cancelling' ? 'running' : state === 'unknown' ? 'submitting' : state;
    for (const [k, s] of order.entries()) {
      if (state === 'waiting') break;
      stateAt[s] = created + k * 8_000;
      if (s === reach) break;
    }
    stateAt[state] = stateAt[state] ?? created + 20_000;
    const modality: Modality = (['video', 'image', 'audio', 'speech'] as const)[i % 4]!;
    const [provider, model] = MODELS[modality][i % 2]!;
    return makeJobView({
      id: `active-${state}`,
      state,
      provider,
      model,
      modality,
      createdAt: created,
      updatedAt: now - 2_000,
      stateAt,
      input: inputFor(modality, i),
      queuePosition: state === 'queued' ? 2 : undefined,
      progress: state === 'running' ? 0.45 : undefined,
      logs:
        state === 'running' || state === 'cancelling'
          ? [
              'Loading model weights',
              'Model loaded in 3.2s',
              'Sampling: 40%|████      | 12/28',
              'Sampling: 45%|████▌     | 13/28',
            ]
          : [],
      cancelRequested: state === 'cancelling' ? true : undefined,
      requestId: state === 'waiting' || state === 'unknown' ? undefined : `req-${i}`,
      view: {
        previews: [],
        costLabel: modality === 'video' ? '$0.25 (estimate, catalog)' : '$0.003 (estimate, catalog)',
        etaMs: state === 'running' ? 42_000 : undefined,
        hint: state === 'running' ? 'Almost done…' : undefined,
      },
    });
  });
  jobs.push(
    makeJobView({
      id: 'active-stale',
      state: 'running',
      stale: true,
      provider: 'replicate',
      model: 'minimax/video-01',
      modality: 'video',
      createdAt: t(2400),
      updatedAt: t(600),
      stateAt: { submitting: t(2400), queued: t(2398), running: t(2300) },
      input: inputFor('video', 2),
      view: { previews: [] },
    }),
    makeJobView({
      id: 'active-stopped-auth',
      state: 'running',
      stale: true,
      provider: 'replicate',
      model: 'black-forest-labs/flux-schnell',
      modality: 'image',
      createdAt: t(900),
      updatedAt: t(400),
      stateAt: { submitting: t(900), queued: t(899), running: t(880) },
      input: inputFor('image', 1),
      requestId: 'req-auth',
      error: {
        category: 'auth',
        message: 'Replicate rejected the API token (401). Set a new token, then Check again.',
        detail: '401 Unauthorized: {"detail":"Invalid token."}',
        httpStatus: 401,
        retryable: false,
      },
      view: { previews: [] },
    }),
    makeJobView({
      id: 'active-stopped-download',
      state: 'downloading',
      stale: true,
      provider: 'fal',
      model: 'fal-ai/stable-audio',
      modality: 'audio',
      createdAt: t(700),
      updatedAt: t(200),
      stateAt: { submitting: t(700), queued: t(699), running: t(690), downloading: t(640) },
      input: inputFor('audio', 0),
      requestId: 'req-download',
      error: {
        category: 'transient',
        message: 'Downloading the result kept failing (HTTP 503). Check again to retry the download.',
        detail: '503 Service Unavailable',
        httpStatus: 503,
        retryable: true,
      },
      view: { previews: [] },
    }),
  );
  return jobs;
}

export interface RecentOptions {
  now?: number;
  count?: number;
  /** Preview URIs are `${previewBase}/<id>.<ext>`. */
  previewBase?: string;
  /** When set, view.fileUris are `${fileBase}/<id>.<ext>`. */
  fileBase?: string;
}

/** Succeeded jobs cycling image, video, audio, speech; ids "done-<n>", newest first. */
export function recentJobViews(opts: RecentOptions = {}): JobView[] {
  const now = opts.now ?? SAMPLE_NOW;
  const base = opts.previewBase ?? DEFAULT_PREVIEW_BASE;
  const out: JobView[] = [];
  for (let i = 0; i < (opts.count ?? 7); i++) {
    const modality: Modality = (['image', 'video', 'audio', 'speech'] as const)[i % 4]!;
    const [provider, model] = MODELS[modality][i % 3]!;
    const id = `done-${i}`;
    const file = `${id}.${EXT[modality]}`;
    const localPath = `assets/generated/${file}`;
    const finished = now - (i + 1) * 95_000;
    out.push(
      makeJobView({
        id,
        state: 'succeeded',
        provider,
        model,
        modality,
        input: inputFor(modality, i),
        createdAt: finished - 40_000,
        updatedAt: finished,
        stateAt: {
          submitting: finished - 40_000,
          queued: finished - 39_000,
          running: finished - 30_000,
          downloading: finished - 3_000,
          importing: finished - 1_000,
          succeeded: finished,
        },
        takes: [{ index: 0, localPath, contentType: CONTENT_TYPES[modality], suggestedName: file }],
        cost:
          provider === 'local'
            ? { actual: { amount: 0, currency: 'USD', source: 'local', label: 'free (local)' } }
            : { actual: { amount: 0.003, currency: 'USD', source: 'provider-metrics', label: '$0.003' } },
        view: {
          previews: [`${base}/${file}`],
          costLabel: provider === 'local' ? 'free' : '$0.003',
          ...(opts.fileBase ? { fileUris: [`${opts.fileBase}/${file}`] } : {}),
        },
      }),
    );
  }
  return out;
}

const ERRORS: Record<ErrorCategory, { message: string; detail: string; httpStatus?: number; retryable: boolean }> = {
  input: {
    message:
      'The prompt was rejected: image_size "huge" is not one of the allowed sizes. Pick a listed size and retry.',
    detail:
      '422 Unprocessable Entity: {"detail":[{"loc":["body","image_size"],"msg":"value is not a valid enumeration member"}]}',
    httpStatus: 422,
    retryable: false,
  },
  'billing-policy': {
    message: 'fal.ai says the account balance is exhausted. Top up at fal.ai/dashboard/billing, then retry.',
    detail: '403 Forbidden: {"detail":"User is locked. Reason: Exhausted balance."}',
    httpStatus: 403,
    retryable: false,
  },
  auth: {
    message: 'Replicate rejected the API token. Set a valid key and retry.',
    detail: '401 Unauthorized: {"title":"Unauthenticated","detail":"You did not pass a valid authentication token"}',
    httpStatus: 401,
    retryable: false,
  },
  transient: {
    message: 'The provider was temporarily unavailable (503) after 3 attempts. Retrying usually works.',
    detail: '503 Service Unavailable',
    httpStatus: 503,
    retryable: true,
  },
};

/** One failed job per error category; ids "failed-<category>". */
export function failedJobViews(now = SAMPLE_NOW): JobView[] {
  return (['input', 'billing-policy', 'auth', 'transient'] as const).map((category, i) => {
    const provider: ProviderId = category === 'auth' ? 'replicate' : 'fal';
    const failedAt = now - (i + 1) * 200_000;
    return makeJobView({
      id: `failed-${category}`,
      state: 'failed',
      provider,
      model: provider === 'fal' ? 'fal-ai/flux/schnell' : 'black-forest-labs/flux-schnell',
      createdAt: failedAt - 5_000,
      updatedAt: failedAt,
      stateAt: { submitting: failedAt - 5_000, failed: failedAt },
      input: inputFor('image', i + 3),
      error: { category, ...ERRORS[category] },
    });
  });
}

/** `n` finished rows, newest first, spread over ~60 days, deterministic. Ids "hist-<n>". */
export function makeHistoryRows(n: number, now = SAMPLE_NOW): HistoryRow[] {
  const rows: HistoryRow[] = [];
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const spacing = (60 * 24 * 3600 * 1000) / Math.max(1, n);
  for (let i = 0; i < n; i++) {
    const modality: Modality = (['image', 'video', 'audio', 'speech'] as const)[Math.floor(rand() * 4)]!;
    const [provider, model] = MODELS[modality][Math.floor(rand() * 3)]!;
    const r = rand();
    const state: JobState = r < 0.8 ? 'succeeded' : r < 0.93 ? 'failed' : 'canceled';
    const createdAt = Math.round(now - 60_000 - i * spacing);
    const id = `hist-${i}`;
    rows.push({
      id,
      provider,
      model,
      modality,
      state,
      prompt: promptFor(modality, i),
      createdAt,
      finishedAt: createdAt + 20_000 + Math.round(rand() * 200_000),
      localPath: state === 'succeeded' ? `assets/generated/${id}.${EXT[modality]}` : undefined,
      costLabel: provider === 'local' ? 'free' : state === 'succeeded' ? '$0.003' : undefined,
    });
  }
  return rows;
}

export function makeSnapshot(parts: Partial<PanelState> = {}): PanelState {
  return {
    now: SAMPLE_NOW,
    jobs: [],
    history: [],
    keys: { fal: true, replicate: false, local: true },
    ...parts,
  };
}

/** Everything at once: every active state, 7 successes, 4 failures, `historyRows` history. */
export function sampleSnapshot(opts: RecentOptions & { historyRows?: number } = {}): PanelState {
  const now = opts.now ?? SAMPLE_NOW;
  return makeSnapshot({
    now,
    jobs: [...activeJobViews(now), ...recentJobViews({ ...opts, now }), ...failedJobViews(now)],
    history: makeHistoryRows(opts.historyRows ?? 40, now),
  });
}

/** For benchmarks: `active` jobs cycling every active state, `history` rows, plus recent and failed jobs. */
export function largeSnapshot(
  opts: { active?: number; history?: number; now?: number; previewBase?: string } = {},
): PanelState {
  const now = opts.now ?? SAMPLE_NOW;
  const jobs: JobView[] = [];
  const samples = activeJobViews(now);
  for (let i = 0; i < (opts.active ?? 50); i++) {
    const s = samples[i % samples.length]!;
    jobs.push({ ...s, id: `bulk-${i}`, createdAt: s.createdAt - i * 1000 });
  }
  return makeSnapshot({
    now,
    jobs: [...jobs, ...recentJobViews({ now, previewBase: opts.previewBase }), ...failedJobViews(now)],
    history: makeHistoryRows(opts.history ?? 1000, now),
  });
}

function inputFor(modality: Modality, i: number): Record<string, unknown> {
  const prompt = promptFor(modality, i);
  switch (modality) {
    case 'image':
      return { prompt, aspect_ratio: '16:9', image_size: 'landscape_16_9', num_images: 1 };
    case 'video':
      return { prompt, duration: 5, resolution: '720p', aspect_ratio: '16:9' };
    case 'audio':
      return { prompt, duration: 30 };
    case 'speech':
      return { text: prompt, voice: 'af_heart' };
  }
}
