// Faults around the edges of the engine: a window reload while a submit is in flight (nothing lost,
// nothing paid twice), and the providers' "come back later" hints reaching the scheduler.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Fault } from '../../emulator/emulatorTypes';
import { assertDelivered, faultRig, QUICK } from './faultHarness';

async function untilTrue(check: () => boolean, tries = 400): Promise<void> {
  for (let i = 0; i < tries && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(check(), 'condition never held');
}

describe('reload while a submit is in flight', { concurrency: 2 }, () => {
  test('replicate: the create arrived but the answer was lost → found after restart, created once', async () => {
    const rig = await faultRig('replicate', [{ provider: 'replicate', route: 'submit', kind: 'slow', delayMs: 5000 }]);
    try {
      const job = rig.submit();
      await untilTrue(() => rig.emu.submits('replicate') === 1);
      assert.equal(rig.engine.get(job.id)?.state, 'submitting');
      await rig.restart();
      const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
      await assertDelivered(rig, done);
      assert.equal(rig.emu.requests('replicate', 'submit'), 1, 'never re-sent');
      assert.equal(done.requestId, rig.emu.jobs()[0]!.id);
    } finally {
      await rig.close();
    }
  });

  test('fal: the same reload, job still running → unknown, kept with advice, not re-sent until the user says so', async () => {
    const rig = await faultRig('fal', [{ provider: 'fal', route: 'submit', kind: 'slow', delayMs: 5000 }]);
    try {
      // Still running after the reload, so fal's request history cannot show it yet.
      rig.emu.script({ next: 'fal', script: { queueMs: 1000, runMs: 3_600_000 } });
      const job = rig.submit();
      await untilTrue(() => rig.emu.submits('fal') === 1);
      await rig.restart();
      const parked = await rig.until(
        job.id,
        (j) => j.state === 'unknown' && /Submit again/.test(j.error?.message ?? ''),
      );
      assert.equal(parked.requestId, undefined);
      assert.equal(rig.emu.requests('fal', 'submit'), 1, 'never re-sent by itself');
    } finally {
      await rig.close();
    }
  });
});

describe('retry hints reach the scheduler', { concurrency: 2 }, () => {
  const cases: Array<[string, 'fal' | 'replicate', Fault]> = [
    ['fal Retry-After: 1', 'fal', { provider: 'fal', route: 'submit', kind: '429', retryAfter: '1' }],
    ['replicate Retry-After: 1', 'replicate', { provider: 'replicate', route: 'submit', kind: '429', retryAfter: '1' }],
    [
      'replicate "Expected available in 1 second" (no header)',
      'replicate',
      {
        provider: 'replicate',
        route: 'submit',
        kind: '429',
        detail: 'Request was throttled. Expected available in 1 second.',
      },
    ],
  ];
  for (const [name, provider, f] of cases) {
    test(`${name}: the next submit waits at least that long, then succeeds once`, async () => {
      const rig = await faultRig(provider, [f], QUICK);
      try {
        const job = rig.submit();
        const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
        await assertDelivered(rig, done);
        const submits = rig.emu.requestLog().filter((r) => r.route === 'submit');
        assert.equal(submits.length, 2);
        // A lower bound only (timers never fire early), so this cannot flake on a slow machine.
        assert.ok(submits[1]!.at - submits[0]!.at >= 1000, `waited ${submits[1]!.at - submits[0]!.at} ms`);
      } finally {
        await rig.close();
      }
    });
  }
});
