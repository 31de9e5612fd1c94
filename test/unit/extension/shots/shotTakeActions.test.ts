import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LIST_PATH, LIST_URI, listRef, makeShotHarness, WS } from './shotHarness';

/** A list whose s1 has two takes on disk (two generate rounds), with the document open. */
async function withTwoTakes(output = 'public/shots/s1.png') {
  const h = await makeShotHarness();
  const list = listRef([{ output }, {}]);
  h.ui.docs.set(LIST_URI, list.text);
  await h.runner.generate(list, ['s1']);
  await h.settle();
  await h.runner.generate(list, ['s1']);
  await h.settle();
  const takes = (await h.runner.takesFor(LIST_PATH)).get('s1') ?? [];
  assert.deepEqual(
    takes.map((t) => t.take),
    [1, 2],
  );
  return { h, list };
}

test('Use this take copies the take to the output path, then writes take: n into the document', async () => {
  const { h, list } = await withTwoTakes();
  // A different file at the output already: it is replaced.
  await h.fs.createDirectory(`${WS}/public/shots`);
  await h.fs.writeFile(`${WS}/public/shots/s1.png`, new Uint8Array([1, 2, 3]));
  await h.runner.useTake(list, 's1', 2);
  const output = await h.fs.readFile(`${WS}/public/shots/s1.png`);
  const take = await h.fs.readFile(`${WS}/assets/generated/trailer/s1/take-2.png`);
  assert.deepEqual(output, take);
  assert.equal(h.ui.edits.length, 1);
  assert.match(h.ui.docs.get(LIST_URI) ?? '', /- id: s1\n(.*\n)*?\s+take: 2\n/);
  assert.deepEqual(
    h.ui.messages.filter((m) => m.level === 'error'),
    [],
  );
});

test('a failed copy changes nothing: no edit, the old output stays, the user is told', async () => {
  const { h, list } = await withTwoTakes();
  await h.fs.createDirectory(`${WS}/public/shots`);
  await h.fs.writeFile(`${WS}/public/shots/s1.png`, new Uint8Array([1, 2, 3]));
  h.fs.beforeRename = (to) => {
    if (to.endsWith('/public/shots/s1.png')) throw new Error('EACCES: read-only folder');
  };
  await h.runner.useTake(list, 's1', 1);
  assert.deepEqual(await h.fs.readFile(`${WS}/public/shots/s1.png`), new Uint8Array([1, 2, 3]));
  assert.equal(h.ui.edits.length, 0);
  assert.equal(h.ui.docs.get(LIST_URI), list.text);
  const error = h.ui.messages.find((m) => m.level === 'error');
  assert.match(error?.text ?? '', /not copied to public\/shots\/s1\.png.*EACCES.*Nothing was changed/);
  // No temp file is left beside the output.
  assert.deepEqual(
    h.fs.paths().filter((p) => p.includes('/public/shots/')),
    [`${WS}/public/shots/s1.png`],
  );
});

test('an output path outside the workspace is refused with a clear message and nothing changes', async () => {
  const { h } = await withTwoTakes();
  // The output was changed in the file to a path outside the workspace after the takes were made.
  const list = listRef([{ output: '../elsewhere/s1.png' }, {}]);
  h.ui.docs.set(LIST_URI, list.text);
  await h.runner.useTake(list, 's1', 1);
  assert.equal(h.ui.edits.length, 0);
  assert.equal(h.ui.docs.get(LIST_URI), list.text);
  assert.match(h.ui.messages.at(-1)?.text ?? '', /take-1 was not chosen: .*out of the workspace/);
  assert.ok(!h.fs.paths().some((p) => p.includes('elsewhere')));
});

test('a shot without output: Use this take only writes take: n', async () => {
  const h = await makeShotHarness();
  const list = listRef([{}, {}]);
  h.ui.docs.set(LIST_URI, list.text);
  await h.runner.generate(list, ['s2']);
  await h.settle();
  await h.runner.useTake(list, 's2', 1);
  assert.match(h.ui.docs.get(LIST_URI) ?? '', /- id: s2\n(.*\n)*?\s+take: 1\n/);
});

test('a take that is not on disk: a warning, nothing else', async () => {
  const { h, list } = await withTwoTakes();
  await h.runner.useTake(list, 's1', 7);
  assert.equal(h.ui.edits.length, 0);
  assert.match(h.ui.messages.at(-1)?.text ?? '', /take-7 of shot s1 is not on disk/);
});

test('Re-run sends the take’s own inputs again, as a new batch, into the same shot folder', async () => {
  const { h, list } = await withTwoTakes();
  const made = h.engine.list().find((j) => j.state === 'succeeded');
  await h.runner.rerun(list, 's1', 1);
  const fresh = h.engine.list().find((j) => j.state === 'waiting' || j.state === 'submitting');
  assert.ok(fresh);
  assert.deepEqual(fresh.input, made?.input);
  assert.equal(fresh.model, made?.model);
  assert.deepEqual(fresh.shot, made?.shot);
  assert.equal(fresh.priority, 'batch');
  assert.equal(fresh.destination?.folder, 'assets/generated/trailer/s1');
  assert.ok(fresh.batchId && !h.engine.list().some((j) => j.id !== fresh.id && j.batchId === fresh.batchId));
  await h.settle();
  const takes = (await h.runner.takesFor(LIST_PATH)).get('s1') ?? [];
  assert.deepEqual(
    takes.map((t) => t.take),
    [1, 2, 3],
  );
});

test('Insert hands the take file to the insertion as a finished job; Reveal reveals the file', async () => {
  const { h, list } = await withTwoTakes();
  await h.runner.insertTake(list, 's1', 2);
  assert.deepEqual(h.ui.calls.at(-1), 'insertTake:assets/generated/trailer/s1/take-2.png');
  assert.equal(h.ui.inserted?.modality, 'image');
  assert.equal(h.ui.inserted?.state, 'succeeded');
  await h.runner.revealTake(list, 's1', 1);
  assert.equal(h.ui.calls.at(-1), `reveal:${WS}/assets/generated/trailer/s1/take-1.png`);
});

test('Edit & retry writes the edited prompt into the shot list, then generates the shot from it', async () => {
  const { h, list } = await withTwoTakes();
  h.ui.promptAnswer = 'shot 1, in the rain';
  await h.runner.editRetry(list, 's1', 2);
  assert.deepEqual(h.ui.calls, ['askPrompt:shot 1']);
  const text = h.ui.docs.get(LIST_URI) ?? '';
  assert.match(text, /prompt: shot 1, in the rain\n/);
  assert.match(text, /^# The trailer's shots\n/, 'the comment is kept');
  const fresh = h.engine.list().find((j) => j.state === 'waiting' || j.state === 'submitting');
  assert.equal(fresh?.shot?.shotId, 's1');
  assert.equal(fresh?.input.prompt, 'shot 1, in the rain');
});

test('Edit & retry cancelled in the prompt box changes nothing and sends nothing', async () => {
  const { h, list } = await withTwoTakes();
  const before = h.engine.list().length;
  h.ui.promptAnswer = undefined;
  await h.runner.editRetry(list, 's1', 1);
  assert.equal(h.ui.docs.get(LIST_URI), list.text);
  assert.equal(h.engine.list().length, before);
});
