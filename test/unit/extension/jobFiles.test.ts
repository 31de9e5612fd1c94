import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { hasActiveJobFiles, JobFiles } from '../../../src/extension/persistence/jobFiles';
import { makeJob } from './jobFixtures';

const folder = () => join(mkdtempSync(join(tmpdir(), 'genqueue-jobs-')), 'jobs');

test('only jobs driven here are written; another window reads them back', () => {
  const dir = folder();
  const files = new JobFiles(dir);
  files.write(
    [makeJob({ id: 'mine', state: 'submitting' }), makeJob({ id: 'theirs', state: 'running' })],
    (id) => id === 'mine',
  );
  assert.deepEqual(
    new JobFiles(dir).readAll().map((j) => [j.id, j.state]),
    [['mine', 'submitting']],
  );
  assert.equal(hasActiveJobFiles(dir), true);
});

test('a finished job moves to its .done file (activation then sees nothing to resume), and goes when it leaves the registry', () => {
  const dir = folder();
  const files = new JobFiles(dir);
  const job = makeJob({ id: 'j', state: 'running' });
  files.write([job], () => true);
  files.write([{ ...job, state: 'succeeded', updatedAt: job.updatedAt + 5 }], () => true);
  assert.deepEqual(readdirSync(dir), ['j.done.json']);
  assert.equal(hasActiveJobFiles(dir), false);
  files.write([], () => true);
  assert.deepEqual(readdirSync(dir), []);
});

test('an unfinished job that left this window (another window took it over) keeps its file', () => {
  const dir = folder();
  const files = new JobFiles(dir);
  files.write([makeJob({ id: 'j', state: 'running' })], () => true);
  files.write([], () => false);
  assert.ok(existsSync(join(dir, 'j.json')));
});

test('a torn or foreign file is skipped; both files of one job (crash between writes): the newer copy wins', () => {
  const dir = folder();
  const files = new JobFiles(dir);
  files.write([makeJob({ id: 'j', state: 'running', updatedAt: 10 })], () => true);
  writeFileSync(join(dir, 'j.done.json'), JSON.stringify(makeJob({ id: 'j', state: 'succeeded', updatedAt: 20 })));
  writeFileSync(join(dir, 'x.json'), '{"id":');
  writeFileSync(join(dir, 'y.json.1234.tmp'), '{}');
  assert.deepEqual(
    files.readAll().map((j) => [j.id, j.state]),
    [['j', 'succeeded']],
  );
});

test('no folder yet: nothing to resume, nothing read', () => {
  assert.equal(hasActiveJobFiles(folder()), false);
  assert.deepEqual(new JobFiles(folder()).readAll(), []);
});

test('after a reload, a finished job dismissed here loses the file the previous window instance wrote', () => {
  const dir = folder();
  new JobFiles(dir).write([makeJob({ id: 'old', state: 'succeeded' })], () => true);
  const reloaded = new JobFiles(dir);
  const loaded = reloaded.readAll();
  reloaded.write(loaded, () => false); // finished: nobody drives it
  reloaded.write([], () => false); // dismissed
  assert.deepEqual(readdirSync(dir), []);
});
