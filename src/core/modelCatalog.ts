// The model catalog as data: a curated set of models per modality for fal and Replicate, plus the
// offline models. Prices are per-model static facts (neither provider's queue API returns a
// per-request price, see provider-protocols.md §5), each with its source and date so the UI can
// say where a number comes from. Hand-typed model ids get an entry with no price (honest "unknown").
import { LOCAL_REFERENCE_MODELS } from './catalog/localReferenceModels';
import { REFERENCE_MODELS } from './catalog/referenceModels';
import type { Modality, ProviderId } from './jobTypes';
import type { MediaKind } from './references/referenceTypes';

/** `video-second` and `minute` count output length (video or audio); `second-of-gpu` run time. */
export type PriceUnit =
  | 'image'
  | 'megapixel'
  | 'video-second'
  | 'minute'
  | 'second-of-gpu'
  | 'request'
  | '1k-characters';

export interface ModelPrice {
  amount: number;
  unit: PriceUnit;
  currency: 'USD';
  /** Where the price comes from (URL or document reference). */
  source: string;
  /** When the price was read: "2026-11" for the team's protocol doc, else when it was last known. */
  date: string;
  /** Why a price may be off (billing rules, hardware, recalled rather than re-read). */
  note?: string;
  /** The price itself may be wrong (not just unverified): the UI should say so. */
  uncertain?: boolean;
}

/** `file`: one reference (a URL at submit); `files`: a list of them; `json`: an object or list typed as JSON. */
export type ModelFieldType = 'text' | 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'file' | 'files' | 'json';

export interface ModelField {
  /** Input key. A dotted name ("voice_setting.voice_id") is nested by `buildModelInput`. */
  name: string;
  type: ModelFieldType;
  label: string;
  default?: string | number | boolean;
  options?: readonly (string | number)[];
  min?: number;
  max?: number;
  required?: boolean;
  /** For file fields: what the file must be. */
  media?: MediaKind;
  /** For file fields: the largest file the model takes, bytes (from its docs), checked before upload. */
  maxBytes?: number;
  /** Help text (a schema's description). */
  description?: string;
  /** The schema allows null (an optional input). */
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  /** A secret (Cog's `x-cog-secret`): never shown in a form that writes to a file. */
  secret?: boolean;
}

/**
 * Where the output files are in the provider's response.
 * - file-list: `{ [key]: [{ url, width?, height?, content_type? }] }` (fal images)
 * - file: `{ [key]: { url, content_type?, file_name? } }` (fal video/audio)
 * - url / url-list: Replicate `output` is one URL string / an array of URL strings
 * - bytes: the offline provider hands over the bytes directly
 */
export type OutputShape =
  | { kind: 'file-list'; key: string }
  | { kind: 'file'; key: string }
  | { kind: 'url' }
  | { kind: 'url-list' }
  | { kind: 'bytes' };

export interface CatalogModel {
  provider: ProviderId;
  /** The model id as the provider's client expects it. */
  id: string;
  label: string;
  modality: Modality;
  /** The input key that carries the prompt (or the text to speak). */
  promptField: string;
  fields: readonly ModelField[];
  /** Undefined: price unknown (hand-typed model). */
  price?: ModelPrice;
  /** Typical wall time of one run, seconds, until the user's own history exists (and for GPU-second pricing). */
  typicalDurationSec?: number;
  output: OutputShape;
  /** For video/audio models whose length is not an input: the usual output length, seconds. */
  defaultOutputSec?: number;
  /** Which Replicate hardware bills the GPU seconds (second-of-gpu models). */
  hardware?: string;
  /** A hand-typed model id that is not in the curated list. */
  custom?: boolean;
  note?: string;
}

const DOC = 'provider-protocols.md §5';
const DOC_DATE = '2026-11';
// Prices recalled from the providers' public model pages; they were not re-read for this release.
const RECALLED = 'public price as last known; not re-checked 2026-11';

const fal = (path: string) => `https://fal.ai/models/${path}`;
const rep = (path: string) => `https://replicate.com/${path}`;

function price(amount: number, unit: PriceUnit, source: string, date: string, note?: string): ModelPrice {
  const p: ModelPrice = { amount, unit, currency: 'USD', source, date };
  if (note !== undefined) p.note = note;
  if (note?.toLowerCase().includes('uncertain')) p.uncertain = true;
  return p;
}

