// The Production Queue editor over a fake document and a fake runner: the ready handshake, a new
// snapshot after any document edit, rows-only updates for runner progress, every message routed
// to the document or the runner, malformed messages dropped, and nothing left attached on close.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { makeJob } from '../jobFixtures';
import { fake, LIST, openQueue, settle, waitFor } from './queueEditorHarness';

afterEach(() => {
  fake.state.messages.length = 0;
  fake.state.messageAnswers.length = 0;
  fake.state.commands.clear();
});

test('nothing is posted before ready; ready gets one complete snapshot', async () => {
  const q = openQueue();
  assert.equal(q.view.posted.length, 0);
  assert.match(q.view.panel.webview.html, /Content-Security-Policy/);
  assert.match(q.view.panel.webview.html, /<genqueue-queue><\/genqueue-queue>/);
  assert.match(q.view.panel.webview.html, /\/webview\/ext\/dist\/queue\.js/);
  assert.deepEqual(
    q.view.panel.webview.options.localResourceRoots?.map((u) => u.path),
    ['/ext/dist', '/ws'],
  );
  q.view.send({ type: 'ready' });
  await waitFor('a snapshot', () => q.snapshots().length === 1);
  const s = q.latest();
  assert.equal(s?.listName, 'demo');
  assert.equal(s?.listPath, 'demo.shots.yaml');
  assert.deepEqual(
    s?.rows.map((r) => [r.id, r.scene, r.modality, r.model, r.status]),
    [
      ['s01', 'harbour', 'image', 'local/image', 'not-generated'],
      ['s02', 'harbour', 'image', 'local/image', 'not-generated'],
      ['s03', 'storm', 'speech', 'local/speech', 'not-generated'],
    ],
  );
  assert.equal(s?.rows[0]?.line, 6, 's01 starts on its line (0-based)');
  assert.equal(s?.rows[0]?.estimate.source, 'local');
  assert.ok(s?.models.some((m) => m.model === 'local/image' && m.priceLabel === 'free (offline)'));
  assert.equal(s?.fileError, undefined);
  q.view.panel.dispose();
});

test('an edit typed in the text editor sends a new complete snapshot', async () => {
  const q = openQueue();
  q.view.send({ type: 'ready' });
  await waitFor('the first snapshot', () => q.snapshots().length === 1);
  const at = q.document.text.indexOf('gulls over the pier');
  fake.state.documents.type(q.document, at, at + 'gulls'.length, 'herons');
  await waitFor('a second snapshot', () => q.snapshots().length === 2);
  assert.equal(q.latest()?.rows.find((r) => r.id === 's02')?.prompt, 'herons over the pier');
  q.view.panel.dispose();
});

test('a file that is not a list right now keeps the last rows and says why', async () => {
  const q = openQueue();
  q.view.send({ type: 'ready' });
  await waitFor('the first snapshot', () => q.snapshots().length === 1);
  fake.state.documents.type(q.document, 0, 0, 'shots: [unclosed\n');
  await waitFor('a second snapshot', () => q.snapshots().length === 2);
  assert.deepEqual(
    q.latest()?.rows.map((r) => r.id),
    ['s01', 's02', 's03'],
  );
  assert.match(q.latest()?.fileError ?? '', /^Line \d+: /);
  q.view.send({ type: 'generate', ids: ['s01'] });
  await waitFor('an error message', () => fake.state.messages.some((m) => m.level === 'error'));
  assert.deepEqual(q.runner?.calls, [], 'nothing is generated from a file that does not read as a list');
  q.view.panel.dispose();
});

