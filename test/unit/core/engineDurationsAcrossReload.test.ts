// The duration estimator learns only from runs one engine watched from submit to finish: a run that
// spans a reload (or another window's takeover) would count the reload's gap or only part of the run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeHarness, settleAll, spec } from './engineHarness';

describe('engine: durations across a reload', () => {
  it('a run resumed after a restart adds no duration sample; a run watched whole does', async () => {
    const h = makeHarness({ plan: () => ({ runMs: 60_000 }) });
    await h.engine.start();
    const model = spec().model;
    const resumed = h.engine.submit(spec());
    await h.clock.advance(20_000);
    await h.engine.dispose();
    await h.clock.advance(25_000); // the window is reloading
    const again = await h.restart();
    await settleAll({ clock: h.clock, engine: again });
    assert.equal(again.get(resumed.id)?.state, 'succeeded');
    await again.flush();
    assert.deepEqual((await h.store.load())?.durations?.[model] ?? [], [], 'no sample from the resumed run');

    again.submit(spec());
    await settleAll({ clock: h.clock, engine: again });
    await again.flush();
    const samples = (await h.store.load())?.durations?.[model] ?? [];
    assert.equal(samples.length, 1, 'one sample from the run watched whole');
    assert.ok((samples[0] ?? 0) >= 60_000 && (samples[0] ?? 0) < 70_000, `sample ${samples[0]}`);
  });
});
