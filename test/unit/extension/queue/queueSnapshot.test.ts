// The snapshot from a parsed list and what the runner knows: rows in file order with defaults
// applied, orphan takes as their own rows, the budget from the file before the setting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseShotList } from '../../../../src/core/shots/parseShotList';
import { buildQueueSnapshot, resolveAll, type SnapshotSources } from '../../../../src/extension/queue/queueSnapshot';
import { ORPHAN_PROBLEM } from '../../../../src/extension/queue/shotRows';
import type { ShotTakeFile } from '../../../../src/extension/shots/shotRunnerPort';
import { makeJob } from '../jobFixtures';

const TEXT = `budget: 2.5
shots:
  - id: s01
    modality: image
    provider: fal
    model: fal-ai/flux/schnell
    prompt: a harbour at dawn
  - id: s02
    modality: video
    prompt: waves against the pier
`;

function sources(text: string, over: Partial<SnapshotSources> = {}): SnapshotSources {
  const parsed = parseShotList(text, { insideWorkspace: () => true });
  return {
    now: 1,
    listName: 'demo',
    listPath: 'demo.shots.yaml',
    parsed,
    resolved: resolveAll(parsed, (m) => ({ provider: 'local', model: `local/${m}` })),
    jobs: new Map(),
    takes: new Map(),
    spent: { amount: 0.4, source: 'provider-metrics', label: '$0.40' },
    keys: { fal: true, replicate: false, local: true },
    estimateMs: () => undefined,
    ...over,
  };
}

const takeFile = (shot: string, n: number, fingerprint?: string): ShotTakeFile => ({
  take: n,
  path: `assets/generated/demo/${shot}/take-${n}.png`,
  uri: `file:///ws/assets/generated/demo/${shot}/take-${n}.png`,
  ...(fingerprint === undefined ? {} : { fingerprint }),
});

test('rows in file order, defaults applied, with a catalog estimate', () => {
  const s = buildQueueSnapshot(sources(TEXT));
  assert.deepEqual(
    s.rows.map((r) => [r.id, r.provider, r.model, r.modality]),
    [
      ['s01', 'fal', 'fal-ai/flux/schnell', 'image'],
      ['s02', 'local', 'local/video', 'video'],
    ],
  );
  assert.equal(s.rows[0]?.modelLabel, 'FLUX.1 [schnell]');
  assert.equal(s.rows[0]?.estimate.source, 'catalog');
  assert.ok((s.rows[0]?.estimate.amount ?? 0) > 0);
  assert.equal(s.rows[1]?.estimate.source, 'local');
});

test('the budget comes from the file, else from the setting; budget left subtracts the spend', () => {
  const fromFile = buildQueueSnapshot(sources(TEXT, { defaultBudget: 10 }));
  assert.equal(fromFile.cost.budget, 2.5);
  assert.equal(fromFile.cost.budgetLeft, 2.1);
  const fromSetting = buildQueueSnapshot(sources(TEXT.replace('budget: 2.5\n', ''), { defaultBudget: 10 }));
  assert.equal(fromSetting.cost.budget, 10);
  const none = buildQueueSnapshot(sources(TEXT.replace('budget: 2.5\n', '')));
  assert.equal(none.cost.budget, undefined);
  assert.equal(none.cost.budgetLeft, undefined);
});

test('takes of a removed shot stay visible as an orphan row, never on another shot', () => {
  const src = sources(TEXT, {
    takes: new Map([
      ['s01', [takeFile('s01', 1)]],
      ['s09', [takeFile('s09', 1), takeFile('s09', 2)]],
    ]),
    jobs: new Map([['s09', makeJob({ id: 'j9', state: 'succeeded', provider: 'local', model: 'local/image' })]]),
  });
  const s = buildQueueSnapshot(src);
  assert.deepEqual(
    s.rows.map((r) => [r.id, r.takes, r.status]),
    [
      ['s01', 1, 'done'],
      ['s02', 0, 'not-generated'],
      ['s09', 2, 'done'],
    ],
  );
  assert.deepEqual(s.rows[2]?.problems, [ORPHAN_PROBLEM]);
  assert.equal(s.rows[2]?.modality, 'image');
});

