// Pure display helpers: what a job's row, tracker and details say. No DOM, unit-testable in Node.
import type { ErrorCategory, JobState, ProviderId } from '../../src/core/jobTypes';
import type { JobView } from '../../src/extension/panel/generationsProtocol';
import { TRACKER_STEPS, trackerIndex } from '../../src/extension/panel/generationsProtocol';

export const PROMPT_PREVIEW_CHARS = 80;

const PROVIDER_LABELS: Record<ProviderId, string> = { fal: 'fal.ai', replicate: 'Replicate', local: 'Local (offline)' };

export function providerLabel(provider: ProviderId): string {
  return PROVIDER_LABELS[provider] ?? provider;
}

/** "fal-ai/flux/schnell" -> "flux/schnell"; "black-forest-labs/flux-schnell" -> "flux-schnell". */
export function modelLabel(model: string): string {
  const parts = model.split('/').filter(Boolean);
  // "local/image" would shorten to a bare "image"; the full id reads better.
  if (parts.length <= 1 || parts[0] === 'local') return model;
  return parts.slice(1).join('/');
}

/** The name a person knows the model by (the host sends the catalog label), else the short id. */
export function labelOf(job: { model: string; view?: { modelLabel?: string }; modelLabel?: string }): string {
  return job.view?.modelLabel ?? job.modelLabel ?? modelLabel(job.model);
}

/** The colour family of a job's status dot; one CSS class per value. */
export type DotKind = 'running' | 'queued' | 'done' | 'failed' | 'warning' | 'canceled';

export function dotKind(job: Pick<JobView, 'state' | 'stale' | 'error'>): DotKind {
  // Stopped checking because of an error: the user must act, like a failure.
  if (staleReasonOf(job) === 'error') return 'failed';
  if (job.stale || job.state === 'unknown') return 'warning';
  switch (job.state) {
    case 'running':
    case 'downloading':
    case 'importing':
      return 'running';
    case 'submitting':
    case 'waiting':
    case 'queued':
    case 'cancelling':
      return 'queued';
    case 'succeeded':
      return 'done';
    case 'failed':
      return 'failed';
    case 'canceled':
      return 'canceled';
  }
}

export function percent(progress: number | undefined): number | undefined {
  if (progress === undefined || !Number.isFinite(progress)) return undefined;
  return Math.round(Math.min(1, Math.max(0, progress)) * 100);
}

export type StaleReason = 'window' | 'error';

/**
 * Why a job was parked stale: `job.staleReason` once the engine records it; before that, an error
 * on a stale job means checking failed (key rejected mid-poll, downloads kept failing).
 */
export function staleReasonOf(job: Pick<JobView, 'stale' | 'error'>): StaleReason | undefined {
  if (!job.stale) return undefined;
  const recorded = (job as { staleReason?: unknown }).staleReason;
  if (recorded === 'window' || recorded === 'error') return recorded;
  return job.error ? 'error' : 'window';
}

/** The one-line "current step" text of an active row. */
export function stepText(job: JobView): string {
  const reason = staleReasonOf(job);
  if (reason === 'error') return `Stopped checking: ${job.error?.message ?? 'checking its status kept failing.'}`;
  if (reason === 'window') return 'Still running at provider — stopped checking';
  switch (job.state) {
    case 'waiting':
      return 'Waiting for a free slot';
    case 'submitting':
      return 'Sending…';
    case 'queued':
      return job.queuePosition !== undefined ? `Queued #${job.queuePosition}` : 'Queued';
    case 'running': {
      const p = percent(job.progress);
      return p !== undefined ? `Generating ${p}%` : 'Generating…';
    }
    case 'cancelling':
      return 'Cancelling…';
    case 'downloading':
      return 'Downloading';
    case 'importing':
      return 'Importing';
    case 'unknown':
      return 'Submit outcome unknown';
    case 'succeeded':
      return 'Done';
    case 'failed':
      return 'Failed';
    case 'canceled':
      return 'Canceled';
  }
}

export const STATE_LABELS: Record<JobState, string> = {
  waiting: 'Waiting',
  submitting: 'Submitting',
  queued: 'Queued',
  running: 'Running',
  downloading: 'Downloading',
  importing: 'Importing',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelling: 'Cancelling',
  canceled: 'Canceled',
  unknown: 'Unknown',
};

