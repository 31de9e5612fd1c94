// Generate Talking Head… end to end in the palette, against the fake `vscode` and a fake service:
// model pick (every provider's talking-head models), references, optional prompt, cost question
// (priced by the voice line's length), and the JobSpec handed to the service carries the refs.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, test } from 'node:test';
import type { JobSpec } from '../../../src/core/jobTypes';
import type { HostContext } from '../../../src/extension/host/hostContext';
import { encodeWav } from '../../../src/providers/local/wav';
import { catalogHostModels } from '../../fakes/catalogHostModels';
import { installFakeVscode } from '../../fakes/fakeVscodeModule';
import { paletteHostContext } from '../../fakes/paletteHostContext';
import { FakeUri, type FakeVscodeState, resetPalette } from '../../fakes/vscodeFakes';

const fake = installFakeVscode();
const state: FakeVscodeState = fake.state;
const { GenerateFlow } = fake.load(
  'src/extension/generate/generateFlow',
) as typeof import('../../../src/extension/generate/generateFlow');

type Items = { items: { label: string }[] };
const chooseLabel = (label: string) => (a: Items) => a.items.find((i) => i.label === label);

let ws: string;
let submitted: JobSpec[];

function context(): HostContext {
  return paletteHostContext({
    submitted,
    defaultProvider: 'fal',
    budgetConfirmThreshold: 0,
    models: catalogHostModels(),
  });
}

beforeEach(() => {
  ws = join(mkdtempSync(join(tmpdir(), 'gq-flow-')), 'ws');
  mkdirSync(ws, { recursive: true });
  writeFileSync(join(ws, 'portrait.png'), 'png bytes');
  writeFileSync(join(ws, 'line.wav'), encodeWav(new Int16Array(8000 * 10), 8000));
  resetPalette(state, ws);
  submitted = [];
});

test('Generate Talking Head… from a voice line: the job spec carries both references and an honest price', async () => {
  let models: string[] = [];
  state.quickPicks.push((a: Items) => {
    models = a.items.map((i) => i.label);
    return chooseLabel('OmniHuman 1.5 (talking head)')(a);
  }, chooseLabel('portrait.png'));
  state.inputs.push(() => ''); // the prompt is optional for a talking head
  state.messageAnswers.push(({ items }: { items: string[] }) => items[0]);
  await new GenerateFlow(context()).runTask('talking-head', FakeUri.file(join(ws, 'line.wav')) as never);

  assert.ok(models.includes('OmniHuman (talking head)'), 'Replicate models are offered too');
  assert.ok(!models.some((m) => m.includes('image to video')));
  // $0.16/s × the 10 s voice line.
  assert.deepEqual(
    state.messages.map((m) => m.text),
    ['This will cost about $1.60.'],
  );
  assert.equal(submitted.length, 1);
  const spec = submitted[0];
  assert.equal(spec?.model, 'fal-ai/bytedance/omnihuman/v1.5');
  assert.deepEqual(spec?.input, { resolution: '720p', turbo_mode: false });
  assert.deepEqual(
    spec?.refs?.map((r) => [r.field, r.path, r.contentType]),
    [
      ['image_url', 'portrait.png', 'image/png'],
      ['audio_url', 'line.wav', 'audio/wav'],
    ],
  );
});

test('declining the cost question sends nothing; cancelling a reference pick asks nothing more', async () => {
  state.quickPicks.push(chooseLabel('Kling 2.1 Standard (image to video)'), chooseLabel('portrait.png'));
  state.inputs.push(() => 'slow push in');
  state.messageAnswers.push(() => undefined);
  await new GenerateFlow(context()).runTask('image-to-video');
  assert.equal(submitted.length, 0);
  assert.match(state.messages[0]?.text ?? '', /^This will cost about \$0\.28\.$/);

  state.quickPicks.push(chooseLabel('Kling 2.1 Standard (image to video)'), () => undefined);
  await new GenerateFlow(context()).runTask('image-to-video');
  assert.equal(submitted.length, 0);
  assert.equal(state.inputs.length, 0);
});
