// Seeded chaos: many jobs, random transient faults on every request, lost create responses,
// random cancels and restarts. Whatever happens, no paid job is lost and none is sent twice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../../src/core/backoff';
import { ProviderError } from '../../../src/core/errors';
import type { JobEngine } from '../../../src/core/jobEngine';
import { isTerminal } from '../../../src/core/jobTypes';
import { FakeClock } from '../../fakes/fakeClock';
import type { InjectedFailure, Operation } from '../../fakes/scriptedProvider';
import { makeHarness, settleAll, spec } from './engineHarness';

function chaos(seed: number, rate: number) {
  const rnd = seededRandom(seed);
  let on = true;
  const inject = (op: Operation): InjectedFailure | undefined => {
    if (!on || rnd() > rate) return undefined;
    if (op === 'submit' && rnd() < 0.5) {
      // The create happened, the response was lost.
      return {
        error: new ProviderError({ category: 'transient', message: 'reset', outcomeUnknown: true }),
        createAnyway: true,
      };
    }
    return {
      error: new ProviderError({
        category: 'transient',
        message: 'busy',
        httpStatus: 503,
        retryAfterMs: rnd() < 0.3 ? 2_000 : undefined,
      }),
    };
  };
  return { inject, stop: () => (on = false) };
}

for (const [seed, stream] of [
  [1, false],
  [2, false],
  [3, true],
  [4, true],
] as const) {
  describe(`engine under chaos (seed ${seed}, ${stream ? 'status stream' : 'polling'})`, () => {
    it('loses no paid job, sends none twice, keeps one request per job in flight', async () => {
      const rnd = seededRandom(seed * 101);
      const clock = new FakeClock();
      const faults = chaos(seed, 0.15);
      const h = makeHarness({
        clock,
        reconcile: 'supported',
        stream,
        latencyMs: 300,
        chaos: (op) => faults.inject(op),
        plan: () => ({ queueMs: Math.round(rnd() * 20_000), runMs: 5_000 + Math.round(rnd() * 300_000) }),
      });
      let engine: JobEngine = h.engine;
      await engine.start();
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        ids.push(engine.submit(spec({ input: { prompt: `job ${i}` } })).id);
        await clock.advance(Math.round(rnd() * 5_000));
        if (rnd() < 0.1) await engine.cancel(ids[Math.floor(rnd() * ids.length)] as string);
        if (rnd() < 0.08) {
          await engine.dispose(); // a window reload mid-flight
          engine = await h.restart();
        }
      }
      await clock.advance(20 * 60_000);
      faults.stop();
      // Anything left stale or waiting for the user gets "Check again" / "Submit again", as a user would.
      for (let round = 0; round < 3; round++) {
        for (const j of engine.list()) {
          if (j.stale) engine.checkAgain(j.id);
          if (j.state === 'unknown') engine.checkAgain(j.id);
        }
        await settleAll({ clock, engine });
      }

      assert.equal(h.provider.maxInFlightPerJob, 1, 'one request per job at a time');
      for (const id of ids) {
        const job = engine.get(id);
        assert.ok(job, `job ${id} still in the registry`);
        assert.ok(isTerminal(job.state), `job ${id} ended (${job.state}${job.stale ? ', stale' : ''})`);
        assert.ok(h.provider.submitsFor(id) <= 1, `job ${id} created ${h.provider.submitsFor(id)} times`);
        const remote = [...h.provider.remote.values()].find((r) => r.req.jobId === id);
        const finished = remote ? h.provider.finishedAt(remote.requestId) : undefined;
        if (finished !== undefined) {
          assert.equal(job.state, 'succeeded', `job ${id} finished at the provider (paid) but ended ${job.state}`);
          assert.ok(
            job.takes.every((t) => t.localPath),
            `job ${id} imported`,
          );
        }
        if (job.state === 'succeeded') assert.equal(job.requestId, remote?.requestId);
      }
      const imports = h.assets.imported.map((i) => i.jobId);
      assert.equal(new Set(imports).size, imports.length, 'each take imported once');
    });
  });
}
