// What the one status bar item shows, computed from the jobs (pure, so every mix is testable).
// Active: "$(loading~spin) 3 generating · ~1 min"; failures: "$(error) 1 failed" (error colour only
// then); jobs parked stale/unknown: "$(warning) 1 needs attention" (warning colour when nothing else
// is running); all together; hidden when there is nothing to say.
import type { Job } from '../../core/jobTypes';
import { modelLabel } from '../generate/modelLabel';
import { retryableFailures } from '../generate/retryableFailures';
import { formatDuration, formatElapsed, plainT, type Translate } from '../shared/text';
import { staleReasonOf } from './attentionNotice';
import { isInFlight, needsAttention, remainingMs, startedAt } from './jobProgress';

export interface StatusBarModel {
  visible: boolean;
  text: string;
  /** Markdown for the tooltip. */
  tooltip: string;
  /** Use the error background (failures only). */
  error: boolean;
  /** Use the warning background: jobs need the user and nothing is failing or running. */
  warning: boolean;
}

const MAX_TOOLTIP_ROWS = 12;

function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export function computeStatusBar(
  jobs: readonly Job[],
  now: number,
  estimateMs: (model: string) => number | undefined,
  t: Translate = plainT,
): StatusBarModel {
  const active = jobs.filter(isInFlight);
  const failed = retryableFailures(jobs);
  const attention = jobs.filter(needsAttention);
  const parts: string[] = [];
  if (active.length > 0) {
    let eta: number | undefined;
    for (const j of active) {
      const r = remainingMs(j, estimateMs(j.model), now);
      if (r !== undefined) eta = Math.max(eta ?? 0, r);
    }
    const base = t('$(loading~spin) {0} generating', active.length);
    parts.push(eta === undefined ? base : `${base} · ~${formatDuration(eta, t)}`);
  }
  if (attention.length > 0) {
    parts.push(
      attention.length === 1 ? t('$(warning) 1 needs attention') : t('$(warning) {0} need attention', attention.length),
    );
  }
  if (failed.length > 0) parts.push(t('$(error) {0} failed', failed.length));
  const visible = parts.length > 0;

  const shown = jobs.filter((j) => isInFlight(j) || needsAttention(j) || failed.includes(j));
  const rows = shown.slice(0, MAX_TOOLTIP_ROWS).map((j) => {
    const elapsed = formatElapsed((j.stateAt.succeeded ?? j.stateAt.failed ?? now) - startedAt(j));
    const reason = staleReasonOf(j);
    const state =
      reason === 'error'
        ? t('stopped checking: {0}', clip(j.error?.message ?? t('error'), 80))
        : reason === 'window'
          ? t('stale')
          : j.state === 'unknown'
            ? t('submit outcome unknown')
            : j.state;
    return `- **${escapeMarkdown(modelLabel(j))}** — ${escapeMarkdown(state)} · ${elapsed}`;
  });
  if (shown.length > MAX_TOOLTIP_ROWS) rows.push(t('- …and {0} more', shown.length - MAX_TOOLTIP_ROWS));
  const tooltip = visible
    ? [`**${t('GenQueue')}**`, '', ...rows, '', t('Click to show the generations panel.')].join('\n')
    : '';
  return {
    visible,
    text: parts.join(' · '),
    tooltip,
    error: failed.length > 0 && active.length === 0,
    warning: attention.length > 0 && failed.length === 0 && active.length === 0,
  };
}
