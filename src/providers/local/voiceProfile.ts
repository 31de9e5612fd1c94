// What the offline "voice clone" takes from a reference recording: its typical pitch (an
// autocorrelation estimate over the voiced parts) and its speaking rate (loudness peaks, about
// one per syllable), turned into eSpeak NG settings. A sketch of the voice, not a clone.

/** At most this much of the reference is analysed. */
export const ANALYSED_SEC = 20;
const ANALYSIS_RATE = 8000;
const MIN_HZ = 60;
const MAX_HZ = 400;
/** Loudness peaks per spoken word, measured on eSpeak NG's own speech (170 wpm ≈ 5.8 peaks/s). */
const PEAKS_PER_WORD = 2;

export interface VoiceProfile {
  /** Median pitch of the voiced frames, Hz; undefined when no frame was clearly voiced. */
  pitchHz?: number;
  /** Loudness peaks (about one a syllable) per second of speech; undefined with too little speech. */
  peaksPerSec?: number;
}

export interface EspeakVoice {
  voice: string;
  /** eSpeak's -p, 0..99 (50 is the voice's own). */
  pitch: number;
  wordsPerMinute: number;
}

/** The samples averaged down to about 8 kHz (enough for pitch and rhythm, 3-6× less work). */
function downsample(samples: Float32Array, sampleRate: number): { x: Float32Array; rate: number } {
  const factor = Math.max(1, Math.floor(sampleRate / ANALYSIS_RATE));
  const n = Math.floor(Math.min(samples.length, ANALYSED_SEC * sampleRate) / factor);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = 0; k < factor; k++) sum += samples[i * factor + k] as number;
    x[i] = sum / factor;
  }
  return { x, rate: sampleRate / factor };
}

export function analyseVoice(samples: Float32Array, sampleRate: number): VoiceProfile {
  const { x, rate } = downsample(samples, sampleRate);
  const frame = Math.round(rate * 0.04);
  const hop = Math.round(rate * 0.01);
  const rms: number[] = [];
  for (let s = 0; s + frame <= x.length; s += hop) {
    let e = 0;
    for (let i = s; i < s + frame; i++) e += (x[i] as number) ** 2;
    rms.push(Math.sqrt(e / frame));
  }
  const loudest = Math.max(0, ...rms);
  if (loudest < 1e-3) return {};
  const speaking = rms.map((e) => e > loudest * 0.15);
  const pitches: number[] = [];
  const minLag = Math.floor(rate / MAX_HZ);
  const maxLag = Math.ceil(rate / MIN_HZ);
  // Every third speaking frame is plenty for a median.
  for (let f = 0; f < rms.length; f += 3) {
    if (!speaking[f]) continue;
    const s = f * hop;
    const len = Math.min(frame, x.length - s - maxLag);
    if (len < frame / 2) continue;
    let energy = 0;
    for (let i = 0; i < len; i++) energy += (x[s + i] as number) ** 2;
    const corr = new Float32Array(maxLag + 1);
    let best = 0;
    for (let lag = minLag; lag <= maxLag; lag++) {
      let c = 0;
      let e2 = 0;
      for (let i = 0; i < len; i++) {
        c += (x[s + i] as number) * (x[s + i + lag] as number);
        e2 += (x[s + i + lag] as number) ** 2;
      }
      corr[lag] = c / Math.sqrt(energy * e2 + 1e-12);
      best = Math.max(best, corr[lag] as number);
    }
    // Every multiple of the period correlates too: the shortest lag near the best is the pitch.
    let bestLag = 0;
    for (let lag = minLag + 1; lag < maxLag && bestLag === 0; lag++) {
      const r = corr[lag] as number;
      if (r >= best * 0.85 && r >= (corr[lag - 1] as number) && r >= (corr[lag + 1] as number)) bestLag = lag;
    }
    if (best > 0.6 && bestLag > 0) pitches.push(rate / bestLag);
  }
  const profile: VoiceProfile = {};
  if (pitches.length > 0) profile.pitchHz = pitches.sort((a, b) => a - b)[Math.floor(pitches.length / 2)];
  const speakingSec = (speaking.filter(Boolean).length * hop) / rate;
  if (speakingSec >= 0.5) profile.peaksPerSec = countPeaks(rms, loudest, hop / rate) / speakingSec;
  return profile;
}

/** Loudness peaks at least 150 ms apart with a real dip between them. */
function countPeaks(rms: number[], loudest: number, stepSec: number): number {
  const gap = Math.ceil(0.15 / stepSec);
  let peaks = 0;
  let last = -gap;
  let dipped = true;
  let peak = 0;
  for (let i = 1; i + 1 < rms.length; i++) {
    const e = rms[i] as number;
    if (e < peak * 0.5) dipped = true;
    if (e > loudest * 0.25 && e >= (rms[i - 1] as number) && e > (rms[i + 1] as number) && dipped && i - last >= gap) {
      peaks++;
      last = i;
      peak = e;
      dipped = false;
    }
  }
  return peaks;
}

/** eSpeak NG settings for a profile: a female variant above 165 Hz, pitch relative to its base. */
export function espeakVoiceFor(profile: VoiceProfile): EspeakVoice {
  const wordsPerMinute =
    profile.peaksPerSec === undefined
      ? 175
      : Math.round(Math.max(110, Math.min(260, (profile.peaksPerSec * 60) / PEAKS_PER_WORD)));
  if (profile.pitchHz === undefined) return { voice: 'en-us', pitch: 50, wordsPerMinute };
  const female = profile.pitchHz >= 165;
  // Measured with this analysis on eSpeak NG itself: -p 50 is ≈ 101 Hz (en-us) and ≈ 204 Hz
  // (en-us+f3), and -p 20..80 spans about two thirds of an octave (≈ 90 steps an octave).
  const base = female ? 204 : 101;
  const pitch = Math.round(Math.max(0, Math.min(99, 50 + 90 * Math.log2(profile.pitchHz / base))));
  return { voice: female ? 'en-us+f3' : 'en-us', pitch, wordsPerMinute };
}
