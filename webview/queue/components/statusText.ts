// What the status column says for each ShotStatus, and the class that colours it (failed: by error
// category, with the generations panel's colours: input red, billing-policy and auth amber, transient blue).
import type { ErrorCategory, HoldReason } from '../../../src/core/jobTypes';
import type { ShotRow, ShotStatus } from '../../../src/extension/queue/queueProtocol';

export const STATUS_LABELS: Record<ShotStatus, string> = {
  'not-generated': 'Not generated',
  stale: 'Stale',
  waiting: 'Waiting',
  held: 'Held',
  unconfirmed: 'Unconfirmed',
  queued: 'Queued',
  generating: 'Generating',
  failed: 'Failed',
  canceled: 'Canceled',
  blocked: 'Not sent',
  done: 'Done',
  chosen: 'Chosen',
};

export const HOLD_LABELS: Record<HoldReason, string> = {
  paused: 'paused',
  auth: 'API key',
  billing: 'billing',
  policy: 'content policy',
  budget: 'budget cap',
};

const CATEGORY_LABELS: Record<ErrorCategory, string> = {
  input: 'input',
  'billing-policy': 'billing/policy',
  auth: 'API key',
  transient: 'temporary',
};

export const STATUS_ICONS: Record<ShotStatus, string> = {
  'not-generated': 'circle-large-outline',
  stale: 'history',
  waiting: 'clock',
  held: 'debug-pause',
  unconfirmed: 'question',
  queued: 'clock',
  generating: 'loading',
  failed: 'error',
  canceled: 'circle-slash',
  blocked: 'debug-disconnect',
  done: 'pass',
  chosen: 'pass-filled',
};

export function statusText(row: ShotRow): string {
  switch (row.status) {
    case 'waiting':
      return row.chain ? `Waiting for ${row.chain.after}` : 'Waiting';
    case 'blocked':
      return `Not sent: ${row.chain?.after ?? 'a dependency'} ${row.chain?.state === 'canceled' ? 'was canceled' : 'failed'}`;
    case 'held':
      return `Held (${HOLD_LABELS[row.hold ?? 'paused']})`;
    case 'queued':
      // fal counts the queue from 0: position 0 is the next job to start, not "#0".
      if (row.queuePosition === undefined) return 'Queued';
      return row.queuePosition === 0 ? 'Queued (next)' : `Queued #${row.queuePosition}`;
    case 'generating':
      return row.progress !== undefined ? `Generating ${Math.round(row.progress * 100)}%` : 'Generating';
    case 'failed':
      return row.error ? `Failed (${CATEGORY_LABELS[row.error.category]})` : 'Failed';
    case 'chosen':
      return row.take !== undefined ? `Chosen (take ${row.take})` : 'Chosen';
    default:
      return STATUS_LABELS[row.status];
  }
}

/** The status cell's tooltip: the error message, the hold reason, or the label. */
export function statusTitle(row: ShotRow): string {
  if (row.status === 'failed' && row.error) return row.error.message;
  if (row.chain?.state === 'waiting') {
    return `Waiting for ${row.chain.after}: sent once ${row.chain.after} has a new take, which is chosen for it.`;
  }
  if (row.status === 'blocked')
    return `${statusText(row)}. Generate it again once ${row.chain?.after ?? 'that shot'} has a take.`;
  if (row.status === 'unconfirmed')
    return 'The provider may have this job: GenQueue could not confirm whether its submit arrived. Check again or send it again from the GenQueue panel.';
  return statusText(row);
}

export function statusClass(row: ShotRow): string {
  if (row.status === 'failed') return `status status--failed status--cat-${row.error?.category ?? 'transient'}`;
  return `status status--${row.status}`;
}
