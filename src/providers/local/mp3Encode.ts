// Audio for offline clips as MP3 (npm `@breezystack/lamejs`, pure JS): MP3 in MP4 plays in every
// Chromium build, including ones without the proprietary AAC decoder (Debian's, VS Code's).

/** The sample rates MP3 has; anything else is resampled to 44.1 kHz. */
const MP3_RATES = new Set([8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000]);
const KBPS = 64;
/** LAME's encoder delay plus the decoder's: the heard audio starts this many samples late. */
export const MP3_DELAY_SAMPLES = 576 + 529;
const CHUNK = 1152;

export interface Mp3Audio {
  data: Uint8Array;
  sampleRate: number;
}

/** Mono samples in [-1, 1] at a 44.1 kHz grid when their own rate is not an MP3 rate (linear). */
export function toMp3Rate(samples: Float32Array, sampleRate: number): { samples: Float32Array; sampleRate: number } {
  if (MP3_RATES.has(sampleRate)) return { samples, sampleRate };
  const rate = 44100;
  const out = new Float32Array(Math.floor((samples.length * rate) / sampleRate));
  for (let i = 0; i < out.length; i++) {
    const at = (i * sampleRate) / rate;
    const i0 = Math.floor(at);
    const a = samples[i0] ?? 0;
    const b = samples[i0 + 1] ?? a;
    out[i] = a + (b - a) * (at - i0);
  }
  return { samples: out, sampleRate: rate };
}

export async function encodeMp3(samples: Float32Array, sampleRate: number): Promise<Mp3Audio> {
  // import(): the package's CommonJS entry is an IIFE that exports nothing; its ES module does.
  const { Mp3Encoder } = await import('@breezystack/lamejs');
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) pcm[i] = Math.round(Math.max(-1, Math.min(1, samples[i] as number)) * 32767);
  const encoder = new Mp3Encoder(1, sampleRate, KBPS);
  const parts: Uint8Array[] = [];
  const keep = (chunk: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }) => {
    if (chunk.byteLength > 0) parts.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength).slice());
  };
  for (let i = 0; i < pcm.length; i += CHUNK) keep(encoder.encodeBuffer(pcm.subarray(i, i + CHUNK)));
  keep(encoder.flush());
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  return { data, sampleRate };
}
