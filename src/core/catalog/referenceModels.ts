// fal and Replicate models that read reference files: image-to-video, talking head / lip-sync,
// image edit and speech in a reference voice (models-files-pricing.md §5). Field names are the
// doc's; a price the doc marks [UNCERTAIN] is left out (the UI says "price unknown"), and one it
// only saw in third-party code ([OBSERVED]) is marked uncertain. A model whose output is as long as
// its audio reference (talking heads, lip-sync) has no duration input: cost.ts reads the length
// from the reference when it is known.
import type { CatalogModel, ModelField, ModelPrice, PriceUnit } from '../modelCatalog';

const DOC = 'models-files-pricing.md §5';
const DOC_DATE = '2026-11';
const OBSERVED = 'seen in third-party code, not a published price';

const fal = (path: string) => `https://fal.ai/models/${path}`;
const falLlms = (path: string) => `${DOC} (${fal(path)}/llms.txt)`;
const rep = (path: string) => `${DOC} (https://replicate.com/${path})`;

/** Replicate's files API takes files up to 100 MB (replicate.com/docs/topics/predictions/input-files). */
const REPLICATE_MAX_BYTES = 100 * 1024 * 1024;

function price(amount: number, unit: PriceUnit, source: string, note?: string, uncertain?: boolean): ModelPrice {
  const p: ModelPrice = { amount, unit, currency: 'USD', source, date: DOC_DATE };
  if (note !== undefined) p.note = note;
  if (uncertain) p.uncertain = true;
  return p;
}

const prompt: ModelField = { name: 'prompt', type: 'text', label: 'Prompt', required: true };
const optionalPrompt: ModelField = { name: 'prompt', type: 'text', label: 'Prompt (optional)' };

function file(
  name: string,
  label: string,
  media: 'image' | 'audio' | 'video',
  extra?: Partial<ModelField>,
): ModelField {
  return { name, type: 'file', label, media, required: true, ...extra };
}

const ASPECTS = ['21:9', '16:9', '4:3', '3:2', '1:1', '2:3', '3:4', '9:16', '9:21'];
const SYNC_MODES = ['cut_off', 'loop', 'bounce', 'silence', 'remap'];

const IMAGE_TO_VIDEO: CatalogModel[] = [
  {
    provider: 'fal',
    id: 'fal-ai/kling-video/v2.1/standard/image-to-video',
    label: 'Kling 2.1 Standard (image to video)',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      prompt,
      file('image_url', 'Image to animate', 'image'),
      { name: 'duration', type: 'enum', label: 'Duration (s)', options: ['5', '10'], default: '5' },
      { name: 'negative_prompt', type: 'string', label: 'Negative prompt', default: 'blur, distort, and low quality' },
      { name: 'cfg_scale', type: 'number', label: 'CFG scale', min: 0, max: 1 },
    ],
    price: price(0.056, 'video-second', falLlms('fal-ai/kling-video/v2.1/standard/image-to-video'), '$0.28 for 5 s'),
    typicalDurationSec: 300,
    output: { kind: 'file', key: 'video' },
  },
  {
    provider: 'fal',
    id: 'fal-ai/minimax/hailuo-02/standard/image-to-video',
    label: 'MiniMax Hailuo 02 Standard (image to video)',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      prompt,
      file('image_url', 'Image to animate', 'image'),
      { ...file('end_image_url', 'Last frame (optional)', 'image'), required: false },
      { name: 'duration', type: 'enum', label: 'Duration (s)', options: ['6', '10'], default: '6' },
      { name: 'resolution', type: 'enum', label: 'Resolution', options: ['512P', '768P'], default: '768P' },
    ],
    price: price(
      0.045,
      'video-second',
      `${DOC} (${fal('fal-ai/minimax/hailuo-02/standard/image-to-video')})`,
      '768P rate; 512P is about $0.017/s, so the estimate is high there',
    ),
    typicalDurationSec: 240,
    output: { kind: 'file', key: 'video' },
  },
  {
    provider: 'replicate',
    id: 'kwaivgi/kling-v2.1',
    label: 'Kling 2.1 (image to video)',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      prompt,
      file('start_image', 'Image to animate', 'image', { maxBytes: REPLICATE_MAX_BYTES }),
      { name: 'mode', type: 'enum', label: 'Mode', options: ['standard', 'pro'], default: 'standard' },
      { name: 'duration', type: 'enum', label: 'Duration (s)', options: [5, 10], default: 5 },
    ],
    price: price(0.05, 'video-second', rep('kwaivgi/kling-v2.1'), `${OBSERVED}; standard mode, pro costs more`, true),
    typicalDurationSec: 300,
    output: { kind: 'url' },
  },
  {
    provider: 'replicate',
    id: 'wan-video/wan-2.2-i2v-fast',
    label: 'Wan 2.2 Fast (image to video)',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      prompt,
      file('image', 'Image to animate', 'image', { maxBytes: REPLICATE_MAX_BYTES }),
      { ...file('last_image', 'Last frame (optional)', 'image', { maxBytes: REPLICATE_MAX_BYTES }), required: false },
      { name: 'num_frames', type: 'integer', label: 'Frames', default: 81 },
    ],
    price: price(0.05, 'request', rep('wan-video/wan-2.2-i2v-fast'), `${OBSERVED}; one 81-frame 480p clip`, true),
    typicalDurationSec: 60,
    output: { kind: 'url' },
  },
];

