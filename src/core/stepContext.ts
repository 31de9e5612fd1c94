// What every engine step shares (registry, clock, options, ...) and the small helpers that read a job for a provider.

import type { BackoffPolicy } from './backoff';
import type { Clock } from './clock';
import type { Costing, JobEngineOptions } from './engineOptions';
import type { JobRegistry } from './jobRegistry';
import type { Job } from './jobTypes';
import type { ProviderJobRef, SubmitRequest } from './providerPort';
import { inputWithRefs } from './references/referenceInput';
import type { ReferenceUploads } from './references/referenceUploads';
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
  references: ReferenceUploads;
  isDisposed(): boolean;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export function providerRef(job: Job): ProviderJobRef {
  // Modality and input ride along so an in-memory provider can rebuild a job after a restart.
  return { model: job.model, requestId: job.requestId ?? '', modality: job.modality, input: providerInput(job) };
}

/** The one place the sent input is built: the create and reconcile (which matches by input) agree. */
export function submitRequestOf(job: Job): SubmitRequest {
  return { jobId: job.id, model: job.model, modality: job.modality, input: providerInput(job) };
}

/** The job's input with its references' uploaded URLs in their fields. */
export function providerInput(job: Job): Record<string, unknown> {
  return inputWithRefs(job.input, job.refs, job.refUrls);
}

export function reconcileDelayMs(opts: JobEngineOptions): number {
  return opts.reconcileDelayMs ?? DEFAULT_RECONCILE_DELAY_MS;
}
