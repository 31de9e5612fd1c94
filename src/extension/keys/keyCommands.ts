// Set API Key… / Clear API Key…: SecretStorage only; the key is typed into a password box and
// never echoed, logged or shown.
import * as vscode from 'vscode';
import type { HostContext } from '../host/hostContext';
import { staleReasonOf } from '../status/attentionNotice';
import { KEYED_PROVIDER_IDS, type KeyedProvider, validateKeyInput } from './apiKeys';

const PROVIDER_NAME: Record<KeyedProvider, string> = { fal: 'fal.ai', replicate: 'Replicate' };

export function providerName(p: KeyedProvider): string {
  return PROVIDER_NAME[p];
}

function sourceText(ctx: HostContext, p: KeyedProvider): string {
  switch (ctx.keys.source(p)) {
    case 'secret':
      return vscode.l10n.t('key set in VS Code');
    case 'env':
      return vscode.l10n.t('key from the environment ({0})', p === 'fal' ? 'FAL_KEY' : 'REPLICATE_API_TOKEN');
    default:
      return vscode.l10n.t('no key');
  }
}

async function pickProvider(ctx: HostContext, title: string): Promise<KeyedProvider | undefined> {
  const pick = await vscode.window.showQuickPick(
    KEYED_PROVIDER_IDS.map((p) => ({ label: PROVIDER_NAME[p], description: sourceText(ctx, p), provider: p })),
    { title, placeHolder: vscode.l10n.t('Which provider?') },
  );
  return pick?.provider;
}

function isKeyed(p: unknown): p is KeyedProvider {
  return p === 'fal' || p === 'replicate';
}

/** Returns true when a key was stored. */
export async function setApiKey(ctx: HostContext, provider?: unknown): Promise<boolean> {
  const p = isKeyed(provider) ? provider : await pickProvider(ctx, vscode.l10n.t('GenQueue: Set API Key'));
  if (!p) return false;
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0} API key', PROVIDER_NAME[p]),
    prompt:
      p === 'fal'
        ? vscode.l10n.t('Paste your fal.ai key (fal.ai → Dashboard → Keys). It is stored in VS Code secret storage.')
        : vscode.l10n.t(
            'Paste your Replicate API token (replicate.com → Account → API tokens). It is stored in VS Code secret storage.',
          ),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => validateKeyInput(v, vscode.l10n.t),
  });
  if (value === undefined) return false;
  try {
    await ctx.keys.set(p, value);
  } catch (err) {
    ctx.log.error(`Storing the ${p} key failed: ${String(err)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('The key could not be stored. See the GenQueue log.'));
    return false;
  }
  ctx.log.info(`API key for ${p} set (secret storage).`);
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} key saved.', PROVIDER_NAME[p]));
  resumeJobsStoppedByKey(ctx, p);
  return true;
}

/**
 * Jobs of this provider that stopped being checked because the key was rejected: a new key is
 * what they were waiting for, so check them again now (from the panel, a notification or the palette).
 */
function resumeJobsStoppedByKey(ctx: HostContext, p: KeyedProvider): void {
  // Not started yet: no job was checked in this session, so none stopped on the old key here.
  const service = ctx.serviceIfStarted();
  if (!service) return;
  const stopped = service.engine
    .list()
    .filter((j) => j.provider === p && staleReasonOf(j) === 'error' && j.error?.category === 'auth');
  for (const job of stopped) {
    service.checkAgain(job.id).catch((err) => ctx.log.error(`Check again of job ${job.id} failed: ${String(err)}`));
  }
  if (stopped.length > 0) ctx.log.info(`Checking ${stopped.length} job(s) again with the new ${p} key.`);
}

export async function clearApiKey(ctx: HostContext, provider?: unknown): Promise<void> {
  const p = isKeyed(provider) ? provider : await pickProvider(ctx, vscode.l10n.t('GenQueue: Clear API Key'));
  if (!p) return;
  const clear = vscode.l10n.t('Clear Key');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Remove the {0} key from VS Code secret storage?', PROVIDER_NAME[p]),
    { modal: true },
    clear,
  );
  if (answer !== clear) return;
  await ctx.keys.clear(p);
  ctx.log.info(`API key for ${p} cleared.`);
  const envLeft = ctx.keys.source(p) === 'env';
  void vscode.window.showInformationMessage(
    envLeft
      ? vscode.l10n.t('{0} key removed. The key from the environment is still used.', PROVIDER_NAME[p])
      : vscode.l10n.t('{0} key removed.', PROVIDER_NAME[p]),
  );
}
