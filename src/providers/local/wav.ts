// 16-bit PCM mono WAV encode/decode (RIFF), pure TS.

export function encodeWav(samples: Int16Array, sampleRate: number): Uint8Array {
  const dataBytes = samples.length * 2;
  const buf = new Uint8Array(44 + dataBytes);
  const v = new DataView(buf.buffer);
  const ascii = (off: number, s: string) => {
    for (let i = 0; i < s.length; i++) buf[off + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) v.setInt16(44 + i * 2, samples[i] as number, true);
  return buf;
}

export interface DecodedWav {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  samples: Int16Array;
}

/**
 * Decode a 16-bit PCM WAV. Tolerates a data chunk whose size field is a placeholder
 * (streaming writers such as eSpeak's leave it unset) by reading to the end of the file.
 */
export function decodeWav(bytes: Uint8Array): DecodedWav | undefined {
  if (bytes.length < 44) return undefined;
  const text = (off: number) => String.fromCharCode(...bytes.subarray(off, off + 4));
  if (text(0) !== 'RIFF' || text(8) !== 'WAVE') return undefined;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let off = 12;
  let sampleRate = 0;
  let channels = 0;
  let bitsPerSample = 0;
  while (off + 8 <= bytes.length) {
    const id = text(off);
    const size = v.getUint32(off + 4, true);
    if (id === 'fmt ') {
      channels = v.getUint16(off + 10, true);
      sampleRate = v.getUint32(off + 12, true);
      bitsPerSample = v.getUint16(off + 22, true);
    } else if (id === 'data') {
      if (bitsPerSample !== 16 || channels < 1) return undefined;
      const start = off + 8;
      const end = Math.min(bytes.length, size > 0 && size < 0x7fff0000 ? start + size : bytes.length);
      const count = Math.floor((end - start) / 2);
      const samples = new Int16Array(count);
      for (let i = 0; i < count; i++) samples[i] = v.getInt16(start + i * 2, true);
      return { sampleRate, channels, bitsPerSample, samples };
    }
    off += 8 + size + (size % 2);
  }
  return undefined;
}
