// Deterministic Production Queue views for the webview tests, benchmarks and screenshots: a demo-like shot
// list (every ShotStatus, all four modalities, several scenes), models with fields, takes and batches.
import type { Modality } from '../../src/core/jobTypes';
import type {
  BatchView,
  ModelOptionView,
  QueueSnapshot,
  ShotRow,
  TakeView,
} from '../../src/extension/queue/queueProtocol';
import { SAMPLE_NOW } from './jobViews';

export const QUEUE_MODELS: ModelOptionView[] = [
  {
    provider: 'fal',
    model: 'fal-ai/flux/schnell',
    label: 'FLUX.1 [schnell]',
    modality: 'image',
    priceLabel: '$0.003 / image (catalog, 2026-11)',
    typicalTime: 'about 2 s',
    fileFields: [],
    fields: [
      {
        name: 'image_size',
        label: 'Image size',
        kind: 'enum',
        options: ['square_hd', 'landscape_16_9', 'portrait_16_9'],
        default: 'landscape_4_3',
      },
      { name: 'num_inference_steps', label: 'Steps', kind: 'integer', min: 1, max: 12, default: 4 },
      { name: 'enable_safety_checker', label: 'Safety checker', kind: 'boolean', default: true },
      { name: 'seed', label: 'Seed', kind: 'integer', min: 0, description: 'Same seed and inputs, same image.' },
    ],
  },
  {
    provider: 'replicate',
    model: 'black-forest-labs/flux-schnell',
    label: 'FLUX.1 [schnell]',
    modality: 'image',
    priceLabel: '$0.003 / image (catalog, 2026-11)',
    typicalTime: 'about 3 s',
    fileFields: [],
    fields: [
      { name: 'aspect_ratio', label: 'Aspect ratio', kind: 'enum', options: ['1:1', '16:9', '9:16'], default: '1:1' },
      { name: 'num_outputs', label: 'Outputs', kind: 'integer', min: 1, max: 4, default: 1 },
    ],
  },
  {
    provider: 'fal',
    model: 'fal-ai/kling-video/v2.1/standard/text-to-video',
    label: 'Kling 2.1 Standard',
    modality: 'video',
    priceLabel: '$0.25 / 5 s clip (catalog, 2026-11)',
    typicalTime: 'about 3 min',
    fileFields: [],
    fields: [
      { name: 'duration', label: 'Duration', kind: 'enum', options: ['5', '10'], default: '5' },
      { name: 'aspect_ratio', label: 'Aspect ratio', kind: 'enum', options: ['16:9', '9:16', '1:1'], default: '16:9' },
    ],
  },
  {
    provider: 'fal',
    model: 'fal-ai/stable-audio',
    label: 'Stable Audio Open',
    modality: 'audio',
    priceLabel: '$0.02 / clip (catalog, 2026-11)',
    typicalTime: 'about 20 s',
    fileFields: [],
    fields: [{ name: 'seconds_total', label: 'Length (s)', kind: 'integer', min: 1, max: 47, default: 30 }],
  },
  {
    provider: 'local',
    model: 'local/speech',
    label: 'Offline voice (eSpeak NG)',
    modality: 'speech',
    priceLabel: 'free (offline)',
    typicalTime: 'about 1 s',
    fileFields: [],
    fields: [
      { name: 'voice', label: 'Voice', kind: 'enum', options: ['en-us', 'en-gb'], default: 'en-us' },
      { name: 'speed', label: 'Speed', kind: 'number', min: 0.5, max: 2, default: 1 },
    ],
  },
  {
    provider: 'local',
    model: 'local/image-to-video',
    label: 'Offline image to video (pan and zoom)',
    modality: 'video',
    priceLabel: 'free (offline)',
    typicalTime: 'about 5 s',
    fileFields: [{ name: 'image', label: 'Image', media: 'image', multiple: false, required: true }],
    fields: [{ name: 'duration', label: 'Duration (s)', kind: 'integer', min: 2, max: 8, default: 4 }],
  },
];

