// The length of an audio reference, so a talking head's estimate can use the voice line's real
// length. A file mediabunny cannot read gives undefined: the estimate then says the length is
// unknown rather than guessing it from the file size.
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';

export async function audioDurationSec(data: Uint8Array): Promise<number | undefined> {
  const input = new Input({ source: new BufferSource(data), formats: ALL_FORMATS });
  try {
    const sec = await input.computeDuration();
    return Number.isFinite(sec) && sec > 0 ? sec : undefined;
  } catch {
    return undefined;
  } finally {
    input.dispose();
  }
}
