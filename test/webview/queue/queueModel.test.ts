// The queue's pure parts in plain Node: row patches, filters, sort, memoized visible rows, selection
// moves, the selection's cost text, saved-state restore and text drafts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FieldDrafts } from '../../../webview/queue/fieldDrafts';
import { RowStore, selectionCost, selectionCostText, VisibleRows } from '../../../webview/queue/queueModel';
import { DEFAULT_FILTERS, restoreQueueUiState } from '../../../webview/queue/queueUiState';
import { clickSelection, moveFocus, toggleAllVisible } from '../../../webview/queue/selection';
import { demoRows, makeRow } from '../../fakes/queueViews';

function store(): RowStore {
  const s = new RowStore();
  s.replaceAll(demoRows());
  return s;
}

describe('queue model', () => {
  test('a patch replaces only the rows it names and keeps file order; unknown ids are reported', () => {
    const s = store();
    const before = s.rows.slice();
    const unknown = s.patch([{ ...before[2]!, status: 'done' }, makeRow({ id: 'new-shot' })]);
    assert.deepEqual(unknown, ['new-shot']);
    assert.equal(s.get('s03-flyover')?.status, 'done');
    assert.deepEqual(
      s.rows.map((r) => r.id),
      before.map((r) => r.id),
    );
    for (const [i, r] of s.rows.entries()) if (i !== 2) assert.equal(r, before[i], 'other rows are the same objects');
  });

  test('status counts and filter options are counted once per change of the rows, and follow a patch', () => {
    const s = store();
    const stale = s.rows.filter((r) => r.status === 'stale').length;
    assert.ok(stale > 0, 'the demo rows have a stale shot');
    assert.equal(s.countStatus('stale'), stale);
    const scenes = s.distinct('scene');
    assert.deepEqual(scenes, [...new Set(s.rows.flatMap((r) => (r.scene ? [r.scene] : [])))].sort());
    assert.equal(s.distinct('scene'), scenes, 'the same array until the rows change');
    const first = s.rows[0]!;
    s.patch([{ ...first, status: 'stale', scene: 'zz-new-scene' }]);
    assert.equal(s.countStatus('stale'), stale + (first.status === 'stale' ? 0 : 1));
    assert.equal(s.distinct('scene').at(-1), 'zz-new-scene');
    s.replaceAll([]);
    assert.equal(s.countStatus('stale'), 0);
    assert.deepEqual(s.distinct('group'), []);
  });

  test('visible rows are memoized until the rows, filters or sort change', () => {
    const s = store();
    const v = new VisibleRows();
    const a = v.compute(s, { ...DEFAULT_FILTERS, scene: 'outro' }, undefined);
    assert.equal(v.compute(s, { ...DEFAULT_FILTERS, scene: 'outro' }, undefined), a);
    assert.deepEqual(v.visibleIds(), ['s12-city', 's13-logo', 's14-vo-close', 's15-outro-bed']);
    s.patch([{ ...s.get('s12-city')!, scene: 'intro' }]);
    assert.notEqual(v.compute(s, { ...DEFAULT_FILTERS, scene: 'outro' }, undefined), a);
    assert.equal(v.visibleIds().length, 3);
    v.compute(s, DEFAULT_FILTERS, { key: 'takes', dir: 'desc' });
    assert.deepEqual(v.visibleIds().slice(0, 2), ['s15-outro-bed', 's01-title']);
  });

  test('the selection cost sums known prices, names their sources and counts unknown ones honestly', () => {
    const s = store();
    assert.equal(selectionCostText(selectionCost(s, new Set())), 'nothing selected');
    assert.equal(selectionCostText(selectionCost(s, new Set(['s13-logo']))), 'unknown (1 shot with unknown price)');
    assert.equal(
      selectionCostText(selectionCost(s, new Set(['s01-title', 's04-vo-open', 's13-logo', 'gone']))),
      '$0.003 (catalog price, offline, free) + 1 shot with unknown price',
    );
  });

  test('shift-click ranges from the anchor; ctrl+shift adds the range; moves clamp at the ends', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    let s = clickSelection({ selected: new Set() }, ids, 'b', { shift: false, toggle: false });
    s = clickSelection(s, ids, 'd', { shift: true, toggle: false });
    assert.deepEqual([...s.selected], ['b', 'c', 'd']);
    s = clickSelection(s, ids, 'a', { shift: true, toggle: false });
    assert.deepEqual([...s.selected].sort(), ['a', 'b']);
    s = clickSelection({ ...s, anchor: 'e' }, ids, 'd', { shift: true, toggle: true });
    assert.deepEqual([...s.selected].sort(), ['a', 'b', 'd', 'e']);
    s = moveFocus({ selected: new Set(), focus: 'e' }, ids, 1, false);
    assert.deepEqual([...s.selected], ['e']);
    s = toggleAllVisible({ selected: new Set(['x']) }, ids);
    assert.deepEqual([...s.selected], ids, 'select all visible replaces the selection');
  });

  test('saved state: keeps valid fields, drops the rest', () => {
    const s = restoreQueueUiState({
      selected: ['a', 3],
      filters: { modality: 'hologram', status: 'failed', scene: 'intro' },
      sort: { key: 'nope', dir: 'asc' },
      inspectorWidth: '99999px',
    });
    assert.deepEqual(s.selected, ['a']);
    assert.equal(s.filters.modality, 'all');
    assert.equal(s.filters.status, 'failed');
    assert.equal(s.filters.scene, 'intro');
    assert.equal(s.sort, undefined);
    assert.equal(s.inspectorWidth, '380px');
    assert.deepEqual(restoreQueueUiState('garbage').filters, DEFAULT_FILTERS);
  });

  test('drafts: a focused draft survives reconcile; an unfocused one goes when the host agrees', () => {
    const d = new FieldDrafts(10_000);
    const sent: string[] = [];
    const key = FieldDrafts.key('s1', 'prompt');
    d.focus(key);
    d.input(key, 'new text', (v) => sent.push(v));
    d.reconcile(() => 'old text');
    assert.equal(d.value(key, 'old text'), 'new text');
    d.blur(key);
    assert.deepEqual(sent, ['new text']);
    d.reconcile(() => 'old text');
    assert.equal(d.value(key, 'old text'), 'new text', 'not yet applied by the host');
    d.reconcile(() => 'new text');
    assert.equal(d.has(key), false);
  });
});
