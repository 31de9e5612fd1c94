// The slice of `workspace.fs` the host needs, over URI strings, so file logic (assets, history)
// runs in plain Node tests against an in-memory file system.

export type FileKind = 'file' | 'directory';

export interface HostFileSystem {
  readFile(uri: string): Promise<Uint8Array>;
  writeFile(uri: string, data: Uint8Array): Promise<void>;
  /** Must fail (with FileExists semantics) when `to` exists and overwrite is false. */
  rename(from: string, to: string, opts: { overwrite: boolean }): Promise<void>;
  delete(uri: string): Promise<void>;
  /** Creates parents too; no error when it exists. */
  createDirectory(uri: string): Promise<void>;
  /** undefined when nothing is there. */
  stat(uri: string): Promise<{ kind: FileKind; size: number } | undefined>;
  readDirectory(uri: string): Promise<[string, FileKind][]>;
}

/** Join URI path segments, encoding each one (a name may contain '#', '%' or spaces). */
export function joinUri(base: string, ...segments: string[]): string {
  let out = base.replace(/\/+$/, '');
  for (const seg of segments) {
    for (const part of seg.split('/')) {
      if (part) out += `/${encodeURIComponent(part)}`;
    }
  }
  return out;
}
