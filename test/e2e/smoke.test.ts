// Smoke: the packaged extension installs from its .vsix into real VS Code, activates, contributes its commands,
// and renders the Generations panel.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { openGenerationsPanel } from './harness/panel';
import { type Session, startSession } from './harness/session';

describe('GenQueue in VS Code (smoke)', { timeout: 240_000 }, () => {
  let session: Session;

  before(async () => {
    session = await startSession();
  });

  after(async () => {
    await session?.stop();
  });

  it('installs from dist/genqueue.vsix', () => {
    const installed = readdirSync(session.server.extensionsDir);
    assert.ok(
      installed.some((name) => name.startsWith('genqueue.genqueue-')),
      `extensions dir holds: ${installed.join(', ')}`,
    );
  });

  it('lists its commands in the command palette', async () => {
    // Two queries: the palette shows a window of rows, and GenQueue now has more commands than it holds.
    const generate = await session.wb.paletteTitles('GenQueue: Generate', ['GenQueue: Generate Image…']);
    assert.ok(generate.includes('GenQueue: Generate Image…'), `palette shows: ${generate.join(' | ')}`);
    const show = await session.wb.paletteTitles('GenQueue: Show', ['GenQueue: Show Generations']);
    assert.ok(show.includes('GenQueue: Show Generations'), `palette shows: ${show.join(' | ')}`);
  });

  it('opens the Generations panel and renders its webview', async () => {
    try {
      const panel = await openGenerationsPanel(session.wb);
      const heading = panel.root.locator('h1, h2, h3, [role="heading"]').first();
      await heading.waitFor({ state: 'visible' });
      assert.notEqual((await heading.textContent())?.trim() ?? '', '');
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await session.diagnose('smoke-panel')}`);
    }
    await session.wb.screenshot('smoke-panel');
  });

  it('activated without errors in the extension host', async () => {
    const pids = session.server.extensionHostPids();
    assert.equal(pids.length, 1, 'exactly one extension host runs');
    const log = session.server.extensionHostLog();
    assert.doesNotMatch(log, /Activating extension '?genqueue\.genqueue'? failed/i);
  });
});