const TALKING_HEAD: CatalogModel[] = [
  {
    provider: 'fal',
    id: 'fal-ai/bytedance/omnihuman/v1.5',
    label: 'OmniHuman 1.5 (talking head)',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      optionalPrompt,
      file('image_url', 'Portrait', 'image'),
      file('audio_url', 'Voice line', 'audio', { description: 'At most 60 s at 720p, 30 s at 1080p.' }),
      { name: 'resolution', type: 'enum', label: 'Resolution', options: ['720p', '1080p'], default: '720p' },
      { name: 'turbo_mode', type: 'boolean', label: 'Turbo mode', default: false },
    ],
    price: price(
      0.16,
      'video-second',
      `${DOC} (https://fal.ai/learn/devs/omnihuman-15-user-guide)`,
      'per second of output, as long as the voice line',
    ),
    typicalDurationSec: 180,
    output: { kind: 'file', key: 'video' },
  },
  {
    provider: 'fal',
    id: 'fal-ai/sync-lipsync/v2',
    label: 'Sync Lipsync 2 (video + audio)',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      optionalPrompt,
      file('video_url', 'Video of the face', 'video'),
      file('audio_url', 'Voice line', 'audio'),
      { name: 'model', type: 'enum', label: 'Model', options: ['lipsync-2', 'lipsync-2-pro'], default: 'lipsync-2' },
      { name: 'sync_mode', type: 'enum', label: 'Length mismatch', options: SYNC_MODES, default: 'cut_off' },
    ],
    price: price(
      0.05,
      'video-second',
      falLlms('fal-ai/sync-lipsync/v2'),
      'listed as $3 per minute of output; lipsync-2-pro costs about 1.67×',
    ),
    typicalDurationSec: 120,
    output: { kind: 'file', key: 'video' },
    note: 'The prompt is not sent to the model; it labels the job.',
  },
  {
    provider: 'replicate',
    id: 'bytedance/omni-human',
    label: 'OmniHuman (talking head)',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      optionalPrompt,
      file('image', 'Portrait', 'image', { maxBytes: REPLICATE_MAX_BYTES }),
      file('audio', 'Voice line', 'audio', { maxBytes: REPLICATE_MAX_BYTES }),
    ],
    price: price(0.14, 'video-second', rep('bytedance/omni-human'), `${OBSERVED}; as long as the voice line`, true),
    typicalDurationSec: 180,
    output: { kind: 'url' },
    note: 'The prompt is not sent to the model; it labels the job.',
  },
  {
    provider: 'replicate',
    id: 'sync/lipsync-2',
    label: 'Sync Lipsync 2 (video + audio)',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      optionalPrompt,
      file('video', 'Video of the face', 'video', { maxBytes: REPLICATE_MAX_BYTES }),
      file('audio', 'Voice line', 'audio', { maxBytes: REPLICATE_MAX_BYTES }),
      { name: 'sync_mode', type: 'enum', label: 'Length mismatch', options: SYNC_MODES },
      { name: 'active_speaker', type: 'boolean', label: 'Active speaker detection' },
      { name: 'temperature', type: 'number', label: 'Temperature' },
    ],
    typicalDurationSec: 120,
    output: { kind: 'url' },
    note: 'Price unknown (not published where GenQueue could read it). The prompt is not sent; it labels the job.',
  },
];

