// The person-at-the-keyboard path through "GenQueue: Generate …": command palette, model pick, prompt.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Session } from './session';

export async function generateFromPalette(
  session: Session,
  opts: { command?: string; modelLabel: string; prompt: string },
): Promise<void> {
  const { wb } = session;
  await wb.runCommand(opts.command ?? 'GenQueue: Generate Image…');
  await wb.pickQuickItem(opts.modelLabel);
  await wb.submitInputBox(opts.prompt);
}

/** Files (relative names) in a workspace folder; [] when it does not exist yet. */
export function filesIn(session: Session, relativeFolder: string): string[] {
  try {
    return readdirSync(join(session.server.workspaceDir, relativeFolder)).sort();
  } catch {
    return [];
  }
}

/** The demo workspace is a Remotion project, so GenQueue saves under public/ (where staticFile() looks). */
export const ASSETS_FOLDER = 'public/generated';

/** Takes (media files) and their `.genq.json` sidecars in the assets folder. */
export function generatedAssets(session: Session, folder = ASSETS_FOLDER): { media: string[]; sidecars: string[] } {
  const all = filesIn(session, folder);
  return {
    media: all.filter((f) => !f.endsWith('.genq.json') && !f.startsWith('.')),
    sidecars: all.filter((f) => f.endsWith('.genq.json')),
  };
}

/** Take files of one shot, from `<assets>/<list name>/<shot>/`. */
export function takeFiles(session: Session, shotId: string): string[] {
  const root = session.workspacePath(ASSETS_FOLDER);
  const found: string[] = [];
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.parentPath.endsWith(`/${shotId}`) && /^take-\d+\.\w+$/.test(entry.name)) {
      found.push(join(entry.parentPath, entry.name));
    }
  }
  return found.sort();
}
