// Bundle sizes of the production build (run `npm run package` or `node esbuild.mjs --production` first).
// Targets: extension.js under 1 MB, webview.js (generations panel) and queue.js (Production Queue) under
// 250 KB minified each.
import { existsSync, statSync } from 'node:fs';

const TARGETS: Array<[file: string, limitBytes: number]> = [
  ['dist/extension.js', 1024 * 1024],
  ['dist/webview.js', 250 * 1024],
  ['dist/queue.js', 250 * 1024],
];

export function runBundleSizesBench(): void {
  console.log('\n## Bundle sizes (production build)');
  console.log('| bundle | size | target | ratio to target |');
  console.log('|---|---|---|---|');
  for (const [file, limit] of TARGETS) {
    if (!existsSync(file)) {
      console.log(`| ${file} | missing (build first) | ${kb(limit)} | - |`);
      continue;
    }
    const size = statSync(file).size;
    console.log(`| ${file} | ${kb(size)} | ${kb(limit)} | ${(size / limit).toFixed(2)} |`);
  }
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(1)} KB`;
}
