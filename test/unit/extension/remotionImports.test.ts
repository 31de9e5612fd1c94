import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  importsRemotion,
  type OffsetEdit,
  packageDependsOnRemotion,
  preferredQuote,
  remotionImportEdit,
  remotionNamesFor,
} from '../../../src/extension/insert/remotionImports';

const apply = (text: string, e: OffsetEdit | undefined) =>
  e ? text.slice(0, e.start) + e.text + text.slice(e.end) : text;
const IMG = ['Img', 'staticFile'];

test('names a reference needs: its Remotion tag and staticFile', () => {
  assert.deepEqual(remotionNamesFor('<Img src={staticFile("a.png")} />'), ['Img', 'staticFile']);
  assert.deepEqual(remotionNamesFor('<Video src={staticFile("a.mp4")} />'), ['Video', 'staticFile']);
  assert.deepEqual(remotionNamesFor('<Audio src={staticFile("a.wav")} />'), ['Audio', 'staticFile']);
  assert.deepEqual(remotionNamesFor('staticFile("x.png")'), ['staticFile']);
  assert.deepEqual(remotionNamesFor('../public/x.png'), []);
});

test('names a timeline reference needs: Sequence, the media tag inside it, staticFile', () => {
  const seq = "<Sequence from={0}>\n  <OffthreadVideo src={staticFile('v.mp4')} />\n</Sequence>";
  assert.deepEqual(remotionNamesFor(seq), ['Sequence', 'OffthreadVideo', 'staticFile']);
  const audio = '<Sequence from={0} durationInFrames={60}>\n  <Audio src={staticFile("a.wav")} />\n</Sequence>';
  assert.deepEqual(remotionNamesFor(audio), ['Sequence', 'Audio', 'staticFile']);
});

test('merges the timeline names into an existing remotion import, leaving names already there', () => {
  const src = "import { AbsoluteFill, Sequence } from 'remotion';\n";
  assert.equal(
    apply(src, remotionImportEdit(src, ['Sequence', 'OffthreadVideo', 'staticFile'])),
    "import { AbsoluteFill, Sequence, OffthreadVideo, staticFile } from 'remotion';\n",
  );
});

test("the file's quote style comes from its imports (most of them); double quotes without imports", () => {
  assert.equal(preferredQuote("import a from 'a';\nimport { b } from 'remotion';\n"), "'");
  assert.equal(preferredQuote('import a from "a";\nimport b from "b";\nimport c from \'c\';\n'), '"');
  assert.equal(preferredQuote('const a = 1;\n'), '"');
});

test('merges into an existing single-line remotion import, keeping its spacing', () => {
  const src =
    "import React from 'react';\nimport { AbsoluteFill, useCurrentFrame } from 'remotion';\n\nexport const A = () => null;\n";
  assert.equal(
    apply(src, remotionImportEdit(src, IMG)),
    "import React from 'react';\nimport { AbsoluteFill, useCurrentFrame, Img, staticFile } from 'remotion';\n\nexport const A = () => null;\n",
  );
  const tight = 'import {AbsoluteFill} from "remotion";\n';
  assert.equal(
    apply(tight, remotionImportEdit(tight, IMG)),
    'import {AbsoluteFill, Img, staticFile} from "remotion";\n',
  );
});

test('merges into a multi-line remotion import one name per line', () => {
  const src = "import {\n  AbsoluteFill,\n  Sequence\n} from 'remotion';\nconst x = 1;\n";
  assert.equal(
    apply(src, remotionImportEdit(src, IMG)),
    "import {\n  AbsoluteFill,\n  Sequence,\n  Img,\n  staticFile,\n} from 'remotion';\nconst x = 1;\n",
  );
});

test('only the missing names are added; nothing when all are imported', () => {
  const src = "import { Img, AbsoluteFill } from 'remotion';\n";
  assert.equal(apply(src, remotionImportEdit(src, IMG)), "import { Img, AbsoluteFill, staticFile } from 'remotion';\n");
  const full = "import { Img, staticFile } from 'remotion';\n";
  assert.equal(remotionImportEdit(full, IMG), undefined);
});

test('a name already bound by another import is not imported again (no duplicate binding)', () => {
  const src = "import { Img } from './components/Img';\nimport { Sequence } from 'remotion';\n";
  assert.equal(
    apply(src, remotionImportEdit(src, IMG)),
    "import { Img } from './components/Img';\nimport { Sequence, staticFile } from 'remotion';\n",
  );
  const aliased = "import { Img as RImg, staticFile } from 'remotion';\n";
  assert.equal(
    apply(aliased, remotionImportEdit(aliased, IMG)),
    "import { Img as RImg, staticFile, Img } from 'remotion';\n",
    'an alias binds another name: Img itself is still missing',
  );
});

test('no remotion import yet: a new line after the last import, in the file quote style', () => {
  const src = 'import React from "react";\nimport "./styles.css";\n\nexport const A = () => null;\n';
  assert.equal(
    apply(src, remotionImportEdit(src, IMG)),
    'import React from "react";\nimport "./styles.css";\nimport { Img, staticFile } from "remotion";\n\nexport const A = () => null;\n',
  );
  const typeOnly = "import type { FC } from 'react';\nimport type { CalculateMetadataFunction } from 'remotion';\n";
  assert.equal(
    apply(typeOnly, remotionImportEdit(typeOnly, IMG)),
    `${typeOnly.trimEnd()}\nimport { Img, staticFile } from 'remotion';\n`,
    'a type-only remotion import is not merged into',
  );
});

test('no imports at all: the import goes first, after a "use client" directive', () => {
  assert.equal(
    apply('export const A = 1;\n', remotionImportEdit('export const A = 1;\n', IMG)),
    "import { Img, staticFile } from 'remotion';\nexport const A = 1;\n",
  );
  const directive = "'use client';\nexport const A = 1;\n";
  assert.equal(
    apply(directive, remotionImportEdit(directive, IMG)),
    "'use client';\nimport { Img, staticFile } from 'remotion';\nexport const A = 1;\n",
  );
});

test('Remotion project detection: the file imports remotion, or package.json depends on it', () => {
  assert.equal(importsRemotion("import { Composition } from 'remotion';"), true);
  assert.equal(importsRemotion("import type { FC } from 'react';\nimport x from '@remotion/player';"), false);
  assert.equal(importsRemotion("// import { Img } from 'remotion'\nconst a = 1;"), false);
  assert.equal(packageDependsOnRemotion('{"dependencies":{"remotion":"4.0.0"}}'), true);
  assert.equal(packageDependsOnRemotion('{"devDependencies":{"remotion":"^4"}}'), true);
  assert.equal(packageDependsOnRemotion('{"dependencies":{"@remotion/cli":"4"}}'), false);
  assert.equal(packageDependsOnRemotion('{ not json'), false);
});
