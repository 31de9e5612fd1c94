// The shot lists GenQueue ships (the "New Shot List" example, the demo workspace's list) parse
// clean, and the JSON Schema for YAML-extension users says what the parser says.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MODALITIES, PROVIDER_IDS } from '../../../src/core/jobTypes';
import { MODEL_CATALOG } from '../../../src/core/modelCatalog';
import { EXAMPLE_SHOT_LIST } from '../../../src/core/shots/exampleShotList';
import { parseShotList, TOP_LEVEL_KEYS } from '../../../src/core/shots/parseShotList';
import { SHOT_KEYS } from '../../../src/core/shots/readShot';
import { resolveShot } from '../../../src/core/shots/resolveShot';
import { MAX_ID_CHARS, MAX_PROMPT_CHARS } from '../../../src/core/shots/shotRules';

const root = join(__dirname, '..', '..', '..');
const demoText = readFileSync(join(root, 'demo-workspace', 'video.shots.yaml'), 'utf8');
const storyboard = readFileSync(join(root, 'demo-workspace', 'storyboard.md'), 'utf8');
const schema = JSON.parse(readFileSync(join(root, 'media', 'shots.schema.json'), 'utf8'));
const noKey = () => {
  throw new Error('a shipped list must not need the user settings');
};

describe('shipped shot lists', () => {
  it('the New Shot List example parses with no diagnostics and runs offline', () => {
    const parsed = parseShotList(EXAMPLE_SHOT_LIST);
    assert.deepEqual(parsed.diagnostics, []);
    assert.ok(parsed.list.shots.length >= 4);
    assert.deepEqual(new Set(parsed.list.shots.map((s) => s.modality)), new Set(MODALITIES));
    for (const s of parsed.list.shots) assert.equal(resolveShot(parsed.list, s, noKey).provider, 'local');
  });

  it("the demo's list covers the storyboard: about a dozen shots, every modality and scene, offline", () => {
    const parsed = parseShotList(demoText);
    assert.deepEqual(parsed.diagnostics, []);
    const shots = parsed.list.shots;
    assert.ok(shots.length >= 10 && shots.length <= 16, `${shots.length} shots`);
    assert.deepEqual(new Set(shots.map((s) => s.modality)), new Set(MODALITIES));
    const headings = [...storyboard.matchAll(/^## Shot \d+ — ([^(]+?) \(/gm)].map((m) => m[1]);
    assert.equal(headings.length, 4);
    for (const h of headings)
      assert.ok(
        shots.some((s) => s.scene === h),
        `a shot for "${h}"`,
      );
    assert.ok(parsed.list.defaults?.style);
    assert.ok((parsed.list.budget ?? 0) > 0);
    for (const s of shots) {
      assert.equal(resolveShot(parsed.list, s, noKey).provider, 'local', s.id);
      if (s.output !== undefined) assert.match(s.output, /^public\/shots\//);
    }
  });
});

describe('shots.schema.json', () => {
  it('is draft-07 and describes every property', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (node === null || typeof node !== 'object') return;
      const obj = node as Record<string, unknown>;
      if (obj.properties && typeof obj.properties === 'object') {
        for (const [name, prop] of Object.entries(obj.properties as Record<string, Record<string, unknown>>)) {
          if (typeof prop.description !== 'string' || prop.description.length < 10) missing.push(`${path}.${name}`);
        }
      }
      for (const [k, v] of Object.entries(obj)) walk(v, `${path}.${k}`);
    };
    walk(schema, '');
    assert.deepEqual(missing, []);
  });

  it('has the keys, modalities, providers, models and limits the parser has', () => {
    const shot = schema.definitions.shot;
    assert.deepEqual(Object.keys(schema.properties), [...TOP_LEVEL_KEYS]);
    assert.deepEqual(Object.keys(shot.properties), [...SHOT_KEYS]);
    assert.deepEqual(Object.keys(schema.properties.defaults.properties), [...MODALITIES, 'style']);
    assert.deepEqual(shot.properties.modality.enum, [...MODALITIES]);
    assert.deepEqual(shot.properties.provider.enum, [...PROVIDER_IDS]);
    assert.deepEqual(new Set(shot.properties.model.anyOf[0].enum), new Set(MODEL_CATALOG.map((m) => m.id)));
    assert.equal(shot.properties.prompt.maxLength, MAX_PROMPT_CHARS);
    assert.equal(shot.properties.id.maxLength, MAX_ID_CHARS);
    assert.equal(shot.properties.id.pattern, '^[A-Za-z0-9_-]+$');
  });

  it('its output and reference patterns refuse what the parser refuses', () => {
    const outside = new RegExp(schema.definitions.shot.properties.output.not.pattern);
    assert.equal(schema.definitions.shot.properties.refs.additionalProperties.anyOf[1].not.pattern, outside.source);
    for (const bad of ['/etc/x', '../x', 'a/../../x', 'C:\\x', '\\\\srv\\x', 'file:///x', 'a\\..\\x'])
      assert.ok(outside.test(bad), bad);
    for (const good of ['public/shots/s01.png', 'a..b/c.png', 'shots/..hidden.png'])
      assert.ok(!outside.test(good), good);
  });
});
