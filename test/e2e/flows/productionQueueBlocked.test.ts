// Production Queue, a blocking failure: a batch of four fal shots meets a rejected key (FAL_KEY in the
// environment is not the one the provider takes). With one fal slot, the first shot fails and the batch pauses
// with a "Set key" modal instead of failing shot after shot; the key typed through that button is used, the
// refused shot is sent again and the held ones are sent: every shot ends with a take, none skipped, one create
// each. The emulator runs in this process and accepts exactly one key.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type ProviderEmulator, startEmulator } from '../../emulator/providerEmulator';
import { emulatorAvailable } from '../harness/emulator';
import { openProductionQueue, TID } from '../harness/queue';
import { type Session, startSession } from '../harness/session';
import { waitUntil } from '../harness/waitUntil';

const FAL_KEY = `fal-e2e-key-${randomBytes(6).toString('hex')}:secret${randomBytes(6).toString('hex')}`;
const FAL_MODEL = 'fal-ai/flux/schnell';
const LIST = 'blocked.shots.yaml';
const SHOTS = ['k01', 'k02', 'k03', 'k04'];

const LIST_TEXT = `# Four fal stills for the rejected-key flow.
defaults:
  image: { provider: fal, model: ${FAL_MODEL} }
shots:
${SHOTS.map((id, i) => `  - id: ${id}\n    scene: Keys\n    modality: image\n    prompt: A brass key number ${i + 1} on a velvet cushion\n`).join('\n')}`;

describe('flow: a rejected key pauses the batch with Set key; it resumes and finishes', {
  timeout: 240_000,
  skip: emulatorAvailable() ? false : 'test/emulator/runEmulator.ts is missing',
}, () => {
  let emulator: ProviderEmulator | undefined;
  let session: Session | undefined;

  before(async () => {
    emulator = await startEmulator({ falKey: FAL_KEY });
    emulator.script({ model: FAL_MODEL, script: { queueMs: 300, runMs: 1000, output: 'images' } });
    session = await startSession({
      // One slot: the shots in flight when the key is refused fail; with more slots than shots all would be in
      // flight at once and nothing would be left to hold.
      settings: {
        'genqueue.defaultProvider': 'fal',
        'genqueue.baseUrl.fal': emulator.falBaseUrl,
        'genqueue.concurrency.fal': 1,
      },
      env: { FAL_KEY: 'fal-rejected-key:nope' },
    });
    writeFileSync(session.workspacePath(LIST), LIST_TEXT);
  });

  after(async () => {
    try {
      await session?.stop();
    } finally {
      await emulator?.close();
    }
  });

  it('pauses with Set key, takes the key from the UI, resumes, skips nothing', async (t) => {
    const s = session as Session;
    const emu = emulator as ProviderEmulator;
    const { wb } = s;
    try {
      const queue = await openProductionQueue(wb, LIST);
      await queue.byId(TID.selectAll).click();
      assert.deepEqual(await queue.selectedIds(), SHOTS);
      await queue.byId(TID.generateSelected).click();

      const blocked = queue.byId(TID.blocked);
      await blocked.waitFor({ state: 'visible' });
      assert.equal(await blocked.getAttribute('data-reason'), 'auth');
      const message = ((await blocked.textContent()) ?? '').replace(/\s+/g, ' ').trim();
      t.diagnostic(`blocked overlay: ${message}`);
      assert.match(message, /key/i);
      assert.match(message, /No shot was skipped/);
      assert.equal(emu.submits('fal'), 0, 'the rejected key created nothing at the provider');
      const sentBeforeHold = emu.requests('fal', 'submit');
      assert.ok(sentBeforeHold >= 1 && sentBeforeHold < SHOTS.length, `the rest were held: ${sentBeforeHold} sent`);
      await wb.screenshot('flow-production-queue-blocked');

      await queue.byId(TID.blockAction('setKey')).click();
      const input = wb.page.locator('.quick-input-widget input.input');
      await input.waitFor({ state: 'visible' });
      assert.equal(await input.getAttribute('type'), 'password', 'the key goes into a password box');
      await wb.submitInputBox(FAL_KEY);

      await queue.root.locator(`[data-testid="${TID.overlay}"][data-finished="true"]`).waitFor({ timeout: 90_000 });
      const done = (await queue.byId(TID.overlayDone).textContent())?.trim();
      t.diagnostic(`after Set key: ${done}; creates at the provider: ${emu.submits('fal')}`);
      // The refused shot is sent again inside the same batch, and counted once (as its retry).
      assert.equal(done, `${SHOTS.length} of ${SHOTS.length} done`, 'every shot finished');
      await queue.byId(TID.overlayClose).click();
      for (const id of SHOTS) {
        await waitUntil(`${id} to show its take`, async () => (await queue.status(id)) === 'done');
      }
      assert.equal(emu.submits('fal'), SHOTS.length, 'one create per shot with the good key');
      assert.equal(await queue.byId(TID.retryFailed).getAttribute('disabled'), '', 'no shot is left failed');
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await s.diagnose('flow-production-queue-blocked')}`);
    }
  });
});
