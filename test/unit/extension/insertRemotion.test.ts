// Insert into a Remotion scene (insertion.ts against the fake `vscode` module, real files on disk):
// the element on its own line at the file's indentation and quotes, a video or audio wrapped in a
// <Sequence> whose length comes from the take and the composition's fps, imports merged.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach, test } from 'node:test';
import type { Job } from '../../../src/core/jobTypes';
import type { HostContext } from '../../../src/extension/host/hostContext';
import { installFakeVscode } from '../../fakes/fakeVscodeModule';
import { FakeUri, fakeEditor } from '../../fakes/vscodeFakes';
import { makeJob } from './jobFixtures';

const fake = installFakeVscode();
const { state } = fake;
const { insertTake } = fake.load(
  'src/extension/insert/insertion',
) as typeof import('../../../src/extension/insert/insertion');
const { LastTextEditor } = fake.load(
  'src/extension/insert/lastTextEditor',
) as typeof import('../../../src/extension/insert/lastTextEditor');

const ws = mkdtempSync(join(tmpdir(), 'genqueue-remotion-'));
mkdirSync(join(ws, 'src'), { recursive: true });
writeFileSync(join(ws, 'package.json'), JSON.stringify({ dependencies: { remotion: '4.0.300' } }));
after(() => rmSync(ws, { recursive: true, force: true }));

const SCENE = [
  "import { AbsoluteFill, Img, staticFile } from 'remotion';",
  '',
  'export const Scene: React.FC = () => (',
  '    <AbsoluteFill>',
  "        <Img src={staticFile('placeholder.svg')} />",
  '    </AbsoluteFill>',
  ');',
  '',
].join('\n');

function context(): HostContext {
  return {
    globalStorageUri: FakeUri.file('/global'),
    config: () => ({ insertTemplates: {} }),
    log: { info() {} },
    lastEditor: new LastTextEditor(),
  } as unknown as HostContext;
}

function take(modality: Job['modality'], file: string, durationSec?: number): Job {
  return makeJob({
    state: 'succeeded',
    modality,
    input: { prompt: 'waves' },
    takes: [{ index: 0, localPath: `public/generated/${file}`, ...(durationSec ? { durationSec } : {}) }],
  });
}

async function insertAtEndOfLine(job: Job, line: number): Promise<string> {
  const offset = SCENE.split('\n')
    .slice(0, line + 1)
    .join('\n').length;
  const editor = fakeEditor(join(ws, 'src', 'Scene.tsx'), 'typescriptreact', SCENE, offset);
  state.activeTextEditor = editor;
  assert.equal(await insertTake(context(), job, 0), true);
  return editor.document.text;
}

beforeEach(() => {
  state.activeTextEditor = undefined;
  state.workspaceFolder = FakeUri.file(ws);
  rmSync(join(ws, 'src', 'Root.tsx'), { force: true });
});

test('an image after a sibling element: its own line, same indentation, single quotes like the file', async () => {
  const text = await insertAtEndOfLine(take('image', 'fox.png'), 4);
  assert.equal(
    text.split('\n').slice(4, 6).join('\n'),
    "        <Img src={staticFile('placeholder.svg')} />\n        <Img src={staticFile('generated/fox.png')} />",
  );
  assert.ok(text.startsWith("import { AbsoluteFill, Img, staticFile } from 'remotion';\n"), 'nothing to import');
});

test('a video goes in a <Sequence> one step inside the opening tag, its frames from the take and Root.tsx fps', async () => {
  writeFileSync(
    join(ws, 'src', 'Root.tsx'),
    '<Composition id="T" component={Scene} fps={30} durationInFrames={900} />',
  );
  const text = await insertAtEndOfLine(take('video', 'waves.mp4', 5), 3);
  assert.equal(
    text,
    [
      "import { AbsoluteFill, Img, staticFile, Sequence, OffthreadVideo } from 'remotion';",
      '',
      'export const Scene: React.FC = () => (',
      '    <AbsoluteFill>',
      '        <Sequence from={0} durationInFrames={150}>',
      "            <OffthreadVideo src={staticFile('generated/waves.mp4')} />",
      '        </Sequence>',
      "        <Img src={staticFile('placeholder.svg')} />",
      '    </AbsoluteFill>',
      ');',
      '',
    ].join('\n'),
  );
});

test('speech without a known fps: an <Audio> in a <Sequence> without durationInFrames', async () => {
  const text = await insertAtEndOfLine(take('speech', 'line.wav', 3), 4);
  assert.match(
    text,
    /\n {8}<Sequence from=\{0\}>\n {12}<Audio src=\{staticFile\('generated\/line\.wav'\)\} \/>\n {8}<\/Sequence>\n/,
  );
  assert.ok(text.startsWith("import { AbsoluteFill, Img, staticFile, Sequence, Audio } from 'remotion';"));
});
