// A picture seeded by the prompt: a two-colour gradient with soft discs drifting over it.
// Shared by the offline image (t = 0) and video (t = 0..1) so a clip looks like its still.
import { seededRandom } from './promptSeed';

export interface Pattern {
  hueA: number;
  hueB: number;
  angle: number;
  discs: { x: number; y: number; r: number; hue: number; dx: number; dy: number }[];
}

export function patternFor(seed: number): Pattern {
  const rnd = seededRandom(seed);
  const hueA = rnd() * 360;
  const discs: Pattern['discs'] = [];
  const count = 3 + Math.floor(rnd() * 4);
  for (let i = 0; i < count; i++) {
    discs.push({
      x: rnd(),
      y: rnd(),
      r: 0.08 + rnd() * 0.22,
      hue: (hueA + 90 + rnd() * 180) % 360,
      dx: (rnd() - 0.5) * 0.6,
      dy: (rnd() - 0.5) * 0.6,
    });
  }
  return { hueA, hueB: (hueA + 60 + rnd() * 120) % 360, angle: rnd() * Math.PI * 2, discs };
}

/** HSL (h in degrees, s and l in 0..1) to 0..255 RGB. */
export function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const hp = (((h % 360) + 360) % 360) / 60;
  const x = c * (1 - Math.abs((hp % 2) - 1));
  const [r, g, b] =
    hp < 1 ? [c, x, 0] : hp < 2 ? [x, c, 0] : hp < 3 ? [0, c, x] : hp < 4 ? [0, x, c] : hp < 5 ? [x, 0, c] : [c, 0, x];
  const m = l - c / 2;
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}

/** Paint into an RGBA buffer (alpha 255). `t` in 0..1 moves the discs and turns the hues. */
export function paintPattern(rgba: Uint8Array, width: number, height: number, p: Pattern, t = 0): void {
  const a = hslToRgb(p.hueA + t * 40, 0.65, 0.45);
  const b = hslToRgb(p.hueB + t * 40, 0.7, 0.6);
  const cos = Math.cos(p.angle);
  const sin = Math.sin(p.angle);
  const scale = Math.min(width, height);
  const discs = p.discs.map((d) => ({
    cx: (((d.x + d.dx * t) % 1) + 1) % 1,
    cy: (((d.y + d.dy * t) % 1) + 1) % 1,
    r: d.r * scale,
    rgb: hslToRgb(d.hue + t * 90, 0.75, 0.6),
  }));
  // Gradient first, then each disc only over its bounding box (keeps a 320×180 frame ~2 ms).
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const g = 0.5 + ((x / width - 0.5) * cos + (y / height - 0.5) * sin) * 0.9;
      const i = (y * width + x) * 4;
      rgba[i] = a[0] + (b[0] - a[0]) * g;
      rgba[i + 1] = a[1] + (b[1] - a[1]) * g;
      rgba[i + 2] = a[2] + (b[2] - a[2]) * g;
      rgba[i + 3] = 255;
    }
  }
  for (const d of discs) {
    const cx = d.cx * width;
    const cy = d.cy * height;
    const x0 = Math.max(0, Math.floor(cx - d.r - 1));
    const x1 = Math.min(width - 1, Math.ceil(cx + d.r + 1));
    const y0 = Math.max(0, Math.floor(cy - d.r - 1));
    const y1 = Math.min(height - 1, Math.ceil(cy + d.r + 1));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        // Soft edge over 2 px so discs are not jagged.
        const cover = Math.min(1, Math.max(0, (d.r - Math.hypot(x - cx, y - cy)) / 2)) * 0.7;
        if (cover <= 0) continue;
        const i = (y * width + x) * 4;
        rgba[i] = (rgba[i] as number) + (d.rgb[0] - (rgba[i] as number)) * cover;
        rgba[i + 1] = (rgba[i + 1] as number) + (d.rgb[1] - (rgba[i + 1] as number)) * cover;
        rgba[i + 2] = (rgba[i + 2] as number) + (d.rgb[2] - (rgba[i + 2] as number)) * cover;
      }
    }
  }
}
