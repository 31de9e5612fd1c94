// The length of a WAV reference from its header, so a talking head's estimate can use the voice
// line's real length. Other formats (mp3, m4a) return undefined: the estimate then says the length
// is unknown rather than guessing it from the file size.

function ascii(data: Uint8Array, at: number): string {
  return String.fromCharCode(data[at] ?? 0, data[at + 1] ?? 0, data[at + 2] ?? 0, data[at + 3] ?? 0);
}

/** Seconds of audio in a RIFF/WAVE file, or undefined when it is not one (or its header is damaged). */
export function wavDurationSec(data: Uint8Array): number | undefined {
  if (data.byteLength < 12 || ascii(data, 0) !== 'RIFF' || ascii(data, 8) !== 'WAVE') return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let byteRate: number | undefined;
  let at = 12;
  while (at + 8 <= data.byteLength) {
    const id = ascii(data, at);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ' && at + 20 <= data.byteLength) byteRate = view.getUint32(at + 16, true);
    if (id === 'data') {
      if (!byteRate) return undefined;
      // A streamed WAV may give 0 or 0xFFFFFFFF: use what the file holds.
      const held = data.byteLength - (at + 8);
      const bytes = size === 0 || size === 0xffffffff || size > held ? held : size;
      return bytes / byteRate;
    }
    at += 8 + size + (size % 2);
  }
  return undefined;
}
