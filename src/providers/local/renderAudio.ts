// The offline "music": a short melody seeded by the prompt (pentatonic notes over a soft drone),
// synthesised in TS and written as a WAV.
import { promptSeed, seededRandom } from './promptSeed';
import type { RenderedFile } from './renderImage';
import { encodeWav } from './wav';

export const AUDIO_SAMPLE_RATE = 22050;
const PENTATONIC = [0, 2, 4, 7, 9, 12, 14, 16];

export function renderAudio(prompt: string, opts: { durationSec: number; seed?: number }): RenderedFile {
  const rnd = seededRandom(promptSeed(prompt, opts.seed));
  const rate = AUDIO_SAMPLE_RATE;
  const total = Math.round(opts.durationSec * rate);
  const out = new Float32Array(total);
  const root = 196 * 2 ** (Math.floor(rnd() * 7) / 12); // around G3
  const beat = 0.18 + rnd() * 0.22; // seconds per note
  const noteLen = Math.round(beat * rate);
  for (let start = 0, n = 0; start < total; start += noteLen, n++) {
    const step = PENTATONIC[Math.floor(rnd() * PENTATONIC.length)] as number;
    const freq = root * 2 ** (step / 12) * (n % 8 === 7 ? 0.5 : 1);
    const len = Math.min(noteLen, total - start);
    for (let i = 0; i < len; i++) {
      const t = i / rate;
      // Short attack, exponential decay: a plucked sound, no clicks between notes.
      const env = Math.min(1, i / (0.01 * rate)) * Math.exp((-3 * i) / noteLen) * Math.min(1, (len - i) / 64);
      const tone = Math.sin(2 * Math.PI * freq * t) + 0.3 * Math.sin(4 * Math.PI * freq * t);
      out[start + i] = (out[start + i] as number) + 0.35 * env * tone;
    }
  }
  const drone = root / 2;
  const samples = new Int16Array(total);
  for (let i = 0; i < total; i++) {
    const fade = Math.min(1, i / (0.05 * rate), (total - i) / (0.05 * rate));
    const v = ((out[i] as number) + 0.12 * Math.sin((2 * Math.PI * drone * i) / rate)) * fade;
    samples[i] = Math.max(-32767, Math.min(32767, Math.round(v * 32767 * 0.8)));
  }
  return { data: encodeWav(samples, rate), contentType: 'audio/wav', durationSec: total / rate };
}

/** A stand-in voice when eSpeak NG cannot load: one gliding buzz per word, shaped like speech. */
export function renderToneSpeech(text: string, wordsPerMinute: number): RenderedFile {
  const rate = AUDIO_SAMPLE_RATE;
  const words = text.split(/\s+/).filter(Boolean).slice(0, 400);
  const wordSec = 60 / wordsPerMinute;
  const parts: number[] = [];
  for (const word of words) {
    const rnd = seededRandom(promptSeed(word, undefined));
    const len = Math.round(wordSec * 0.75 * rate * Math.min(1.6, 0.6 + word.length / 8));
    const f0 = 110 + rnd() * 60;
    for (let i = 0; i < len; i++) {
      const t = i / rate;
      const env = Math.sin((Math.PI * i) / len);
      const f = f0 * (1 + 0.15 * Math.sin((Math.PI * i) / len));
      // A few harmonics give a voice-like buzz rather than a pure beep.
      const v =
        Math.sin(2 * Math.PI * f * t) + 0.5 * Math.sin(4 * Math.PI * f * t) + 0.25 * Math.sin(6 * Math.PI * f * t);
      parts.push(0.4 * env * v);
    }
    for (let i = 0; i < Math.round(wordSec * 0.25 * rate); i++) parts.push(0);
  }
  const samples = Int16Array.from(parts, (v) => Math.max(-32767, Math.min(32767, Math.round(v * 32767 * 0.6))));
  return { data: encodeWav(samples, rate), contentType: 'audio/wav', durationSec: samples.length / rate };
}
