// Helpers for shot-list tests: where a piece of text is, and the diagnostics of a code.
import type { ParsedShotList, ShotDiagnostic, ShotDiagnosticCode } from '../../../src/core/shots/shotTypes';

/** 0-based line of the first line of `text` containing `needle` (after `from`'s line, if given). */
export function lineOf(text: string, needle: string, from?: string): number {
  const lines = text.split('\n');
  const start = from === undefined ? 0 : lineOf(text, from) + 1;
  const i = lines.findIndex((l, n) => n >= start && l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" is not in the text`);
  return i;
}

export function withCode(parsed: ParsedShotList, code: ShotDiagnosticCode): ShotDiagnostic[] {
  return parsed.diagnostics.filter((d) => d.code === code);
}

/** "code@line" for each diagnostic, for whole-list comparisons. */
export function summary(parsed: ParsedShotList): string[] {
  return parsed.diagnostics.map((d) => `${d.severity}:${d.code}@${d.span.start.line}`);
}

export const errors = (parsed: ParsedShotList) => parsed.diagnostics.filter((d) => d.severity === 'error');
