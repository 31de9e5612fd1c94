// Shots that depend on shots, run through the real engine (scripted provider, fake clock): the
// dependency is sent first, its new take is chosen (take: n in the document), then the dependent
// is sent with a reference to that take; a failed dependency leaves the dependent unsent and says
// why; a reload mid-chain carries on from the jobs.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import type { JobSpec } from '../../../../src/core/jobTypes';
import { parseShotList } from '../../../../src/core/shots/parseShotList';
import { ShotRunnerHost } from '../../../../src/extension/shots/shotRunner';
import type { ShotListRef } from '../../../../src/extension/shots/shotRunnerPort';
import { makePng } from '../../../emulator/mediaFiles';
import { LIST_PATH, LIST_URI, MODEL, makeShotHarness, PNG, WS } from './shotHarness';

const TAKE_1 = 'assets/generated/trailer/s1/take-1.png';

/** s1: a still; s2: an image made from s1's chosen take (a hand-typed model: any input name). */
function chainList(s1Take?: number): ShotListRef {
  const text = `shots:
  - id: s1
    modality: image
    provider: replicate
    model: ${MODEL}
    prompt: a lighthouse at dusk
${s1Take === undefined ? '' : `    take: ${s1Take}\n`}  - id: s2
    modality: image
    provider: replicate
    model: acme/restyle-image
    prompt: the same, in watercolour
    refs: { image: "shot:s1" }
`;
  return { uri: LIST_URI, listPath: LIST_PATH, text, parsed: parseShotList(text) };
}

/** The harness, with every spec the runner submits recorded (the engine keeps refs on the job too). */
async function chainHarness(opts: Parameters<typeof makeShotHarness>[0] = {}) {
  const h = await makeShotHarness(opts);
  const submitted: JobSpec[][] = [];
  const submit = h.service.submitBatch;
  h.service.submitBatch = (specs) => {
    submitted.push(specs.map((s) => structuredClone(s)));
    return submit(specs);
  };
  const list = chainList();
  h.ui.docs.set(LIST_URI, list.text);
  return { h, list, submitted };
}

const docList = (text: string | undefined) => parseShotList(text ?? '').list;

test('Generate on a shot whose dependency has no take: the dependency first, its take chosen, then the shot from it', async () => {
  const { h, list, submitted } = await chainHarness();
  await h.runner.generate(list, ['s2']);
  assert.deepEqual(h.ui.confirmations, [{ count: 2, button: 'Generate 2 shots' }], 'one confirmation for the plan');
  assert.deepEqual(
    submitted.map((b) => b.map((s) => s.shot?.shotId)),
    [['s1']],
  );
  assert.deepEqual(submitted[0]?.[0]?.shot?.chain, ['s1', 's2']);
  const doc = () => docList(h.ui.docs.get(LIST_URI));
  assert.deepEqual(h.runner.chainFor(LIST_PATH, doc()).get('s2'), {
    batchId: submitted[0]?.[0]?.batchId,
    after: 's1',
    state: 'waiting',
  });

  await h.settle();
  await h.runner.chainsSettled(LIST_PATH);
  assert.equal(doc().shots[0]?.take, 1, 'the new take of s1 is chosen in the document');
  assert.deepEqual(
    submitted.map((b) => b.map((s) => s.shot?.shotId)),
    [['s1'], ['s2']],
  );
  const s2 = submitted[1]?.[0];
  assert.equal(s2?.batchId, submitted[0]?.[0]?.batchId, 'the dependent joins the plan batch');
  assert.deepEqual(s2?.refs, [
    {
      field: 'image',
      path: TAKE_1,
      sha256: createHash('sha256').update(PNG).digest('hex'),
      bytes: PNG.byteLength,
      contentType: 'image/png',
      fromShot: 's1',
    },
  ]);
  const jobs = h.engine.list();
  const s1Job = jobs.find((j) => j.shot?.shotId === 's1');
  const s2Job = jobs.find((j) => j.shot?.shotId === 's2');
  assert.ok(s1Job?.stateAt.succeeded !== undefined && s2Job !== undefined);
  assert.ok(s2Job.createdAt >= s1Job.stateAt.succeeded, 's2 is sent after s1 succeeded');
  assert.deepEqual(s2Job.refs, s2?.refs, 'the job keeps its references');
  await h.settle();
  const s2Done = h.engine.list().find((j) => j.shot?.shotId === 's2');
  assert.equal(s2Done?.state, 'succeeded', JSON.stringify(s2Done?.error));
  assert.equal(h.runner.chainFor(LIST_PATH, doc()).size, 0);
});

test('a fresh dependency is used as it is: only the dependent is sent, from the chosen take', async () => {
  const { h, submitted } = await chainHarness();
  await h.runner.generate(chainList(), ['s1']);
  await h.settle();
  await h.runner.useTake(chainList(), 's1', 1);
  const list = { ...chainList(1), text: h.ui.docs.get(LIST_URI) ?? '' };
  list.parsed = parseShotList(list.text);
  await h.runner.generate(list, ['s2']);
  assert.deepEqual(
    submitted.map((b) => b.map((s) => s.shot?.shotId)),
    [['s1'], ['s2']],
  );
  assert.equal(submitted[1]?.[0]?.refs?.[0]?.path, TAKE_1);
  assert.equal(submitted[1]?.[0]?.shot?.chain, undefined, 'nothing waits: no plan on the job');
});

