import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type InsertRequest, renderReference } from '../../../src/extension/insert/insertTemplates';

const base: InsertRequest = {
  languageId: 'markdown',
  modality: 'image',
  assetPath: '/ws/assets/generated/fox.png',
  documentPath: '/ws/docs/guide.md',
  workspaceRoot: '/ws',
  prompt: 'a red [fox]\nin snow',
};

test('markdown: image syntax with a document-relative path and an escaped alt text', () => {
  assert.equal(renderReference(base), '![a red \\[fox\\] in snow](../assets/generated/fox.png)');
});

test('markdown: a link for video and audio; spaces encoded', () => {
  assert.equal(
    renderReference({ ...base, modality: 'video', assetPath: '/ws/docs/my clip.mp4', prompt: 'waves' }),
    '[waves](my%20clip.mp4)',
  );
  assert.equal(
    renderReference({ ...base, modality: 'speech', assetPath: '/ws/docs/a.wav', prompt: '' }),
    '[a.wav](a.wav)',
  );
});

test('html: img, video and audio tags with escaped attributes', () => {
  const html = { ...base, languageId: 'html', documentPath: '/ws/index.html', prompt: 'say "hi" <b>' };
  assert.equal(renderReference(html), '<img src="assets/generated/fox.png" alt="say &quot;hi&quot; &lt;b&gt;">');
  assert.equal(
    renderReference({ ...html, modality: 'video', assetPath: '/ws/v.mp4' }),
    '<video src="v.mp4" controls></video>',
  );
  assert.equal(
    renderReference({ ...html, modality: 'audio', assetPath: '/ws/a.mp3' }),
    '<audio src="a.mp3" controls></audio>',
  );
});

test("tsx/jsx in a Remotion project: an <Img> with staticFile relative to public/, in the file's quote style", () => {
  const tsx = { ...base, languageId: 'typescriptreact', documentPath: '/ws/src/Video.tsx', remotion: true };
  assert.equal(
    renderReference({ ...tsx, assetPath: '/ws/public/gen/fox.png' }),
    '<Img src={staticFile("gen/fox.png")} />',
  );
  assert.equal(
    renderReference({ ...tsx, assetPath: "/ws/public/gen/it's.png", quote: "'" }),
    "<Img src={staticFile('gen/it\\'s.png')} />",
  );
});

test('Remotion video and audio come in a <Sequence> for the timeline: OffthreadVideo, Audio, length in frames when known', () => {
  const tsx = { ...base, languageId: 'javascriptreact', documentPath: '/ws/src/Video.tsx', remotion: true };
  assert.equal(
    renderReference({ ...tsx, modality: 'video', assetPath: '/ws/public/v.mp4', quote: "'", durationInFrames: 150 }),
    "<Sequence from={0} durationInFrames={150}>\n  <OffthreadVideo src={staticFile('v.mp4')} />\n</Sequence>",
  );
  assert.equal(
    renderReference({ ...tsx, modality: 'speech', assetPath: '/ws/assets/generated/line.wav', indentUnit: '\t' }),
    '<Sequence from={0}>\n\t<Audio src={staticFile("assets/generated/line.wav")} />\n</Sequence>',
    'length unknown: no durationInFrames (it lasts to the end); outside public/: the workspace-relative path',
  );
});

test('tsx/jsx outside a Remotion project: the plain document-relative path, no component', () => {
  const tsx = {
    ...base,
    languageId: 'typescriptreact',
    documentPath: '/ws/src/App.tsx',
    assetPath: '/ws/public/x.png',
  };
  assert.equal(renderReference(tsx), '../public/x.png');
  assert.equal(renderReference({ ...tsx, remotion: false, languageId: 'javascriptreact' }), '../public/x.png');
});

test('css family: url() with a document-relative path', () => {
  assert.equal(
    renderReference({ ...base, languageId: 'scss', documentPath: '/ws/styles/site.scss' }),
    'url("../assets/generated/fox.png")',
  );
});

test('other languages: the plain path relative to the document', () => {
  assert.equal(
    renderReference({ ...base, languageId: 'python', documentPath: '/ws/scripts/run.py' }),
    '../assets/generated/fox.png',
  );
  assert.equal(
    renderReference({ ...base, languageId: 'plaintext', documentPath: undefined }),
    'assets/generated/fox.png',
    'untitled: workspace-relative',
  );
});

test('templates from settings override the defaults per language and modality', () => {
  const templates = {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the setting's placeholders are the point
    markdown: { image: '<img src="${path}" title="${prompt}" data-rel="${relPath}" data-name="${name}">' },
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the setting's placeholders are the point
    typescriptreact: { default: 'staticFile("${publicPath}") ${unknown}' },
  };
  assert.equal(
    renderReference({ ...base, templates }),
    '<img src="../assets/generated/fox.png" title="a red [fox] in snow" data-rel="assets/generated/fox.png" data-name="fox.png">',
  );
  assert.equal(
    renderReference({ ...base, modality: 'video', assetPath: '/ws/docs/v.mp4', prompt: 'p', templates }),
    '[p](v.mp4)',
    'no template for video: default',
  );
  assert.equal(
    renderReference({ ...base, languageId: 'typescriptreact', assetPath: '/ws/public/x.png', templates }),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the setting's placeholders are the point
    'staticFile("x.png") ${unknown}',
  );
});
