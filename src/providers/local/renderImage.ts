// The offline image: a PNG whose picture is derived from the prompt (same prompt, same picture).
import { PNG } from 'pngjs';
import { paintPattern, patternFor } from './patternPainter';
import { drawCaption } from './pixelCaption';
import { promptSeed } from './promptSeed';

export interface RenderedFile {
  data: Uint8Array;
  contentType: string;
  width?: number;
  height?: number;
  durationSec?: number;
}

export function renderImage(prompt: string, opts: { width: number; height: number; seed?: number; index?: number }) {
  const png = new PNG({ width: opts.width, height: opts.height });
  const pixels = new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength);
  paintPattern(pixels, opts.width, opts.height, patternFor(promptSeed(prompt, opts.seed, opts.index)));
  drawCaption(pixels, opts.width, opts.height, prompt);
  const buf = PNG.sync.write(png);
  const file: RenderedFile = {
    data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength),
    contentType: 'image/png',
    width: opts.width,
    height: opts.height,
  };
  return file;
}