test('runner progress sends only the named rows and the batch, not a snapshot', async () => {
  const q = openQueue();
  const runner = q.runner!;
  q.view.send({ type: 'ready' });
  await waitFor('the first snapshot', () => q.snapshots().length === 1);
  runner.setJob('demo.shots.yaml', 's02', makeJob({ id: 'j2', state: 'running', progress: 0.5 }));
  runner.batches.set('demo.shots.yaml', {
    id: 'b1',
    total: 2,
    done: 0,
    running: 1,
    waiting: 1,
    failed: 0,
    canceled: 0,
    spent: { amount: 0, source: 'local', label: 'free (offline)' },
    estimate: { amount: 0, source: 'local', label: 'free (offline)' },
    paused: false,
    finished: false,
  });
  runner.change('demo.shots.yaml', ['s02']);
  runner.change('other.shots.yaml', ['s01']);
  await waitFor('a batch message', () => q.view.ofType('batch').length === 1);
  const rows = q.view.ofType<{ rows: { id: string; status: string; progress?: number; jobId?: string }[] }>('rows');
  assert.equal(rows.length, 1);
  assert.deepEqual(
    rows[0]?.rows.map((r) => [r.id, r.status, r.progress, r.jobId]),
    [['s02', 'generating', 0.5, 'j2']],
  );
  assert.equal(q.snapshots().length, 1, 'no second snapshot');
  runner.change('demo.shots.yaml', ['s02']);
  await waitFor('a second rows message', () => q.view.ofType('rows').length === 2);
  assert.equal(q.view.ofType('batch').length, 1, 'an unchanged batch is not sent again');
  runner.change('demo.shots.yaml', 'all');
  await waitFor('a snapshot for "all"', () => q.snapshots().length === 2);
  assert.equal(q.latest()?.batch?.id, 'b1');
  q.view.panel.dispose();
});

test('a key or setting change re-resolves the shots and sends a new snapshot', async () => {
  const q = openQueue(LIST.replace(/defaults:\n(?: {4}.*\n| {2}image:\n)*/, ''));
  q.view.send({ type: 'ready' });
  await waitFor('the first snapshot', () => q.snapshots().length === 1);
  assert.equal(q.latest()?.rows[0]?.model, 'local/image');
  q.keys.fal = true;
  q.provider.refresh();
  await waitFor('a second snapshot', () => q.snapshots().length === 2);
  assert.equal(q.latest()?.keys.fal, true);
  assert.equal(q.latest()?.rows[0]?.model, 'fal-ai/flux/schnell');
  q.view.panel.dispose();
});

test('a hidden editor posts nothing; shown again, ready gets a complete snapshot', async () => {
  const q = openQueue();
  q.view.send({ type: 'ready' });
  await waitFor('the first snapshot', () => q.snapshots().length === 1);
  q.view.hide();
  q.runner!.change('demo.shots.yaml', ['s01']);
  await settle();
  assert.equal(q.view.dropped.length + q.view.ofType('rows').length, 0, 'nothing sent to a page that is gone');
  q.view.show();
  q.view.send({ type: 'ready' });
  await waitFor('a snapshot after ready', () => q.snapshots().length === 2);
  q.view.panel.dispose();
});

test('selectShot sends the takes of that shot, newest first, marked chosen and stale', async () => {
  const q = openQueue();
  const runner = q.runner!;
  const path = (n: number) => `assets/generated/demo/s01/take-${n}.png`;
  runner.setTakes('demo.shots.yaml', 's01', [
    { take: 1, path: path(1), uri: `file:///ws/${path(1)}`, fingerprint: 'old', costLabel: 'free (offline)' },
    { take: 2, path: path(2), uri: `file:///ws/${path(2)}`, fingerprint: 'old', generationMs: 1200 },
  ]);
  q.view.send({ type: 'ready' });
  q.view.send({ type: 'selectShot', id: 's01' });
  await waitFor('the takes', () => q.view.ofType('takes').length === 1);
  const [msg] = q.view.ofType<{ shotId: string; takes: Record<string, unknown>[] }>('takes');
  assert.equal(msg?.shotId, 's01');
  assert.deepEqual(
    msg?.takes.map((t) => [t.take, String(t.previewUri).replace(/^https:\/+/, ''), t.stale, t.chosen]),
    [
      [2, `webview/ws/${path(2)}`, true, false],
      [1, `webview/ws/${path(1)}`, true, false],
    ],
  );
  assert.equal(q.latest()?.rows[0]?.status, 'done', 'takes, none chosen');
  q.view.panel.dispose();
});

