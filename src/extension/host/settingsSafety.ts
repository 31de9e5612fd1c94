// Settings a workspace must not control: where requests (and API keys) go, and when a cost is
// confirmed. They are declared application scope in package.json (not machine: a remote window such as
// code-server's ignores machine-scoped values in the user's settings), and read here from the
// user's own settings only, so a workspace's .vscode/settings.json cannot change them even if an
// older VS Code or a hand-edited file passes a workspace value through.

/** What `WorkspaceConfiguration.inspect` returns, reduced to what we read. */
export interface SettingLayers<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** The user's value, else the default; workspace values are ignored. */
export function userValue<T>(layers: SettingLayers<T> | undefined): T | undefined {
  return layers?.globalValue ?? layers?.defaultValue;
}

/** A workspace tried to set it (worth a log line: it is ignored). */
export function workspaceTried(layers: SettingLayers<unknown> | undefined): boolean {
  return layers?.workspaceValue !== undefined || layers?.workspaceFolderValue !== undefined;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname.endsWith('.localhost');
}

export type BaseUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * A provider base URL may only be https, or http on this machine (a local emulator or proxy):
 * anything else would send the API key in clear text or to a surprise server.
 */
export function checkBaseUrl(raw: string): BaseUrlCheck {
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: `"${value}" is not a URL` };
  }
  if (url.username || url.password) return { ok: false, reason: 'it must not contain a user name or password' };
  if (url.protocol === 'https:') return { ok: true, url: value };
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return { ok: true, url: value };
  if (url.protocol === 'http:') {
    return { ok: false, reason: 'plain http is only allowed for this machine (localhost, 127.0.0.1, [::1])' };
  }
  return { ok: false, reason: `only https URLs are allowed, not ${url.protocol.replace(/:$/, '')}` };
}
