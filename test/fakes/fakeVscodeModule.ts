// Makes `require('vscode')` return the fake API, so host modules (src/extension/*) load from
// source in plain Node. tsx compiles the tests to CommonJS, so the require cache is the hook.
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { createFakeVscode } from './vscodeFakes';

/**
 * `load('src/extension/x')` requires a module (by its path in the repository) against the fake;
 * `require(file)` any file by its absolute path (a bundle built for the test).
 */
export function installFakeVscode(): ReturnType<typeof createFakeVscode> & {
  load(path: string): unknown;
  require(file: string): unknown;
} {
  const fake = createFakeVscode();
  const mod = Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string };
  const original = mod._resolveFilename;
  mod._resolveFilename = function (req: string, ...rest: unknown[]) {
    return req === 'vscode' ? 'vscode' : original.call(this, req, ...rest);
  };
  const req = createRequire(__filename);
  req.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: fake.api } as unknown as NodeJS.Module;
  return { ...fake, load: (path) => req(join(__dirname, '..', '..', path)), require: (file) => req(file) };
}
