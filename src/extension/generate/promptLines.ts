// Prompts in VS Code's one-line input box. The box drops line breaks, so a multi-line prompt (a
// selected paragraph, a script to speak) is shown with ⏎ where each break is, and the breaks are put
// back, unchanged, in what is submitted. The box also checks the model's prompt limit as you type,
// instead of the text being cut silently.
import type { ProviderId } from '../../core/jobTypes';
import { MAX_PROMPT_CHARS, MAX_SPEECH_CHARS } from '../../providers/local/localInput';
import { plainT, type Translate } from '../shared/text';

export const LINE_BREAK_MARK = '⏎';

/** The line break a text uses ("\r\n" in a CRLF document), so it comes back the same. */
export function lineBreakOf(text: string): '\n' | '\r\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function toBoxValue(text: string): string {
  return text.replace(/\r\n|\n/g, LINE_BREAK_MARK);
}

export function fromBoxValue(value: string, eol: '\n' | '\r\n' = '\n'): string {
  return value.split(LINE_BREAK_MARK).join(eol);
}

/** The longest prompt a model takes, when it is known (the offline models check theirs). */
export function promptLimit(model: { provider: ProviderId; modality: string }): number | undefined {
  if (model.provider !== 'local') return undefined;
  return model.modality === 'speech' ? MAX_SPEECH_CHARS : MAX_PROMPT_CHARS;
}

export type PromptCheck = { ok: false; message: string } | { ok: true; info?: string };

/** What the input box says about `value` (the text as the box shows it). */
export function checkPrompt(value: string, limit: number | undefined, t: Translate = plainT): PromptCheck {
  const text = fromBoxValue(value);
  if (!text.trim()) return { ok: false, message: t('Type a prompt, or press Escape to cancel.') };
  const n = Array.from(text).length;
  if (limit !== undefined && n > limit) {
    return {
      ok: false,
      message: t(
        'The prompt is {0} characters; this model takes at most {1}. Shorten it by {2}.',
        n.toLocaleString('en-US'),
        limit.toLocaleString('en-US'),
        (n - limit).toLocaleString('en-US'),
      ),
    };
  }
  const lines = text.split(/\r\n|\n/).length;
  const parts = [
    limit !== undefined
      ? t('{0} of {1} characters', n.toLocaleString('en-US'), limit.toLocaleString('en-US'))
      : undefined,
    lines > 1 ? t('{0} lines (each ⏎ is a line break)', lines) : undefined,
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? { ok: true, info: parts.join(' · ') } : { ok: true };
}