const BY_MODALITY: Record<Modality, ModelOptionView> = {
  image: QUEUE_MODELS[0]!,
  video: QUEUE_MODELS[2]!,
  audio: QUEUE_MODELS[3]!,
  speech: QUEUE_MODELS[4]!,
};

export function makeRow(overrides: Partial<ShotRow> & { id: string }): ShotRow {
  const modality = overrides.modality ?? 'image';
  const m = BY_MODALITY[modality];
  const amount = modality === 'speech' ? 0 : modality === 'video' ? 0.25 : modality === 'audio' ? 0.02 : 0.003;
  return {
    scene: 'intro',
    group: 'stills',
    modality,
    provider: m.provider,
    model: m.model,
    modelLabel: m.label,
    prompt: `Prompt of ${overrides.id}`,
    params: {},
    refs: {},
    status: 'not-generated',
    takes: 0,
    estimate: {
      amount,
      source: modality === 'speech' ? 'local' : 'catalog',
      label: modality === 'speech' ? 'free (offline)' : `$${amount} (catalog, 2026-11)`,
    },
    line: 0,
    problems: [],
    ...overrides,
  };
}

/** The demo storyboard's list: 15 shots, 3 scenes, 4 modalities, every status. */
export function demoRows(): ShotRow[] {
  const rows: ShotRow[] = [
    makeRow({
      id: 's01-title',
      scene: 'intro',
      group: 'stills',
      prompt: 'Title card: a lighthouse on a basalt cliff at dusk, cinematic teal and orange grade',
      status: 'chosen',
      take: 2,
      takes: 2,
      params: { image_size: 'landscape_16_9', num_inference_steps: 4 },
      output: 'public/shots/s01.png',
      notes: 'Hero image for the landing page',
    }),
    makeRow({
      id: 's02-harbour',
      scene: 'intro',
      group: 'stills',
      prompt: 'Fishing harbour at blue hour, lamps reflected in still water',
      status: 'stale',
      take: 1,
      takes: 1,
    }),
    makeRow({
      id: 's03-flyover',
      scene: 'intro',
      group: 'b-roll',
      modality: 'video',
      prompt: 'Slow drone flyover of the coastline at sunrise, mist over the water',
      status: 'generating',
      progress: 0.45,
      jobId: 'job-3',
    }),
    makeRow({
      id: 's04-vo-open',
      scene: 'intro',
      group: 'voice',
      modality: 'speech',
      prompt: 'Every product starts with a story. This is ours.',
      status: 'done',
      takes: 1,
    }),
    makeRow({
      id: 's05-bed',
      scene: 'intro',
      group: 'music',
      modality: 'audio',
      prompt: 'Warm ambient bed with soft piano, 80 bpm, 30 seconds',
      status: 'queued',
      queuePosition: 3,
      jobId: 'job-5',
    }),
    makeRow({
      id: 's06-workshop',
      scene: 'product',
      group: 'stills',
      prompt: 'Isometric workshop full of tiny robots assembling a keyboard, warm lamp light',
      status: 'waiting',
    }),
    makeRow({
      id: 's07-keyboard',
      scene: 'product',
      group: 'stills',
      prompt: 'Product shot of a matte black mechanical keyboard on concrete, softbox lighting',
      status: 'held',
      hold: 'paused',
    }),
    makeRow({
      id: 's08-typing',
      scene: 'product',
      group: 'b-roll',
      modality: 'video',
      prompt: 'Close-up of hands typing on the keyboard, shallow depth of field',
      status: 'failed',
      error: { category: 'input', message: 'The prompt was rejected: it is empty after trimming.' },
    }),
    makeRow({
      id: 's09-macro',
      scene: 'product',
      group: 'b-roll',
      modality: 'video',
      prompt: 'Macro shot of a keycap being pressed, slow motion',
      status: 'failed',
      error: { category: 'billing-policy', message: 'fal.ai refused: the account balance is too low (402).' },
    }),
    makeRow({
      id: 's10-vo-feature',
      scene: 'product',
      group: 'voice',
      modality: 'speech',
      prompt: 'Hot-swappable switches. Per-key lighting. Zero compromises.',
      status: 'failed',
      error: { category: 'auth', message: 'Replicate rejected the API token (401).' },
    }),
    makeRow({
      id: 's11-sting',
      scene: 'product',
      group: 'music',
      modality: 'audio',
      prompt: 'Short synth sting, bright, 3 seconds',
      status: 'failed',
      error: { category: 'transient', message: 'fal.ai answered 503 three times; try again later.' },
    }),
    makeRow({
      id: 's12-city',
      scene: 'outro',
      group: 'stills',
      prompt: 'City skyline at night seen from a rooftop office, the keyboard glowing on a desk',
      status: 'canceled',
    }),
    makeRow({
      id: 's13-logo',
      scene: 'outro',
      group: 'stills',
      provider: 'fal',
      model: 'fal-ai/unknown-model',
      modelLabel: 'fal-ai/unknown-model',
      prompt: 'Logo reveal on a dark gradient',
      status: 'not-generated',
      estimate: { source: 'unknown', label: 'unknown (no price on file)' },
      problems: ['Unknown model "fal-ai/unknown-model" for fal.'],
    }),
    makeRow({
      id: 's14-vo-close',
      scene: 'outro',
      group: 'voice',
      modality: 'speech',
      prompt: 'Available today. Link in the description.',
      status: 'held',
      hold: 'budget',
    }),
    makeRow({
      id: 's15-outro-bed',
      scene: 'outro',
      group: 'music',
      modality: 'audio',
      prompt: 'Uplifting outro with claps and strings, 20 seconds',
      status: 'chosen',
      take: 1,
      takes: 3,
    }),
  ];
  return rows.map((r, i) => ({ ...r, line: 8 + i * 7 }));
}

