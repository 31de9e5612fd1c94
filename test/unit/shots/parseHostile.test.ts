// Hostile shot lists: huge prompts, alias bombs, paths out of the workspace, duplicate ids.
// Each is refused with a diagnostic; none is turned into shots that could become jobs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShotList } from '../../../src/core/shots/parseShotList';
import { editShotList } from '../../../src/core/shots/shotEdits';
import { lineOf, summary, withCode } from './shotListText';

describe('parseShotList: hostile input', () => {
  it('a 10 MB prompt: one too-large diagnostic and no shots', () => {
    const text = `shots:\n  - id: a\n    modality: image\n    prompt: ${'x'.repeat(10_000_000)}\n`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), ['error:too-large@0']);
    assert.match(parsed.diagnostics[0]?.message ?? '', /10\.0 MB; the limit is 5\.0 MB/);
    assert.deepEqual(parsed.list.shots, []);
  });

  it('a 1 MB prompt in a file under the size limit: prompt-too-long and the shot is left out', () => {
    const text = `shots:\n  - id: a\n    modality: image\n    prompt: ${'x'.repeat(1_000_000)}\n  - { id: b, modality: image, prompt: ok }\n`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), ['error:prompt-too-long@3']);
    assert.match(parsed.diagnostics[0]?.message ?? '', /1,000,000 characters; the limit is 10,000/);
    assert.deepEqual(
      parsed.list.shots.map((s) => s.id),
      ['b'],
    );
  });

  it('an alias bomb: a clear diagnostic, nothing read', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `${levels.join('\n')}\nshots:\n  - { id: s, modality: image, prompt: x, params: { seed: *j } }\n`;
    const parsed = parseShotList(text);
    const bomb = withCode(parsed, 'too-large');
    assert.equal(bomb.length, 1);
    assert.match(bomb[0]?.message ?? '', /alias/i);
    assert.equal(bomb[0]?.span.start.line, 1, 'at the first alias');
    assert.deepEqual(parsed.list.shots, []);
  });

  it('a shared params alias on many shots is not mistaken for a bomb', () => {
    const shots = Array.from(
      { length: 500 },
      (_, i) => `  - { id: s${i}, modality: image, model: local/image, prompt: x, params: *p }`,
    );
    const text = `common: &p { aspect_ratio: "16:9" }\nshots:\n${shots.join('\n')}\n`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), ['warning:unknown-key@0']);
    assert.equal(parsed.list.shots.length, 500);
  });

  it('unknown keys everywhere are warnings and lose nothing else', () => {
    const text = `$schema: x\n__proto__: { polluted: true }\nshots:\n  - { id: a, modality: image, prompt: x, constructor: 1, __proto__: 2 }\n`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), [
      'warning:unknown-key@0',
      'warning:unknown-key@1',
      'warning:unknown-key@3',
      'warning:unknown-key@3',
    ]);
    assert.equal(parsed.list.shots.length, 1);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('output paths outside the workspace are errors and never reach the shot', () => {
    const outputs = [
      '/etc/cron.d/x',
      '../../x.png',
      'public/../../x.png',
      'C:\\Windows\\x.png',
      '\\\\server\\share\\x.png',
      'file:///etc/x',
      'https://x.test/a.png',
    ];
    const text = `shots:\n${outputs.map((o, i) => `  - id: s${i}\n    modality: image\n    prompt: x\n    output: ${JSON.stringify(o)}\n`).join('')}`;
    const parsed = parseShotList(text);
    assert.deepEqual(
      summary(parsed),
      outputs.map((o) => `error:output-outside-workspace@${lineOf(text, JSON.stringify(o))}`),
    );
    assert.equal(parsed.list.shots.length, outputs.length);
    assert.ok(parsed.list.shots.every((s) => s.output === undefined));
  });

  it('the host says a path is outside the workspace (a symlink, another folder)', () => {
    const text =
      'shots:\n  - { id: a, modality: image, prompt: x, output: linked/a.png }\n  - { id: b, modality: image, prompt: x, output: public/b.png }\n';
    const parsed = parseShotList(text, { insideWorkspace: (p) => !p.startsWith('linked/') });
    assert.deepEqual(summary(parsed), ['error:output-outside-workspace@1']);
    assert.equal(parsed.list.shots[1]?.output, 'public/b.png');
  });

  it('duplicate ids: the first shot is kept, each later one is an error on its id', () => {
    const text =
      'shots:\n  - { id: a, modality: image, prompt: one }\n  - { id: a, modality: image, prompt: two }\n  - { id: a, modality: video, prompt: three }\n';
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed), ['error:duplicate-id@2', 'error:duplicate-id@3']);
    assert.deepEqual(
      parsed.list.shots.map((s) => s.prompt),
      ['one'],
    );
    assert.equal(parsed.spans.a?.start.line, 1);
  });

  it('deep nesting is a diagnostic, not a stack overflow; editing it is refused with a message', () => {
    const text = `shots:\n  - id: a\n    modality: image\n    prompt: x\n    params: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n`;
    const parsed = parseShotList(text);
    assert.deepEqual(summary(parsed).slice(-1), ['error:too-large@0']);
    assert.match(parsed.diagnostics.at(-1)?.message ?? '', /nests too deeply/);
    assert.deepEqual(parsed.list.shots, []);
    const edit = editShotList(text, { kind: 'setBudget', budget: 1 });
    assert.equal(edit.ok, false);
  });

  it('a flood of YAML errors is cut to 50 and a count', () => {
    const parsed = parseShotList(`shots:\n  - id: a\n${'    x: 1\n'.repeat(200)}`);
    const yaml = withCode(parsed, 'yaml-syntax');
    assert.equal(yaml.length, 51);
    assert.match(yaml[50]?.message ?? '', /^…and \d+ more YAML errors like these\.$/);
  });

  it('several documents and odd tags are reported, not thrown', () => {
    for (const text of ['shots: []\n---\nshots: []\n', 'shots: !!js/function "x"\n', '\t- bad\n', '{{{{']) {
      const parsed = parseShotList(text);
      assert.ok(parsed.diagnostics.length > 0, text);
    }
  });
});
