// Offline image-to-video: a slow pan and zoom (a "Ken Burns" move) over the reference still, with
// the prompt as the pixel caption. The move (zoom in or out, where it starts and ends) comes from
// the prompt and seed, so the same input gives the same clip.
import { encodeH264 } from './h264Encode';
import { drawCaption } from './pixelCaption';
import { promptSeed, seededRandom } from './promptSeed';
import { fitWithin, type Picture, sampleLine } from './referenceImage';
import type { RenderedFile } from './renderImage';

export const PAN_FPS = 24;
/** Long side of the clip: a 640×360 clip of a 16:9 still. */
export const PAN_LONG_SIDE = 640;
const ZOOM = 1.3;

const smoothstep = (t: number) => t * t * (3 - 2 * t);

/** `pic` must be opaque (overBlack): the sampler does not read alpha. */
export async function renderPanZoom(
  pic: Picture,
  prompt: string,
  opts: { durationSec: number; seed?: number },
): Promise<RenderedFile> {
  const { width, height } = fitWithin(pic.width, pic.height, PAN_LONG_SIDE);
  const frames = Math.max(1, Math.round(opts.durationSec * PAN_FPS));
  const random = seededRandom(promptSeed(prompt, opts.seed));
  const zoomIn = random() < 0.5;
  // Where the view's centre sits within the room the zoom leaves, 0..1 on each axis.
  const from = { x: random(), y: random() };
  const to = { x: random(), y: random() };
  const data = await encodeH264({ width, height, fps: PAN_FPS, frames }, (rgba, f) => {
    const t = smoothstep(frames > 1 ? f / (frames - 1) : 0);
    const zoom = zoomIn ? 1 + (ZOOM - 1) * t : ZOOM - (ZOOM - 1) * t;
    const viewW = pic.width / zoom;
    const viewH = pic.height / zoom;
    const left = (pic.width - viewW) * (from.x + (to.x - from.x) * t);
    const top = (pic.height - viewH) * (from.y + (to.y - from.y) * t);
    const sx = viewW / width;
    const sy = viewH / height;
    for (let y = 0; y < height; y++) {
      sampleLine(pic, left + 0.5 * sx - 0.5, top + (y + 0.5) * sy - 0.5, sx, 0, width, rgba, y * width * 4);
    }
    drawCaption(rgba, width, height, prompt);
  });
  return { data, contentType: 'video/mp4', width, height, durationSec: frames / PAN_FPS };
}
