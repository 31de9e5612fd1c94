// The generations panel's messages from the real host (bundled, fake `vscode`): a complete snapshot
// on ready, then only jobs patches and history heads as a job runs and finishes, and history pages
// answered from the index; a malformed page request is refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEFAULT_HISTORY_QUERY } from '../../../src/extension/panel/generationsProtocol';
import { fakeExtensionContext, InMemoryMemento } from '../../fakes/vscodeFakes';
import {
  type BundledHost,
  loadBundledHost,
  newProfile,
  openFakePanel,
  pickModel,
  resetState,
  waitFor,
} from './bundledHost';

let host: BundledHost;

before(async () => {
  host = await loadBundledHost();
});

after(() => host?.close());

test('after the snapshot a running job sends jobs patches and a history head, never another snapshot', async () => {
  const { ext, state } = host;
  resetState(state);
  await ext.activate(fakeExtensionContext(newProfile(host), new InMemoryMemento()));
  const panel = openFakePanel(state);
  panel.send({ type: 'ready' });
  await waitFor('the first snapshot', () => panel.latest() !== undefined);
  state.quickPicks.push(pickModel('local/image'));
  state.inputs.push(() => 'a lighthouse at dusk');
  await state.commands.get('genqueue.generateImage')?.();
  await waitFor('the job finished in the panel', () => panel.latest()?.jobs[0]?.state === 'succeeded');
  await waitFor('the job in history', () => panel.latest()?.history.length === 1);
  const types = panel.posted.map((m) => m.type);
  assert.equal(types[0], 'snapshot');
  assert.deepEqual(
    types.filter((t) => t === 'snapshot'),
    ['snapshot'],
    `one snapshot, then deltas: ${types.join(',')}`,
  );
  assert.ok(types.includes('jobs') && types.includes('history'), types.join(','));
  for (const m of panel.posted) {
    if (m.type === 'jobs') assert.ok(m.patch.changed.length <= 1, 'a patch carries only the job that changed');
  }

  // A page request is answered from the index; a malformed one is refused and logged.
  const before = panel.posted.length;
  panel.send({ type: 'loadHistory', query: { ...DEFAULT_HISTORY_QUERY, search: 'lighthouse' }, offset: 0, limit: 10 });
  await waitFor('the page', () => panel.posted.length > before);
  const page = panel.posted.at(-1);
  assert.equal(page?.type, 'history');
  if (page?.type === 'history') {
    assert.equal(page.page.matches, 1);
    assert.equal(page.page.total, 1);
  }
  panel.send({ type: 'loadHistory', query: { ...DEFAULT_HISTORY_QUERY, status: 'running' }, offset: 0, limit: 10 });
  await waitFor('the refusal logged', () => state.logs.some((l) => /malformed message.*loadHistory/.test(l)));
  await ext.deactivate();
});