const IMAGE_EDIT: CatalogModel[] = [
  {
    provider: 'fal',
    id: 'fal-ai/flux-pro/kontext',
    label: 'FLUX.1 Kontext [pro] (edit)',
    modality: 'image',
    promptField: 'prompt',
    fields: [
      prompt,
      file('image_url', 'Image to edit', 'image'),
      { name: 'guidance_scale', type: 'number', label: 'Guidance' },
      { name: 'num_images', type: 'integer', label: 'Images', default: 1, min: 1, max: 4 },
      { name: 'aspect_ratio', type: 'enum', label: 'Aspect ratio', options: ASPECTS },
      { name: 'output_format', type: 'enum', label: 'Format', options: ['jpeg', 'png'], default: 'jpeg' },
      { name: 'safety_tolerance', type: 'enum', label: 'Safety tolerance', options: ['1', '2', '3', '4', '5', '6'] },
    ],
    price: price(0.04, 'image', falLlms('fal-ai/flux-pro/kontext')),
    typicalDurationSec: 10,
    output: { kind: 'file-list', key: 'images' },
  },
  {
    provider: 'fal',
    id: 'fal-ai/nano-banana-2/edit',
    label: 'Nano Banana 2 (edit)',
    modality: 'image',
    promptField: 'prompt',
    fields: [
      prompt,
      { name: 'image_urls', type: 'files', label: 'Images to edit', media: 'image', required: true },
      { name: 'num_images', type: 'integer', label: 'Images', default: 1, min: 1, max: 4 },
      { name: 'aspect_ratio', type: 'enum', label: 'Aspect ratio', options: ASPECTS },
    ],
    price: price(0.08, 'image', falLlms('fal-ai/nano-banana-2/edit'), '1K rate; 2K costs 1.5×, 4K 2×'),
    typicalDurationSec: 15,
    output: { kind: 'file-list', key: 'images' },
  },
  {
    provider: 'replicate',
    id: 'black-forest-labs/flux-kontext-pro',
    label: 'FLUX.1 Kontext [pro] (edit)',
    modality: 'image',
    promptField: 'prompt',
    fields: [
      prompt,
      file('input_image', 'Image to edit', 'image', { maxBytes: REPLICATE_MAX_BYTES }),
      {
        name: 'aspect_ratio',
        type: 'enum',
        label: 'Aspect ratio',
        options: ['match_input_image', ...ASPECTS],
        default: 'match_input_image',
      },
      { name: 'output_format', type: 'enum', label: 'Format', options: ['jpg', 'png'], default: 'png' },
    ],
    price: price(0.04, 'image', rep('black-forest-labs/flux-kontext-pro'), OBSERVED, true),
    typicalDurationSec: 10,
    output: { kind: 'url' },
  },
  {
    provider: 'replicate',
    id: 'google/nano-banana',
    label: 'Nano Banana (edit)',
    modality: 'image',
    promptField: 'prompt',
    fields: [
      prompt,
      { name: 'image_input', type: 'files', label: 'Images to edit', media: 'image', maxBytes: REPLICATE_MAX_BYTES },
      { name: 'aspect_ratio', type: 'enum', label: 'Aspect ratio', options: ['match_input_image', ...ASPECTS] },
      { name: 'output_format', type: 'enum', label: 'Format', options: ['jpg', 'png'] },
    ],
    typicalDurationSec: 15,
    output: { kind: 'url' },
    note: 'Price unknown (not published where GenQueue could read it).',
  },
];

const REFERENCE_VOICE: CatalogModel[] = [
  {
    provider: 'fal',
    id: 'fal-ai/f5-tts',
    label: 'F5-TTS (reference voice)',
    modality: 'speech',
    promptField: 'gen_text',
    fields: [
      { name: 'gen_text', type: 'text', label: 'Text', required: true },
      file('ref_audio_url', 'Reference voice', 'audio'),
      { name: 'ref_text', type: 'string', label: 'Transcript of the reference (optional)' },
      { name: 'model_type', type: 'enum', label: 'Model', options: ['F5-TTS', 'E2-TTS'], default: 'F5-TTS' },
    ],
    price: price(0.05, '1k-characters', falLlms('fal-ai/f5-tts')),
    typicalDurationSec: 15,
    output: { kind: 'file', key: 'audio_url' },
  },
  {
    provider: 'replicate',
    id: 'resemble-ai/chatterbox',
    label: 'Chatterbox (reference voice)',
    modality: 'speech',
    promptField: 'prompt',
    fields: [
      { name: 'prompt', type: 'text', label: 'Text', required: true },
      file('audio_prompt', 'Reference voice', 'audio', { maxBytes: REPLICATE_MAX_BYTES }),
      { name: 'exaggeration', type: 'number', label: 'Exaggeration' },
      { name: 'cfg_weight', type: 'number', label: 'CFG weight' },
      { name: 'temperature', type: 'number', label: 'Temperature' },
      { name: 'seed', type: 'integer', label: 'Seed', min: 0, max: 2147483647 },
    ],
    typicalDurationSec: 20,
    output: { kind: 'url' },
    note: 'Price unknown (not published where GenQueue could read it).',
  },
];

export const REFERENCE_MODELS: readonly CatalogModel[] = [
  ...IMAGE_TO_VIDEO,
  ...TALKING_HEAD,
  ...IMAGE_EDIT,
  ...REFERENCE_VOICE,
];
