// Where the eSpeak NG module and its 18 MB .wasm are at run time. The module is ESM and loads
// its .wasm next to its own file, so it cannot live inside the CommonJS host bundle. Two layouts
// work: the package itself (node_modules/espeak-ng, or dist/node_modules/espeak-ng next to the
// bundle), or dist/wasm/espeak-ng.mjs + dist/wasm/espeak-ng.wasm copied next to the bundle.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface EspeakLocation {
  /** file: URL of the ESM module, for import(). */
  moduleUrl: string;
  /** The .wasm, when found (compiled once and reused). */
  wasmPath?: string;
}

export function locateEspeak(): EspeakLocation | undefined {
  try {
    const modulePath = require.resolve('espeak-ng');
    const wasmPath = join(modulePath, '..', 'espeak-ng.wasm');
    return { moduleUrl: pathToFileURL(modulePath).href, wasmPath: existsSync(wasmPath) ? wasmPath : undefined };
  } catch {
    // Not installed as a package here: try the copied layout next to the bundle.
  }
  const copied = join(__dirname, 'wasm', 'espeak-ng.mjs');
  const wasmPath = join(__dirname, 'wasm', 'espeak-ng.wasm');
  if (existsSync(copied) && existsSync(wasmPath)) return { moduleUrl: pathToFileURL(copied).href, wasmPath };
  return undefined;
}

export const ESPEAK_NOT_FOUND =
  'eSpeak NG is not shipped with this build (expected node_modules/espeak-ng or dist/wasm/espeak-ng.mjs)';
