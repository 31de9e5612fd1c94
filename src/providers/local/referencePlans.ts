// The offline models that work from references (image-to-video, talking head, image edit, voice
// from a reference): their input is checked and their files opened at submit, so a missing file or
// an unsupported kind fails before any "running"; the pixels and samples are decoded at render.
import { ProviderError } from '../../core/errors';
import type { Modality } from '../../core/jobTypes';
import { intField, LOCAL_REFERENCE_MODALITIES, MAX_PROMPT_CHARS, promptOf, seedOf } from './localInput';
import { type ImageReference, readAudioReference, readImageReference } from './referenceFiles';
import { decodeImage, overBlack } from './referenceImage';
import type { RenderedFile } from './renderImage';
import { renderImageEdit } from './renderImageEdit';
import { renderPanZoom } from './renderPanZoom';
import { renderSpeech } from './renderSpeech';
import { renderTalkingHead } from './renderTalkingHead';
import { ANALYSED_SEC, analyseVoice, espeakVoiceFor } from './voiceProfile';
import { decodeWavMono } from './wavRead';

/** The longest voice line a talking head takes (its render time grows with the length). */
export const MAX_TALKING_HEAD_SEC = 60;

export interface ReferencePlan {
  /** What names the take (the prompt, or the files when there is none). */
  prompt: string;
  ext: string;
  render(): Promise<{ file: RenderedFile; version: string }>;
}

function inputError(message: string): ProviderError {
  return new ProviderError({ category: 'input', message });
}

/** An optional caption: absent is fine, too long is an error. */
function optionalPrompt(input: Record<string, unknown>): string {
  const raw = input.prompt;
  const prompt = typeof raw === 'string' ? raw.trim() : '';
  if (prompt.length > MAX_PROMPT_CHARS) {
    throw inputError(`The prompt is ${prompt.length} characters; the offline model takes at most ${MAX_PROMPT_CHARS}.`);
  }
  return prompt;
}

const stem = (name: string) => name.replace(/\.[^.]*$/, '');

/** A clip needs a frame the encoder can take: nothing flatter than 4:1. */
function videoFrameOf(image: ImageReference): ImageReference {
  if (Math.max(image.width, image.height) > 4 * Math.min(image.width, image.height)) {
    throw inputError(
      `${image.name} is ${image.width}×${image.height}; the offline video models take images up to 4:1.`,
    );
  }
  return image;
}

/** The plan for a reference model, or undefined when `model` is not one. */
export function planReferenceJob(
  model: string,
  modality: Modality,
  input: Record<string, unknown>,
): ReferencePlan | undefined {
  const makes = LOCAL_REFERENCE_MODALITIES[model];
  if (!makes) return undefined;
  if (makes !== modality) throw inputError(`The offline model ${model} makes ${makes}, not ${modality}.`);
  switch (model) {
    case 'local/image-to-video': {
      const prompt = promptOf(input, 'video');
      const durationSec = intField(input, 'duration', 4, 2, 8);
      const seed = seedOf(input);
      const image = videoFrameOf(readImageReference(input, 'image'));
      return {
        prompt,
        ext: 'mp4',
        render: async () => ({
          file: await renderPanZoom(overBlack(decodeImage(image)), prompt, { durationSec, seed }),
          version: `genqueue-local image-to-video 1: pan and zoom over ${image.name} (h264-mp4-encoder)`,
        }),
      };
    }
    case 'local/talking-head': {
      const caption = optionalPrompt(input);
      const image = videoFrameOf(readImageReference(input, 'image'));
      const audio = readAudioReference(input, 'audio', MAX_TALKING_HEAD_SEC);
      return {
        prompt: caption || `talking head ${stem(image.name)} ${stem(audio.name)}`,
        ext: 'mp4',
        render: async () => {
          const samples = decodeWavMono(audio.data, audio.wav);
          const file = await renderTalkingHead(
            overBlack(decodeImage(image)),
            { samples, sampleRate: audio.wav.sampleRate },
            caption,
          );
          return {
            file,
            version: `genqueue-local talking head 1: ${image.name} moved by the loudness of ${audio.name}; H.264 (h264-mp4-encoder) + MP3 audio (lamejs), muxed by mediabunny`,
          };
        },
      };
    }
    case 'local/image-edit': {
      const prompt = promptOf(input, 'image');
      const image = readImageReference(input, 'image');
      return {
        prompt,
        ext: 'png',
        render: async () => {
          const edit = renderImageEdit(decodeImage(image), prompt);
          return { file: edit.file, version: `genqueue-local image edit 1: ${edit.look} + vignette on ${image.name}` };
        },
      };
    }
    case 'local/voice-clone': {
      const text = promptOf(input, 'speech');
      const reference = readAudioReference(input, 'reference_audio');
      return {
        prompt: text,
        ext: 'wav',
        render: async () => {
          const samples = decodeWavMono(reference.data, reference.wav, ANALYSED_SEC);
          const profile = analyseVoice(samples, reference.wav.sampleRate);
          const voice = espeakVoiceFor(profile);
          const spoken = await renderSpeech(text, voice);
          const heard = [
            profile.pitchHz === undefined
              ? 'no clear pitch (default kept)'
              : `pitch ≈ ${Math.round(profile.pitchHz)} Hz`,
            profile.peaksPerSec === undefined
              ? 'too little speech for a rate (175 wpm kept)'
              : `≈ ${profile.peaksPerSec.toFixed(1)} loudness peaks/s`,
          ].join(', ');
          const version =
            spoken.engine === 'espeak-ng'
              ? `eSpeak NG (espeak-ng npm 1.0.2), voice ${voice.voice} -p ${voice.pitch} -s ${voice.wordsPerMinute}, derived from ${reference.name}: ${heard}`
              : `tone stand-in: eSpeak NG could not run (${spoken.fallbackReason ?? 'unknown reason'})`;
          return { file: spoken.file, version };
        },
      };
    }
    default:
      return undefined;
  }
}
