import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LEASE_KEY_PREFIX, WindowLeases } from '../../../src/extension/windowLeases';
import { InMemoryMemento } from '../../fakes/vscodeFakes';

/** Two windows of one profile: one shared globalState, one clock. */
function twoWindows() {
  const memento = new InMemoryMemento();
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const make = (id: string) =>
    new WindowLeases({ memento, windowId: id, now: clock.now, leaseMs: 30_000, settleMs: 2_000 });
  return { memento, clock, a: make('window-a'), b: make('window-b') };
}

const settle = async (...ws: WindowLeases[]) => {
  for (const w of ws) await w.heartbeat(w.claimed());
};

test('a job created in a window is driven there at once, and not by the other window', async () => {
  const { a, b } = twoWindows();
  a.claimNew('j1');
  await settle(a);
  assert.equal(a.shouldDrive('j1'), true);
  assert.equal(b.shouldDrive('j1'), false);
  assert.equal(b.ownerOf('j1'), 'window-a');
});

test('heartbeats keep the lease: the other window never takes over a live window', async () => {
  const { a, b, clock } = twoWindows();
  a.claimNew('j1');
  for (let i = 0; i < 12; i++) {
    clock.advance(10_000);
    await a.heartbeat(['j1']);
    assert.equal(b.shouldDrive('j1'), false, `tick ${i}`);
    assert.equal(a.shouldDrive('j1'), true, `tick ${i}`);
  }
});

test('a crashed window: the other takes over once the lease expires (after settling), exactly one drives', async () => {
  const { a, b, clock } = twoWindows();
  a.claimNew('j1');
  await settle(a);
  clock.advance(29_000);
  assert.equal(b.shouldDrive('j1'), false, 'lease still live');
  clock.advance(2_000); // a stopped heartbeating: its lease (30 s) has run out
  assert.equal(b.shouldDrive('j1'), false, 'claimed, not yet settled');
  await settle(b);
  clock.advance(2_000);
  assert.equal(b.shouldDrive('j1'), true);
  // The old window wakes up (e.g. after sleep): its own lease lapsed, so it lets go.
  assert.equal(a.shouldDrive('j1'), false);
  await a.heartbeat(['j1']);
  assert.equal(a.shouldDrive('j1'), false);
  assert.equal(b.shouldDrive('j1'), true);
});

test('a window that closes cleanly hands over without waiting for expiry', async () => {
  const { a, b, clock, memento } = twoWindows();
  a.claimNew('j1');
  await settle(a);
  await a.releaseAll();
  assert.ok(!memento.keys().includes(`${LEASE_KEY_PREFIX}window-a`));
  assert.equal(a.shouldDrive('j1'), false);
  assert.equal(b.shouldDrive('j1'), false);
  await settle(b);
  clock.advance(2_000);
  assert.equal(b.shouldDrive('j1'), true);
});

test('two windows resuming the same job at once: after settling exactly one drives it', async () => {
  const { a, b, clock } = twoWindows();
  // Both start up and see a persisted job nobody holds.
  assert.equal(a.shouldDrive('j1'), false);
  clock.advance(1);
  assert.equal(b.shouldDrive('j1'), false, 'a claimed first; b sees it once written');
  await settle(a, b);
  clock.advance(2_000);
  const drivers = [a.shouldDrive('j1'), b.shouldDrive('j1')].filter(Boolean).length;
  assert.equal(drivers, 1);
  assert.equal(a.shouldDrive('j1'), true, 'the earliest claim wins');
});

test('simultaneous claims written before either sees the other are resolved the same way by both', async () => {
  const memento = new InMemoryMemento();
  let now = 5_000;
  const a = new WindowLeases({ memento, windowId: 'a', now: () => now });
  const b = new WindowLeases({ memento, windowId: 'b', now: () => now });
  // Same millisecond; neither has written yet when the other asks.
  const pa = a.shouldDrive('j');
  const pb = b.shouldDrive('j');
  assert.equal(pa || pb, false);
  await a.heartbeat(['j']);
  await b.heartbeat(['j']);
  now += 2_500;
  const results = [a.shouldDrive('j'), b.shouldDrive('j')];
  assert.deepEqual(results, [true, false], 'tie on time: the smaller window id wins');
});

test('finished jobs are released on the next heartbeat; dead windows are tidied', async () => {
  const { a, b, clock, memento } = twoWindows();
  a.claimNew('j1');
  a.claimNew('j2');
  await a.heartbeat(['j2']);
  assert.deepEqual(a.claimed(), ['j2']);
  const rec = memento.get<{ jobs: Record<string, number> }>(`${LEASE_KEY_PREFIX}window-a`);
  assert.deepEqual(Object.keys(rec?.jobs ?? {}), ['j2']);
  clock.advance(11 * 60_000); // a is long dead
  await b.heartbeat([]);
  assert.ok(!memento.keys().includes(`${LEASE_KEY_PREFIX}window-a`));
});