test('choose take 2 of s1 → s2 is stale; Generate stale sends s2 from take 2', async () => {
  let n = 0;
  // Each job's image differs, so take 1 and take 2 of s1 have different content.
  const { h, submitted } = await chainHarness({ download: () => new Uint8Array(makePng(1 + ++n, 2)) });
  await h.runner.generate(chainList(), ['s1']);
  await h.settle();
  await h.runner.generate(chainList(), ['s1']);
  await h.settle();
  await h.runner.useTake(chainList(), 's1', 1);
  let list = { ...chainList(1), text: h.ui.docs.get(LIST_URI) ?? '' };
  list.parsed = parseShotList(list.text);
  await h.runner.generate(list, ['s2']);
  await h.settle();
  list = { ...list, text: h.ui.docs.get(LIST_URI) ?? '' };
  list.parsed = parseShotList(list.text);
  await h.runner.useTake(list, 's2', 1);
  list = { ...list, text: h.ui.docs.get(LIST_URI) ?? '' };
  list.parsed = parseShotList(list.text);
  assert.equal(submitted.length, 3);
  await h.runner.generateStale(list);
  assert.match(h.ui.messages.at(-1)?.text ?? '', /No stale shots/, 's2 is up to date with take 1');

  await h.runner.useTake(list, 's1', 2);
  list = { ...list, text: h.ui.docs.get(LIST_URI) ?? '' };
  list.parsed = parseShotList(list.text);
  await h.runner.generateStale(list);
  assert.deepEqual(
    submitted.at(-1)?.map((s) => s.shot?.shotId),
    ['s2'],
  );
  assert.equal(submitted.at(-1)?.[0]?.refs?.[0]?.path, 'assets/generated/trailer/s1/take-2.png');
});

test('a dependency that fails leaves the dependent unsent, with the reason on it', async () => {
  const error = { category: 'input' as const, message: 'The prompt was refused.', retryable: false };
  const { h, list, submitted } = await chainHarness({
    plan: (n) => (n === 0 ? { runMs: 500, outcome: 'failed', error } : { runMs: 500 }),
  });
  await h.runner.generate(list, ['s2']);
  await h.settle();
  await h.runner.chainsSettled(LIST_PATH);
  assert.deepEqual(
    submitted.map((b) => b.map((s) => s.shot?.shotId)),
    [['s1']],
  );
  const wait = h.runner.chainFor(LIST_PATH, list.parsed.list).get('s2');
  assert.deepEqual([wait?.after, wait?.state], ['s1', 'failed']);
  assert.equal(h.ui.docs.get(LIST_URI), list.text, 'no take is chosen');

  // Retry failed sends s1 again and plans s2 after it.
  await h.runner.retryFailed(list);
  assert.deepEqual(
    submitted.map((b) => b.map((s) => s.shot?.shotId)),
    [['s1'], ['s1']],
  );
  assert.deepEqual(submitted[1]?.[0]?.shot?.chain, ['s1', 's2']);
  await h.settle();
  await h.runner.chainsSettled(LIST_PATH);
  assert.deepEqual(
    submitted.at(-1)?.map((s) => s.shot?.shotId),
    ['s2'],
  );
});

test('a canceled dependency: the dependent says so and is not sent', async () => {
  const { h, list, submitted } = await chainHarness({ plan: () => ({ runMs: 60_000 }) });
  await h.runner.generate(list, ['s2']);
  await h.clock.advance(1_000);
  await h.runner.cancel(LIST_PATH);
  await h.settle();
  await h.runner.chainsSettled(LIST_PATH);
  assert.equal(submitted.length, 1);
  assert.equal(h.runner.chainFor(LIST_PATH, list.parsed.list).get('s2')?.state, 'canceled');
});

test('a reload mid-chain: the new runner finds the plan on the jobs and sends the dependent once', async () => {
  const { h, list } = await chainHarness({ plan: () => ({ runMs: 5_000 }) });
  await h.runner.generate(list, ['s2']);
  await h.clock.advance(1_000);
  // The window reloads: the old runner is gone, a new one attaches to the same jobs.
  h.runner.dispose();
  const reloaded = new ShotRunnerHost(h.deps);
  await reloaded.attach(h.service);
  assert.equal(reloaded.chainFor(LIST_PATH, list.parsed.list).get('s2')?.after, 's1');
  await h.settle();
  await reloaded.chainsSettled(LIST_PATH);
  await h.settle();
  const s2Jobs = h.engine.list().filter((j) => j.shot?.shotId === 's2');
  assert.equal(s2Jobs.length, 1);
  assert.equal(s2Jobs[0]?.state, 'succeeded');
  assert.equal(s2Jobs[0]?.refs?.[0]?.path, TAKE_1);
  assert.equal(docList(h.ui.docs.get(LIST_URI)).shots[0]?.take, 1);
  assert.ok(h.fs.paths().includes(`${WS}/assets/generated/trailer/s2/take-1.png`));
});

test('a loop is refused before anything is sent', async () => {
  const { h, submitted } = await chainHarness();
  const text = chainList()
    .text.replace(`model: ${MODEL}`, 'model: acme/still-from-image')
    .replace('prompt: a lighthouse at dusk', 'prompt: a lighthouse at dusk\n    refs: { image: "shot:s2" }');
  await h.runner.generate({ uri: LIST_URI, listPath: LIST_PATH, text, parsed: parseShotList(text) }, ['s2']);
  assert.equal(submitted.length, 0);
  assert.match(
    h.ui.messages.at(-1)?.text ?? '',
    /Not sent.*s2 \(Reference "image" loops back to this shot \(s2 → s1 → s2\)/,
  );
});