/** n rows for benchmarks: cycles through the demo rows with unique ids. */
export function manyRows(n: number): ShotRow[] {
  const base = demoRows();
  const scenes = ['intro', 'product', 'outro', 'credits', 'teaser'];
  return Array.from({ length: n }, (_, i) => {
    const r = base[i % base.length]!;
    return {
      ...r,
      id: `shot-${String(i + 1).padStart(4, '0')}`,
      scene: scenes[i % scenes.length],
      prompt: `${r.prompt} (#${i + 1})`,
      line: i * 7,
    };
  });
}

export function makeBatch(overrides: Partial<BatchView> = {}): BatchView {
  return {
    id: 'batch-1',
    total: 12,
    done: 5,
    running: 2,
    waiting: 3,
    failed: 1,
    canceled: 1,
    spent: { amount: 0.31, source: 'catalog', label: '$0.31' },
    estimate: { amount: 1.12, source: 'catalog', label: '$1.12 (catalog)' },
    paused: false,
    finished: false,
    ...overrides,
  };
}

export function makeTakes(shotId: string, base: string, modality: Modality, n: number, chosen?: number): TakeView[] {
  const ext = modality === 'image' ? 'png' : modality === 'video' ? 'mp4' : 'wav';
  return Array.from({ length: n }, (_, i) => ({
    take: i + 1,
    path: `assets/generated/launch/${shotId}/take-${i + 1}.${ext}`,
    previewUri: `${base}/${shotId}-take-${i + 1}.${ext}`,
    modality,
    costLabel: modality === 'speech' ? 'free (offline)' : `$0.003 (catalog)`,
    generationMs: 1800 + i * 1300,
    createdAt: SAMPLE_NOW - (n - i) * 3_600_000,
    stale: i === 0,
    chosen: chosen === i + 1,
    jobId: `job-take-${i + 1}`,
  }));
}

export function queueSnapshot(overrides: Partial<QueueSnapshot> = {}): QueueSnapshot {
  return {
    now: SAMPLE_NOW,
    listName: 'launch',
    listPath: 'shots/launch.shots.yaml',
    rows: demoRows(),
    models: QUEUE_MODELS,
    cost: {
      spent: { amount: 0.84, source: 'provider-metrics', label: '$0.84 (actual where known)' },
      budget: 5,
      budgetLeft: 4.16,
    },
    keys: { fal: true, replicate: true, local: true },
    ...overrides,
  };
}
