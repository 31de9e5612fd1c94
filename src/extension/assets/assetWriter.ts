// The AssetSink of the extension: writes a take into the assets folder atomically (temp name; its
// provenance sidecar claims a free name; the file is renamed in without overwrite; a fresh unique
// name on a clash). Importing the same job's take again finds the earlier file (earlierImport.ts).
// A shot's takes go to the folder the job carries, as take-<n> (takeNaming.ts).
// Provider data never chooses the location: see safeFileName.ts.
import type { AssetSink, ImportedTake } from '../../core/assetSinkPort';
import { ProviderError } from '../../core/errors';
import type { Job, Take } from '../../core/jobTypes';
import { MAX_TAKE_BYTES, requireTakeType } from '../../core/takeMedia';
import { headOf, isSpooled, sizeOf, type TakeBytes } from '../../core/takeSpool';
import { findEarlierImport } from './earlierImport';
import { ownerPid, processAlive } from './fileTakeSpool';
import { type HostFileSystem, joinUri } from './hostFileSystem';
import { baseNameOf, safeRelativeFolder, sanitizeStem, slugFromPrompt } from './safeFileName';
import { buildSidecar, SIDECAR_SUFFIX } from './sidecar';
import { namingFor, type TakeNaming } from './takeNaming';

export const DEFAULT_ASSETS_FOLDER = 'assets/generated';
/** Files being written into the assets folder; leftovers of a crash are removed at start. */
export const TEMP_PREFIX = '.genq-tmp-';
/** Shot takes are two folders down: <list name>/<shot id>. */
const SHOT_FOLDER_DEPTH = 2;

/** Where assets go right now (settings and workspace folders can change between imports). */
export interface AssetRoot {
  /** URI of the base: the first workspace folder, or globalStorageUri when there is none. */
  baseUri: string;
  /** True when `baseUri` is a workspace folder: local paths are then workspace-relative. */
  inWorkspace: boolean;
  /** File-system path of the base, for absolute local paths outside a workspace. */
  baseFsPath: string;
  /** The assets folder setting (workspace-relative). */
  folderSetting: string | undefined;
}

export interface AssetWriterOptions {
  fs: HostFileSystem;
  root: () => AssetRoot;
  generatorVersion: string;
  maxBytes?: number;
  /** For temp names; injectable so tests are deterministic. */
  randomId?: () => string;
  /** Temp names start with the writer's process id, so leftovers of dead processes can be told apart. */
  pid?: number;
  isAlive?: (pid: number) => boolean;
}

