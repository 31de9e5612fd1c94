// Edit & retry keeps a job's references, shows them, and can change one field through the same
// pick as Generate; the retry's spec carries the result.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, test } from 'node:test';
import type { Job, JobSpec } from '../../../src/core/jobTypes';
import { findModel } from '../../../src/core/modelCatalog';
import type { JobReference } from '../../../src/core/references/referenceTypes';
import type { HostContext } from '../../../src/extension/host/hostContext';
import { catalogHostModels } from '../../fakes/catalogHostModels';
import { installFakeVscode } from '../../fakes/fakeVscodeModule';
import { FakeUri, type FakeVscodeState } from '../../fakes/vscodeFakes';
import { makeJob } from './jobFixtures';

const fake = installFakeVscode();
const state: FakeVscodeState = fake.state;
const { JobActions } = fake.load(
  'src/extension/generate/jobActions',
) as typeof import('../../../src/extension/generate/jobActions');
const { replaceField, reviewItems } = fake.load(
  'src/extension/generate/referenceReview',
) as typeof import('../../../src/extension/generate/referenceReview');

const ref = (field: string, path: string, index?: number): JobReference => ({
  field,
  path,
  sha256: '0'.repeat(64),
  bytes: 1,
  contentType: path.endsWith('.wav') ? 'audio/wav' : 'image/png',
  ...(index === undefined ? {} : { index }),
});
const omni = findModel('fal', 'fal-ai/bytedance/omnihuman/v1.5');
assert.ok(omni);

type Items = { items: { label: string; description?: string }[] };

test('the review lists each referenced field with its path; a field the model lacks cannot be changed', () => {
  const items = reviewItems([ref('image_url', 'me.png'), ref('audio_url', 'line.wav'), ref('mask', 'm.png')], omni);
  assert.deepEqual(
    items.map((i) => [i.label, i.description]),
    [
      ['$(check) Keep these references', 'then edit the prompt'],
      ['$(file-media) Portrait: me.png', 'Change…'],
      ['$(file-media) Voice line: line.wav', 'Change…'],
      ['$(file-media) mask: m.png', 'not a field of this model; kept as it is'],
    ],
  );
});

test("replacing a field's files keeps the others and the order", () => {
  const refs = [ref('image_urls', 'a.png', 0), ref('image_urls', 'b.png', 1), ref('audio_url', 'l.wav')];
  assert.deepEqual(
    replaceField(refs, 'image_urls', [ref('image_urls', 'c.png', 0)]).map((r) => r.path),
    ['c.png', 'l.wav'],
  );
  assert.deepEqual(
    replaceField(refs, 'audio_url', [ref('audio_url', 'm.wav')]).map((r) => r.path),
    ['a.png', 'b.png', 'm.wav'],
  );
});

let submitted: JobSpec[];
let ws: string;

beforeEach(() => {
  ws = mkdtempSync(join(tmpdir(), 'gq-review-'));
  writeFileSync(join(ws, 'other.png'), 'other png');
  state.workspaceFolder = FakeUri.file(ws);
  state.quickPicks.length = 0;
  state.inputs.length = 0;
  state.messages.length = 0;
  state.messageAnswers.length = 0;
  submitted = [];
});

function context(job: Job): HostContext {
  const service = {
    get: (id: string) => (id === job.id ? job : undefined),
    engine: { get: (id: string) => (id === job.id ? job : undefined), list: () => [job] },
    retry: () => {
      throw new Error('the engine retry repeats the old references');
    },
    submit: (spec: JobSpec) => {
      submitted.push(spec);
      return { ...job, id: 'new' };
    },
  };
  return {
    globalStorageUri: FakeUri.file('/global'),
    keys: { has: () => true, all: () => [] },
    log: { info() {}, warn() {}, error() {} },
    config: () => ({ budgetConfirmThreshold: 100 }),
    service: async () => service,
    serviceIfStarted: () => service,
    history: { readJobs: async () => [] },
    models: catalogHostModels(),
  } as unknown as HostContext;
}

test('Edit & retry: change the portrait, keep the voice line, edit the prompt; the retry carries both', async () => {
  const job = makeJob({
    state: 'failed',
    provider: 'fal',
    model: 'fal-ai/bytedance/omnihuman/v1.5',
    modality: 'video',
    input: { prompt: 'calm', resolution: '720p' },
    refs: [ref('image_url', 'me.png'), ref('audio_url', 'line.wav')],
  });
  state.quickPicks.push(
    (a: Items) => a.items.find((i) => i.label.startsWith('$(file-media) Portrait')),
    (a: Items) => a.items.find((i) => i.label === 'other.png'),
    (a: Items) => {
      assert.ok(
        a.items.some((i) => i.label === '$(file-media) Portrait: other.png'),
        'the change is shown',
      );
      return a.items[0];
    },
  );
  state.inputs.push(() => 'calm, smiling');
  await new JobActions(context(job)).editRetry(job.id);
  assert.equal(submitted.length, 1);
  assert.equal(submitted[0]?.retriedFrom, job.id);
  assert.equal(submitted[0]?.input.prompt, 'calm, smiling');
  assert.deepEqual(
    submitted[0]?.refs?.map((r) => [r.field, r.path]),
    [
      ['image_url', 'other.png'],
      ['audio_url', 'line.wav'],
    ],
  );
});

test('cancelling the review sends nothing and asks nothing more', async () => {
  const job = makeJob({
    state: 'failed',
    model: 'fal-ai/bytedance/omnihuman/v1.5',
    refs: [ref('image_url', 'me.png')],
  });
  state.quickPicks.push(() => undefined);
  await new JobActions(context(job)).editRetry(job.id);
  assert.equal(submitted.length, 0);
  assert.equal(state.inputs.length, 0);
});

test("the panel's Change… on a field picks that field first, then shows the review", async () => {
  const job = makeJob({
    state: 'failed',
    model: 'fal-ai/bytedance/omnihuman/v1.5',
    modality: 'video',
    input: { prompt: 'calm' },
    refs: [ref('image_url', 'me.png'), ref('audio_url', 'line.wav')],
  });
  state.quickPicks.push(
    (a: Items) => a.items.find((i) => i.label === 'other.png'),
    (a: Items) => a.items[0],
  );
  state.inputs.push((o: unknown) => (o as { value: string }).value);
  await new JobActions(context(job)).editRetry(job.id, 'image_url');
  assert.deepEqual(
    submitted[0]?.refs?.map((r) => r.path),
    ['other.png', 'line.wav'],
  );
  assert.equal(submitted[0]?.input.prompt, 'calm');
});
