// Two builds: the extension host (cjs/node, `vscode` external) and the webviews (esm/browser):
// dist/webview.js (generations panel) and dist/queue.js (Production Queue editor).
// Flags: --watch rebuilds on change; --production minifies and drops sourcemaps.
import { cp, mkdir } from 'node:fs/promises';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Report build results in the problem-matcher format VS Code's esbuild watch task expects. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  plugins: [problemMatcher],
  legalComments: 'none',
};

const host = {
  ...common,
  entryPoints: { extension: 'src/extension/activate.ts' },
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // h264-mp4-encoder embeds ~1 MB of wasm: it ships beside the bundle (dist/node_modules) and is
  // loaded only when the offline provider makes a video, not at activation.
  external: ['vscode', 'h264-mp4-encoder'],
};

const webview = {
  ...common,
  entryPoints: { webview: 'webview/generations/main.ts', queue: 'webview/queue/main.ts' },
  outdir: 'dist',
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
};

async function copyAssets() {
  await mkdir('dist/codicons', { recursive: true });
  await cp('node_modules/@vscode/codicons/dist/codicon.css', 'dist/codicons/codicon.css');
  await cp('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/codicons/codicon.ttf');
  // eSpeak NG (the offline speech voice) is an ES module that loads its .wasm from beside itself,
  // so it cannot live inside the CommonJS bundle; it ships as a separate component with its
  // own GPL licence text.
  await mkdir('dist/wasm', { recursive: true });
  await cp('node_modules/espeak-ng/dist/espeak-ng.js', 'dist/wasm/espeak-ng.mjs');
  await cp('node_modules/espeak-ng/dist/espeak-ng.wasm', 'dist/wasm/espeak-ng.wasm');
  await cp('node_modules/espeak-ng/LICENSE', 'dist/wasm/espeak-ng.LICENSE');
  const h264 = 'dist/node_modules/h264-mp4-encoder';
  await mkdir(`${h264}/embuild/dist`, { recursive: true });
  for (const f of ['package.json', 'LICENSE.md', 'embuild/dist/h264-mp4-encoder.node.js']) {
    await cp(`node_modules/h264-mp4-encoder/${f}`, `${h264}/${f}`);
  }
}

if (watch) {
  const contexts = await Promise.all([esbuild.context(host), esbuild.context(webview)]);
  await copyAssets();
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all([esbuild.build(host), esbuild.build(webview)]);
  await copyAssets();
}
