// What the one status bar item shows, computed from the jobs (pure, so every mix is testable).
// Active: "$(loading~spin) 3 generating · ~1 min"; failures: "$(error) 1 failed" (error colour only
// then); jobs parked stale/unknown: "$(warning) 1 needs attention" (warning colour when nothing else
// is running); all together; hidden when there is nothing to say.
import type { Job } from '../core/jobTypes';
import { staleReasonOf } from './attentionNotice';
import { isInFlight, needsAttention, remainingMs, shortModel, startedAt } from './jobProgress';
import { formatDuration, formatElapsed, plainT, type Translate } from './text';

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

/**
 * Failed jobs nobody has dealt with yet. A failure whose retry (or a retry of that retry) succeeded
 * or is still running is being handled: it stays in the panel until dismissed, but it is not an
 * alarm in the status bar any more.
 */
export function unresolvedFailures(jobs: readonly Job[]): Job[] {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const handled = new Set<string>();
  for (const j of jobs) {
    if (j.state === 'failed' || j.state === 'canceled') continue;
    let parent = j.retriedFrom;
    // Bounded walk up the lineage (a corrupt cycle cannot loop).
    for (let i = 0; parent !== undefined && i < 100 && !handled.has(parent); i++) {
      handled.add(parent);
      parent = byId.get(parent)?.retriedFrom;
    }
  }
  return jobs.filter((j) => j.state === 'failed' && !handled.has(j.id));
}

export function computeStatusBar(
  jobs: readonly Job[],
  now: number,
  estimateMs: (model: string) => number | undefined,
  t: Translate = plainT,
): StatusBarModel {
  const active = jobs.filter(isInFlight);
  const failed = unresolvedFailures(jobs);
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
    return `- **${escapeMarkdown(shortModel(j.model))}** — ${escapeMarkdown(state)} · ${elapsed}`;
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