test('the models list has the catalog and the hand-typed models the list uses', () => {
  const s = buildQueueSnapshot(sources(TEXT.replace('fal-ai/flux/schnell', 'someone/custom-model')));
  const custom = s.models.find((m) => m.model === 'someone/custom-model');
  assert.equal(custom?.priceLabel, 'price unknown');
  const schnell = s.models.find((m) => m.model === 'fal-ai/flux/schnell');
  assert.match(schnell?.priceLabel ?? '', /^\$0\.003\/MP \(catalog, /);
  assert.ok(schnell?.fields.some((f) => f.name === 'num_images' && f.kind === 'integer'));
  assert.ok(!schnell?.fields.some((f) => f.name === 'prompt'), 'the prompt has its own box');
});

test('a chosen take is "chosen" until an input of its shot changes, then "stale"', () => {
  const chosen = TEXT.replace('    prompt: a harbour at dawn\n', '    prompt: a harbour at dawn\n    take: 2\n');
  const first = sources(chosen);
  const fingerprint = first.resolved.get('s01')?.fingerprint;
  const takes = new Map([['s01', [takeFile('s01', 1, 'older'), takeFile('s01', 2, fingerprint)]]]);
  assert.equal(buildQueueSnapshot({ ...first, takes }).rows[0]?.status, 'chosen');
  const edited = sources(chosen.replace('a harbour at dawn', 'a harbour at dusk'));
  assert.equal(buildQueueSnapshot({ ...edited, takes }).rows[0]?.status, 'stale');
  const restyled = sources(`defaults:\n  style: grainy 16mm film\n${chosen}`);
  assert.equal(buildQueueSnapshot({ ...restyled, takes }).rows[0]?.status, 'stale', 'the style is an input too');
});

test('takes of a shot the file cannot use right now show its problems, not "removed"', () => {
  const broken = TEXT.replace('    modality: video\n', '    modality: hologram\n');
  const s = buildQueueSnapshot(sources(broken, { takes: new Map([['s02', [takeFile('s02', 1)]]]) }));
  const row = s.rows.find((r) => r.id === 's02');
  assert.equal(row?.takes, 1);
  assert.equal(row?.status, 'done');
  assert.ok(row && row.problems.length > 0 && !row.problems.includes(ORPHAN_PROBLEM), JSON.stringify(row?.problems));
});

test('a shot that waits in a plan says for which shot, one blocked by a failure says so, and both show their source', () => {
  const text = `${TEXT}  - id: s03
    model: local/image-to-video
    prompt: pan
    refs: { image: shot:s01 }
`;
  const chain = new Map([['s03', { batchId: 'b1', after: 's01', state: 'waiting' as const }]]);
  // An older failure of s03 is not what happens next: the plan's wait is.
  const older = makeJob({
    id: 'old',
    state: 'failed',
    shot: { list: 'demo.shots.yaml', shotId: 's03', fingerprint: 'x' },
  });
  const waiting = buildQueueSnapshot(sources(text, { chain, jobs: new Map([['s03', older]]) })).rows[2];
  assert.deepEqual(
    [waiting?.status, waiting?.chain, waiting?.from, waiting?.jobId],
    ['waiting', { after: 's01', state: 'waiting' }, ['s01'], undefined],
  );
  const failed = new Map([['s03', { batchId: 'b1', after: 's01', state: 'failed' as const }]]);
  const blocked = buildQueueSnapshot(sources(text, { chain: failed })).rows[2];
  assert.deepEqual([blocked?.status, blocked?.chain?.state], ['blocked', 'failed']);
  assert.equal(
    buildQueueSnapshot(sources(text)).rows[0]?.from,
    undefined,
    'a shot without shot references has no source',
  );
});
