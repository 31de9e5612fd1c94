// Replicate prediction JSON → ProviderStatus. starting = queued (cold boot or waiting),
// processing = running; aborted (a Cancel-After deadline before start) is not billed: canceled.
import { ProviderError } from '../../core/errors';
import type { JobMetrics } from '../../core/jobTypes';
import type { ProviderStatus } from '../../core/providerPort';
import { classifyJobFailure } from '../shared/failureText';
import { mentionsUnreachableInput } from '../shared/inputFetchFailure';
import { parseLogProgress, splitLogText } from '../shared/logProgress';
import { isRecord, num, str } from '../shared/values';

export function mapPrediction(p: unknown): ProviderStatus {
  if (!isRecord(p)) throw unreadable(p);
  const logs = splitLogText(str(p.logs));
  const s = ((): ProviderStatus => {
    switch (p.status) {
      case 'starting':
        return { phase: 'queued' };
      case 'processing':
        return { phase: 'running' };
      case 'succeeded':
        return { phase: 'completed' };
      case 'failed': {
        const text = errorText(p.error);
        const failed: ProviderStatus = { phase: 'failed', error: classifyJobFailure('Replicate', text) };
        if (mentionsUnreachableInput(text)) failed.inputFileUnreachable = true;
        return failed;
      }
      case 'canceled':
      case 'aborted':
        return { phase: 'canceled' };
      default:
        throw unreadable(p);
    }
  })();
  if (logs.length) {
    s.logs = logs;
    const progress = parseLogProgress(logs);
    if (progress !== undefined) s.progress = progress;
  }
  if (s.phase === 'completed') s.progress = 1;
  const metrics = predictionMetrics(p);
  if (metrics) s.metrics = metrics;
  return s;
}

export function predictionMetrics(p: Record<string, unknown>): JobMetrics | undefined {
  if (!isRecord(p.metrics)) return undefined;
  const m: JobMetrics = {};
  const predict = num(p.metrics.predict_time);
  const total = num(p.metrics.total_time);
  if (predict !== undefined) m.predictTimeSec = predict;
  if (total !== undefined) m.totalTimeSec = total;
  return Object.keys(m).length ? m : undefined;
}

function errorText(e: unknown): string | undefined {
  if (e === null || e === undefined) return undefined;
  return typeof e === 'string' ? e : JSON.stringify(e);
}

function unreadable(p: unknown): ProviderError {
  return new ProviderError({
    category: 'transient',
    message: 'Replicate sent a prediction GenQueue does not understand. GenQueue will ask again.',
    detail: JSON.stringify(p)?.slice(0, 500),
  });
}
