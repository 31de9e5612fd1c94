// Reading a reference WAV as the person's tools write it: PCM 8/16/24/32-bit or 32-bit float,
// any channel count (mixed down to mono). wav.ts stays the 16-bit mono codec of our own takes.

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  float: boolean;
  dataOffset: number;
  dataBytes: number;
  durationSec: number;
}

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;

function ascii(b: Uint8Array, at: number): string {
  return String.fromCharCode(...b.subarray(at, at + 4));
}

/** The WAV's format and where its samples are, or what makes it unreadable. */
export function readWavInfo(bytes: Uint8Array): WavInfo | string {
  if (bytes.length < 12 || ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WAVE') return 'not a RIFF/WAVE file';
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: Omit<WavInfo, 'dataOffset' | 'dataBytes' | 'durationSec'> | undefined;
  let off = 12;
  while (off + 8 <= bytes.length) {
    const id = ascii(bytes, off);
    const size = v.getUint32(off + 4, true);
    if (id === 'fmt ' && off + 24 <= bytes.length) {
      let tag = v.getUint16(off + 8, true);
      // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of its sub-format GUID.
      if (tag === EXTENSIBLE && size >= 40 && off + 34 <= bytes.length) tag = v.getUint16(off + 32, true);
      const bitsPerSample = v.getUint16(off + 22, true);
      const float = tag === FLOAT;
      if ((tag !== PCM && !float) || ![8, 16, 24, 32].includes(bitsPerSample) || (float && bitsPerSample !== 32)) {
        return `a compressed or unusual WAV (format ${tag}, ${bitsPerSample}-bit); save it as PCM WAV`;
      }
      fmt = { sampleRate: v.getUint32(off + 12, true), channels: v.getUint16(off + 10, true), bitsPerSample, float };
    } else if (id === 'data') {
      if (!fmt) return 'a WAV whose data comes before its format';
      if (fmt.channels < 1 || fmt.sampleRate < 1000) return 'a WAV with no channels or no sample rate';
      const dataOffset = off + 8;
      // Streaming writers leave the size as a placeholder: the samples run to the end of the file.
      const dataBytes = Math.min(size, bytes.length - dataOffset);
      const frameBytes = (fmt.bitsPerSample / 8) * fmt.channels;
      const durationSec = Math.floor(dataBytes / frameBytes) / fmt.sampleRate;
      return { ...fmt, dataOffset, dataBytes, durationSec };
    }
    off += 8 + size + (size % 2);
  }
  return fmt ? 'a WAV with no audio data' : 'a WAV with no format chunk';
}

/** The samples mixed down to mono, in [-1, 1]; at most `maxSec` seconds of them. */
export function decodeWavMono(bytes: Uint8Array, info: WavInfo, maxSec = Number.POSITIVE_INFINITY): Float32Array {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sampleBytes = info.bitsPerSample / 8;
  const frameBytes = sampleBytes * info.channels;
  const frames = Math.min(Math.floor(info.dataBytes / frameBytes), Math.floor(maxSec * info.sampleRate));
  const out = new Float32Array(frames);
  const read = sampleReader(v, info);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < info.channels; c++) sum += read(info.dataOffset + i * frameBytes + c * sampleBytes);
    out[i] = sum / info.channels;
  }
  return out;
}

function sampleReader(v: DataView, info: WavInfo): (at: number) => number {
  if (info.float) return (at) => Math.max(-1, Math.min(1, v.getFloat32(at, true)));
  switch (info.bitsPerSample) {
    case 8:
      return (at) => (v.getUint8(at) - 128) / 128; // 8-bit WAV is unsigned
    case 16:
      return (at) => v.getInt16(at, true) / 32768;
    case 24:
      return (at) => ((v.getUint8(at) | (v.getUint8(at + 1) << 8) | (v.getInt8(at + 2) << 16)) as number) / 8388608;
    default:
      return (at) => v.getInt32(at, true) / 2147483648;
  }
}
