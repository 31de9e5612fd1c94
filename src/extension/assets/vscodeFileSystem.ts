// HostFileSystem over workspace.fs (works for local, remote and virtual workspaces).
import * as vscode from 'vscode';
import type { FileKind, HostFileSystem } from './hostFileSystem';

function kindOf(type: vscode.FileType): FileKind {
  return type & vscode.FileType.Directory ? 'directory' : 'file';
}

export function createVscodeFileSystem(fs: vscode.FileSystem = vscode.workspace.fs): HostFileSystem {
  const u = (s: string) => vscode.Uri.parse(s, true);
  return {
    readFile: async (uri) => fs.readFile(u(uri)),
    writeFile: async (uri, data) => fs.writeFile(u(uri), data),
    rename: async (from, to, opts) => fs.rename(u(from), u(to), opts),
    delete: async (uri) => fs.delete(u(uri), { useTrash: false }),
    createDirectory: async (uri) => fs.createDirectory(u(uri)),
    stat: async (uri) => {
      try {
        const s = await fs.stat(u(uri));
        return { kind: kindOf(s.type), size: s.size };
      } catch {
        return undefined;
      }
    },
    readDirectory: async (uri) =>
      (await fs.readDirectory(u(uri))).map(([n, t]) => [n, kindOf(t)] as [string, FileKind]),
  };
}
