// Where the e2e harness finds its tools and puts its output. Each can be overridden by env for local runs.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../..');

export const CODE_SERVER_VERSION = '4.100.0';

/** Same folder scripts/setupCodeServer.sh installs into (outside the repo, so clean clones reuse it). */
export const CODE_SERVER_DIR = join(
  process.env.GENQUEUE_CACHE ?? join(homedir(), '.cache', 'genqueue'),
  `code-server-${CODE_SERVER_VERSION}`,
);
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CODE_SERVER_READY_MARKER = join(CODE_SERVER_DIR, '.genqueue-complete');

/** The packaged extension under test (`npm run package`). GENQUEUE_E2E_VSIX points elsewhere, e.g. a probe build. */
export const VSIX_PATH = process.env.GENQUEUE_E2E_VSIX ?? join(REPO_ROOT, 'dist', 'genqueue.vsix');

export const CHROMIUM_PATH = process.env.GENQUEUE_CHROMIUM ?? '/usr/bin/chromium';

export const DEMO_WORKSPACE = join(REPO_ROOT, 'demo-workspace');

export const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'e2e');

export const EMULATOR_ENTRY = join(REPO_ROOT, 'test', 'emulator', 'runEmulator.ts');
