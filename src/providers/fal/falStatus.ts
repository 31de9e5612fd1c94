// fal queue status JSON → ProviderStatus. fal never says FAILED: a failed request is COMPLETED
// with `error` / `error_type` (§3.3), and the precise reason only comes from the result call.
import { ProviderError } from '../../core/errors';
import type { ProviderStatus } from '../../core/providerPort';
import { parseLogProgress } from '../shared/logProgress';
import { isRecord, num, str } from '../shared/values';

export interface MappedFalStatus {
  status: ProviderStatus;
  /** Set when COMPLETED carries an error: the job failed (classify it, maybe with the result's detail). */
  failure?: { text?: string; errorType?: string };
}

export function mapFalStatus(raw: unknown): MappedFalStatus {
  if (!isRecord(raw)) throw unreadable(raw);
  const logs = logLines(raw.logs);
  const withLogs = (s: ProviderStatus): ProviderStatus => {
    if (logs.length) {
      s.logs = logs;
      const p = parseLogProgress(logs);
      if (p !== undefined) s.progress = p;
    }
    return s;
  };
  switch (raw.status) {
    case 'IN_QUEUE': {
      const s: ProviderStatus = { phase: 'queued' };
      const pos = queuePositionOf(raw);
      if (pos !== undefined) s.queuePosition = pos;
      return { status: s };
    }
    case 'IN_PROGRESS':
      return { status: withLogs({ phase: 'running' }) };
    case 'COMPLETED': {
      const inference = isRecord(raw.metrics) ? num(raw.metrics.inference_time) : undefined;
      const metrics = inference !== undefined ? { predictTimeSec: inference } : undefined;
      const error = str(raw.error) ?? (raw.error ? JSON.stringify(raw.error) : undefined);
      const errorType = str(raw.error_type);
      if (errorType === 'client_cancelled' || errorType === 'client_canceled') {
        return { status: withLogs({ phase: 'canceled' }) };
      }
      if (error || errorType) {
        const s = withLogs({ phase: 'failed' });
        if (metrics) s.metrics = metrics;
        return { status: s, failure: { text: error, errorType } };
      }
      const s = withLogs({ phase: 'completed' });
      s.progress = 1;
      if (metrics) s.metrics = metrics;
      return { status: s };
    }
    default:
      throw unreadable(raw);
  }
}

/** Did anything the engine shows change (state, queue position), or is it done? */
export function isMeaningfulChange(raw: unknown, last: ProviderStatus | undefined): boolean {
  if (!isRecord(raw)) return false;
  if (raw.status === 'COMPLETED') return true;
  if (!last) return true;
  const phase = raw.status === 'IN_QUEUE' ? 'queued' : raw.status === 'IN_PROGRESS' ? 'running' : undefined;
  if (phase !== last.phase) return true;
  return phase === 'queued' && queuePositionOf(raw) !== last.queuePosition;
}

/** fal counts from 0 (0 = next in line); a job shows 1 for next in line, as the offline provider does. */
export function queuePositionOf(raw: Record<string, unknown>): number | undefined {
  const pos = num(raw.queue_position);
  return pos === undefined ? undefined : pos + 1;
}

/** Does `next` tell the user anything `prev` did not (state, queue position, logs, progress)? */
export function statusChanged(next: ProviderStatus, prev: ProviderStatus | undefined): boolean {
  if (!prev) return true;
  if (next.phase !== prev.phase || next.queuePosition !== prev.queuePosition || next.progress !== prev.progress) {
    return true;
  }
  const a = next.logs ?? [];
  const b = prev.logs ?? [];
  return a.length !== b.length || a[a.length - 1] !== b[b.length - 1];
}

function logLines(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const entry of v) {
    const msg = isRecord(entry) ? str(entry.message) : str(entry);
    if (msg !== undefined) out.push(...msg.split(/\r?\n/).filter((l) => l.trim().length > 0));
  }
  return out;
}

function unreadable(raw: unknown): ProviderError {
  return new ProviderError({
    category: 'transient',
    message: 'fal sent a status GenQueue does not understand. GenQueue will ask again.',
    detail: JSON.stringify(raw)?.slice(0, 500),
  });
}
