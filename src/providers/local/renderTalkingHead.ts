// Offline talking head: the portrait animated by the voice line's loudness, with the voice as the
// clip's audio track. Per frame, the loudness (RMS) opens the "jaw" (the lower face is stretched
// down from the mouth line, which darkens like an open mouth), lifts the brightness a little, and
// a slow sway keeps the head alive between words. The face is assumed centred, mouth at about two
// thirds of the height (a typical portrait crop); nothing detects it.
import { encodeH264 } from './h264Encode';
import { encodeMp3, MP3_DELAY_SAMPLES, toMp3Rate } from './mp3Encode';
import { muxVideoWithMp3 } from './mp4Mux';
import { drawCaption } from './pixelCaption';
import { fitWithin, type Picture, sampleLine } from './referenceImage';
import type { RenderedFile } from './renderImage';

export const HEAD_FPS = 24;
export const HEAD_LONG_SIDE = 512;
const MOUTH_Y = 0.66;

/**
 * Loudness per frame in [0, 1]: RMS over the frame, scaled to the line's loud parts, eased.
 * `samples` are the ones in the MP3 (its rate), which is heard MP3_DELAY_SAMPLES late.
 */
export function loudnessPerFrame(samples: Float32Array, sampleRate: number, fps: number, frames: number): Float32Array {
  const raw = new Float32Array(frames);
  const delay = MP3_DELAY_SAMPLES / sampleRate;
  for (let f = 0; f < frames; f++) {
    const start = Math.max(0, Math.floor((f / fps - delay) * sampleRate));
    const end = Math.min(samples.length, Math.floor(((f + 1) / fps - delay) * sampleRate));
    let sum = 0;
    for (let i = start; i < end; i++) sum += (samples[i] as number) ** 2;
    raw[f] = end > start ? Math.sqrt(sum / (end - start)) : 0;
  }
  const sorted = [...raw].sort((a, b) => a - b);
  const loud = Math.max(1e-4, sorted[Math.floor(sorted.length * 0.95)] ?? 0);
  const out = new Float32Array(frames);
  let level = 0;
  for (let f = 0; f < frames; f++) {
    const target = Math.min(1, (raw[f] as number) / loud);
    // Opens at once, closes over a few frames: a mouth does not snap shut.
    level = target > level ? target : level * 0.6 + target * 0.4;
    out[f] = level;
  }
  return out;
}

/** `pic` must be opaque (overBlack): the sampler does not read alpha. */
export async function renderTalkingHead(
  pic: Picture,
  audio: { samples: Float32Array; sampleRate: number },
  caption: string,
): Promise<RenderedFile> {
  const { width, height } = fitWithin(pic.width, pic.height, HEAD_LONG_SIDE);
  const durationSec = audio.samples.length / audio.sampleRate;
  const frames = Math.max(1, Math.ceil(durationSec * HEAD_FPS));
  const heard = toMp3Rate(audio.samples, audio.sampleRate);
  const mp3 = await encodeMp3(heard.samples, heard.sampleRate);
  const level = loudnessPerFrame(heard.samples, heard.sampleRate, HEAD_FPS, frames);
  const scale = pic.width / width; // output pixel → portrait pixel
  const mouthX = pic.width / 2;
  const mouthY = pic.height * MOUTH_Y;
  const jawRx = pic.width * 0.2;
  const jawRy = pic.height * 0.22;
  const lipRx = pic.width * 0.075;
  const video = await encodeH264({ width, height, fps: HEAD_FPS, frames }, (rgba, f) => {
    const t = f / HEAD_FPS;
    const loud = level[f] as number;
    const open = loud * pic.height * 0.035;
    const angle = 0.012 * Math.sin((2 * Math.PI * t) / 3.1);
    const shiftY = pic.height * 0.006 * Math.sin((2 * Math.PI * t) / 2.3);
    const zoom = 1.04; // hides the edges the sway would show
    const cos = Math.cos(angle) / zoom;
    const sin = Math.sin(angle) / zoom;
    const bright = 1 + 0.06 * loud;
    const lipRy = open / 2 + pic.height * 0.004;
    const lipDepth = 0.75 * Math.min(1, open / (pic.height * 0.01));
    // The jaw's columns in the clip (the sway turns the picture by under 1°: a small margin covers it).
    const jawLeft = Math.max(0, Math.floor((mouthX - jawRx) / scale - width * 0.03));
    const jawRight = Math.min(width, Math.ceil((mouthX + jawRx) / scale + width * 0.03));
    for (let y = 0; y < height; y++) {
      // Undo the sway: clip pixel → portrait coordinates, rotated and zoomed about the centre.
      const dy = (y + 0.5) * scale - pic.height / 2;
      const lineX = (x: number) => pic.width / 2 + cos * ((x + 0.5) * scale - pic.width / 2) - sin * dy;
      const lineY = (x: number) => pic.height / 2 + sin * ((x + 0.5) * scale - pic.width / 2) + cos * dy - shiftY;
      const rowAt = y * width * 4;
      sampleLine(pic, lineX(0) - 0.5, lineY(0) - 0.5, cos * scale, sin * scale, width, rgba, rowAt);
      const y0 = lineY(0);
      if (open > 0 && y0 > mouthY - lipRy - pic.height * 0.02 && y0 < mouthY + jawRy + pic.height * 0.02) {
        for (let x = jawLeft; x < jawRight; x++) {
          const px = lineX(x);
          const py = lineY(x);
          if (py <= mouthY - lipRy) continue;
          const ex = (px - mouthX) / jawRx;
          const ey = (py - mouthY) / jawRy;
          const d = ex * ex + ey * ey;
          // Below the mouth line the jaw moves down by `open`, fading out towards the jaw's edge.
          if (d >= 1) continue;
          const o = rowAt + x * 4;
          sampleLine(pic, px - 0.5, (py > mouthY ? py - open * (1 - d) : py) - 0.5, 0, 0, 1, rgba, o);
          // The gap the jaw opened (between the mouth line and the moved chin) is a dark mouth.
          const lx = (px - mouthX) / lipRx;
          const ly = (py - (mouthY + open / 2)) / lipRy;
          const l = lx * lx + ly * ly;
          if (l < 1) {
            const k = 1 - lipDepth * (1 - l);
            rgba[o] = (rgba[o] as number) * k;
            rgba[o + 1] = (rgba[o + 1] as number) * k;
            rgba[o + 2] = (rgba[o + 2] as number) * k;
          }
        }
      }
      if (bright !== 1) {
        for (let i = rowAt; i < rowAt + width * 4; i++) {
          if ((i & 3) !== 3) rgba[i] = Math.min(255, (rgba[i] as number) * bright);
        }
      }
    }
    if (caption) drawCaption(rgba, width, height, caption);
  });
  const data = await muxVideoWithMp3(video, HEAD_FPS, mp3.data);
  return { data, contentType: 'video/mp4', width, height, durationSec };
}
