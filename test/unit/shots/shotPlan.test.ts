// The order shots that depend on shots are generated in: dependencies without a fresh chosen take
// first (transitively), then their dependents; loops and missing ids are refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planShots, type TakeState } from '../../../src/core/shots/shotPlan';
import type { Shot, ShotList } from '../../../src/core/shots/shotTypes';

const shot = (id: string, ...deps: string[]): Shot => {
  const s: Shot = { id, modality: 'image', prompt: id };
  if (deps.length === 1) s.refs = { image: `shot:${deps[0]}` };
  if (deps.length > 1) s.refs = Object.fromEntries(deps.map((d, i) => [`ref${i}`, `shot:${d}`]));
  return s;
};
const list = (...shots: Shot[]): ShotList => ({ shots });
const states = (s: Record<string, TakeState>) => (id: string) => s[id] ?? 'none';
const order = (plan: ReturnType<typeof planShots>) =>
  plan.ok ? plan.steps.map((s) => (s.after.length ? `${s.id}<${s.after.join(',')}` : s.id)) : plan.message;

describe('planShots', () => {
  it('a dependency with no chosen take, or a stale one, goes first; a fresh one is used as it is', () => {
    const l = list(shot('s01'), shot('s02', 's01'), shot('s03', 's02'));
    assert.deepEqual(order(planShots(l, ['s03'], states({}))), ['s01', 's02<s01', 's03<s02']);
    assert.deepEqual(order(planShots(l, ['s03'], states({ s01: 'stale', s02: 'fresh' }))), [
      's01',
      's02<s01',
      's03<s02',
    ]);
    assert.deepEqual(order(planShots(l, ['s03'], states({ s01: 'fresh', s02: 'fresh' }))), ['s03']);
    assert.deepEqual(order(planShots(l, ['s03'], states({ s01: 'fresh', s02: 'stale' }))), ['s02', 's03<s02']);
  });

  it('a selected dependency is generated again even when fresh, and its dependents wait for it', () => {
    const l = list(shot('s01'), shot('s02', 's01'));
    assert.deepEqual(order(planShots(l, ['s01', 's02'], states({ s01: 'fresh' }))), ['s01', 's02<s01']);
    assert.deepEqual(order(planShots(l, ['s01'], states({}))), ['s01'], 'dependents are not pulled in');
  });

  it('a diamond generates the shared dependency once, before both sides, and the join after both', () => {
    const l = list(shot('top'), shot('left', 'top'), shot('right', 'top'), shot('join', 'left', 'right'));
    assert.deepEqual(order(planShots(l, ['join'], states({}))), ['top', 'left<top', 'right<top', 'join<left,right']);
    assert.deepEqual(order(planShots(l, ['join'], states({ top: 'fresh', left: 'fresh' }))), ['right', 'join<right']);
  });

  it('one shot referencing the same dependency twice waits for it once', () => {
    const s = shot('talk');
    s.refs = { image: 'shot:still', audio: 'shot:still' };
    assert.deepEqual(order(planShots(list(shot('still'), s), ['talk'], states({}))), ['still', 'talk<still']);
  });

  it('workspace paths are not dependencies', () => {
    const s = shot('s02');
    s.refs = { image: 'art/portrait.png' };
    assert.deepEqual(order(planShots(list(s), ['s02'], states({ s02: 'fresh' }))), ['s02']);
  });

  it('a loop is refused with the loop named; so is a self reference', () => {
    const l = list(shot('s01', 's03'), shot('s02', 's01'), shot('s03', 's02'));
    assert.equal(
      order(planShots(l, ['s02'], states({}))),
      'Shots s02 → s01 → s03 → s02 reference each other in a loop; none of them can be made first.',
    );
    assert.match(String(order(planShots(list(shot('me', 'me')), ['me'], states({})))), /me → me/);
  });

  it('a missing id is refused: selected, or referenced', () => {
    assert.equal(order(planShots(list(shot('s01')), ['s09'], states({}))), 'Shot s09 is not in the list.');
    assert.equal(
      order(planShots(list(shot('s02', 's09')), ['s02'], states({}))),
      'Shot s02 references shot:s09, which is not in the list.',
    );
  });
});
