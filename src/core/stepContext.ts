// What every engine step shares (registry, clock, options, ...) and the small helpers that read a job for a provider.

import type { BackoffPolicy } from './backoff';
import type { Clock } from './clock';
import type { Costing, JobEngineOptions } from './engineOptions';
import type { JobRegistry } from './jobRegistry';
import type { Job } from './jobTypes';
import type { ProviderJobRef, SubmitRequest } from './providerPort';
import type { TakeDownload } from './takeDownloader';

const DEFAULT_RECONCILE_DELAY_MS = 2_000;

export interface StepContext {
  registry: JobRegistry;
  clock: Clock;
  opts: JobEngineOptions;
  costing: Costing;
  download: TakeDownload;
  backoff: BackoffPolicy;
  random: () => number;
  isDisposed(): boolean;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export function providerRef(job: Job): ProviderJobRef {
  // Modality and input ride along so an in-memory provider can rebuild a job after a restart.
  return { model: job.model, requestId: job.requestId ?? '', modality: job.modality, input: job.input };
}

export function submitRequestOf(job: Job): SubmitRequest {
  return { jobId: job.id, model: job.model, modality: job.modality, input: job.input };
}

export function reconcileDelayMs(opts: JobEngineOptions): number {
  return opts.reconcileDelayMs ?? DEFAULT_RECONCILE_DELAY_MS;
}
