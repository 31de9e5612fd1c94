// A user cancel that the provider accepts, but whose cancelled job then reads without the marker
// the adapters look for (neither fal nor Replicate documents one): engine + real SDKs + emulator.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProviderId } from '../../../src/core/jobTypes';
import { faultRig, savedState } from './faultHarness';

const LONG = { queueMs: 200_000, runMs: 400_000, steps: 3 };

describe('cancel without a documented marker ends canceled', { concurrency: 2 }, () => {
  const cases: Array<[Exclude<ProviderId, 'local'>, string]> = [
    ['fal', 'COMPLETED without an error marker, then the result answers 400 "Request was cancelled"'],
    ['replicate', 'status "failed" with an error text instead of "canceled"'],
  ];
  for (const [provider, how] of cases) {
    test(`${provider}: a cancelled queued job that reads ${how} ends canceled, not failed, nothing imported`, async () => {
      const rig = await faultRig(provider, [{ provider, route: 'cancel', kind: 'cancel-unmarked' }], LONG);
      try {
        const job = rig.submit();
        await rig.until(job.id, (j) => j.state === 'queued');
        await rig.engine.cancel(job.id);
        const done = await rig.untilState(job.id, ['succeeded', 'failed', 'canceled']);
        assert.equal(done.state, 'canceled', JSON.stringify(done.error));
        assert.equal(done.error, undefined);
        assert.equal(rig.emu.requests(provider, 'cancel'), 1);
        assert.equal(rig.assets.imported.length, 0);
        assert.equal(await savedState(rig, job.id), 'canceled');
      } finally {
        await rig.close();
      }
    });
  }
});