const promptField: ModelField = { name: 'prompt', type: 'text', label: 'Prompt', required: true };
const textField: ModelField = { name: 'text', type: 'text', label: 'Text', required: true };
const seedField: ModelField = { name: 'seed', type: 'integer', label: 'Seed', min: 0, max: 2147483647 };

const FAL_IMAGE_SIZES = ['square_hd', 'square', 'portrait_4_3', 'portrait_16_9', 'landscape_4_3', 'landscape_16_9'];
const REPLICATE_ASPECTS = ['1:1', '16:9', '21:9', '3:2', '2:3', '4:5', '5:4', '3:4', '4:3', '9:16', '9:21'];
const LOCAL_ASPECTS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9'];

const falFluxImage = (steps: number): ModelField[] => [
  promptField,
  { name: 'image_size', type: 'enum', label: 'Size', options: FAL_IMAGE_SIZES, default: 'landscape_4_3' },
  { name: 'num_images', type: 'integer', label: 'Images', default: 1, min: 1, max: 4 },
  { name: 'num_inference_steps', type: 'integer', label: 'Steps', default: steps, min: 1, max: 50 },
  seedField,
];

const replicateFluxImage: ModelField[] = [
  promptField,
  { name: 'aspect_ratio', type: 'enum', label: 'Aspect ratio', options: REPLICATE_ASPECTS, default: '1:1' },
  { name: 'num_outputs', type: 'integer', label: 'Images', default: 1, min: 1, max: 4 },
  { name: 'output_format', type: 'enum', label: 'Format', options: ['webp', 'jpg', 'png'], default: 'webp' },
  seedField,
];

