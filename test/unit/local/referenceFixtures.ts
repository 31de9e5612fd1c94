// Reference files for the offline reference models, written to a temp folder as a person's files
// would be: a PNG portrait, the same as JPEG, voice-like WAVs, and files of the wrong kind.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { encodeWav } from '../../../src/providers/local/wav';

/** A 160×120 "portrait": a gradient background and a lighter face ellipse in the middle. */
export function portraitRgba(width = 160, height = 120): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const face = ((x - width / 2) / (width * 0.22)) ** 2 + ((y - height * 0.55) / (height * 0.4)) ** 2 < 1;
      rgba[i] = face ? 220 : (x * 255) / width;
      rgba[i + 1] = face ? 180 : 90;
      rgba[i + 2] = face ? 150 : (y * 255) / height;
      rgba[i + 3] = 255;
    }
  }
  return rgba;
}

export function pngOf(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  png.data.set(rgba);
  return new Uint8Array(PNG.sync.write(png));
}

/**
 * Voice-like audio: syllables of a glottal pulse train at `pitchHz` (a decaying buzz per pulse),
 * `syllablesPerSec` of them, with pauses between. 16-bit mono at `sampleRate`.
 */
export function voiceSamples(opts: {
  seconds: number;
  pitchHz: number;
  syllablesPerSec?: number;
  sampleRate?: number;
}) {
  const rate = opts.sampleRate ?? 22050;
  const n = Math.round(opts.seconds * rate);
  const samples = new Int16Array(n);
  const syllable = 1 / (opts.syllablesPerSec ?? 4);
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const inSyllable = (t % syllable) / syllable;
    const envelope = inSyllable < 0.6 ? Math.sin((Math.PI * inSyllable) / 0.6) : 0;
    const sincePulse = t % (1 / opts.pitchHz);
    const buzz = Math.exp(-sincePulse * 900) * Math.sin(2 * Math.PI * 700 * sincePulse);
    samples[i] = Math.round(20000 * envelope * buzz);
  }
  return { samples, sampleRate: rate };
}

export interface Fixtures {
  dir: string;
  url(name: string): string;
  write(name: string, bytes: Uint8Array): string;
}

export function fixtures(): Fixtures {
  const dir = mkdtempSync(join(tmpdir(), 'genq-refs-'));
  const url = (name: string) => pathToFileURL(join(dir, name)).href;
  const write = (name: string, bytes: Uint8Array) => {
    writeFileSync(join(dir, name), bytes);
    return url(name);
  };
  const rgba = portraitRgba();
  write('portrait.png', pngOf(rgba, 160, 120));
  write('portrait.jpg', new Uint8Array(encodeJpeg({ width: 160, height: 120, data: rgba }, 90).data));
  const voice = voiceSamples({ seconds: 1.5, pitchHz: 120 });
  write('line.wav', encodeWav(voice.samples, voice.sampleRate));
  const long = voiceSamples({ seconds: 61, pitchHz: 120, sampleRate: 8000 });
  write('long.wav', encodeWav(long.samples, long.sampleRate));
  write('still.gif', new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;'));
  write(
    'line.mp3',
    new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64, ...new Array(400).fill(0)]),
  );
  return { dir, url, write };
}