/** m:ss under an hour, h:mm:ss above. Negative input (clock skew) shows 0:00. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "~45 s left", "~3 min left"; rounded up so the job usually beats it. */
export function formatEta(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  if (ms <= 0) return undefined;
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `~${Math.max(5, Math.ceil(s / 5) * 5)} s left`;
  return `~${Math.ceil(s / 60)} min left`;
}

export function truncate(text: string, max = PROMPT_PREVIEW_CHARS): string {
  const chars = Array.from(text.trim());
  return chars.length <= max
    ? chars.join('')
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** The prompt a job was made from (speech models call it text). */
export function promptOf(input: Record<string, unknown>): string {
  for (const key of ['prompt', 'text', 'input', 'script']) {
    const v = input[key];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return '';
}

export interface DetailRow {
  label: string;
  value: string;
  mono?: boolean;
}

export function inputDetails(job: JobView): DetailRow[] {
  const input = job.input;
  const rows: DetailRow[] = [];
  const prompt = promptOf(input);
  if (prompt) rows.push({ label: 'Prompt', value: truncate(prompt) });
  const duration = firstNumber(input, ['duration', 'duration_seconds', 'seconds', 'length']);
  if (duration !== undefined) rows.push({ label: 'Duration', value: `${duration} s` });
  const resolution = resolutionOf(input);
  if (resolution) rows.push({ label: 'Resolution', value: resolution });
  const aspect = input.aspect_ratio ?? input.aspectRatio;
  if (typeof aspect === 'string' && aspect) rows.push({ label: 'Aspect ratio', value: aspect });
  rows.push({ label: 'Endpoint', value: job.model, mono: true });
  rows.push({ label: 'Provider', value: providerLabel(job.provider) });
  const cost = job.view.costLabel ?? job.cost.actual?.label ?? job.cost.estimate?.label;
  if (cost) rows.push({ label: 'Cost', value: cost });
  if (job.requestId) rows.push({ label: 'Request', value: job.requestId, mono: true });
  return rows;
}

function firstNumber(input: Record<string, unknown>, keys: string[]): number | string | undefined {
  for (const k of keys) {
    const v = input[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && /^\d+(\.\d+)?s?$/.test(v)) return v.replace(/s$/, '');
  }
  return undefined;
}

function resolutionOf(input: Record<string, unknown>): string | undefined {
  if (typeof input.resolution === 'string' && input.resolution) return input.resolution;
  if (typeof input.image_size === 'string' && input.image_size) return input.image_size;
  const w = input.width;
  const h = input.height;
  if (typeof w === 'number' && typeof h === 'number') return `${w}×${h}`;
  return undefined;
}

export type TrackerStatus = 'done' | 'active' | 'pending';

export interface TrackerStepView {
  label: string;
  status: TrackerStatus;
  /** Epoch ms at which this step was entered, when known. */
  at?: number;
}

const STEP_STATES: JobState[][] = [['submitting'], ['queued'], ['running'], ['downloading'], ['importing']];

export function trackerSteps(job: JobView): TrackerStepView[] {
  const active = trackerIndex(job.state);
  return TRACKER_STEPS.map((name, i) => {
    let label: string = name;
    if (name === 'Queued' && job.queuePosition !== undefined && active <= 1) label = `Queued #${job.queuePosition}`;
    if (name === 'Generating' && active === 2) {
      const p = percent(job.progress);
      if (p !== undefined) label = `Generating ${p}%`;
    }
    const status: TrackerStatus = i < active ? 'done' : i === active ? 'active' : 'pending';
    const at = STEP_STATES[i]?.map((s) => job.stateAt[s]).find((t) => t !== undefined);
    return at !== undefined ? { label, status, at } : { label, status };
  });
}

export const CATEGORY_LABELS: Record<ErrorCategory, string> = {
  input: 'Input problem',
  'billing-policy': 'Billing or content policy',
  auth: 'API key problem',
  transient: 'Temporary provider problem',
};

/** When a job finished, for ordering recent results. */
export function finishedAt(job: JobView): number {
  return job.stateAt.succeeded ?? job.stateAt.failed ?? job.stateAt.canceled ?? job.updatedAt;
}
