// MP4 headers carry creation/modification times; zeroing them makes the same prompt give
// byte-identical clips (deterministic output, and no wall-clock leak into the file).

const CONTAINERS = new Set(['moov', 'trak', 'mdia']);
const TIMED = new Set(['mvhd', 'tkhd', 'mdhd']);

export function zeroMp4Times(bytes: Uint8Array): Uint8Array {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const walk = (start: number, end: number) => {
    let off = start;
    while (off + 8 <= end) {
      const size = v.getUint32(off);
      const type = String.fromCharCode(...bytes.subarray(off + 4, off + 8));
      if (size < 8 || off + size > end) return; // 64-bit or malformed sizes: leave the rest alone
      if (CONTAINERS.has(type)) walk(off + 8, off + size);
      else if (TIMED.has(type) && size >= 20) {
        const version = bytes[off + 8];
        const width = version === 1 ? 8 : 4;
        if (off + 12 + 2 * width <= off + size) bytes.fill(0, off + 12, off + 12 + 2 * width);
      }
      off += size;
    }
  };
  walk(0, bytes.length);
  return bytes;
}
