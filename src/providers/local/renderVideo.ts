// The offline clip: an animated version of the image pattern, H.264 in MP4 (h264Encode.ts).
// Small on purpose: 320 px long side, 24 fps, a few seconds.
import { encodeH264 } from './h264Encode';
import { paintPattern, patternFor } from './patternPainter';
import { drawCaption } from './pixelCaption';
import { promptSeed } from './promptSeed';
import type { RenderedFile } from './renderImage';

export const VIDEO_FPS = 24;

export async function renderVideo(
  prompt: string,
  opts: { width: number; height: number; durationSec: number; seed?: number },
): Promise<RenderedFile> {
  const { width, height } = opts;
  const frames = Math.max(1, Math.round(opts.durationSec * VIDEO_FPS));
  const pattern = patternFor(promptSeed(prompt, opts.seed));
  const data = await encodeH264({ width, height, fps: VIDEO_FPS, frames }, (rgba, f) => {
    paintPattern(rgba, width, height, pattern, f / frames);
    drawCaption(rgba, width, height, prompt);
  });
  return { data, contentType: 'video/mp4', width, height, durationSec: frames / VIDEO_FPS };
}
