// API keys: SecretStorage only (`genqueue.key.fal`, `genqueue.key.replicate`), then the
// environment (FAL_KEY / REPLICATE_API_TOKEN). SecretStorage wins: a key set in VS Code is a
// deliberate choice for this editor, while the environment is often inherited by accident.
// Providers read keys synchronously (`credentials()`), so the vault keeps an in-memory copy,
// refreshed on `secrets.onDidChange` (another window may set a key).
import type { ProviderId } from '../../core/jobTypes';
import type { DisposableLike } from '../shared/disposable';
import { plainT, type Translate } from '../shared/text';

export type KeyedProvider = 'fal' | 'replicate';
export const KEYED_PROVIDER_IDS: readonly KeyedProvider[] = ['fal', 'replicate'];

export const SECRET_KEYS: Record<KeyedProvider, string> = {
  fal: 'genqueue.key.fal',
  replicate: 'genqueue.key.replicate',
};

export const ENV_KEYS: Record<KeyedProvider, string> = {
  fal: 'FAL_KEY',
  replicate: 'REPLICATE_API_TOKEN',
};

/** The slice of vscode.SecretStorage used here. */
export interface SecretStorageLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  onDidChange(listener: (e: { key: string }) => unknown): DisposableLike;
}

export type KeySource = 'secret' | 'env' | 'none';

export class ApiKeys implements DisposableLike {
  private readonly secret = new Map<KeyedProvider, string>();
  private readonly listeners = new Set<(provider: KeyedProvider) => void>();
  private readonly subscription: DisposableLike;

  constructor(
    private readonly secrets: SecretStorageLike,
    private readonly env: Record<string, string | undefined> = process.env,
  ) {
    this.subscription = secrets.onDidChange((e) => {
      const p = KEYED_PROVIDER_IDS.find((id) => SECRET_KEYS[id] === e.key);
      if (p) void this.refresh(p);
    });
  }

  /** Load both keys (call once at start; cheap). */
  async load(): Promise<void> {
    await Promise.all(KEYED_PROVIDER_IDS.map((p) => this.refresh(p)));
  }

  private async refresh(p: KeyedProvider): Promise<void> {
    const v = (await this.secrets.get(SECRET_KEYS[p]))?.trim();
    const before = this.secret.get(p);
    if (v) this.secret.set(p, v);
    else this.secret.delete(p);
    if (before !== v) for (const l of this.listeners) l(p);
  }

  get(p: ProviderId): string | undefined {
    if (p === 'local') return undefined;
    return this.secret.get(p) ?? (this.env[ENV_KEYS[p]]?.trim() || undefined);
  }

  source(p: ProviderId): KeySource {
    if (p === 'local') return 'none';
    if (this.secret.has(p)) return 'secret';
    return this.env[ENV_KEYS[p]]?.trim() ? 'env' : 'none';
  }

  has(p: ProviderId): boolean {
    return p === 'local' || this.get(p) !== undefined;
  }

  /** Key presence per provider, for the webview (never the keys). */
  presence(): Record<ProviderId, boolean> {
    return { fal: this.has('fal'), replicate: this.has('replicate'), local: true };
  }

  /** Every key currently known, for redaction. */
  all(): string[] {
    return KEYED_PROVIDER_IDS.map((p) => this.get(p)).filter((k): k is string => !!k);
  }

  async set(p: KeyedProvider, value: string): Promise<void> {
    const v = value.trim();
    if (!v) throw new Error('An empty key was not saved.');
    await this.secrets.store(SECRET_KEYS[p], v);
    await this.refresh(p);
  }

  async clear(p: KeyedProvider): Promise<void> {
    await this.secrets.delete(SECRET_KEYS[p]);
    await this.refresh(p);
  }

  /** Fires with the provider whose stored key changed (here or in another window). */
  onDidChange(listener: (provider: KeyedProvider) => void): DisposableLike {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.listeners.clear();
    void this.subscription.dispose();
  }
}

/** A quick sanity check before storing: keys never contain whitespace. */
export function validateKeyInput(value: string, t: Translate = plainT): string | undefined {
  const v = value.trim();
  if (!v) return t('Enter a key, or press Escape to cancel.');
  if (/\s/.test(v)) return t('A key has no spaces or line breaks.');
  if (v.length < 8) return t('That looks too short to be an API key.');
  return undefined;
}
