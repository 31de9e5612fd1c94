// Collects a shot list's diagnostics with 0-based spans computed from yaml's source offsets.
import type { LineCounter } from 'yaml';
import type { ShotDiagnostic, ShotDiagnosticCode, TextPoint, TextSpan } from './shotTypes';

/** Anything with yaml's source range ([start, value end, node end]). */
export interface Ranged {
  range?: readonly [number, number, number] | null;
}

export class ShotDiagnosticSink {
  readonly diagnostics: ShotDiagnostic[] = [];

  constructor(
    private readonly lines: LineCounter,
    private readonly text: string,
  ) {}

  point(offset: number): TextPoint {
    const { line, col } = this.lines.linePos(offset);
    return { line: line - 1, character: col - 1 };
  }

  spanOf(start: number, end: number): TextSpan {
    return { start: this.point(start), end: this.point(Math.max(start, end)) };
  }

  /**
   * The node's value, trailing comments and line breaks excluded (a block mapping's range runs to
   * the next line); the start of the file when it has no range.
   */
  nodeSpan(node: Ranged | null | undefined): TextSpan {
    const range = node?.range;
    if (!range) return this.spanOf(0, 0);
    let end = range[1];
    while (end > range[0] && /\s/.test(this.text.charAt(end - 1))) end--;
    return this.spanOf(range[0], end);
  }

  add(
    severity: ShotDiagnostic['severity'],
    code: ShotDiagnosticCode,
    message: string,
    at: Ranged | TextSpan | null | undefined,
    shotId?: string,
  ): void {
    const span = at !== null && at !== undefined && 'start' in at ? at : this.nodeSpan(at);
    const d: ShotDiagnostic = { severity, code, message, span };
    if (shotId !== undefined) d.shotId = shotId;
    this.diagnostics.push(d);
  }

  error(code: ShotDiagnosticCode, message: string, at: Ranged | TextSpan | null | undefined, shotId?: string): void {
    this.add('error', code, message, at, shotId);
  }

  warning(code: ShotDiagnosticCode, message: string, at: Ranged | TextSpan | null | undefined, shotId?: string): void {
    this.add('warning', code, message, at, shotId);
  }
}
