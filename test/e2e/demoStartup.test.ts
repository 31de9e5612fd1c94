// `npm run demo` (scripts/demo.sh) starts with a short, clean terminal: a few lines ending with the URL, no
// build file tree, no "[watch]" lines, no code-server log; the URL serves VS Code; stopping the script stops
// code-server. Runs the real script (package, install into code-server, serve) with its state in a temp dir.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort } from './harness/codeServer';
import { REPO_ROOT } from './harness/paths';
import { waitUntil } from './harness/waitUntil';

describe('npm run demo', { timeout: 300_000 }, () => {
  const state = mkdtempSync(join(tmpdir(), 'genqueue-demo-'));
  let demo: ChildProcess | undefined;

  after(() => {
    // The script runs in its own process group: nothing it started may outlive the test.
    if (demo?.pid !== undefined && demo.exitCode === null) {
      try {
        process.kill(-demo.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(state, { recursive: true, force: true });
  });

  it('prints a few clean lines ending with the URL, serves VS Code, and stops code-server when stopped', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), GENQUEUE_DEMO_DIR: state };
    delete env.FAL_KEY;
    delete env.REPLICATE_API_TOKEN;
    demo = spawn('bash', [join(REPO_ROOT, 'scripts', 'demo.sh')], { env, detached: true });
    let stdout = '';
    let stderr = '';
    demo.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    demo.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = new Promise<number | null>((r) => demo?.once('exit', (code) => r(code)));

    const url = await waitUntil(
      'the demo URL',
      () => /Open: (http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)\n$/.exec(stdout)?.[1],
      240_000,
    ).catch((err: Error) => {
      const log = join(state, 'demo.log');
      throw new Error(
        `${err.message}\nstdout:\n${stdout}\nstderr:\n${stderr}\nlog:\n${existsSync(log) ? readFileSync(log, 'utf8').slice(-3000) : ''}`,
      );
    });
    const lines = stdout.trimEnd().split('\n');
    assert.ok(lines.length <= 6, `a short startup:\n${stdout}`);
    assert.match(
      lines.at(-1) ?? '',
      new RegExp(`^  Open: http://127\\.0\\.0\\.1:${port}/\\?folder=`),
      'ends with the URL',
    );
    assert.equal(stderr, '', 'nothing on stderr');
    for (const noise of ['├─', '[watch]', 'INFO', 'info ', 'npm warn', 'Installing extensions']) {
      assert.ok(!stdout.includes(noise), `no "${noise}" in:\n${stdout}`);
    }
    assert.match(stdout, /offline local provider/);

    const res = await fetch(url, { redirect: 'manual' });
    assert.ok(res.status === 200 || res.status === 302, `VS Code answers (HTTP ${res.status})`);
    assert.ok(existsSync(join(state, 'workspace', 'types')), 'the sample project with its type stand-ins');

    process.kill(demo.pid ?? 0, 'SIGTERM'); // the script only, as Ctrl-C would reach it
    assert.notEqual(await exited, undefined);
    await waitUntil(
      'code-server to stop',
      async () => {
        try {
          await fetch(`http://127.0.0.1:${port}/`);
          return undefined;
        } catch {
          return true;
        }
      },
      15_000,
    );
  });
});
