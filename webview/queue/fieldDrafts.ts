// Typed text in the inspector that the host has not confirmed yet. Text inputs post after a pause
// (debounce) and on blur; until a snapshot shows the same value, the field renders the draft, so a
// snapshot that arrives while someone types (or before their edit lands) never takes their text away.
export const DRAFT_DELAY_MS = 400;

interface Pending {
  timer: ReturnType<typeof setTimeout>;
  send: (value: string) => void;
}

export class FieldDrafts {
  private drafts = new Map<string, string>();
  private pending = new Map<string, Pending>();
  private focused: string | undefined;

  constructor(private readonly delayMs = DRAFT_DELAY_MS) {}

  static key(shotId: string, field: string): string {
    return `${shotId}\u0000${field}`;
  }

  /** What the field shows: the draft while there is one, else the host's value. */
  value(key: string, hostValue: string): string {
    return this.drafts.get(key) ?? hostValue;
  }

  has(key: string): boolean {
    return this.drafts.has(key);
  }

  input(key: string, value: string, send: (value: string) => void): void {
    this.drafts.set(key, value);
    const old = this.pending.get(key);
    if (old) clearTimeout(old.timer);
    this.pending.set(key, { send, timer: setTimeout(() => this.flush(key), this.delayMs) });
  }

  focus(key: string): void {
    this.focused = key;
  }

  blur(key: string): void {
    if (this.focused === key) this.focused = undefined;
    this.flush(key);
  }

  /** Sends a waiting edit now. */
  flush(key: string): void {
    const p = this.pending.get(key);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(key);
    const value = this.drafts.get(key);
    if (value !== undefined) p.send(value);
  }

  flushAll(): void {
    for (const key of [...this.pending.keys()]) this.flush(key);
  }

  /**
   * After a snapshot: drops drafts the host now agrees with, unless the field has focus or an edit is
   * still waiting to be sent. `hostValue` returns undefined for a shot that is gone (its drafts go too).
   */
  reconcile(hostValue: (key: string) => string | undefined): void {
    for (const [key, draft] of this.drafts) {
      if (key === this.focused || this.pending.has(key)) continue;
      const host = hostValue(key);
      if (host === undefined || host === draft) this.drafts.delete(key);
    }
  }

  /** Another shot is shown: send what is waiting, then forget every draft. */
  reset(): void {
    this.flushAll();
    this.drafts.clear();
    this.focused = undefined;
  }
}
