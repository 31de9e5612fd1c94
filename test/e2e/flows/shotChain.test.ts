// Shots that depend on shots, as a person uses them: in the demo shot list, s02 animates s01's chosen take
// (`refs: { image: shot:s01 }`) and neither has a take yet. Selecting only s02 and pressing Generate makes s01
// first, chooses its take (the file's `take:` and its `output` change), then makes s02 from that take; the
// table shows s02 waiting for s01 meanwhile. Offline models: no key, no emulator.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { takeFiles } from '../harness/generate';
import { openProductionQueue, TID } from '../harness/queue';
import { type Session, startSession } from '../harness/session';
import { waitUntil } from '../harness/waitUntil';

const LIST = 'video.shots.yaml';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function shotBlock(text: string, shotId: string): string {
  const start = text.indexOf(`- id: ${shotId}\n`);
  assert.ok(start >= 0, `${shotId} is in the list`);
  const next = text.indexOf('\n  - id:', start + 1);
  return text.slice(start, next === -1 ? undefined : next);
}

describe('flow: a shot that depends on a shot generates its dependency first', { timeout: 300_000 }, () => {
  let session: Session;

  before(async () => {
    session = await startSession();
    await session.wb.runCommand('View: Close Primary Side Bar');
  });

  after(async () => {
    await session?.stop();
  });

  it('Generate on s02 (image-to-video from shot:s01) makes s01, chooses its take, then s02 from it', async (t) => {
    const { wb } = session;
    try {
      const queue = await openProductionQueue(wb, LIST);
      assert.equal(await queue.status('s01'), 'not-generated');
      assert.equal(await queue.status('s02'), 'not-generated');
      await queue.clickRow('s02');
      assert.deepEqual(await queue.selectedIds(), ['s02']);
      await queue.byId(TID.generateSelected).click();

      // While s01 runs, s02 says what it waits for.
      const waiting = await waitUntil(
        's02 to wait for s01',
        async () => {
          const text = ((await queue.byId(TID.status('s02')).textContent()) ?? '').replace(/\s+/g, ' ').trim();
          return /waiting for s01/i.test(text) ? text : undefined;
        },
        60_000,
      );
      t.diagnostic(`s02 while s01 runs: ${waiting}`);
      await wb.screenshot('shot-chain-waiting');

      await waitUntil(
        's02 to be done',
        async () => ['done', 'chosen'].includes((await queue.status('s02')) ?? ''),
        180_000,
      );
      assert.equal(await queue.status('s01'), 'chosen', 's01 is generated and its take chosen');

      // s01's take was chosen in the file and copied to its output; s02's take was made from exactly it.
      const text = session.readWorkspaceFile(LIST);
      assert.match(shotBlock(text, 's01'), /\n\s+take: 1\b/);
      const [s01Take] = takeFiles(session, 's01');
      const [s02Take] = takeFiles(session, 's02');
      assert.ok(s01Take && s02Take, 'both shots have a take');
      assert.equal(sha256(session.workspacePath('public/shots/s01-lighthouse.png')), sha256(s01Take));
      const sidecar = JSON.parse(readFileSync(`${s02Take}.genq.json`, 'utf8')) as {
        refs?: { field: string; path: string; sha256: string; fromShot?: string }[];
      };
      const ref = sidecar.refs?.find((r) => r.field === 'image');
      assert.ok(ref, `s02's sidecar records its image reference: ${JSON.stringify(sidecar.refs)}`);
      assert.equal(ref.sha256, sha256(s01Take), 'made from s01 take 1, by content hash');
      assert.equal(ref.fromShot, 's01');
      assert.ok(!JSON.stringify(sidecar).includes('file://'), 'no upload URL in the provenance');
      // In order: s01's take existed before s02's was written.
      assert.ok(statSync(s01Take).mtimeMs <= statSync(s02Take).mtimeMs);
      await wb.screenshot('shot-chain-done');
    } catch (err) {
      await wb.screenshot('shot-chain-failure');
      throw err;
    }
  });
});
