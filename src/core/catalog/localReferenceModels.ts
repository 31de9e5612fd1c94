// The offline models that work from reference files (src/providers/local/referencePlans.ts): free,
// no network, real files. Their file fields take what the local upload returns (a file:// URL).
import type { CatalogModel, ModelPrice } from '../modelCatalog';

/** The offline provider reads references up to this size (referenceFiles.ts MAX_REFERENCE_BYTES). */
const MAX_BYTES = 50 * 1024 * 1024;

const FREE: ModelPrice = {
  amount: 0,
  unit: 'request',
  currency: 'USD',
  source: 'offline provider (this extension)',
  date: '2026-11',
};

export const LOCAL_REFERENCE_MODELS: readonly CatalogModel[] = [
  {
    provider: 'local',
    id: 'local/image-to-video',
    label: 'Offline image to video (pan and zoom)',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      { name: 'prompt', type: 'text', label: 'Prompt', required: true, description: 'Shown as the caption.' },
      {
        name: 'image',
        type: 'file',
        label: 'Image',
        required: true,
        media: 'image',
        maxBytes: MAX_BYTES,
        description: 'The still to pan and zoom over (PNG or JPEG).',
      },
      { name: 'duration', type: 'integer', label: 'Duration (s)', default: 4, min: 2, max: 8 },
    ],
    price: FREE,
    typicalDurationSec: 6,
    output: { kind: 'bytes' },
  },
  {
    provider: 'local',
    id: 'local/talking-head',
    label: 'Offline talking head',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      { name: 'prompt', type: 'text', label: 'Caption', description: 'Optional: shown as the caption.' },
      {
        name: 'image',
        type: 'file',
        label: 'Portrait',
        required: true,
        media: 'image',
        maxBytes: MAX_BYTES,
        description: 'A portrait, face centred (PNG or JPEG).',
      },
      {
        name: 'audio',
        type: 'file',
        label: 'Voice line',
        required: true,
        media: 'audio',
        maxBytes: MAX_BYTES,
        description: 'The line to speak (WAV, up to 60 s); the clip is as long as it.',
      },
    ],
    price: FREE,
    typicalDurationSec: 10,
    output: { kind: 'bytes' },
  },
  {
    provider: 'local',
    id: 'local/image-edit',
    label: 'Offline image edit',
    modality: 'image',
    promptField: 'prompt',
    fields: [
      {
        name: 'prompt',
        type: 'text',
        label: 'Edit',
        required: true,
        description: 'Words such as "black and white", "sepia", "warm", "cool", "invert" or "mirror" pick the look.',
      },
      {
        name: 'image',
        type: 'file',
        label: 'Image',
        required: true,
        media: 'image',
        maxBytes: MAX_BYTES,
        description: 'The image to edit (PNG or JPEG).',
      },
    ],
    price: FREE,
    typicalDurationSec: 4,
    output: { kind: 'bytes' },
  },
  {
    provider: 'local',
    id: 'local/voice-clone',
    label: 'Offline voice from a reference (eSpeak NG)',
    modality: 'speech',
    promptField: 'text',
    fields: [
      { name: 'text', type: 'text', label: 'Text', required: true },
      {
        name: 'reference_audio',
        type: 'file',
        label: 'Reference voice',
        required: true,
        media: 'audio',
        maxBytes: MAX_BYTES,
        description: 'A recording of the voice (WAV); its pitch and pace set the eSpeak NG voice.',
      },
    ],
    price: FREE,
    typicalDurationSec: 3,
    output: { kind: 'bytes' },
  },
];
