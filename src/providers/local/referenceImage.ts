// Reference images as RGBA pixels: the size from the header (cheap, at submit), the pixels when
// rendering (pngjs, jpeg-js), and bilinear sampling for the renderers that move or scale them.
import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { ProviderError } from '../../core/errors';
import type { ImageReference } from './referenceFiles';

/** Larger images would take seconds and hundreds of MB to decode for a stand-in. */
export const MAX_IMAGE_MEGAPIXELS = 40;

export interface Picture {
  width: number;
  height: number;
  /** RGBA, row-major. */
  rgba: Uint8Array;
}

/** Width and height from a PNG's IHDR or a JPEG's start-of-frame marker, or what is wrong. */
export function imageHeader(
  data: Uint8Array,
  type: 'image/png' | 'image/jpeg',
): { width: number; height: number } | string {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let size: { width: number; height: number } | undefined;
  if (type === 'image/png') {
    if (data.length >= 24) size = { width: v.getUint32(16), height: v.getUint32(20) };
  } else {
    size = jpegSize(data, v);
  }
  if (!size || size.width < 1 || size.height < 1)
    return `its ${type === 'image/png' ? 'PNG' : 'JPEG'} header is damaged`;
  if (size.width < 16 || size.height < 16)
    return `it is ${size.width}×${size.height}; the offline provider needs at least 16 px a side`;
  if (size.width * size.height > MAX_IMAGE_MEGAPIXELS * 1e6) {
    return `it is ${size.width}×${size.height}; the offline provider takes images up to ${MAX_IMAGE_MEGAPIXELS} megapixels`;
  }
  return size;
}

/** SOF0..SOF15 (not DHT, JPG, DAC) carry the frame size; markers before them are skipped by length. */
function jpegSize(data: Uint8Array, v: DataView): { width: number; height: number } | undefined {
  let off = 2;
  while (off + 9 <= data.length) {
    if (data[off] !== 0xff) return undefined;
    const marker = data[off + 1] as number;
    if (marker === 0xff) {
      off++; // fill byte
      continue;
    }
    const length = v.getUint16(off + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: v.getUint16(off + 5), width: v.getUint16(off + 7) };
    }
    if (marker === 0xda || length < 2) return undefined; // scan data before any frame header
    off += 2 + length;
  }
  return undefined;
}

/** The reference's pixels; a body that fails to decode is a clear input error. */
export function decodeImage(ref: ImageReference): Picture {
  try {
    if (ref.type === 'image/png') {
      const png = PNG.sync.read(Buffer.from(ref.data.buffer, ref.data.byteOffset, ref.data.byteLength));
      return {
        width: png.width,
        height: png.height,
        rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength),
      };
    }
    const jpeg = decodeJpeg(ref.data, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_IMAGE_MEGAPIXELS,
      maxMemoryUsageInMB: 1024,
    });
    return { width: jpeg.width, height: jpeg.height, rgba: jpeg.data };
  } catch (err) {
    throw new ProviderError({
      category: 'input',
      message: `${ref.name} could not be decoded as ${ref.type === 'image/png' ? 'PNG' : 'JPEG'}; save it again as PNG or JPEG.`,
      detail: err instanceof Error ? err.message : String(err),
    });
  }
}

/** Even dimensions with the image's aspect ratio and the long side at most `longSide`. */
export function fitWithin(width: number, height: number, longSide: number): { width: number; height: number } {
  const scale = Math.min(1, longSide / Math.max(width, height));
  const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
  return { width: even(width * scale), height: even(height * scale) };
}

/** A copy composited over black, alpha 255: video has no alpha, and the samplers then ignore it. */
export function overBlack(pic: Picture): Picture {
  const rgba = new Uint8Array(pic.rgba);
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3] as number;
    if (a === 255) continue;
    rgba[i] = ((rgba[i] as number) * a) / 255;
    rgba[i + 1] = ((rgba[i + 1] as number) * a) / 255;
    rgba[i + 2] = ((rgba[i + 2] as number) * a) / 255;
    rgba[i + 3] = 255;
  }
  return { width: pic.width, height: pic.height, rgba };
}

/**
 * Fill `count` RGBA pixels of `out` from offset `o` with the picture's colour along a line:
 * pixel k samples (x0 + k·dx, y0 + k·dy) in picture coordinates, bilinear (8-bit weights, integer
 * maths: this loop is most of a clip's render time), clamped at the edges. Alpha is not read.
 */
export function sampleLine(
  pic: Picture,
  x0: number,
  y0: number,
  dx: number,
  dy: number,
  count: number,
  out: Uint8Array,
  o: number,
): void {
  const w = pic.width;
  const maxX = w - 1;
  const maxY = pic.height - 1;
  const row = w << 2;
  const p = pic.rgba;
  for (let k = 0; k < count; k++) {
    let x = x0 + k * dx;
    let y = y0 + k * dy;
    x = x < 0 ? 0 : x > maxX ? maxX : x;
    y = y < 0 ? 0 : y > maxY ? maxY : y;
    const xi = x | 0;
    const yi = y | 0;
    const fx = ((x - xi) * 256) | 0;
    const fy = ((y - yi) * 256) | 0;
    const i00 = (yi * w + xi) << 2;
    const i10 = xi < maxX ? i00 + 4 : i00;
    const i01 = yi < maxY ? i00 + row : i00;
    const i11 = xi < maxX ? i01 + 4 : i01;
    const q = o + (k << 2);
    for (let c = 0; c < 3; c++) {
      const top = (p[i00 + c] as number) * (256 - fx) + (p[i10 + c] as number) * fx;
      const bottom = (p[i01 + c] as number) * (256 - fx) + (p[i11 + c] as number) * fx;
      out[q + c] = (top * (256 - fy) + bottom * fy) >> 16;
    }
    out[q + 3] = 255;
  }
}
