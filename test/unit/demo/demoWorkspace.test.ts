// The demo's sample Remotion project opens without TypeScript errors although its dependencies are
// not installed (demo-workspace/types stands in for them), and still does after GenQueue inserts an
// image, a video or an audio into its scene. Checked with the TypeScript the editor would use.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { renderReference } from '../../../src/extension/insert/insertTemplates';
import { indentUnit } from '../../../src/extension/insert/jsxPlacement';
import { placeReference } from '../../../src/extension/insert/ownLinePlacement';
import {
  type OffsetEdit,
  preferredQuote,
  remotionImportEdit,
  remotionNamesFor,
} from '../../../src/extension/insert/remotionImports';

const demo = join(__dirname, '..', '..', '..', 'demo-workspace');
const scenePath = join(demo, 'src', 'Scene.tsx');

const config = ts.getParsedCommandLineOfConfigFile(
  join(demo, 'tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  },
);
const host = ts.createCompilerHost(config?.options ?? {});
// The lib files parse once for all checks (most of the time); only Scene.tsx changes.
const parsed = new Map<string, ts.SourceFile | undefined>();
const parse = host.getSourceFile.bind(host);
let scene: string | undefined;
host.getSourceFile = (file, language, ...rest) => {
  if (file === scenePath && scene !== undefined) return ts.createSourceFile(file, scene, language);
  if (!parsed.has(file)) parsed.set(file, parse(file, language, ...rest));
  return parsed.get(file);
};

/** Type errors of the demo project, with Scene.tsx replaced by `text` when given. */
function typeErrors(text?: string): string[] {
  assert.ok(config);
  scene = text;
  const program = ts.createProgram(config.fileNames, config.options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.slice(demo.length + 1)}:` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

const apply = (text: string, edits: (OffsetEdit | undefined)[]) =>
  edits
    .filter((e): e is OffsetEdit => e !== undefined)
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);

/** Scene.tsx after inserting a take at the end of its `<AbsoluteFill style={{ backgroundColor … }}>` line. */
function sceneWith(modality: 'image' | 'video' | 'speech', file: string): string {
  const text = readFileSync(scenePath, 'utf8');
  const offset = text.indexOf('\n', text.indexOf('<AbsoluteFill'));
  const reference = renderReference({
    languageId: 'typescriptreact',
    modality,
    assetPath: `/ws/public/generated/${file}`,
    documentPath: '/ws/src/Scene.tsx',
    workspaceRoot: '/ws',
    remotion: true,
    quote: preferredQuote(text),
    indentUnit: indentUnit(text),
    durationInFrames: 150,
  });
  return apply(text, [
    remotionImportEdit(text, remotionNamesFor(reference)),
    placeReference('typescriptreact', text, offset, reference),
  ]);
}

test('the sample scene, root and index type-check without node_modules', () => {
  assert.deepEqual(typeErrors(), []);
});

test('after inserting an image, a video (Sequence + OffthreadVideo) or an audio, the scene still type-checks', () => {
  const video = sceneWith('video', 'waves.mp4');
  assert.match(
    video,
    /<Sequence from=\{0\} durationInFrames=\{150\}>\n\s+<OffthreadVideo src=\{staticFile\('generated\/waves\.mp4'\)\} \/>/,
  );
  for (const scene of [sceneWith('image', 'fox.png'), video, sceneWith('speech', 'line.wav')]) {
    assert.deepEqual(typeErrors(scene), [], scene);
  }
});
