// The demo's Remotion scene opens in VS Code without TypeScript errors although remotion and react are not
// installed (demo-workspace/types stands in for them). To know the TypeScript server has checked the file, a
// deliberate error is typed first and must show up in the Problems count; removing it must bring the count to 0.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Session, startSession } from '../harness/session';
import { waitUntil } from '../harness/waitUntil';

describe('flow: the demo Remotion scene in VS Code', { timeout: 240_000 }, () => {
  let session: Session;

  before(async () => {
    session = await startSession({ settings: { 'genqueue.defaultProvider': 'local' } });
  });

  after(async () => {
    await session?.stop();
  });

  it('shows no TypeScript errors (and does show one typed on purpose)', async () => {
    const { wb } = session;
    // The Problems item shows "<errors> <warnings>" next to icons.
    const errors = async () => {
      const text = (await wb.statusBarItem('status.problems').first().textContent()) ?? '';
      return Number(/\d+/.exec(text)?.[0] ?? Number.NaN);
    };
    try {
      await wb.openFile('src/Scene.tsx');
      const lines = session.readWorkspaceFile('src/Scene.tsx').split('\n').length;
      await wb.goToLine(lines);
      await wb.page.keyboard.type("const broken: number = 'text';");
      await waitUntil('the typed error in Problems', async () => (await errors()) === 1, 90_000);
      // Remove it again: close the suggestions, select the line's text, delete it.
      await wb.page.keyboard.press('Escape');
      await wb.page.keyboard.press('Home');
      await wb.page.keyboard.press('Shift+End');
      await wb.page.keyboard.press('Backspace');
      const count = await waitUntil(
        'no errors once it is removed',
        async () => ((await errors()) === 0 ? 0 : false),
        60_000,
      ).catch(async (err: Error) => assert.fail(`${err.message}: the status bar shows ${await errors()}`));
      assert.equal(count, 0);
      await wb.screenshot('flow-demo-scene');
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await session.diagnose('flow-demo-scene')}`);
    }
  });
});