export const MODEL_CATALOG: readonly CatalogModel[] = [
  // ---- fal: image
  {
    provider: 'fal',
    id: 'fal-ai/flux/schnell',
    label: 'FLUX.1 [schnell]',
    modality: 'image',
    promptField: 'prompt',
    fields: falFluxImage(4),
    price: price(
      0.003,
      'megapixel',
      fal('fal-ai/flux/schnell'),
      '2025',
      `${RECALLED}; billed per megapixel (1024×1024 px), each image rounded up`,
    ),
    typicalDurationSec: 3,
    output: { kind: 'file-list', key: 'images' },
  },
  {
    provider: 'fal',
    id: 'fal-ai/flux/dev',
    label: 'FLUX.1 [dev]',
    modality: 'image',
    promptField: 'prompt',
    fields: falFluxImage(28),
    price: price(0.025, 'image', `${DOC} (GET https://api.fal.ai/v1/models/pricing)`, DOC_DATE),
    typicalDurationSec: 8,
    output: { kind: 'file-list', key: 'images' },
  },
  {
    provider: 'fal',
    id: 'fal-ai/recraft-v3',
    label: 'Recraft V3',
    modality: 'image',
    promptField: 'prompt',
    fields: [
      promptField,
      { name: 'image_size', type: 'enum', label: 'Size', options: FAL_IMAGE_SIZES, default: 'square_hd' },
      {
        name: 'style',
        type: 'enum',
        label: 'Style',
        options: ['realistic_image', 'digital_illustration', 'vector_illustration'],
        default: 'realistic_image',
      },
    ],
    price: price(0.04, 'image', fal('fal-ai/recraft-v3'), '2025', `${RECALLED}; vector styles cost double`),
    typicalDurationSec: 12,
    output: { kind: 'file-list', key: 'images' },
    note: 'fal may list this endpoint as fal-ai/recraft/v3/text-to-image; both ids have been served.',
  },
  // ---- fal: video
  {
    provider: 'fal',
    id: 'fal-ai/kling-video/v2.1/master/text-to-video',
    label: 'Kling 2.1 Master',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      promptField,
      { name: 'duration', type: 'enum', label: 'Duration (s)', options: ['5', '10'], default: '5' },
      { name: 'aspect_ratio', type: 'enum', label: 'Aspect ratio', options: ['16:9', '9:16', '1:1'], default: '16:9' },
      { name: 'negative_prompt', type: 'string', label: 'Negative prompt', default: 'blur, distort, and low quality' },
    ],
    price: price(0.28, 'video-second', fal('fal-ai/kling-video/v2.1/master/text-to-video'), '2025', RECALLED),
    typicalDurationSec: 360,
    output: { kind: 'file', key: 'video' },
  },
  {
    provider: 'fal',
    id: 'fal-ai/minimax/hailuo-02/standard/text-to-video',
    label: 'MiniMax Hailuo 02 Standard',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      promptField,
      { name: 'duration', type: 'enum', label: 'Duration (s)', options: ['6', '10'], default: '6' },
      { name: 'prompt_optimizer', type: 'boolean', label: 'Prompt optimizer', default: true },
    ],
    price: price(
      0.045,
      'video-second',
      fal('fal-ai/minimax/hailuo-02/standard/text-to-video'),
      '2025',
      `${RECALLED}; 768p rate`,
    ),
    typicalDurationSec: 240,
    output: { kind: 'file', key: 'video' },
  },
  {
    provider: 'fal',
    id: 'fal-ai/veo3',
    label: 'Google Veo 3',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      promptField,
      { name: 'aspect_ratio', type: 'enum', label: 'Aspect ratio', options: ['16:9', '9:16', '1:1'], default: '16:9' },
      { name: 'duration', type: 'enum', label: 'Duration', options: ['8s'], default: '8s' },
      { name: 'generate_audio', type: 'boolean', label: 'Generate audio', default: true },
    ],
    price: price(
      0.75,
      'video-second',
      fal('fal-ai/veo3'),
      '2025',
      `${RECALLED}; uncertain: the launch price with audio, later cut (≈$0.40/s with audio, less without)`,
    ),
    typicalDurationSec: 180,
    output: { kind: 'file', key: 'video' },
  },
  // ---- fal: audio (music, sound)
  {
    provider: 'fal',
    id: 'fal-ai/stable-audio',
    label: 'Stable Audio Open',
    modality: 'audio',
    promptField: 'prompt',
    fields: [
      promptField,
      { name: 'seconds_total', type: 'integer', label: 'Length (s)', default: 30, min: 1, max: 47 },
      { name: 'steps', type: 'integer', label: 'Steps', default: 100, min: 1, max: 1000 },
    ],
    price: price(
      0.02,
      'request',
      fal('fal-ai/stable-audio'),
      '2025',
      `uncertain: ${RECALLED}; fal may bill by compute`,
    ),
    typicalDurationSec: 40,
    output: { kind: 'file', key: 'audio_file' },
  },
  {
    provider: 'fal',
    id: 'fal-ai/lyria2',
    label: 'Google Lyria 2 (music)',
    modality: 'audio',
    promptField: 'prompt',
    fields: [
      promptField,
      { name: 'negative_prompt', type: 'string', label: 'Negative prompt', default: '' },
      seedField,
    ],
    price: price(0.1, 'request', fal('fal-ai/lyria2'), '2025', `${RECALLED}; one 30 s clip per request`),
    typicalDurationSec: 30,
    defaultOutputSec: 30,
    output: { kind: 'file', key: 'audio' },
  },
  // ---- fal: speech
  {
    provider: 'fal',
    id: 'fal-ai/kokoro/american-english',
    label: 'Kokoro (American English)',
    modality: 'speech',
    promptField: 'prompt',
    fields: [
      { name: 'prompt', type: 'text', label: 'Text', required: true },
      {
        name: 'voice',
        type: 'enum',
        label: 'Voice',
        options: ['af_heart', 'af_bella', 'af_nicole', 'af_sky', 'am_adam', 'am_michael', 'am_echo'],
        default: 'af_heart',
      },
      { name: 'speed', type: 'number', label: 'Speed', default: 1, min: 0.1, max: 5 },
    ],
    price: price(0.02, '1k-characters', fal('fal-ai/kokoro/american-english'), '2025', RECALLED),
    typicalDurationSec: 5,
    output: { kind: 'file', key: 'audio' },
  },
  {
    provider: 'fal',
    id: 'fal-ai/elevenlabs/tts/multilingual-v2',
    label: 'ElevenLabs Multilingual v2',
    modality: 'speech',
    promptField: 'text',
    fields: [
      textField,
      {
        name: 'voice',
        type: 'enum',
        label: 'Voice',
        options: ['Rachel', 'Aria', 'Roger', 'Sarah', 'Laura', 'Charlie', 'George', 'Brian'],
        default: 'Rachel',
      },
      { name: 'stability', type: 'number', label: 'Stability', default: 0.5, min: 0, max: 1 },
      { name: 'speed', type: 'number', label: 'Speed', default: 1, min: 0.7, max: 1.2 },
    ],
    price: price(0.1, '1k-characters', fal('fal-ai/elevenlabs/tts/multilingual-v2'), '2025', RECALLED),
    typicalDurationSec: 6,
    output: { kind: 'file', key: 'audio' },
  },
  {
    provider: 'fal',
    id: 'fal-ai/minimax/speech-02-hd',
    label: 'MiniMax Speech-02 HD',
    modality: 'speech',
    promptField: 'text',
    fields: [
      textField,
      {
        name: 'voice_setting.voice_id',
        type: 'enum',
        label: 'Voice',
        options: ['Wise_Woman', 'Friendly_Person', 'Deep_Voice_Man', 'Calm_Woman', 'Casual_Guy', 'Lively_Girl'],
        default: 'Wise_Woman',
      },
      { name: 'voice_setting.speed', type: 'number', label: 'Speed', default: 1, min: 0.5, max: 2 },
    ],
    price: price(0.1, '1k-characters', fal('fal-ai/minimax/speech-02-hd'), '2025', RECALLED),
    typicalDurationSec: 8,
    output: { kind: 'file', key: 'audio' },
  },
  // ---- replicate: image (official models, per-image prices)
  {
    provider: 'replicate',
    id: 'black-forest-labs/flux-schnell',
    label: 'FLUX.1 [schnell]',
    modality: 'image',
    promptField: 'prompt',
    fields: replicateFluxImage,
    price: price(0.003, 'image', rep('black-forest-labs/flux-schnell'), '2025', RECALLED),
    typicalDurationSec: 3,
    output: { kind: 'url-list' },
  },
  {
    provider: 'replicate',
    id: 'black-forest-labs/flux-dev',
    label: 'FLUX.1 [dev]',
    modality: 'image',
    promptField: 'prompt',
    fields: replicateFluxImage,
    price: price(0.025, 'image', rep('black-forest-labs/flux-dev'), '2025', RECALLED),
    typicalDurationSec: 10,
    output: { kind: 'url-list' },
  },
  {
    provider: 'replicate',
    id: 'black-forest-labs/flux-1.1-pro',
    label: 'FLUX1.1 [pro]',
    modality: 'image',
    promptField: 'prompt',
    fields: [
      promptField,
      { name: 'aspect_ratio', type: 'enum', label: 'Aspect ratio', options: REPLICATE_ASPECTS, default: '1:1' },
      { name: 'output_format', type: 'enum', label: 'Format', options: ['webp', 'jpg', 'png'], default: 'webp' },
      seedField,
    ],
    price: price(0.04, 'image', rep('black-forest-labs/flux-1.1-pro'), '2025', RECALLED),
    typicalDurationSec: 8,
    output: { kind: 'url' },
  },
  // ---- replicate: video
  {
    provider: 'replicate',
    id: 'minimax/video-01',
    label: 'MiniMax Video-01',
    modality: 'video',
    promptField: 'prompt',
    fields: [promptField, { name: 'prompt_optimizer', type: 'boolean', label: 'Prompt optimizer', default: true }],
    price: price(0.5, 'request', rep('minimax/video-01'), '2025', `${RECALLED}; one 6 s clip per request`),
    typicalDurationSec: 300,
    defaultOutputSec: 6,
    output: { kind: 'url' },
  },
  {
    provider: 'replicate',
    id: 'minimax/hailuo-02',
    label: 'MiniMax Hailuo 02',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      promptField,
      { name: 'duration', type: 'enum', label: 'Duration (s)', options: [6, 10], default: 6 },
      { name: 'resolution', type: 'enum', label: 'Resolution', options: ['768p', '1080p'], default: '768p' },
      { name: 'prompt_optimizer', type: 'boolean', label: 'Prompt optimizer', default: true },
    ],
    price: price(
      0.045,
      'video-second',
      rep('minimax/hailuo-02'),
      '2025',
      `uncertain: ${RECALLED}; 768p rate, 1080p costs more`,
    ),
    typicalDurationSec: 240,
    output: { kind: 'url' },
  },
  {
    provider: 'replicate',
    id: 'google/veo-3',
    label: 'Google Veo 3',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      promptField,
      { name: 'aspect_ratio', type: 'enum', label: 'Aspect ratio', options: ['16:9', '9:16'], default: '16:9' },
      seedField,
    ],
    price: price(
      0.75,
      'video-second',
      rep('google/veo-3'),
      '2025',
      `uncertain: ${RECALLED}; launch price with audio, later cut`,
    ),
    typicalDurationSec: 180,
    defaultOutputSec: 8,
    output: { kind: 'url' },
  },
  // ---- replicate: audio
  {
    provider: 'replicate',
    id: 'meta/musicgen',
    label: 'MusicGen (Meta)',
    modality: 'audio',
    promptField: 'prompt',
    fields: [
      promptField,
      { name: 'duration', type: 'integer', label: 'Length (s)', default: 8, min: 1, max: 30 },
      {
        name: 'model_version',
        type: 'enum',
        label: 'Model',
        options: ['stereo-melody-large', 'stereo-large', 'melody-large', 'large'],
        default: 'stereo-melody-large',
      },
      { name: 'output_format', type: 'enum', label: 'Format', options: ['wav', 'mp3'], default: 'wav' },
    ],
    price: price(
      0.0014,
      'second-of-gpu',
      `${DOC} (gpu-a100-large rate, https://replicate.com/docs/billing)`,
      DOC_DATE,
      'hardware is read off the model page (A100 80GB), not the API; community model: create needs a version id',
    ),
    hardware: 'gpu-a100-large',
    typicalDurationSec: 45,
    output: { kind: 'url' },
  },
  {
    provider: 'replicate',
    id: 'minimax/music-01',
    label: 'MiniMax Music-01',
    modality: 'audio',
    promptField: 'lyrics',
    fields: [
      { name: 'lyrics', type: 'text', label: 'Lyrics', required: true },
      { name: 'bitrate', type: 'enum', label: 'Bitrate', options: [32000, 64000, 128000, 256000], default: 256000 },
    ],
    price: price(0.035, 'request', rep('minimax/music-01'), '2025', `uncertain: ${RECALLED}`),
    typicalDurationSec: 60,
    defaultOutputSec: 60,
    output: { kind: 'url' },
  },
  // ---- replicate: speech
  {
    provider: 'replicate',
    id: 'jaaari/kokoro-82m',
    label: 'Kokoro 82M',
    modality: 'speech',
    promptField: 'text',
    fields: [
      textField,
      {
        name: 'voice',
        type: 'enum',
        label: 'Voice',
        options: ['af_bella', 'af_nicole', 'af_sarah', 'af_sky', 'am_adam', 'am_michael', 'bf_emma', 'bm_george'],
        default: 'af_bella',
      },
      { name: 'speed', type: 'number', label: 'Speed', default: 1, min: 0.1, max: 5 },
    ],
    price: price(
      0.000225,
      'second-of-gpu',
      `${DOC} (gpu-t4 rate, https://replicate.com/docs/billing)`,
      DOC_DATE,
      'uncertain: hardware (T4) recalled from the model page; community model: create needs a version id',
    ),
    hardware: 'gpu-t4',
    typicalDurationSec: 6,
    output: { kind: 'url' },
  },
  {
    provider: 'replicate',
    id: 'minimax/speech-02-hd',
    label: 'MiniMax Speech-02 HD',
    modality: 'speech',
    promptField: 'text',
    fields: [
      textField,
      {
        name: 'voice_id',
        type: 'enum',
        label: 'Voice',
        options: ['Wise_Woman', 'Friendly_Person', 'Deep_Voice_Man', 'Calm_Woman', 'Casual_Guy', 'Lively_Girl'],
        default: 'Wise_Woman',
      },
      { name: 'speed', type: 'number', label: 'Speed', default: 1, min: 0.5, max: 2 },
    ],
    price: price(0.1, '1k-characters', rep('minimax/speech-02-hd'), '2025', RECALLED),
    typicalDurationSec: 8,
    output: { kind: 'url' },
  },
  ...REFERENCE_MODELS,
  // ---- local (offline, free)
  {
    provider: 'local',
    id: 'local/image',
    label: 'Offline test image',
    modality: 'image',
    promptField: 'prompt',
    fields: [
      promptField,
      { name: 'aspect_ratio', type: 'enum', label: 'Aspect ratio', options: LOCAL_ASPECTS, default: '1:1' },
      { name: 'num_outputs', type: 'integer', label: 'Images', default: 1, min: 1, max: 4 },
      seedField,
    ],
    price: price(0, 'request', 'offline provider (this extension)', DOC_DATE),
    typicalDurationSec: 3,
    output: { kind: 'bytes' },
  },
  {
    provider: 'local',
    id: 'local/video',
    label: 'Offline test clip',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      promptField,
      { name: 'aspect_ratio', type: 'enum', label: 'Aspect ratio', options: ['16:9', '9:16', '1:1'], default: '16:9' },
      { name: 'duration', type: 'integer', label: 'Duration (s)', default: 2, min: 1, max: 5 },
    ],
    price: price(0, 'request', 'offline provider (this extension)', DOC_DATE),
    typicalDurationSec: 5,
    output: { kind: 'bytes' },
  },
  {
    provider: 'local',
    id: 'local/audio',
    label: 'Offline melody',
    modality: 'audio',
    promptField: 'prompt',
    fields: [promptField, { name: 'duration', type: 'integer', label: 'Length (s)', default: 5, min: 1, max: 30 }],
    price: price(0, 'request', 'offline provider (this extension)', DOC_DATE),
    typicalDurationSec: 4,
    output: { kind: 'bytes' },
  },
  {
    provider: 'local',
    id: 'local/speech',
    label: 'Offline voice (eSpeak NG)',
    modality: 'speech',
    promptField: 'prompt',
    fields: [
      { name: 'prompt', type: 'text', label: 'Text', required: true },
      {
        name: 'voice',
        type: 'enum',
        label: 'Voice',
        options: ['en-us', 'en-gb', 'en-us+f3', 'en-gb+m3', 'de', 'fr', 'es'],
        default: 'en-us',
      },
      { name: 'speed', type: 'integer', label: 'Words per minute', default: 175, min: 80, max: 450 },
    ],
    price: price(0, 'request', 'offline provider (this extension)', DOC_DATE),
    typicalDurationSec: 3,
    output: { kind: 'bytes' },
  },
  ...LOCAL_REFERENCE_MODELS,
];

