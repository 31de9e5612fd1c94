// "Use this take": the take file is copied to the shot's stable `output` path, so code that uses
// the path picks up the chosen take. The copy lands under a temp name and is renamed over the old
// output, so a reader never sees half a file. Paths outside the workspace are refused.
import { folderSettingProblem } from '../assets/assetsFolderChoice';
import { type HostFileSystem, joinUri } from '../assets/hostFileSystem';

/** The workspace-relative path, normalised; or why it cannot be used. */
export function outputPathIn(output: string): { ok: true; path: string } | { ok: false; message: string } {
  // The same rule as the assets folder: inside the workspace, no `..`, `~` or absolute path.
  const problem = folderSettingProblem(output);
  if (problem === 'outside') {
    return {
      ok: false,
      message: `The output path "${output}" is outside the workspace. Use a path inside it, such as public/shots/s01.png.`,
    };
  }
  if (problem) return { ok: false, message: `The output path "${output}" is not a usable file name.` };
  const parts = output.trim().replace(/\\/g, '/').split('/');
  return { ok: true, path: parts.filter((p) => p && p !== '.').join('/') };
}

export async function copyTakeToOutput(
  fs: HostFileSystem,
  workspaceUri: string,
  takePath: string,
  outputPath: string,
  tempName: string,
): Promise<void> {
  const data = await fs.readFile(joinUri(workspaceUri, takePath));
  const parent = outputPath.split('/').slice(0, -1).join('/');
  const folderUri = joinUri(workspaceUri, parent);
  await fs.createDirectory(folderUri);
  const temp = joinUri(folderUri, tempName);
  await fs.writeFile(temp, data);
  try {
    await fs.rename(temp, joinUri(workspaceUri, outputPath), { overwrite: true });
  } catch (err) {
    await fs.delete(temp).catch(() => undefined);
    throw err;
  }
}
