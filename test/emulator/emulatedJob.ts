// One emulated remote job and its timeline. State is computed from the clock on every read (no
// timers), so a job "runs" at the emulator's time scale whether or not anyone is polling.
import type { EmulatedProvider, JobScript, OutputKind } from './emulatorTypes';

export type EmuPhase = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled' | 'aborted';

export interface EmuJob {
  provider: EmulatedProvider;
  id: string;
  model: string;
  /** Replicate: the version id or "hidden". */
  version: string;
  input: Record<string, unknown>;
  script: Required<Pick<JobScript, 'queueMs' | 'runMs' | 'outcome'>> & JobScript;
  /** Real epoch ms. */
  createdAt: number;
  /** Real ms per scripted ms. */
  timeScale: number;
  /** When a cancel was asked (real ms). */
  cancelAskedAt?: number;
  /** Replicate Cancel-After deadline (real ms). */
  deadlineAt?: number;
  /** Its cancel reads without the usual marker (the 'cancel-unmarked' fault). */
  cancelUnmarked?: boolean;
}

export interface EmuSnapshot {
  phase: EmuPhase;
  queuePosition?: number;
  logLines: string[];
  startedAt?: number;
  completedAt?: number;
}

export const DEFAULT_SCRIPT = { queueMs: 400, runMs: 1200, outcome: 'succeeded' } as const;

export function queueEnd(job: EmuJob): number {
  return job.createdAt + job.script.queueMs * job.timeScale;
}

export function runEnd(job: EmuJob): number {
  return queueEnd(job) + job.script.runMs * job.timeScale;
}

/** The job's state at real time `now`. */
export function snapshot(job: EmuJob, now: number): EmuSnapshot {
  const qEnd = queueEnd(job);
  const rEnd = runEnd(job);
  // The earliest interruption wins: a cancel, a deadline, or the natural end.
  let endAt = rEnd;
  let endPhase: EmuPhase = job.script.outcome;
  if (job.cancelAskedAt !== undefined) {
    const lag = job.cancelAskedAt < qEnd ? 0 : (job.script.cancelLagMs ?? 0) * job.timeScale;
    const at = job.cancelAskedAt + lag;
    if (at < endAt) {
      endAt = at;
      endPhase = 'canceled';
    }
  }
  if (job.deadlineAt !== undefined && job.deadlineAt < endAt) {
    endAt = job.deadlineAt;
    endPhase = job.deadlineAt < qEnd ? 'aborted' : 'canceled';
  }
  const startedAt = qEnd <= Math.min(now, endAt) ? qEnd : undefined;
  const logLines = linesUntil(job, Math.min(now, endAt));
  if (now >= endAt) return { phase: endPhase, logLines, startedAt, completedAt: endAt };
  if (now < qEnd) return { phase: 'queued', queuePosition: queuePositionAt(job, now), logLines };
  return { phase: 'running', logLines, startedAt };
}

export function isTerminalPhase(p: EmuPhase): boolean {
  return p !== 'queued' && p !== 'running';
}

export function allLogLines(script: JobScript): string[] {
  if (script.logLines) return script.logLines;
  const steps = script.steps ?? 4;
  return Array.from({ length: steps }, (_, i) => `step ${i + 1}/${steps}`);
}

function linesUntil(job: EmuJob, t: number): string[] {
  const lines = allLogLines(job.script);
  const start = queueEnd(job);
  if (t < start || lines.length === 0) return [];
  const span = job.script.runMs * job.timeScale;
  // Line i appears at start + i·span/n: the first at once, the last before the end.
  const n = span <= 0 ? lines.length : Math.min(lines.length, Math.floor(((t - start) / span) * lines.length) + 1);
  return lines.slice(0, n);
}

function queuePositionAt(job: EmuJob, now: number): number {
  const positions = job.script.queuePositions ?? [0];
  if (positions.length === 0) return 0;
  const span = job.script.queueMs * job.timeScale;
  const idx = span <= 0 ? positions.length - 1 : Math.floor(((now - job.createdAt) / span) * positions.length);
  return positions[Math.min(positions.length - 1, Math.max(0, idx))] ?? 0;
}

/** The output kind a model produces when its script does not say. */
export function defaultOutputKind(provider: EmulatedProvider, model: string): OutputKind {
  const m = model.toLowerCase();
  if (/video|veo|kling|hailuo|wan|ltx|luma|runway|omni-?human|lipsync/.test(m)) return 'video';
  if (/stable-audio|musicgen|music|sfx/.test(m)) return provider === 'fal' ? 'audio_file' : 'audio';
  if (/tts|speech|kokoro|elevenlabs|voice|bark|audio/.test(m)) return 'audio';
  return 'images';
}

/** Output file names for a job (the emulator serves them at /files/<provider>/<id>/<name>). */
export function outputNames(job: EmuJob): string[] {
  const kind = job.script.output ?? defaultOutputKind(job.provider, job.model);
  switch (kind) {
    case 'images':
      return Array.from(
        { length: Math.max(1, job.script.outputCount ?? numOutputs(job.input)) },
        (_, i) => `out-${i}.png`,
      );
    case 'image':
      return ['out-0.png'];
    case 'video':
      return ['output.mp4'];
    case 'audio':
    case 'audio_file':
      return ['audio.wav'];
    case 'text':
      return [];
  }
}

function numOutputs(input: Record<string, unknown>): number {
  const n = input.num_outputs ?? input.num_images;
  return typeof n === 'number' && n >= 1 && n <= 8 ? Math.floor(n) : 1;
}
