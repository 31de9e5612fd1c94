// A Remotion composition's frame rate, read from source text (`<Composition … fps={30} />` or a
// `fps: 30` config object), so an inserted video or audio can be given its length in frames.
// Several different rates leave it unknown: guessing would cut or pad the clip.

/** The one fps the texts declare, or undefined when none or several differ. */
export function declaredFps(texts: readonly string[]): number | undefined {
  const found = new Set<number>();
  for (const text of texts) {
    for (const m of text.matchAll(/\bfps\s*(?:=\s*\{\s*|:\s*)(\d+(?:\.\d+)?)\s*\}?/g)) {
      const fps = Number(m[1]);
      if (fps > 0 && fps <= 240) found.add(fps);
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** A take's length in frames, rounded up so the last frame is not cut. */
export function framesFor(durationSec: number | undefined, fps: number | undefined): number | undefined {
  if (!durationSec || !fps || !Number.isFinite(durationSec) || durationSec <= 0) return undefined;
  return Math.ceil(durationSec * fps - 1e-9);
}
