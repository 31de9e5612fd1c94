// The manifest's user-visible strings live in package.nls.json (VS Code substitutes %key%), and the
// runtime strings bundle for vscode.l10n.t sits where package.json's "l10n" points.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const repo = join(__dirname, '..', '..', '..');
const pkgText = readFileSync(join(repo, 'package.json'), 'utf8');
const pkg = JSON.parse(pkgText) as {
  l10n?: string;
  contributes: {
    commands: { title: string; category: string }[];
    viewsContainers: Record<string, { title: string }[]>;
    views: Record<string, { name: string; contextualTitle?: string }[]>;
    configuration: {
      title: string;
      properties: Record<string, { description?: string; markdownDescription?: string; enumDescriptions?: string[] }>;
    };
  };
};
const nls = JSON.parse(readFileSync(join(repo, 'package.nls.json'), 'utf8')) as Record<string, string>;
const PLACEHOLDER = /^%([\w.-]+)%$/;

function contributedStrings(): [where: string, value: string][] {
  const c = pkg.contributes;
  const out: [string, string][] = [];
  for (const cmd of c.commands) out.push([`command title ${cmd.title}`, cmd.title], ['command category', cmd.category]);
  for (const list of Object.values(c.viewsContainers))
    for (const v of list) out.push(['view container title', v.title]);
  for (const list of Object.values(c.views)) {
    for (const v of list) {
      out.push(['view name', v.name]);
      if (v.contextualTitle !== undefined) out.push(['view contextualTitle', v.contextualTitle]);
    }
  }
  out.push(['configuration title', c.configuration.title]);
  for (const [name, p] of Object.entries(c.configuration.properties)) {
    if (p.description !== undefined) out.push([`${name} description`, p.description]);
    if (p.markdownDescription !== undefined) out.push([`${name} markdownDescription`, p.markdownDescription]);
    for (const d of p.enumDescriptions ?? []) out.push([`${name} enumDescriptions`, d]);
  }
  return out;
}

test('every contributed title, name and setting description is a %key% placeholder with an English value', () => {
  const strings = contributedStrings();
  assert.ok(strings.length >= 40, `found ${strings.length}`);
  for (const [where, value] of strings) {
    const key = PLACEHOLDER.exec(value)?.[1];
    assert.ok(key, `${where} is not a placeholder: ${value}`);
    assert.ok(
      typeof nls[key] === 'string' && nls[key].trim() !== '',
      `${where}: ${key} has no text in package.nls.json`,
    );
  }
});

test('package.nls.json has no unused keys and no placeholder is left unresolved anywhere in package.json', () => {
  const used = new Set([...pkgText.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]));
  assert.deepEqual(
    Object.keys(nls).filter((k) => !used.has(k)),
    [],
  );
  assert.deepEqual(
    [...used].filter((k) => k !== undefined && !(k in nls)),
    [],
  );
  assert.equal(nls['command.generateImage.title'], 'Generate Image…');
  assert.equal(nls['command.category'], 'GenQueue');
});

test('"l10n" points at a folder with the runtime bundle, which holds the host strings', () => {
  assert.equal(pkg.l10n, './l10n');
  const bundlePath = join(repo, 'l10n', 'bundle.l10n.json');
  assert.ok(existsSync(bundlePath), 'l10n/bundle.l10n.json exists');
  const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as Record<string, unknown>;
  for (const s of ['Check Again', 'Set API Key', 'Show Generations', 'Insert']) assert.ok(s in bundle, s);
});
