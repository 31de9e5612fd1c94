// Issue 10, a talking head from the palette on emulator-backed fal: a voice line is made first with the offline
// speech model (it lands in the assets folder), then "Generate Talking Head…" with OmniHuman takes a portrait
// from the workspace and that take from "Recent takes", asks about the cost (the voice line is long enough to
// pass the budget threshold) and submits. The emulator must see exactly two uploads (initiate + PUT each) and
// one create carrying both file URLs; the MP4 take's sidecar records the references by workspace path and
// sha256, never the upload URL; and the take plays in the Generations panel.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import { makePng } from '../../emulator/mediaFiles';
import { emulatorAvailable } from '../harness/emulator';
import { emulatorCounts, emulatorJobs, requestLog } from '../harness/emulatorControl';
import { type EmulatedSession, startEmulatedSession } from '../harness/emulatorSession';
import { ASSETS_FOLDER, generatedAssets } from '../harness/generate';
import { openGenerationsPanel, type Panel } from '../harness/panel';
import { REPO_ROOT } from '../harness/paths';
import { waitUntil } from '../harness/waitUntil';

const MODEL = 'fal-ai/bytedance/omnihuman/v1.5';
const MODEL_LABEL = 'OmniHuman 1.5 (talking head)';
const SPEECH_LABEL = 'Offline voice (eSpeak NG)';
const PORTRAIT = 'public/portrait.png';
const LINE =
  'Hello there. This is the launch teaser speaking. We made every shot of it from one shot list, and now the presenter reads this line.';
