// The offline talking head plays in Chromium with its sound: Debian's Chromium (like VS Code's
// webviews) has no guaranteed AAC decoder, which is why the clip carries MP3. The page autoplays
// it muted (no user gesture in a headless run); the audio decoder still runs, so its byte count
// proves the audio track is decoded, not just present.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { planLocalJob } from '../../src/providers/local/localRender';
import { fixtures } from '../unit/local/referenceFixtures';
import { launchChromium } from './harness';

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

test('the talking head loads, lasts as long as the voice line, and its audio is decoded', async () => {
  const files = fixtures();
  const input = { prompt: 'hello', image: files.url('portrait.png'), audio: files.url('line.wav') };
  const clip = (await planLocalJob('local/talking-head', 'video', input).render()).takes[0]?.data;
  assert.ok(clip);
  const server = createServer((req, res) => {
    if (req.url === '/clip.mp4') {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': clip.length });
      res.end(clip);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><video id="clip" src="/clip.mp4" muted autoplay playsinline></video>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const seen = await page.evaluate(async () => {
      const video = document.getElementById('clip') as HTMLVideoElement & {
        webkitAudioDecodedByteCount: number;
        webkitVideoDecodedByteCount: number;
      };
      await new Promise<void>((resolve, reject) => {
        if (video.readyState >= 1) resolve();
        video.onloadedmetadata = () => resolve();
        video.onerror = () => reject(new Error(`media error ${video.error?.code}: ${video.error?.message}`));
      });
      await video.play();
      await new Promise((resolve) => setTimeout(resolve, 800));
      return {
        duration: video.duration,
        width: video.videoWidth,
        audioBytes: video.webkitAudioDecodedByteCount,
        videoBytes: video.webkitVideoDecodedByteCount,
      };
    });
    assert.ok(Math.abs(seen.duration - 1.5) < 0.12, `duration ${seen.duration}`);
    assert.equal(seen.width, 160);
    assert.ok(seen.audioBytes > 0, 'the MP3 track was decoded');
    assert.ok(seen.videoBytes > 0, 'the H.264 track was decoded');
    await page.close();
  } finally {
    server.close();
  }
});