function formatBytes(n: number): string {
  if (n >= 1048576) return `${Math.round(n / 1048576)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

function promptOf(job: Job): unknown {
  return job.input.prompt ?? job.input.text ?? job.input.input;
}

export class AssetWriter implements AssetSink {
  private readonly maxBytes: number;
  private readonly randomId: () => string;
  private readonly pid: number;

  constructor(private readonly opts: AssetWriterOptions) {
    this.maxBytes = opts.maxBytes ?? MAX_TAKE_BYTES;
    this.randomId = opts.randomId ?? (() => Math.random().toString(36).slice(2, 10));
    this.pid = opts.pid ?? process.pid;
  }

  /** The folder (relative to the root's base) a job's takes go to. */
  folderFor(job: Job, root: AssetRoot): string {
    if (!root.inWorkspace) return 'assets';
    return (
      safeRelativeFolder(job.destination?.folder) ?? safeRelativeFolder(root.folderSetting) ?? DEFAULT_ASSETS_FOLDER
    );
  }

  async importTake(job: Job, take: Take, data: TakeBytes): Promise<ImportedTake> {
    const size = sizeOf(data);
    if (size === 0) {
      throw new ProviderError({
        category: 'transient',
        message: 'The provider returned an empty file. Nothing was written; retry the job.',
        retryable: false,
      });
    }
    if (size > this.maxBytes) {
      throw new ProviderError({
        category: 'transient',
        message: `The result is larger than the ${formatBytes(this.maxBytes)} limit. Nothing was written.`,
        detail: `${size} bytes`,
        retryable: false,
      });
    }
    const { contentType, ext } = requireTakeType(job.modality, headOf(data), take.contentType);

    const root = this.opts.root();
    const folder = this.folderFor(job, root);
    const folderUri = joinUri(root.baseUri, folder);
    await this.opts.fs.createDirectory(folderUri);

    const fallback = slugFromPrompt(promptOf(job)) || `${job.modality}-${job.id.slice(0, 8)}`;
    const suggested = take.suggestedName ?? (take.remoteUrl ? baseNameOf(take.remoteUrl) : undefined);
    // Prefer our readable prompt slug; the provider's name (often a UUID) only when there is no prompt.
    const stemSource = slugFromPrompt(promptOf(job)) ? fallback : suggested;
    const stem = sanitizeStem(stemSource, fallback);
    const suffix = take.index > 0 ? `-${take.index + 1}` : '';

    const naming = namingFor(job, `${stem}${suffix}`, ext);
    const sidecar = buildSidecar(
      job,
      { index: take.index, contentType, bytes: size, ...(suggested ? { sourceName: suggested } : {}) },
      this.opts.generatorVersion,
    );
    const sidecarBytes = new TextEncoder().encode(`${JSON.stringify(sidecar, null, 2)}\n`);
    const place = (name: string) => {
      const rel = `${folder}/${name}`;
      const localPath = root.inWorkspace ? rel : `${root.baseFsPath.replace(/[/\\]+$/, '')}/${rel}`;
      return { localPath, bytes: size };
    };

    // Imported before, and the host stopped before the job was saved: that file is the take.
    const earlier = await findEarlierImport(this.opts.fs, folderUri, naming.sidecars, job, take);
    if (earlier?.mediaPresent) {
      if (isSpooled(data)) await data.discard().catch(() => undefined);
      return { ...place(earlier.name), bytes: earlier.bytes };
    }

    const tempUri = await this.writeTemp(folderUri, ext, data);
    try {
      if (earlier) {
        // The name was claimed (sidecar written) but the file never moved in: finish that import.
        await this.opts.fs.rename(tempUri, joinUri(folderUri, earlier.name), { overwrite: false });
        return place(earlier.name);
      }
      return place(await this.claimAndMove(tempUri, folderUri, naming, sidecarBytes));
    } catch (err) {
      await this.opts.fs.delete(tempUri).catch(() => undefined);
      throw err;
    }
  }

  /** Bytes into a temp file in the folder; a spooled take's file is moved there (copied across file systems). */
  private async writeTemp(folderUri: string, ext: string, data: TakeBytes): Promise<string> {
    const uri = joinUri(folderUri, `${TEMP_PREFIX}${this.pid}-${this.randomId()}.${ext}`);
    if (!isSpooled(data)) {
      await this.opts.fs.writeFile(uri, data);
      return uri;
    }
    try {
      await this.opts.fs.rename(data.uri, uri, { overwrite: false });
    } catch {
      await this.opts.fs.writeFile(uri, await data.read(0, data.bytes));
      await data.discard().catch(() => undefined);
    }
    return uri;
  }

  /**
   * Remove temp files that processes which no longer run left in the assets folder and in its shot
   * take folders (<list name>/<shot id>: a crash mid-import). Another window's files in progress
   * are left alone. Returns how many went.
   */
  async removeLeftovers(): Promise<number> {
    const root = this.opts.root();
    const folder = root.inWorkspace ? (safeRelativeFolder(root.folderSetting) ?? DEFAULT_ASSETS_FOLDER) : 'assets';
    return this.removeLeftoversIn(joinUri(root.baseUri, folder), SHOT_FOLDER_DEPTH);
  }

  private async removeLeftoversIn(folderUri: string, depth: number): Promise<number> {
    const alive = this.opts.isAlive ?? processAlive;
    let removed = 0;
    for (const [name, kind] of await this.opts.fs.readDirectory(folderUri).catch(() => [])) {
      if (kind === 'directory' && depth > 0)
        removed += await this.removeLeftoversIn(joinUri(folderUri, name), depth - 1);
      if (kind !== 'file' || !name.startsWith(TEMP_PREFIX)) continue;
      const pid = ownerPid(name.slice(TEMP_PREFIX.length));
      if (pid === undefined || alive(pid)) continue;
      await this.opts.fs.delete(joinUri(folderUri, name)).catch(() => undefined);
      removed++;
    }
    return removed;
  }

  /**
   * Claim a free name by writing its sidecar (without overwrite), then move the file in (without
   * overwrite). The sidecar comes first so that a restart can always tell whose name it is.
   * Another writer may take a name between our listing and our renames: then the next one is tried.
   */
  private async claimAndMove(
    tempUri: string,
    folderUri: string,
    naming: TakeNaming,
    sidecarBytes: Uint8Array,
  ): Promise<string> {
    const fs = this.opts.fs;
    const taken = new Set<string>();
    for (const [n] of await fs.readDirectory(folderUri).catch(() => [] as [string, 'file'][])) taken.add(n);
    for (let attempt = 0; attempt < 20; attempt++) {
      const name = naming.next(taken);
      taken.add(name);
      const sidecarUri = joinUri(folderUri, `${name}${SIDECAR_SUFFIX}`);
      const sidecarTemp = await this.writeTemp(folderUri, 'json', sidecarBytes);
      try {
        await fs.rename(sidecarTemp, sidecarUri, { overwrite: false });
      } catch (err) {
        await fs.delete(sidecarTemp).catch(() => undefined);
        if (!(await fs.stat(sidecarUri))) throw err;
        continue;
      }
      try {
        await fs.rename(tempUri, joinUri(folderUri, name), { overwrite: false });
        return name;
      } catch (err) {
        await fs.delete(sidecarUri).catch(() => undefined);
        if (!(await fs.stat(joinUri(folderUri, name)))) throw err;
      }
    }
    throw new Error('Could not find a free file name in the assets folder.');
  }
}
