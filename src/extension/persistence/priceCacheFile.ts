// The price book's cache as one small JSON file under globalStorageUri (`prices.json`): prices are
// per account (fal may apply discounts), not per workspace. Written to a temp name and renamed
// over the old file, so a crash leaves the old one intact. A missing file is "no cache"; an
// unreadable one is handed to the book as text, which drops it and refetches.
import type { PriceCacheDoc, PriceCacheStore } from '../../core/prices/priceTypes';
import { type HostFileSystem, joinUri } from '../assets/hostFileSystem';

export const PRICE_CACHE_FILE = 'prices.json';

export class PriceCacheFile implements PriceCacheStore {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly fs: HostFileSystem,
    /** globalStorageUri as a string. */
    private readonly baseUri: string,
  ) {}

  private get uri(): string {
    return joinUri(this.baseUri, PRICE_CACHE_FILE);
  }

  async load(): Promise<unknown> {
    if (!(await this.fs.stat(this.uri))) return undefined;
    const text = new TextDecoder().decode(await this.fs.readFile(this.uri));
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }

  save(doc: PriceCacheDoc): Promise<void> {
    // Serialised: two saves must not interleave their temp file and rename.
    this.chain = this.chain.catch(() => undefined).then(() => this.write(doc));
    return this.chain;
  }

  private async write(doc: PriceCacheDoc): Promise<void> {
    await this.fs.createDirectory(this.baseUri);
    const temp = joinUri(this.baseUri, `.${PRICE_CACHE_FILE}.tmp`);
    await this.fs.writeFile(temp, new TextEncoder().encode(JSON.stringify(doc)));
    await this.fs.rename(temp, this.uri, { overwrite: true });
  }
}
