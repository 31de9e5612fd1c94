// TEMPORARY (helper shotdeps): a minimal copy of the four offline reference models so shot
// dependencies compile and test on this branch. Helper "offline" owns this file; the integrator
// takes that version (same ids and file fields).
import type { CatalogModel, ModelField, ModelPrice } from '../modelCatalog';

const FREE: ModelPrice = {
  amount: 0,
  unit: 'request',
  currency: 'USD',
  source: 'offline provider (this extension)',
  date: '2026-11',
};
const prompt: ModelField = { name: 'prompt', type: 'text', label: 'Prompt', required: true };
const image = (label: string): ModelField => ({ name: 'image', type: 'file', label, media: 'image', required: true });

export const LOCAL_REFERENCE_MODELS: readonly CatalogModel[] = [
  {
    provider: 'local',
    id: 'local/image-to-video',
    label: 'Offline image to video (pan and zoom)',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      prompt,
      image('Image'),
      { name: 'duration', type: 'integer', label: 'Duration (s)', default: 4, min: 2, max: 8 },
    ],
    price: FREE,
    typicalDurationSec: 5,
    output: { kind: 'bytes' },
  },
  {
    provider: 'local',
    id: 'local/talking-head',
    label: 'Offline talking head',
    modality: 'video',
    promptField: 'prompt',
    fields: [
      { ...prompt, label: 'Caption' },
      image('Portrait'),
      { name: 'audio', type: 'file', label: 'Voice line', media: 'audio', required: true },
    ],
    price: FREE,
    typicalDurationSec: 6,
    output: { kind: 'bytes' },
  },
  {
    provider: 'local',
    id: 'local/image-edit',
    label: 'Offline image edit',
    modality: 'image',
    promptField: 'prompt',
    fields: [prompt, image('Image')],
    price: FREE,
    typicalDurationSec: 3,
    output: { kind: 'bytes' },
  },
  {
    provider: 'local',
    id: 'local/voice-clone',
    label: 'Offline reference voice',
    modality: 'speech',
    promptField: 'text',
    fields: [
      { name: 'text', type: 'text', label: 'Text', required: true },
      { name: 'reference_audio', type: 'file', label: 'Reference voice', media: 'audio', required: true },
    ],
    price: FREE,
    typicalDurationSec: 4,
    output: { kind: 'bytes' },
  },
];
