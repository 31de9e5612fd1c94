import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  baseNameOf,
  MAX_NAME_LENGTH,
  safeRelativeFolder,
  sanitizeStem,
  slugFromPrompt,
  uniqueFileName,
} from '../../../src/extension/assets/safeFileName';

const HOSTILE = [
  '../../../etc/passwd',
  '..\\..\\Windows\\System32\\evil.dll',
  '/absolute/path/x.png',
  'C:\\Users\\me\\x.png',
  '.bashrc',
  '...',
  '..',
  'a/../../b.png',
  'file\u0000name.png',
  'line\nbreak\r.png',
  'CON',
  'nul.txt',
  'COM1.png',
  'lpt9',
  '%2e%2e%2fescape.png',
  `${'x'.repeat(500)}.png`,
  '\u202Egnp.exe',
  'name:with*bad?chars<>|".png',
  '   ',
  '',
];

for (const name of HOSTILE) {
  test(`hostile name ${JSON.stringify(name.slice(0, 40))} becomes one safe file name`, () => {
    const stem = sanitizeStem(name, 'fallback');
    assert.ok(stem.length > 0 && stem.length <= MAX_NAME_LENGTH + 5, `length ${stem.length}`);
    assert.ok(!/[/\\]/.test(stem), `no separators: ${stem}`);
    assert.ok(!stem.includes('..'), `no '..': ${stem}`);
    assert.ok(!stem.startsWith('.'), `no leading dot: ${stem}`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    assert.ok(!/[\u0000-\u001f\u007f<>:"|?*\u202e]/.test(stem), `no control or reserved chars: ${stem}`);
    assert.ok(!/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem), `not a reserved device name: ${stem}`);
  });
}

test('hostile URLs reduce to their last segment, without query or fragment', () => {
  assert.equal(baseNameOf('https://cdn.test/a/b/image.png?sig=..%2F..%2Fx#frag'), 'image.png');
  assert.equal(baseNameOf('https://cdn.test/a/..%2F..%2Fetc%2Fpasswd'), 'passwd');
  assert.equal(sanitizeStem('https://evil.test/%2e%2e%2f%2e%2e%2fhome%2f.ssh%2fid_rsa', 'f'), 'id_rsa');
  assert.equal(sanitizeStem('file:///etc/shadow', 'f'), 'shadow');
});

test('empty or all-unsafe names fall back', () => {
  assert.equal(sanitizeStem('../..', 'fallback'), 'fallback');
  assert.equal(sanitizeStem(undefined, 'fallback'), 'fallback');
});

test('slugs come from the prompt', () => {
  assert.equal(slugFromPrompt('A red Fox, in the SNOW! at dawn over hills'), 'a-red-fox-in-the-snow');
  assert.equal(slugFromPrompt('Crème brûlée'), 'creme-brulee');
  assert.equal(slugFromPrompt(42), '');
});

test('unique names count up on a clash', () => {
  const taken = new Set(['fox.png', 'fox-2.png']);
  assert.equal(
    uniqueFileName('fox', 'png', (n) => taken.has(n)),
    'fox-3.png',
  );
});

test('the assets folder setting cannot leave the workspace', () => {
  assert.equal(safeRelativeFolder('assets/generated'), 'assets/generated');
  assert.equal(safeRelativeFolder('/assets//gen/'), 'assets/gen');
  assert.equal(safeRelativeFolder('..\\..\\outside'), undefined);
  assert.equal(safeRelativeFolder('a/../../b'), undefined);
  assert.equal(safeRelativeFolder('C:/x'), undefined);
  assert.equal(safeRelativeFolder(''), undefined);
});
