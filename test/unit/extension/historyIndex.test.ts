// The host side of the panel's scale rules: history paged and searched from an in-memory index, and
// job patches that carry only the jobs whose view changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_HISTORY_QUERY, type HistoryRow, type JobView } from '../../../src/extension/panel/generationsProtocol';
import { HistoryIndex } from '../../../src/extension/panel/historyIndex';
import { patchIsLarge, SentJobs } from '../../../src/extension/panel/jobsPatch';
import { activeJobViews, makeHistoryRows, SAMPLE_NOW } from '../../fakes/jobViews';

const Q = DEFAULT_HISTORY_QUERY;

test('pages walk the matches newest first without gaps or repeats, with the match and total counts', () => {
  const index = new HistoryIndex();
  index.upsert(makeHistoryRows(1000));
  const ids: string[] = [];
  for (let offset = 0; offset < 1000; offset += 100) {
    const page = index.page(Q, offset, 100, SAMPLE_NOW);
    assert.equal(page.offset, offset);
    assert.equal(page.matches, 1000);
    assert.equal(page.total, 1000);
    ids.push(...page.rows.map((r) => r.id));
  }
  assert.equal(new Set(ids).size, 1000);
  const keys = index.rows().map((r) => r.finishedAt ?? r.createdAt);
  assert.deepEqual(
    keys,
    [...keys].sort((a, b) => b - a),
    'newest first',
  );
  assert.deepEqual(index.page(Q, 1000, 100, SAMPLE_NOW).rows, []);
});

test('a search pages only its matches and counts them; shots are searchable', () => {
  const index = new HistoryIndex();
  const rows = makeHistoryRows(500);
  const shot: HistoryRow = { ...rows[0]!, id: 'shot-row', shot: { list: 'film/video.shots.yaml', shotId: 's03' } };
  index.upsert([...rows, shot]);
  const page = index.page({ ...Q, search: 'LIGHTHOUSE' }, 0, 10, SAMPLE_NOW);
  const all = index.rows().filter((r) => r.prompt.toLowerCase().includes('lighthouse'));
  assert.ok(all.length > 10);
  assert.equal(page.matches, all.length);
  assert.deepEqual(page.rows, all.slice(0, 10));
  assert.deepEqual(
    index.page({ ...Q, search: 'video.shots.yaml s03' }, 0, 10, SAMPLE_NOW).rows.map((r) => r.id),
    ['shot-row'],
  );
});

test('upsert: the registry copy replaces the file copy; unchanged rows do not bump the version; retried is marked', () => {
  const index = new HistoryIndex();
  const [a, b] = makeHistoryRows(2);
  index.upsert([a!, b!]);
  const v = index.version;
  assert.equal(index.upsert([{ ...a! }]), false);
  assert.equal(index.version, v, 'nothing changed');
  const newest = Math.max(...[a!, b!].map((r) => r.finishedAt ?? r.createdAt));
  const retry: HistoryRow = { ...b!, id: 'retry', retriedFrom: a!.id, finishedAt: newest + 1 };
  assert.equal(index.upsert([retry]), true);
  assert.ok(index.version > v);
  const rows = index.rows();
  assert.equal(rows[0]?.id, 'retry');
  assert.equal(rows.find((r) => r.id === a!.id)?.retried, true);
  assert.equal(rows.find((r) => r.id === b!.id)?.retried, undefined);
});

test('the index is bounded: the oldest rows beyond the limit leave', () => {
  const index = new HistoryIndex(10);
  const rows = makeHistoryRows(25);
  index.upsert(rows);
  const kept = index.rows();
  assert.equal(kept.length, 10);
  const newest = [...rows].sort((x, y) => (y.finishedAt ?? y.createdAt) - (x.finishedAt ?? x.createdAt)).slice(0, 10);
  assert.deepEqual(
    kept.map((r) => r.id),
    newest.map((r) => r.id),
  );
});

test('jobs patch: only the job whose view changed, and the ids that left; then nothing', () => {
  const jobs = activeJobViews();
  const sent = new SentJobs();
  sent.reset(jobs);
  const running = jobs.find((j) => j.id === 'active-running')!;
  const moved: JobView = { ...running, progress: 0.6, view: { ...running.view, etaMs: 10_000 } };
  const next = jobs.filter((j) => j.id !== 'active-queued').map((j) => (j.id === moved.id ? moved : j));
  const patch = sent.diff(next, SAMPLE_NOW + 1000);
  assert.deepEqual(
    patch.changed.map((j) => j.id),
    ['active-running'],
  );
  assert.deepEqual(patch.removed, ['active-queued']);
  assert.equal(patch.now, SAMPLE_NOW + 1000);
  assert.deepEqual(sent.diff(next, SAMPLE_NOW + 2000), { now: SAMPLE_NOW + 2000, changed: [], removed: [] });
});

test('a patch touching most of many jobs is large (a complete snapshot goes instead); a small one never is', () => {
  const many = Array.from({ length: 100 }, (_, i) => ({ ...activeJobViews()[0]!, id: `j${i}` }));
  assert.equal(patchIsLarge({ now: 0, changed: many.slice(0, 60), removed: [] }, 100), true);
  assert.equal(patchIsLarge({ now: 0, changed: many.slice(0, 30), removed: [] }, 100), false);
  assert.equal(patchIsLarge({ now: 0, changed: many.slice(0, 3), removed: [] }, 4), false);
});
