// What the offline provider makes for a job: the input is checked up front (so bad input fails at
// submit with a clear message) and the same plan renders the takes when the result is asked for.
import { ProviderError } from '../../core/errors';
import type { Modality } from '../../core/jobTypes';
import type { ProviderTake } from '../../core/providerPort';
import { aspectRatioOf, imageSizeOf, intField, localModality, promptOf, seedOf, sizeFor } from './localInput';
import { hashString } from './promptSeed';
import { planReferenceJob } from './referencePlans';
import { renderAudio } from './renderAudio';
import { renderImage } from './renderImage';
import { renderSpeech } from './renderSpeech';
import { renderVideo } from './renderVideo';

export interface LocalRender {
  takes: ProviderTake[];
  /** Provenance: which engine made the file (and why a stand-in was used). */
  version: string;
}

export interface LocalPlan {
  modality: Modality;
  prompt: string;
  render(): Promise<LocalRender>;
}

const VOICE_PATTERN = /^[a-z]{2,3}(-[a-z0-9]{2,8})*(\+[a-z0-9]{1,8})?$/i;

export function planLocalJob(model: string, modality: Modality, input: Record<string, unknown>): LocalPlan {
  const reference = planReferenceJob(model, modality, input);
  if (reference) {
    const referenceName = suggestedName(reference.prompt, seedOf(input), reference.ext, 0);
    return {
      modality,
      prompt: reference.prompt,
      render: async () => {
        const { file, version } = await reference.render();
        return { takes: [{ ...file, suggestedName: referenceName }], version };
      },
    };
  }
  localModality(model, modality);
  const prompt = promptOf(input, modality);
  const seed = seedOf(input);
  const name = (ext: string, index = 0) => suggestedName(prompt, seed, ext, index);
  switch (modality) {
    case 'image': {
      const size = imageSizeOf(input);
      const count = intField(input, 'num_outputs', intField(input, 'num_images', 1, 1, 4), 1, 4);
      return {
        modality,
        prompt,
        render: async () => {
          const takes: ProviderTake[] = [];
          for (let index = 0; index < count; index++) {
            takes.push({ ...renderImage(prompt, { ...size, seed, index }), suggestedName: name('png', index) });
          }
          return { takes, version: 'genqueue-local image 1' };
        },
      };
    }
    case 'video': {
      const size = sizeFor(aspectRatioOf(input, '16:9'), 320);
      const durationSec = intField(input, 'duration', 2, 1, 5);
      return {
        modality,
        prompt,
        render: async () => {
          const file = await renderVideo(prompt, { ...size, durationSec, seed });
          return {
            takes: [{ ...file, suggestedName: name('mp4') }],
            version: 'genqueue-local video 1 (h264-mp4-encoder)',
          };
        },
      };
    }
    case 'audio': {
      const durationSec = intField(input, 'duration', 5, 1, 30);
      return {
        modality,
        prompt,
        render: async () => ({
          takes: [{ ...renderAudio(prompt, { durationSec, seed }), suggestedName: name('wav') }],
          version: 'genqueue-local melody 1',
        }),
      };
    }
    case 'speech': {
      const voice = typeof input.voice === 'string' && input.voice.trim() ? input.voice.trim() : 'en-us';
      if (!VOICE_PATTERN.test(voice)) {
        throw planError(
          `voice must be an eSpeak NG voice such as "en-us" or "en-gb+f3"; got ${JSON.stringify(voice)}.`,
        );
      }
      const wordsPerMinute = intField(input, 'speed', 175, 80, 450);
      return {
        modality,
        prompt,
        render: async () => {
          const spoken = await renderSpeech(prompt, { voice, wordsPerMinute });
          const version =
            spoken.engine === 'espeak-ng'
              ? `eSpeak NG (espeak-ng npm 1.0.2), voice ${voice}`
              : `tone stand-in: eSpeak NG could not run (${spoken.fallbackReason ?? 'unknown reason'})`;
          return { takes: [{ ...spoken.file, suggestedName: name('wav') }], version };
        },
      };
    }
  }
}

function planError(message: string): ProviderError {
  return new ProviderError({ category: 'input', message });
}

/** "a-red-fox-at-dawn-1a2b3c4d.png": readable, safe as a file name, stable for the same prompt. */
export function suggestedName(prompt: string, seed: number | undefined, ext: string, index: number): string {
  const slug =
    prompt
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .split('-')
      .slice(0, 6)
      .join('-')
      .slice(0, 40)
      .replace(/-+$/, '') || 'offline';
  const hash = hashString(`${prompt}\u0000${seed ?? ''}`)
    .toString(16)
    .padStart(8, '0');
  return `${slug}-${hash}${index > 0 ? `-${index + 1}` : ''}.${ext}`;
}