export function findModel(provider: ProviderId, modelId: string): CatalogModel | undefined {
  return MODEL_CATALOG.find((m) => m.provider === provider && m.id === modelId);
}

export function modelsFor(modality: Modality, provider?: ProviderId): CatalogModel[] {
  return MODEL_CATALOG.filter((m) => m.modality === modality && (provider === undefined || m.provider === provider));
}

/** An entry for a model id typed by hand: a prompt field only, price unknown. */
export function customModel(provider: ProviderId, modelId: string, modality: Modality): CatalogModel {
  const id = modelId.trim();
  const speechOnReplicate = modality === 'speech' && provider === 'replicate';
  const field = speechOnReplicate ? 'text' : 'prompt';
  return {
    provider,
    id,
    label: id,
    modality,
    promptField: field,
    fields: [{ name: field, type: 'text', label: modality === 'speech' ? 'Text' : 'Prompt', required: true }],
    output: provider === 'fal' ? defaultFalOutput(modality) : { kind: 'url' },
    custom: true,
    note: 'Not in the GenQueue catalog: price and typical time unknown; input fields are a guess.',
  };
}

/** The catalog entry, or a custom one for a hand-typed id. */
export function resolveModel(provider: ProviderId, modelId: string, modality: Modality): CatalogModel {
  return findModel(provider, modelId) ?? customModel(provider, modelId, modality);
}

function defaultFalOutput(modality: Modality): OutputShape {
  if (modality === 'image') return { kind: 'file-list', key: 'images' };
  if (modality === 'video') return { kind: 'file', key: 'video' };
  return { kind: 'file', key: 'audio' };
}

/** The default value of every field that has one, as a flat record keyed by field name. */
export function defaultInput(model: CatalogModel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of model.fields) if (f.default !== undefined) out[f.name] = f.default;
  return out;
}

/** Turn flat form values into the provider's input, nesting dotted names ("voice_setting.voice_id"). */
export function buildModelInput(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const parts = name.split('.');
    let target = out;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
        target = next as Record<string, unknown>;
      } else {
        const fresh: Record<string, unknown> = {};
        target[part] = fresh;
        target = fresh;
      }
    }
    target[parts[parts.length - 1] as string] = value;
  }
  return out;
}
