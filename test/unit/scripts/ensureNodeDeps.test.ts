// scripts/ensureNodeDeps.sh in a git worktree whose node_modules is a symlink to the main checkout's:
// it must never reinstall there (`npm ci` empties the folder the link points to, breaking every
// checkout that shares it), even when package-lock.json looks newer than the install.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const repo = join(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'genqueue-nodedeps-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function checkout(name: string): { root: string; shared: string; npmCalls: string } {
  const root = join(dir, name);
  const shared = join(dir, `${name}-shared-node_modules`);
  mkdirSync(join(root, 'scripts'), { recursive: true });
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(join(repo, 'scripts', 'ensureNodeDeps.sh'), join(root, 'scripts', 'ensureNodeDeps.sh'));
  mkdirSync(shared);
  writeFileSync(join(shared, '.package-lock.json'), '{}');
  writeFileSync(join(root, 'package-lock.json'), '{}');
  // The worktree's lock file is newer than the shared install (a fresh checkout).
  utimesSync(join(shared, '.package-lock.json'), new Date(1_000_000_000_000), new Date(1_000_000_000_000));
  // A stand-in npm that only records what it was asked to do.
  const npmCalls = join(dir, `${name}-npm-calls`);
  writeFileSync(join(dir, 'bin', 'npm'), `#!/bin/sh\necho "$@" >>"${npmCalls}"\n`);
  chmodSync(join(dir, 'bin', 'npm'), 0o755);
  return { root, shared, npmCalls };
}

const run = (root: string) =>
  spawnSync('bash', [join(root, 'scripts', 'ensureNodeDeps.sh')], {
    env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` },
    encoding: 'utf8',
  });

test('a symlinked node_modules is left alone: no npm ci, the shared install keeps its files', () => {
  const { root, shared, npmCalls } = checkout('linked');
  symlinkSync(shared, join(root, 'node_modules'));
  const r = run(root);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(existsSync(npmCalls), false, 'npm was not run');
  assert.ok(existsSync(join(shared, '.package-lock.json')));
});

test('a symlink to a missing folder fails with a message instead of installing through it', () => {
  const { root, npmCalls } = checkout('dangling');
  symlinkSync(join(dir, 'nowhere'), join(root, 'node_modules'));
  const r = run(root);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /symlink to a missing folder/);
  assert.equal(existsSync(npmCalls), false, 'npm was not run');
});
