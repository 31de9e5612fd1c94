// A 429 with Retry-After pauses every request to that provider, end to end: engine + real SDKs +
// emulator. The emulator logs each request's arrival time; after the 429 is answered, nothing
// else may arrive before Retry-After is up (requests already in flight excepted).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProviderId } from '../../../src/core/jobTypes';
import { faultRig } from './faultHarness';

const RETRY_AFTER_S = 5;
// Long enough that every job is still polling or streaming when the 429 comes.
const SCRIPT = { queueMs: 30_000, runMs: 60_000, steps: 3 };

describe('a 429 with Retry-After pauses the whole provider', { concurrency: 1 }, () => {
  const providers: Array<Exclude<ProviderId, 'local'>> = ['replicate', 'fal'];
  for (const provider of providers) {
    test(`${provider}: no request from any job arrives inside Retry-After once the 429 was sent; every job succeeds`, async () => {
      const rig = await faultRig(provider, [], SCRIPT);
      try {
        const jobs = Array.from({ length: 4 }, (_, i) => rig.submit({ input: { prompt: `heron ${i}` } }));
        for (const j of jobs) await rig.until(j.id, (x) => x.state === 'queued' || x.state === 'running');
        const route = provider === 'fal' ? 'stream' : 'status';
        rig.emu.fault({ provider, route, kind: '429', retryAfter: String(RETRY_AFTER_S) });
        for (const j of jobs) await rig.untilState(j.id, 'succeeded', 30_000);
        const log = rig.emu.requestLog().filter((r) => r.provider === provider);
        const hit = log.findIndex((r) => r.fault === '429');
        assert.ok(hit >= 0, 'the 429 was sent');
        const at = log[hit]?.at ?? 0;
        // Arrivals a little after the 429 may be requests sent before its answer reached the engine
        // (engine and emulator share one event loop, which a busy machine can stall for a while).
        const inFlightSlackMs = 1_500;
        const early = log.slice(hit + 1).filter((r) => r.at > at + inFlightSlackMs && r.at < at + RETRY_AFTER_S * 1000);
        assert.deepEqual(
          early.map((r) => `${r.route} +${r.at - at} ms`),
          [],
          'requests inside the Retry-After window',
        );
        assert.equal(rig.emu.submits(provider), 4);
      } finally {
        await rig.close();
      }
    });
  }
});
