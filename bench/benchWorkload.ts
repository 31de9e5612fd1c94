// The engine benchmark's workloads: which models, how long their runs take, when jobs arrive.
import { seededRandom } from '../src/core/backoff';
import { DurationHistory } from '../src/core/durationEstimates';
import type { Modality, ProviderId } from '../src/core/jobTypes';

export interface ModelProfile {
  provider: ProviderId;
  model: string;
  modality: Modality;
  /** Typical total time at the provider (queue + run), ms. */
  medianMs: number;
  share: number;
  /** Runs are clamped to this range, ms. */
  minMs: number;
  maxMs: number;
}

export interface WorkItem {
  index: number;
  profile: ModelProfile;
  arriveAt: number;
  queueMs: number;
  runMs: number;
  /** Queue positions shown while queued (fal), spread over queueMs. */
  queuePositions?: number[];
}

/** Short jobs: 5–30 s at the provider. */
export const SHORT_MAX_MS = 30_000;
const SHORT = { minMs: 5_000, maxMs: SHORT_MAX_MS };
const LONG = { minMs: 20_000, maxMs: 900_000 };

export const PROFILES: ModelProfile[] = [
  {
    provider: 'replicate',
    model: 'black-forest-labs/flux-schnell',
    modality: 'image',
    medianMs: 8_000,
    share: 0.1,
    ...SHORT,
  },
  {
    provider: 'replicate',
    model: 'black-forest-labs/flux-1.1-pro',
    modality: 'image',
    medianMs: 16_000,
    share: 0.1,
    ...SHORT,
  },
  { provider: 'fal', model: 'fal-ai/flux/schnell', modality: 'image', medianMs: 10_000, share: 0.1, ...SHORT },
  { provider: 'fal', model: 'fal-ai/flux/dev', modality: 'image', medianMs: 28_000, share: 0.15, ...LONG },
  {
    provider: 'fal',
    model: 'fal-ai/kling-video/v2.1/standard/text-to-video',
    modality: 'video',
    medianMs: 180_000,
    share: 0.15,
    ...LONG,
  },
  { provider: 'fal', model: 'fal-ai/veo3', modality: 'video', medianMs: 540_000, share: 0.05, ...LONG },
  {
    provider: 'replicate',
    model: 'black-forest-labs/flux-dev',
    modality: 'image',
    medianMs: 30_000,
    share: 0.15,
    ...LONG,
  },
  { provider: 'replicate', model: 'minimax/video-01', modality: 'video', medianMs: 270_000, share: 0.15, ...LONG },
  {
    provider: 'replicate',
    model: 'wan-video/wan-2.1-t2v-720p',
    modality: 'video',
    medianMs: 720_000,
    share: 0.05,
    ...LONG,
  },
];

/** A run of this model: ±25 % around its median, within the profile's range. */
export function sampleDuration(p: ModelProfile, rnd: () => number): number {
  return Math.round(Math.min(p.maxMs, Math.max(p.minMs, p.medianMs * (0.75 + 0.5 * rnd()))));
}

function pickProfile(rnd: () => number): ModelProfile {
  let x = rnd();
  for (const p of PROFILES) {
    x -= p.share;
    if (x < 0) return p;
  }
  return PROFILES[PROFILES.length - 1] as ModelProfile;
}

/** `jobs` jobs from the mixed profiles, arriving about every `meanGapMs`. */
export function makeWorkload(seed: number, jobs: number, meanGapMs: number): WorkItem[] {
  const rnd = seededRandom(seed);
  let t = 0;
  return Array.from({ length: jobs }, (_, index) => {
    t += Math.round(-Math.log(1 - rnd()) * meanGapMs);
    const profile = pickProfile(rnd);
    const total = sampleDuration(profile, rnd);
    const queueMs = Math.round(total * 0.1 * rnd());
    return { index, profile, arriveAt: t, queueMs, runMs: total - queueMs };
  });
}

/** 14 s fal jobs that wait behind `depth` others (a position a second), one every 20 s. */
export function falQueueWorkload(depth: number, jobs: number): WorkItem[] {
  const profile = PROFILES.find((p) => p.model === 'fal-ai/flux/dev') as ModelProfile;
  const queueMs = 1_000 * (depth + 1);
  return Array.from({ length: jobs }, (_, index) => ({
    index,
    profile,
    arriveAt: index * 20_000,
    queueMs,
    runMs: Math.max(3_000, 14_000 - queueMs),
    queuePositions: Array.from({ length: depth + 1 }, (_, i) => depth - i),
  }));
}

/** Earlier runs of the same models, as the user's history would hold them. */
export function warmHistory(seed: number): DurationHistory {
  const rnd = seededRandom(seed);
  const h = new DurationHistory();
  for (const p of PROFILES) for (let i = 0; i < 7; i++) h.record(p.model, sampleDuration(p, rnd) + 200);
  return h;
}