test('inspector edits become document edits that keep the comments, even sent back to back', async () => {
  const q = openQueue();
  q.view.send({ type: 'ready' });
  const version = q.document.version;
  // Sent without waiting, as a fast user would: each edit must start from the text the last one left.
  q.view.send({ type: 'setField', ids: ['s01'], field: 'prompt', value: 'a harbour at first light' });
  q.view.send({ type: 'setModel', ids: ['s01', 's02'], provider: 'fal', model: 'fal-ai/flux/schnell' });
  q.view.send({ type: 'setParam', ids: ['s02'], name: 'num_images', value: 2 });
  q.view.send({ type: 'setParam', ids: ['s02'], name: 'seed', value: 7 });
  q.view.send({ type: 'setParam', ids: ['s02'], name: 'seed' });
  q.view.send({ type: 'setField', ids: ['s03'], field: 'notes', value: 'two lines\nof notes' });
  q.view.send({ type: 'addShot' });
  await waitFor('seven edits', () => q.document.version === version + 7);
  assert.equal(
    q.document.text,
    `# The demo storyboard's shots
defaults:
  image:
    provider: local
    model: local/image
shots:
  - id: s01
    scene: harbour
    modality: image
    prompt: a harbour at first light # the opening shot
    provider: fal
    model: fal-ai/flux/schnell
  - id: s02
    scene: harbour
    modality: image
    prompt: gulls over the pier
    provider: fal
    model: fal-ai/flux/schnell
    params:
      num_images: 2
  - id: s03
    scene: storm
    modality: speech
    provider: local
    model: local/speech
    prompt: The storm is coming.
    notes: |-
      two lines
      of notes
  - id: shot-4
    modality: image
    prompt: Describe this shot
`,
  );
  assert.equal(q.document.isDirty, true, 'an edit of the document, not a write of the file');
  await waitFor('a snapshot with the new shot', () => q.latest()?.rows.some((r) => r.id === 'shot-4') === true);
  q.view.panel.dispose();
});

test('an edit the shot list refuses changes nothing and says why', async () => {
  const q = openQueue();
  q.view.send({ type: 'ready' });
  const before = q.document.text;
  q.view.send({ type: 'setField', ids: ['nope'], field: 'prompt', value: 'x' });
  await waitFor('an error message', () => fake.state.messages.some((m) => m.level === 'error'));
  assert.equal(q.document.text, before);
  assert.match(fake.state.messages.find((m) => m.level === 'error')?.text ?? '', /the shot list was not changed/);
  q.view.panel.dispose();
});

test('malformed messages are logged and dropped', async () => {
  const q = openQueue();
  q.view.send({ type: 'ready' });
  const before = q.document.text;
  q.view.send({ type: 'setField', ids: ['s01'], field: 'take', value: '9' });
  q.view.send({ type: 'generate', ids: 's01' });
  q.view.send('ready');
  await settle();
  assert.equal(q.document.text, before);
  assert.deepEqual(q.runner?.calls, []);
  assert.equal(q.logs.filter((l) => l.startsWith('warn Ignored a malformed message')).length, 3);
  q.view.panel.dispose();
});

