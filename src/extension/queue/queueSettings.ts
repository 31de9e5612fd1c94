// The settings the Production Queue reads: the default budget cap of a shot list, and the provider
// and model a shot uses when neither the shot nor the file's defaults name one.
import * as vscode from 'vscode';
import type { Modality, ProviderId } from '../../core/jobTypes';
import { findModel, modelsFor } from '../../core/modelCatalog';
import { resolveProvider } from '../generate/providerChoice';
import type { HostConfig } from '../host/hostConfig';
import { userValue } from '../host/settingsSafety';

/**
 * genqueue.shotListBudget (USD) for lists without `budget:`; null, unset or 0: no cap (the runner's
 * rule, so the header shows the cap that is applied). User settings only, like
 * budgetConfirmThreshold: a cloned repository's settings cannot change a spending cap.
 */
export function defaultShotListBudget(): number | undefined {
  const v = userValue(vscode.workspace.getConfiguration('genqueue').inspect<number | null>('shotListBudget'));
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

/** The palette's choice: the provider setting (auto: the first with a key), its default model for the modality. */
export function settingsFallback(
  cfg: Pick<HostConfig, 'defaultProvider' | 'defaultModel'>,
  hasKey: (p: ProviderId) => boolean,
): (modality: Modality) => { provider: ProviderId; model: string } {
  return (modality) => {
    const provider = resolveProvider(cfg.defaultProvider, hasKey);
    const wanted = cfg.defaultModel(modality);
    const model =
      (wanted && findModel(provider, wanted)?.modality === modality ? wanted : undefined) ??
      modelsFor(modality, provider)[0]?.id ??
      `local/${modality}`;
    return { provider: modelsFor(modality, provider).length > 0 ? provider : 'local', model };
  };
}
