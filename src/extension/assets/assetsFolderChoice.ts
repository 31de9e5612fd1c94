// Which folder a new job's takes go to. An explicit setting wins when it names a folder inside the
// workspace; otherwise a Remotion project gets public/generated, because Remotion's staticFile()
// only resolves files under public/. A setting that cannot be used is reported, never replaced
// silently: the choice says what was rejected, why, and where files go instead.
import { packageDependsOnRemotion } from '../insert/remotionImports';

export const DEFAULT_FOLDER = 'assets/generated';
export const REMOTION_FOLDER = 'public/generated';

/** Why a folder setting cannot be used. */
export type FolderProblem = 'outside' | 'notAFolder' | 'characters';

export interface AssetsFolderChoice {
  folder: string;
  /** The setting that was not used, and why. */
  rejected?: { value: string; problem: FolderProblem };
}

/**
 * Results must stay inside the workspace folder: no absolute path (`/etc`, `C:\x`, `\\server`), no
 * `..`, no `~` (nothing expands it); a name the file system refuses on some platform is refused too.
 */
export function folderSettingProblem(value: string): FolderProblem | undefined {
  const v = value.trim();
  if (/^([\\/]|[a-z]:|~)/i.test(v)) return 'outside';
  const parts = v.split(/[\\/]/).filter((p) => p.trim() && p.trim() !== '.');
  if (parts.some((p) => p.trim() === '..')) return 'outside';
  if (parts.length === 0) return 'notAFolder';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f<>:"|?*]/.test(v)) return 'characters';
  return undefined;
}

export async function chooseAssetsFolder(
  setting: { value: string; explicit: boolean },
  readRootPackageJson: () => Promise<string | undefined>,
): Promise<AssetsFolderChoice> {
  const problem = folderSettingProblem(setting.value);
  if (setting.explicit && !problem) return { folder: setting.value.trim() };
  const pkg = await readRootPackageJson().catch(() => undefined);
  const folder = pkg !== undefined && packageDependsOnRemotion(pkg) ? REMOTION_FOLDER : DEFAULT_FOLDER;
  return problem ? { folder, rejected: { value: setting.value, problem } } : { folder };
}
