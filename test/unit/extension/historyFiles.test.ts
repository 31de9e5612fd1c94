import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HistoryFiles, monthFileName } from '../../../src/extension/persistence/historyFiles';
import { InMemoryFileSystem } from '../../fakes/vscodeFakes';
import { makeJob } from './jobFixtures';

const GS = 'file:///gs';

test('finished jobs are appended to a JSONL file per month and read back newest first', async () => {
  const fs = new InMemoryFileSystem();
  const history = new HistoryFiles(fs, GS);
  const nov = Date.UTC(2026, 10, 5);
  const dec = Date.UTC(2026, 11, 5);
  await history.append([
    makeJob({ id: 'n1', state: 'succeeded', stateAt: { succeeded: nov }, takes: [{ index: 0, localPath: 'a/x.png' }] }),
  ]);
  await history.append([makeJob({ id: 'n2', state: 'failed', stateAt: { failed: nov + 1 } })]);
  await history.append([makeJob({ id: 'd1', state: 'canceled', stateAt: { canceled: dec } })]);
  await history.append([makeJob({ id: 'active', state: 'running' })]);
  assert.deepEqual(
    fs
      .paths()
      .filter((p) => !p.includes('.tmp'))
      .sort(),
    [`${GS}/history/${monthFileName(nov)}`, `${GS}/history/${monthFileName(dec)}`],
  );
  const rows = await history.readRows();
  assert.deepEqual(
    rows.map((r) => r.id),
    ['d1', 'n2', 'n1'],
  );
  assert.equal(rows[2]?.localPath, 'a/x.png');
  assert.equal(rows[2]?.prompt, 'a red fox in the snow');
  assert.equal(rows[2]?.finishedAt, nov);
});

test('reading is bounded, skips broken lines and tolerates a missing folder', async () => {
  const fs = new InMemoryFileSystem();
  const history = new HistoryFiles(fs, GS);
  assert.deepEqual(await history.readRows(), []);
  const t = Date.UTC(2026, 10, 1);
  await history.append(
    Array.from({ length: 30 }, (_, i) => makeJob({ id: `j${i}`, state: 'succeeded', stateAt: { succeeded: t + i } })),
  );
  const uri = `${GS}/history/${monthFileName(t)}`;
  const text = new TextDecoder().decode(await fs.readFile(uri));
  await fs.writeFile(uri, new TextEncoder().encode(`${text}{not json\n`));
  const rows = await history.readRows(10);
  assert.equal(rows.length, 10);
  assert.equal(rows[0]?.id, 'j29');
});

test('concurrent appends lose nothing', async () => {
  const fs = new InMemoryFileSystem();
  const history = new HistoryFiles(fs, GS);
  const t = Date.UTC(2026, 10, 1);
  await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      history.append([makeJob({ id: `c${i}`, state: 'succeeded', stateAt: { succeeded: t } })]),
    ),
  );
  assert.equal((await history.readRows()).length, 10);
});
