import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { FileLeases } from '../../../src/extension/persistence/fileLeases';

/** Windows of one profile: one leases folder, one clock. */
function profile() {
  const dir = join(mkdtempSync(join(tmpdir(), 'genqueue-leases-')), 'leases');
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const make = (id: string) => new FileLeases({ dir, windowId: id, now: clock.now, leaseMs: 30_000 });
  return { dir, clock, make };
}

test('a job created in a window is driven there at once, and not by the other window', () => {
  const { make } = profile();
  const [a, b] = [make('window-a'), make('window-b')];
  a.claimNew('j1');
  assert.equal(a.shouldDrive('j1'), true);
  assert.equal(b.shouldDrive('j1'), false);
  assert.equal(b.ownerOf('j1'), 'window-a');
});

test('two windows asking for a free job in the same millisecond: exactly one gets it', () => {
  const { make } = profile();
  const windows = ['w1', 'w2', 'w3'].map(make);
  const drivers = windows.filter((w) => w.shouldDrive('j1'));
  assert.equal(drivers.length, 1);
  assert.ok(windows.every((w) => w.ownerOf('j1') === drivers[0]?.windowId));
});

test('heartbeats keep the lease: the other window never takes over a live window', async () => {
  const { make, clock } = profile();
  const [a, b] = [make('a'), make('b')];
  a.claimNew('j1');
  for (let i = 0; i < 12; i++) {
    clock.advance(10_000);
    await a.heartbeat(['j1']);
    assert.equal(b.shouldDrive('j1'), false, `tick ${i}`);
    assert.equal(a.shouldDrive('j1'), true, `tick ${i}`);
  }
});

test('an expired lease is taken over by exactly one of two racing windows; the old owner lets go', async () => {
  const { make, clock } = profile();
  const [a, b, c] = [make('a'), make('b'), make('c')];
  a.claimNew('j1');
  clock.advance(29_000);
  assert.equal(b.shouldDrive('j1'), false, 'lease still live');
  clock.advance(2_000); // a stopped renewing (crash, sleep): its lease has run out
  const takers = [b.shouldDrive('j1'), c.shouldDrive('j1')];
  assert.deepEqual(takers, [true, false], 'the first to create the next generation wins, the other sees it');
  // The old window wakes up: it no longer drives, and its heartbeat does not take the job back.
  assert.equal(a.shouldDrive('j1'), false);
  await a.heartbeat(['j1']);
  assert.equal(a.shouldDrive('j1'), false);
  assert.deepEqual(a.claimed(), []);
  assert.equal(b.shouldDrive('j1'), true);
  assert.equal(c.ownerOf('j1'), 'b');
});

test('a window that closes hands over at once, and its release survives no async work', async () => {
  const { make } = profile();
  const [a, b] = [make('a'), make('b')];
  a.claimNew('j1');
  a.claimNew('j2');
  await a.releaseAll();
  assert.equal(a.shouldDrive('j1'), false);
  assert.equal(b.shouldDrive('j1'), true);
  assert.equal(b.shouldDrive('j2'), true);
});

test('finished jobs are released on the next heartbeat; old lease files are tidied', async () => {
  const { make, clock, dir } = profile();
  const [a, b] = [make('a'), make('b')];
  a.claimNew('j1');
  a.claimNew('j2');
  await a.heartbeat(['j2']);
  assert.deepEqual(a.claimed(), ['j2']);
  assert.equal(b.shouldDrive('j1'), true, 'released: free for anyone');
  await b.releaseAll();
  clock.advance(11 * 60_000);
  await make('c').heartbeat([]);
  assert.deepEqual(readdirSync(dir), [], 'released and long-expired leases are gone');
});

test('a lease renewed since the listing was read is never taken over (the record is read fresh)', async () => {
  const { make, clock } = profile();
  const [a, b] = [make('a'), make('b')];
  a.claimNew('j1');
  assert.equal(b.shouldDrive('j1'), false); // b lists the folder now
  clock.advance(29_900);
  await a.heartbeat(['j1']); // renewed in place, same generation
  clock.advance(200); // past the first expiry, within b's listing reuse
  assert.equal(b.shouldDrive('j1'), false);
  assert.equal(a.shouldDrive('j1'), true);
});

test('a window whose lease ran out does not renew it when another window took over meanwhile', () => {
  const { make, clock, dir } = profile();
  const a = make('a');
  a.claimNew('j1');
  clock.advance(29_900);
  a.ownerOf('other'); // a lists the folder just before its lease runs out (busy, or asleep)
  clock.advance(200);
  // b takes over: it has created generation 2 and not yet deleted generation 1.
  writeFileSync(join(dir, 'j1.2.lease'), JSON.stringify({ owner: 'b', until: clock.now() + 30_000 }));
  clock.advance(100);
  assert.equal(a.shouldDrive('j1'), false, 'a sees the newer generation, within its listing reuse');
  assert.equal(a.ownerOf('j1'), 'b');
});
