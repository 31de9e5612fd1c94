// Progress from model logs: tqdm bars ("76%|████   | 7568/10000"), "step 12/28", or a bare "45%".
// Both providers only give free text, so this is best effort: undefined when nothing looks like progress.

const TQDM = /^\s*(\d{1,3})%\s*\|.*?\|\s*(\d+)\/(\d+)/;
const STEP = /\bsteps?\s*[:#]?\s*(\d+)\s*(?:\/|of)\s*(\d+)/i;
const PERCENT = /(?:^|[\s:([])(\d{1,3}(?:\.\d+)?)\s?%/;

/** The latest progress (0..1) found in the lines, scanning from the end. */
export function parseLogProgress(lines: readonly string[]): number | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const p = progressOfLine(lines[i] ?? '');
    if (p !== undefined) return p;
  }
  return undefined;
}

export function progressOfLine(line: string): number | undefined {
  const tqdm = TQDM.exec(line);
  if (tqdm) return ratio(Number(tqdm[2]), Number(tqdm[3]));
  const step = STEP.exec(line);
  if (step) return ratio(Number(step[1]), Number(step[2]));
  const pct = PERCENT.exec(line);
  if (pct) return bounded(Number(pct[1]) / 100);
  return undefined;
}

/** Replicate sends logs as one string; tqdm redraws with \r, so each \r segment is its own line. */
export function splitLogText(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .split(/\r\n|\n|\r/)
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0);
}

function ratio(current: number, total: number): number | undefined {
  if (!(total > 0)) return undefined;
  return bounded(current / total);
}

function bounded(x: number): number | undefined {
  if (!Number.isFinite(x) || x < 0) return undefined;
  return Math.min(1, x);
}
