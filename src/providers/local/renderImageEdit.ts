// Offline image edit: a visible, prompt-driven transform of the reference, as PNG at the
// reference's size (at most EDIT_LONG_SIDE on the long side). Words in the edit pick the look
// ("black and white", "sepia", "invert", "warm", "cool", "mirror"); any other edit gets a duotone
// whose colours come from the prompt. A vignette and the edit's caption mark it as an edit.
import { PNG } from 'pngjs';
import { drawCaption } from './pixelCaption';
import { hashString, seededRandom } from './promptSeed';
import type { Picture } from './referenceImage';
import type { RenderedFile } from './renderImage';

export const EDIT_LONG_SIDE = 2048;

type Rgb = [number, number, number];

export interface EditLook {
  /** What the version line says was done. */
  name: string;
  mirror: boolean;
  grade(r: number, g: number, b: number): Rgb;
}

const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;
const hex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** The look an edit prompt asks for; the same prompt always gives the same look. */
export function editLookFor(prompt: string): EditLook {
  const p = prompt.toLowerCase();
  const mirror = /\b(mirror|flip)/.test(p);
  const named = (name: string, grade: EditLook['grade']): EditLook => ({
    name: mirror ? `${name}, mirrored` : name,
    mirror,
    grade,
  });
  if (/black and white|b&w|gr[ae]yscale|monochrome|noir/.test(p)) {
    return named('black and white', (r, g, b) => {
      const y = luma(r, g, b);
      return [y, y, y];
    });
  }
  if (/sepia|vintage|old photo|retro/.test(p)) {
    return named('sepia', (r, g, b) => [
      0.393 * r + 0.769 * g + 0.189 * b,
      0.349 * r + 0.686 * g + 0.168 * b,
      0.272 * r + 0.534 * g + 0.131 * b,
    ]);
  }
  if (/invert|negative/.test(p)) return named('inverted', (r, g, b) => [255 - r, 255 - g, 255 - b]);
  if (/warm|sunset|golden|autumn/.test(p))
    return named('warm grade', (r, g, b) => [r * 1.15 + 12, g * 1.02 + 4, b * 0.8]);
  if (/cool|night|winter|moon|blue/.test(p))
    return named('cool grade', (r, g, b) => [r * 0.82, g * 0.97 + 4, b * 1.18 + 14]);
  const random = seededRandom(hashString(prompt));
  const shadow: Rgb = [random() * 90, random() * 90, random() * 90];
  const light: Rgb = [165 + random() * 90, 165 + random() * 90, 165 + random() * 90];
  return named(`duotone ${hex(shadow)} → ${hex(light)}`, (r, g, b) => {
    const t = luma(r, g, b) / 255;
    return [
      shadow[0] + (light[0] - shadow[0]) * t,
      shadow[1] + (light[1] - shadow[1]) * t,
      shadow[2] + (light[2] - shadow[2]) * t,
    ];
  });
}

/** The output size: the reference's, scaled down only when its long side exceeds EDIT_LONG_SIDE. */
export function editSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, EDIT_LONG_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export function renderImageEdit(pic: Picture, prompt: string): { file: RenderedFile; look: string } {
  const look = editLookFor(prompt);
  const { width, height } = editSize(pic.width, pic.height);
  const png = new PNG({ width, height });
  const out = new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength);
  const sx = pic.width / width;
  const sy = pic.height / height;
  for (let y = 0; y < height; y++) {
    const srcY = Math.min(pic.height - 1, Math.floor((y + 0.5) * sy));
    const vy = (y + 0.5) / height - 0.5;
    for (let x = 0; x < width; x++) {
      const col = look.mirror ? width - 1 - x : x;
      const srcX = Math.min(pic.width - 1, Math.floor((col + 0.5) * sx));
      const i = (srcY * pic.width + srcX) * 4;
      const [r, g, b] = look.grade(pic.rgba[i] as number, pic.rgba[i + 1] as number, pic.rgba[i + 2] as number);
      const vx = (x + 0.5) / width - 0.5;
      const vignette = 1 - 0.55 * Math.min(1, (vx * vx + vy * vy) * 2) ** 1.5;
      const o = (y * width + x) * 4;
      out[o] = Math.max(0, Math.min(255, r * vignette));
      out[o + 1] = Math.max(0, Math.min(255, g * vignette));
      out[o + 2] = Math.max(0, Math.min(255, b * vignette));
      out[o + 3] = pic.rgba[i + 3] as number;
    }
  }
  drawCaption(out, width, height, prompt);
  const buf = PNG.sync.write(png);
  return {
    file: { data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), contentType: 'image/png', width, height },
    look: look.name,
  };
}
