// "GenQueue: Add Selection as Shot": a new shot from the selected lines of a Markdown storyboard.
import type { Modality } from '../jobTypes';
import { lastHeading, markdownToText } from './markdownText';
import type { Shot } from './shotTypes';

/**
 * A shot with a new unique id (s01, s02…, or sNN from a "Shot N" heading when free), the selected
 * text without Markdown as its prompt, and the heading as its scene: the last heading inside the
 * selection, else `nearestHeading` (the one above the selection in the document).
 */
export function shotFromSelection(
  markdown: string,
  existingIds: readonly string[],
  modality?: Modality,
  nearestHeading?: string,
): Shot {
  const heading = lastHeading(markdown) ?? (nearestHeading ? markdownToText(nearestHeading) || undefined : undefined);
  let text = markdownToText(markdown);
  const kind = modality ?? guessModality(text);
  if (kind === 'speech') text = spokenWords(text);
  const shot: Shot = {
    id: newShotId(existingIds, heading),
    modality: kind,
    prompt: text || heading || 'Describe this shot',
  };
  if (heading) shot.scene = heading;
  return shot;
}

/** sNN from a "Shot N" heading when that id is free, else the next sNN after the highest one. */
export function newShotId(existingIds: readonly string[], heading?: string): string {
  const taken = new Set(existingIds);
  const fromHeading = heading ? /\bshot\s*#?\s*(\d{1,4})\b/i.exec(heading)?.[1] : undefined;
  if (fromHeading !== undefined) {
    const id = `s${fromHeading.padStart(2, '0')}`;
    if (!taken.has(id)) return id;
  }
  let n = 0;
  for (const id of existingIds) {
    const m = /^s(\d+)$/.exec(id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  let id = `s${String(n + 1).padStart(2, '0')}`;
  while (taken.has(id)) id = `s${String(++n + 1).padStart(2, '0')}`;
  return id;
}

/** A storyboard line says what it is: a voice-over line, music, a clip, else a still. */
function guessModality(text: string): Modality {
  if (/^(voice[- ]?over|vo|narrator|narration)\s*:/i.test(text)) return 'speech';
  if (/\b(music|melody|soundtrack|ambient sound|sound effect|jingle)\b/i.test(text)) return 'audio';
  if (/\b(clip|footage|pan|zoom|tracking shot|timelapse|time-lapse|animation|drifts|sweeping)\b/i.test(text))
    return 'video';
  return 'image';
}

/** The words to say: without a "Voice-over:" label and the quotes around the line. */
function spokenWords(text: string): string {
  const line = text.replace(/^(voice[- ]?over|vo|narrator|narration)\s*:\s*/i, '').trim();
  const quoted = /^["“'‘](.*)["”'’]$/.exec(line);
  return (quoted?.[1] ?? line).trim();
}
