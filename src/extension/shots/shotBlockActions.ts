// What the blocking-failure modal's buttons do. A held batch stays held until the user resumes it
// (or a key is set): topping up, editing shots and raising the cap happen outside GenQueue.
import { formatUsd } from '../../core/cost';
import type { Job, ProviderId } from '../../core/jobTypes';
import { editShotList } from '../../core/shots/shotEdits';
import type { BatchView, BlockAction } from '../queue/queueProtocol';
import type { ShotRunnerDeps } from './shotRunnerDeps';
import type { ShotListRef } from './shotRunnerPort';

export const BILLING_PAGES: Record<Exclude<ProviderId, 'local'>, string> = {
  fal: 'https://fal.ai/dashboard/billing',
  replicate: 'https://replicate.com/account/billing',
};

export interface BlockedBatch {
  batch(): BatchView | undefined;
  batchJobs(): readonly Job[];
  resume(): Promise<void>;
  cancel(): Promise<void>;
  /** Spent on the list so far, USD. */
  spent(): number;
}

/** The provider the batch is blocked on: the one the engine named, else a paid one of its failures. */
function blockedProvider(b: BlockedBatch): Exclude<ProviderId, 'local'> | undefined {
  const named = b.batch()?.blocked?.provider;
  const jobs = b.batchJobs();
  const candidates = [
    named,
    ...jobs.filter((j) => j.state === 'failed').map((j) => j.provider),
    ...jobs.map((j) => j.provider),
  ];
  return candidates.find((p): p is Exclude<ProviderId, 'local'> => p === 'fal' || p === 'replicate');
}

export async function runBlockAction(
  deps: Pick<ShotRunnerDeps, 'ui'>,
  list: ShotListRef,
  action: BlockAction,
  b: BlockedBatch,
): Promise<void> {
  const ui = deps.ui;
  switch (action) {
    case 'setKey': {
      const provider = blockedProvider(b);
      if (!provider) return ui.warn('This batch runs offline only: it needs no API key.');
      // Resumed only when a key was stored: cancelling the key box keeps the batch held.
      if (await ui.setKey(provider)) await b.resume();
      return;
    }
    case 'topUp': {
      const provider = blockedProvider(b);
      if (!provider) return ui.warn('This batch runs offline only: nothing to pay for.');
      await ui.openExternal(BILLING_PAGES[provider]);
      return ui.info('The batch stays paused. Resume it once your balance is topped up.');
    }
    case 'editShots':
      return editFailedShots(deps, list, b);
    case 'raiseCap':
      return openBudgetLine(deps, list, b);
    case 'cancelBatch':
      return b.cancel();
    case 'resume':
      return b.resume();
  }
}

async function editFailedShots(deps: Pick<ShotRunnerDeps, 'ui'>, list: ShotListRef, b: BlockedBatch): Promise<void> {
  const failed = [...new Set(b.batchJobs().flatMap((j) => (j.state === 'failed' && j.shot ? [j.shot.shotId] : [])))];
  const first = failed.map((id) => list.parsed.spans[id]).find((s) => s !== undefined);
  if (failed.length === 0) return deps.ui.info('No shot of this batch failed.');
  await deps.ui.openAt(list.uri, first?.start.line ?? 0);
  deps.ui.info(`Failed in this batch: ${failed.join(', ')}. Edit them, then resume the batch.`);
}

/** Open the file at `budget:`, adding the line (enough for this batch) when the file has none. */
async function openBudgetLine(deps: Pick<ShotRunnerDeps, 'ui'>, list: ShotListRef, b: BlockedBatch): Promise<void> {
  let text = list.text;
  if (list.parsed.list.budget === undefined) {
    const suggested = Math.ceil(b.spent() + (b.batch()?.estimate.amount ?? 0));
    const edit = editShotList(list.text, { kind: 'setBudget', budget: suggested });
    if (!edit.ok) return deps.ui.error(`The budget could not be added to the file: ${edit.message}`);
    if (!(await deps.ui.applyEdit(list.uri, edit.replace, list.text))) {
      return deps.ui.error('The budget could not be added to the file (it changed meanwhile). Try again.');
    }
    text = edit.text;
    deps.ui.info(
      `Added budget: ${suggested} (spent ${formatUsd(b.spent())} plus this batch). Change it, save, then resume.`,
    );
  } else {
    deps.ui.info('Raise the budget on this line, then resume the batch.');
  }
  await deps.ui.openAt(
    list.uri,
    Math.max(
      0,
      text.split('\n').findIndex((l) => /^budget\s*:/.test(l)),
    ),
  );
}
