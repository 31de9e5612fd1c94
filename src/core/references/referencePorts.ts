// The host's side of references: reading a reference's bytes (the host backs it with the workspace
// file system; core has no vscode) and keeping the upload cache across sessions (a JSON file in
// globalStorage). Both are ports so core and its tests stay free of vscode.

/** A reference's bytes as read now, and where the file is on this machine. */
export interface ReferenceBytes {
  data: Uint8Array;
  contentType: string;
  /** The absolute path on this machine (the offline provider reads the file from there). */
  absolutePath?: string;
}

export interface ReferenceReader {
  /**
   * Read a reference by its recorded path (workspace-relative, resolved against the workspace
   * root, or absolute). Throws when the file is missing or unreadable.
   */
  read(path: string): Promise<ReferenceBytes>;
}

/** Where the upload cache is kept between sessions: whole-document JSON get and put. */
export interface UploadCacheStore {
  load(): Promise<unknown>;
  save(data: unknown): Promise<void>;
}

export interface ReferenceOptions {
  reader: ReferenceReader;
  /** Without one, the cache lives for this session only. */
  cacheStore?: UploadCacheStore;
  /** An upload this close to its expiry is made again before use, ms (default 10 minutes). */
  renewMarginMs?: number;
}
