// "Use this take": the take file is copied to the shot's stable `output` path, so code that uses
// the path picks up the chosen take. The copy lands under a temp name and is renamed over the old
// output, so a reader never sees half a file. Paths outside the workspace are refused.
import { workspacePathProblem } from '../../core/shots/shotRules';
import { type HostFileSystem, joinUri } from '../assets/hostFileSystem';

/** The workspace-relative path, normalised; or why it cannot be used. */
export function outputPathIn(output: string): { ok: true; path: string } | { ok: false; message: string } {
  // The shot list's own rule (its diagnostics say the same): no absolute path, URL or `..`.
  const problem = workspacePathProblem(output.trim());
  if (problem) return { ok: false, message: `The take was not copied: ${problem}` };
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
