// Typed access to the `genqueue.*` settings (declared in package.json contributes.configuration).
import * as vscode from 'vscode';
import type { Modality, ProviderId } from '../../core/jobTypes';
import type { ProviderSetting } from '../generate/providerChoice';
import type { InsertTemplateSetting } from '../insert/insertTemplates';
import type { NotificationMode } from '../status/notificationPolicy';
import { checkBaseUrl, userValue, workspaceTried } from './settingsSafety';

export interface HostConfig {
  defaultProvider: ProviderSetting;
  defaultModel(modality: Modality): string | undefined;
  assetsFolder: string;
  /** The user set assetsFolder (any scope); otherwise the project may pick a better default. */
  assetsFolderExplicit: boolean;
  insertTemplates: InsertTemplateSetting;
  notifications: NotificationMode;
  pollWindowMinutes: number;
  concurrency: Partial<Record<ProviderId, number>>;
  /** Only valid base URLs from the user's settings (see settingsSafety.ts). */
  baseUrl: Partial<Record<'fal' | 'replicate', string>>;
  budgetConfirmThreshold: number;
  /** Settings that were set but not used, each with the reason, for the user to see once. */
  settingProblems: string[];
}

function positive(n: unknown, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : fallback;
}

function isExplicit(
  i: { globalValue?: unknown; workspaceValue?: unknown; workspaceFolderValue?: unknown } | undefined,
) {
  return [i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue].some((v) => typeof v === 'string' && v.trim());
}

export function readConfig(): HostConfig {
  const c = vscode.workspace.getConfiguration('genqueue');
  const notifications = c.get<string>('notifications');
  const provider = c.get<string>('defaultProvider');
  const concurrency: Partial<Record<ProviderId, number>> = {};
  for (const p of ['fal', 'replicate', 'local'] as const) {
    const n = c.get<number>(`concurrency.${p}`);
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) concurrency[p] = n;
  }
  const settingProblems: string[] = [];
  const baseUrl: HostConfig['baseUrl'] = {};
  for (const p of ['fal', 'replicate'] as const) {
    const layers = c.inspect<string>(`baseUrl.${p}`);
    if (workspaceTried(layers)) {
      settingProblems.push(`genqueue.baseUrl.${p} is ignored in workspace settings; set it in your user settings.`);
    }
    const u = userValue(layers)?.trim();
    if (!u) continue;
    const check = checkBaseUrl(u);
    if (check.ok) baseUrl[p] = check.url;
    else settingProblems.push(`genqueue.baseUrl.${p} is not used: ${check.reason}. GenQueue uses the real service.`);
  }
  const threshold = c.inspect<number>('budgetConfirmThreshold');
  if (workspaceTried(threshold)) {
    settingProblems.push(
      'genqueue.budgetConfirmThreshold is ignored in workspace settings; set it in your user settings.',
    );
  }
  const templates = c.get<unknown>('insertTemplates');
  return {
    defaultProvider:
      provider === 'fal' || provider === 'replicate' || provider === 'local' || provider === 'auto' ? provider : 'auto',
    defaultModel: (m) => c.get<string>(`models.${m}`)?.trim() || undefined,
    assetsFolder: c.get<string>('assetsFolder')?.trim() || 'assets/generated',
    assetsFolderExplicit: isExplicit(c.inspect<string>('assetsFolder')),
    insertTemplates:
      templates && typeof templates === 'object' && !Array.isArray(templates)
        ? (templates as InsertTemplateSetting)
        : {},
    notifications: notifications === 'whenAllFinish' || notifications === 'never' ? notifications : 'each',
    pollWindowMinutes: positive(c.get<number>('pollWindowMinutes'), 30),
    concurrency,
    baseUrl,
    budgetConfirmThreshold: (() => {
      const v = userValue(threshold);
      return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0.5;
    })(),
    settingProblems,
  };
}
