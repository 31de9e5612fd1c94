// What an "attention" notification says and offers, per reason (pure, so every case is testable):
// - stale because the polling window passed: the provider may still finish; Check Again later;
// - stale because checking failed (job.error: key rejected mid-poll, downloads kept failing):
//   "Stopped checking: <message>", Check Again (+ Set API Key for auth), shown as an error so VS
//   Code keeps it until dismissed (error notifications with actions are sticky);
// - unknown submit outcome: look at it in the panel.
import type { Job } from '../../core/jobTypes';
import { modelLabel } from '../generate/modelLabel';
import { plainT, type Translate } from '../shared/text';

export type StaleReason = 'window' | 'error';

/** `job.staleReason` once the engine records it; before that, an error on a stale job means checking failed. */
export function staleReasonOf(job: Job): StaleReason | undefined {
  if (!job.stale) return undefined;
  const recorded = (job as Job & { staleReason?: unknown }).staleReason;
  if (recorded === 'window' || recorded === 'error') return recorded;
  return job.error ? 'error' : 'window';
}

export type AttentionAction = 'checkAgain' | 'setApiKey' | 'showPanel';

export interface AttentionNotice {
  /** error: stays until dismissed; warning: may fade into the notification centre. */
  severity: 'warning' | 'error';
  message: string;
  actions: AttentionAction[];
}

export function attentionNotice(job: Job, t: Translate = plainT): AttentionNotice {
  const model = modelLabel(job);
  const reason = staleReasonOf(job);
  if (reason === 'error') {
    const why = job.error?.message ?? t('checking its status kept failing.');
    return {
      severity: 'error',
      message: t('{0} — Stopped checking: {1}', model, why),
      actions: job.error?.category === 'auth' ? ['setApiKey', 'checkAgain'] : ['checkAgain', 'showPanel'],
    };
  }
  if (reason === 'window') {
    return {
      severity: 'warning',
      message: t(
        '{0} is taking longer than the polling window. It may still finish at {1}; GenQueue stopped checking. Use Check Again in the panel.',
        model,
        job.provider,
      ),
      actions: ['checkAgain', 'showPanel'],
    };
  }
  return {
    severity: 'warning',
    message: t('GenQueue could not tell whether {0} received a {1} job. Check it in the panel.', job.provider, model),
    actions: ['showPanel'],
  };
}