const PROMPT = 'The presenter looks into the camera and smiles';
const README_IMAGE = join(REPO_ROOT, 'docs', 'images', 'talking-head.png');

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('flow: a talking head from a portrait and a voice take, on fal', {
  timeout: 300_000,
  skip: emulatorAvailable() ? false : 'test/emulator/runEmulator.ts is missing',
}, () => {
  let env: EmulatedSession;
  let panel: Panel;

  before(async () => {
    env = await startEmulatedSession({ settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
    // A small portrait (64×80, taller than wide) in the workspace, where the reference pick finds it.
    writeFileSync(env.session.workspacePath(PORTRAIT), makePng(64, 80, [190, 150, 120]));
    panel = await openGenerationsPanel(env.session.wb);
    await panel.root.getByText('No generations yet').waitFor();
  });

  after(async () => {
    await env?.stop();
  });

  it('uploads both references once, submits one job with their URLs, keeps paths and hashes, and plays', async (t) => {
    const { session, emulator } = env;
    const { wb } = session;
    const started = Date.now();
    try {
      // The voice line, offline, into the assets folder.
      await wb.runCommand('GenQueue: Generate Speech…');
      await wb.pickQuickItem(SPEECH_LABEL);
      await wb.submitInputBox(LINE);
      const voice = await waitUntil(
        'the voice take in the assets folder',
        () => generatedAssets(session).media[0],
        120_000,
      );
      await panel.resultCard(LINE.slice(0, 30)).waitFor({ state: 'visible' });
      t.diagnostic(`voice take: ${voice} (${Math.round((Date.now() - started) / 1000)} s in)`);

      // The talking head: model, portrait from the workspace, voice from the recent takes, prompt, cost.
      await wb.runCommand('GenQueue: Generate Talking Head…');
      await wb.pickQuickItem(MODEL_LABEL);
      await quickPickTitled(wb, 'Portrait');
      await wb.pickQuickItem('portrait.png');
      await quickPickTitled(wb, 'Voice line');
      const voiceRow = wb.page
        .locator('.quick-input-widget .quick-input-list .monaco-list-row')
        .filter({ hasText: voice })
        .first();
      assert.match((await voiceRow.textContent()) ?? '', /take/, 'the voice line is offered as a recent take');
      await wb.pickQuickItem(voice);
      await wb.submitInputBox(PROMPT);
      // The voice line is long enough (0.16 $/s) for the budget question: answer it as a person would.
      const dialog = wb.page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible' });
      const question = ((await dialog.textContent()) ?? '').replace(/\s+/g, ' ');
      t.diagnostic(`cost question: ${question}`);
      assert.match(question, /\$\d+\.\d\d/, 'the question says how much');
      await dialog.getByRole('button', { name: 'Generate' }).click();

      const card = panel.resultCard(PROMPT.slice(0, 30));
      await card.waitFor({ state: 'visible', timeout: 120_000 });

      // What fal saw: two uploads (initiate + PUT each), one create carrying both file URLs.
      const counts = await emulatorCounts(emulator);
      assert.equal(counts.uploads.fal, 2, 'two files uploaded');
      assert.equal(counts.requests['fal:upload'], 2, 'two upload initiates');
      const puts = (await requestLog(emulator)).filter((r) => r.provider === 'fal' && r.method === 'PUT');
      assert.equal(puts.length, 2, `two PUTs: ${puts.map((r) => r.path).join(', ')}`);
      assert.equal(counts.submits.fal, 1, 'one create');
      const jobs = (await emulatorJobs(emulator)).filter((j) => j.provider === 'fal');
      assert.equal(jobs.length, 1);
      const input = jobs[0]?.input ?? {};
      assert.equal(jobs[0]?.model, MODEL);
      const urls = [input.image_url, input.audio_url].map(String);
      for (const url of urls) assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/files\/uploads\/[\w.-]+$/, url);
      assert.notEqual(urls[0], urls[1], 'one URL per file');
      assert.ok(
        puts.some((r) => r.path.endsWith(urls[0]?.split('/').pop() ?? '?')) &&
          puts.some((r) => r.path.endsWith(urls[1]?.split('/').pop() ?? '?')),
        'the create names the two files that were PUT',
      );

      // The take and its sidecar: references by workspace path and hash, no upload URL.
      const assets = await waitUntil('the MP4 take and its sidecar', () => {
        const a = generatedAssets(session);
        const mp4 = a.media.find((m) => m.endsWith('.mp4'));
        return mp4 && a.sidecars.includes(`${mp4}.genq.json`) ? mp4 : undefined;
      });
      const sidecarText = session.readWorkspaceFile(`${ASSETS_FOLDER}/${assets}.genq.json`);
      const sidecar = JSON.parse(sidecarText);
      assert.equal(sidecar.model, MODEL);
      assert.equal(sidecar.input.prompt, PROMPT);
      const portraitBytes = readFileSync(session.workspacePath(PORTRAIT));
      const voiceBytes = readFileSync(session.workspacePath(`${ASSETS_FOLDER}/${voice}`));
      const refs = [...sidecar.refs].sort((a, b) => String(a.field).localeCompare(String(b.field)));
      assert.deepEqual(
        refs.map((r) => ({ field: r.field, path: r.path, sha256: r.sha256, bytes: r.bytes })),
        [
          {
            field: 'audio_url',
            path: `${ASSETS_FOLDER}/${voice}`,
            sha256: sha256(voiceBytes),
            bytes: voiceBytes.length,
          },
          { field: 'image_url', path: PORTRAIT, sha256: sha256(portraitBytes), bytes: portraitBytes.length },
        ],
      );
      assert.doesNotMatch(sidecarText, /files\/uploads|127\.0\.0\.1/, 'no upload URL in the sidecar');
      // The take costs what the question said (the voice line's length × the rate), not "unknown".
      const asked = question.match(/\$(\d+\.\d\d)/)?.[1];
      assert.equal(sidecar.cost.estimate?.amount?.toFixed(2), asked, `estimate: ${JSON.stringify(sidecar.cost)}`);
      assert.equal(sidecar.cost.actual?.amount?.toFixed(2), asked, `actual: ${JSON.stringify(sidecar.cost)}`);

      // It plays: the card's video loads its metadata, and the file is an H.264 clip with a length.
      const video = card.locator('video');
      const loaded = await waitUntil('the take to load in the panel', async () => {
        const state = await video.evaluate((v: HTMLVideoElement) => ({ ready: v.readyState, duration: v.duration }));
        return state.ready >= 1 && state.duration > 0 ? state : undefined;
      });
      t.diagnostic(`panel video: readyState ${loaded.ready}, ${loaded.duration} s`);
      const probe = new Input({
        source: new BufferSource(readFileSync(session.workspacePath(`${ASSETS_FOLDER}/${assets}`))),
        formats: ALL_FORMATS,
      });
      const track = await probe.getPrimaryVideoTrack();
      assert.equal(track?.codec, 'avc');
      const seconds = (await track?.computeDuration()) ?? 0;
      assert.ok(seconds > 0, `the clip has a length: ${seconds} s`);

      // The README's picture: the take playing in the panel beside its sidecar (the references it was made from).
      await wb.runCommand('View: Close Primary Side Bar');
      await wb.openFile(`${ASSETS_FOLDER}/${assets}.genq.json`);
      await wb.goToLine(sidecarText.split('\n').findIndex((l) => l.includes('"refs"')) + 1);
      await wb.runCommand('Notifications: Clear All Notifications');
      // Play, as a person would (the card builds the video's controls on the first play), then hold mid-clip.
      await card.locator('[data-action="play"]').click();
      assert.equal(await video.evaluate((v: HTMLVideoElement) => v.controls), true, 'controls after play');
      await video.evaluate((v: HTMLVideoElement) => {
        v.pause();
        v.currentTime = v.duration / 2;
      });
      await wb.page.screenshot({ path: README_IMAGE });
      await wb.screenshot('flow-talking-head');
      t.diagnostic(`flow took ${Math.round((Date.now() - started) / 1000)} s`);
    } catch (err) {
      throw new Error(`${(err as Error).stack ?? err}\n${await session.diagnose('flow-talking-head')}`);
    }
  });
});

/** Waits until the open quick pick's title names `field` (the reference step of that field). */
async function quickPickTitled(wb: EmulatedSession['session']['wb'], field: string): Promise<void> {
  await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: field }).waitFor({ state: 'visible' });
}
