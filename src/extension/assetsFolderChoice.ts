// Which folder a new job's takes go to. An explicit setting always wins; otherwise a Remotion
// project gets public/generated, because Remotion's staticFile() only resolves files under public/.
import { packageDependsOnRemotion } from './remotionImports';

export const DEFAULT_FOLDER = 'assets/generated';
export const REMOTION_FOLDER = 'public/generated';

export async function chooseAssetsFolder(
  setting: { value: string; explicit: boolean },
  readRootPackageJson: () => Promise<string | undefined>,
): Promise<string> {
  if (setting.explicit) return setting.value;
  const pkg = await readRootPackageJson().catch(() => undefined);
  return pkg !== undefined && packageDependsOnRemotion(pkg) ? REMOTION_FOLDER : setting.value;
}
