// Localisation seam for vscode-free modules: the host passes `vscode.l10n.t`; tests use `plainT`,
// which fills `{0}`-style placeholders the way l10n.t does.

export type Translate = (message: string, ...args: (string | number | boolean)[]) => string;

export const plainT: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? m : String(v);
  });

/** "45 sec", "3 min", "1 h 5 min". */
export function formatDuration(ms: number, t: Translate = plainT): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return t('{0} sec', s);
  const m = Math.ceil(s / 60);
  if (m < 60) return t('{0} min', m);
  return t('{0} h {1} min', Math.floor(m / 60), m % 60);
}

/** Elapsed clock: "12s", "1m 05s", "1h 02m". */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}
