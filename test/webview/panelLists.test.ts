// Pure parts of the webview's scale rules (no browser): the loaded history pages, job patches and
// batch groups.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_HISTORY_QUERY,
  type HistoryPage,
  type HistoryRow,
  type JobView,
} from '../../src/extension/panel/generationsProtocol';
import { batchSummary, groupActive, shotLabel } from '../../webview/generations/batchGroups';
import { HistoryList } from '../../webview/generations/historyList';
import { applyJobsPatch } from '../../webview/generations/panelModel';
import { activeJobViews, makeHistoryRows, makeJobView } from '../fakes/jobViews';

const Q = DEFAULT_HISTORY_QUERY;
const rows = makeHistoryRows(300);
const page = (offset: number, n: number, matches = 300, query = Q, from: HistoryRow[] = rows): HistoryPage => ({
  query,
  offset,
  rows: from.slice(offset, offset + n),
  matches,
  total: 300,
});

test('history list: pages append in order; the next page is asked once; nothing beyond the matches', () => {
  const list = new HistoryList();
  assert.equal(list.apply(page(0, 100)), true);
  assert.equal(list.rows.length, 100);
  assert.deepEqual(list.requestMore(), { type: 'loadHistory', query: Q, offset: 100, limit: 100 });
  assert.equal(list.requestMore(), undefined, 'already on its way');
  list.apply(page(100, 100));
  list.apply(page(200, 100));
  assert.deepEqual(
    list.rows.map((r) => r.id),
    rows.map((r) => r.id),
  );
  assert.equal(list.hasMore, false);
  assert.equal(list.requestMore(), undefined);
});

test('history list: a new head keeps the rows loaded below it; an unknown head replaces them', () => {
  const list = new HistoryList();
  list.apply(page(0, 100));
  list.apply(page(100, 100));
  const fresh: HistoryRow = { ...rows[0]!, id: 'fresh' };
  const grown = [fresh, ...rows];
  list.apply({ query: Q, offset: 0, rows: grown.slice(0, 100), matches: 301, total: 301 });
  assert.equal(list.rows.length, 201, 'the new row on top, the 200 loaded rows below');
  assert.deepEqual(
    list.rows.map((r) => r.id),
    grown.slice(0, 201).map((r) => r.id),
  );
  const other = makeHistoryRows(100).map((r) => ({ ...r, id: `other-${r.id}` }));
  list.apply({ query: Q, offset: 0, rows: other, matches: 500, total: 500 });
  assert.deepEqual(list.rows, other);
});

test('history list: a new search replaces the rows; pages of the old query are dropped', () => {
  const list = new HistoryList();
  list.apply(page(0, 100));
  const search = { ...Q, search: 'lighthouse' };
  assert.deepEqual(list.setQuery(search), { type: 'loadHistory', query: search, offset: 0, limit: 100 });
  assert.equal(list.current, false, 'the rows on screen are the old query');
  assert.equal(list.apply(page(100, 100)), false, 'a late page of the old query');
  assert.equal(list.rows.length, 100);
  const hits = rows.slice(0, 7);
  assert.equal(list.apply({ query: search, offset: 0, rows: hits, matches: 7, total: 300 }), true);
  assert.deepEqual(list.rows, hits);
  assert.equal(list.current, true);
  assert.equal(list.hasMore, false);
});

test('job patches replace changed jobs in place, add new ones first, drop removed ones, keep the rest as they were', () => {
  const jobs = activeJobViews();
  const running = jobs.find((j) => j.id === 'active-running')!;
  const moved: JobView = { ...running, progress: 0.9 };
  const added = makeJobView({ id: 'added' });
  const next = applyJobsPatch(jobs, { now: 0, changed: [moved, added], removed: ['active-queued'] });
  assert.equal(next[0], added);
  assert.equal(next.length, jobs.length);
  assert.equal(
    next.find((j) => j.id === 'active-running'),
    moved,
  );
  assert.equal(
    next.find((j) => j.id === 'active-queued'),
    undefined,
  );
  for (const j of next) if (j !== moved && j !== added) assert.ok(jobs.includes(j), 'same object: not re-rendered');
});

test('batch groups: interactive jobs apart, one group per batch with the list name and counts per phase', () => {
  const shot = (id: string) => ({ list: 'film/video.shots.yaml', shotId: id, fingerprint: 'f' });
  const batch = [
    makeJobView({ id: 'b1', state: 'running', batchId: 'b', priority: 'batch', shot: shot('s01') }),
    makeJobView({ id: 'b2', state: 'waiting', batchId: 'b', priority: 'batch', shot: shot('s02') }),
    makeJobView({ id: 'b3', state: 'waiting', batchId: 'b', priority: 'batch', shot: shot('s03'), held: 'auth' }),
    makeJobView({ id: 'b4', state: 'queued', batchId: 'b', priority: 'batch', shot: shot('s04') }),
  ];
  const palette = makeJobView({ id: 'p', state: 'running' });
  const variations = makeJobView({ id: 'v', state: 'queued', batchId: 'takes' });
  const groups = groupActive([batch[0]!, palette, ...batch.slice(1), variations]);
  assert.deepEqual(
    groups.interactive.map((j) => j.id),
    ['p', 'v'],
    'a palette batch of takes is not a shot-list batch',
  );
  assert.equal(groups.batches.length, 1);
  assert.equal(groups.batches[0]?.label, 'video.shots.yaml');
  assert.equal(groups.batches[0]?.summary, '1 running · 1 queued · 1 waiting · 1 held (auth)');
  assert.equal(shotLabel(shot('s03')), 'video.shots.yaml · s03');
  assert.equal(shotLabel(undefined), undefined);
  assert.equal(batchSummary([makeJobView({ state: 'running', stale: true })]), '1 needs attention');
});