test('batch and take actions go to the runner with the current document', async () => {
  const q = openQueue();
  const runner = q.runner!;
  q.view.send({ type: 'ready' });
  for (const m of [
    { type: 'generate', ids: ['s01', 'gone'] },
    { type: 'generateStale' },
    { type: 'retryFailed' },
    { type: 'pauseBatch' },
    { type: 'resumeBatch' },
    { type: 'cancelBatch' },
    { type: 'closeOverlay' },
    { type: 'blockAction', action: 'raiseCap' },
    { type: 'useTake', id: 's01', take: 2 },
    { type: 'rerun', id: 's01', take: 1 },
    { type: 'editRetry', id: 's01', take: 1 },
    { type: 'insertTake', id: 's02', take: 1 },
    { type: 'revealTake', id: 's02', take: 1 },
  ]) {
    q.view.send(m);
  }
  await waitFor('every action', () => runner.calls.length === 13);
  assert.deepEqual(
    runner.calls.map((c) => [c.action, c.ids ?? c.shotId ?? c.blockAction ?? '', c.take ?? '']),
    [
      ['generate', ['s01'], ''],
      ['generateStale', '', ''],
      ['retryFailed', '', ''],
      ['pause', '', ''],
      ['resume', '', ''],
      ['cancel', '', ''],
      ['closeOverlay', '', ''],
      ['blockAction', 'raiseCap', ''],
      ['useTake', 's01', 2],
      ['rerun', 's01', 1],
      ['editRetry', 's01', 1],
      ['insertTake', 's02', 1],
      ['revealTake', 's02', 1],
    ],
  );
  assert.ok(runner.calls.every((c) => c.listPath === 'demo.shots.yaml'));
  assert.equal(runner.calls[0]?.text, q.document.text);
  assert.ok(
    fake.state.messages.some((m) => m.level === 'warning' && m.text.includes('gone')),
    'a shot that is not in the list is said, not sent',
  );
  q.view.panel.dispose();
});

test('without a runner the table still works and actions say generating is unavailable', async () => {
  const q = openQueue(LIST, { runner: null });
  q.view.send({ type: 'ready' });
  await waitFor('a snapshot', () => q.snapshots().length === 1);
  q.view.send({ type: 'generate', ids: ['s01'] });
  await waitFor('a warning', () => fake.state.messages.some((m) => m.level === 'warning'));
  q.view.panel.dispose();
});

test('openText opens the file in the text editor', async () => {
  const q = openQueue();
  const opened: unknown[][] = [];
  fake.state.commands.set('vscode.openWith', (...args) => opened.push(args));
  q.view.send({ type: 'ready' });
  q.view.send({ type: 'openText' });
  await waitFor('openWith', () => opened.length === 1);
  assert.equal(String(opened[0]?.[0]), q.document.uri.toString());
  assert.equal(opened[0]?.[1], 'default');
  q.view.panel.dispose();
});

test('closing the editor releases every listener', async () => {
  const q = openQueue();
  q.view.send({ type: 'ready' });
  await waitFor('a snapshot', () => q.snapshots().length === 1);
  const changeListeners = fake.state.documents.onDidChange.size;
  assert.equal(q.runner?.listenerCount, 1);
  q.view.panel.dispose();
  assert.equal(q.runner?.listenerCount, 0);
  assert.equal(q.view.listeners(), 0);
  assert.equal(fake.state.documents.onDidChange.size, changeListeners - 1);
  assert.equal(q.provider.openCount, 0);
  fake.state.documents.type(q.document, 0, 0, '# more\n');
  q.runner?.change('demo.shots.yaml', 'all');
  await settle();
  assert.equal(q.snapshots().length, 1, 'nothing is sent after close');
});

test('a file dropped on a reference becomes its workspace path; a file outside the workspace is refused', async () => {
  const q = openQueue();
  q.view.send({ type: 'ready' });
  const version = q.document.version;
  q.view.send({ type: 'dropRef', id: 's02', field: 'image', uri: 'file:///ws/art/portrait.png' });
  await waitFor('the edit', () => q.document.version === version + 1);
  assert.match(q.document.text, /- id: s02\n(.*\n)*? {4}refs: \{ image: art\/portrait\.png \}\n/);
  const before = q.document.text;
  q.view.send({ type: 'dropRef', id: 's02', field: 'image', uri: 'file:///home/me/elsewhere.png' });
  await waitFor('an error message', () => fake.state.messages.some((m) => m.level === 'error'));
  assert.match(fake.state.messages.find((m) => m.level === 'error')?.text ?? '', /outside the workspace/);
  assert.equal(q.document.text, before);
  q.view.send({ type: 'setRef', id: 's02', field: 'image' });
  await waitFor('the reference removed', () => !q.document.text.includes('refs:'));
  q.view.panel.dispose();
});
