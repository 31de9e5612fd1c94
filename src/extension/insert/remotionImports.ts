// Remotion inserts in .tsx/.jsx files: `<Img src={staticFile("…")} />` only compiles with
// `import { Img, staticFile } from 'remotion';`, so the insert adds the missing names (merged into an
// existing remotion import when there is one). Only for Remotion projects: the file already imports
// from 'remotion' or a package.json in the workspace depends on it. Pure text in, edits out.

/** A text edit in document offsets: replace [start, end) with text (start === end: insert). */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

interface ImportDecl {
  start: number;
  end: number;
  source: string;
  quote: string;
  /** Local names bound by the declaration (`X as Y` binds Y); undefined names for `import x from`. */
  locals: string[];
  /** The `{ … }` span of a plain (non-type) named import, when there is one. */
  named?: { open: number; close: number; specifiers: string[] };
}

// Top-level import declarations. Comments and strings are not parsed: a heuristic that is right for
// the import blocks real files start with; when unsure we add a separate import line (still valid).
const IMPORT_RE = /^[ \t]*import\s+(type\s+)?([^;'"]*?)\s*from\s*(['"])([^'"\n]+)\3[ \t]*;?/gm;
const SIDE_EFFECT_RE = /^[ \t]*import\s*(['"])([^'"\n]+)\1[ \t]*;?/gm;

function parseImports(text: string): ImportDecl[] {
  const out: ImportDecl[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const start = m.index ?? 0;
    const clause = m[2] ?? '';
    const typeOnly = m[1] !== undefined;
    const locals: string[] = [];
    let named: ImportDecl['named'];
    const brace = clause.indexOf('{');
    const closeBrace = clause.lastIndexOf('}');
    if (brace >= 0 && closeBrace > brace) {
      const specifiers = clause
        .slice(brace + 1, closeBrace)
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      for (const spec of specifiers) {
        if (spec.startsWith('type ')) continue;
        const parts = spec.split(/\s+as\s+/);
        locals.push((parts[1] ?? parts[0] ?? '').trim());
      }
      if (!typeOnly) {
        const clauseAt = m[0].indexOf(clause);
        named = { open: start + clauseAt + brace, close: start + clauseAt + closeBrace, specifiers };
      }
    }
    const head = (brace >= 0 ? clause.slice(0, brace) : clause).replace(/,\s*$/, '').trim();
    if (head && !typeOnly) {
      const ns = /^\*\s+as\s+(\w+)$/.exec(head);
      locals.push(ns ? (ns[1] ?? head) : head);
    }
    const end = start + m[0].length;
    out.push({ start, end, source: m[4] ?? '', quote: m[3] ?? "'", locals: typeOnly ? [] : locals, named });
  }
  for (const m of text.matchAll(SIDE_EFFECT_RE)) {
    const start = m.index ?? 0;
    out.push({ start, end: start + m[0].length, source: m[2] ?? '', quote: m[1] ?? "'", locals: [] });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The file imports something from 'remotion' already. */
export function importsRemotion(text: string): boolean {
  return parseImports(text).some((d) => d.source === 'remotion');
}

/** A package.json text lists remotion in dependencies, devDependencies or peerDependencies. */
export function packageDependsOnRemotion(packageJsonText: string): boolean {
  try {
    const pkg = JSON.parse(packageJsonText) as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'peerDependencies'].some((k) => {
      const deps = pkg[k];
      return typeof deps === 'object' && deps !== null && 'remotion' in deps;
    });
  } catch {
    return false; // an unreadable package.json says nothing either way
  }
}

/** Names the inserted reference needs: its Remotion tags (in order) and staticFile. */
export function remotionNamesFor(reference: string): string[] {
  const names: string[] = [];
  for (const m of reference.matchAll(/<(Img|Video|Audio|OffthreadVideo|Sequence)\b/g)) {
    if (m[1] && !names.includes(m[1])) names.push(m[1]);
  }
  if (/\bstaticFile\(/.test(reference)) names.push('staticFile');
  return names;
}

/** The quote the file's imports use (most of them); double when it has none. */
export function preferredQuote(text: string): "'" | '"' {
  const decls = parseImports(text);
  const single = decls.filter((d) => d.quote === "'").length;
  return decls.length > 0 && single * 2 >= decls.length ? "'" : '"';
}

/**
 * The edit that makes `names` importable from 'remotion' in `text`, or undefined when nothing is
 * missing. Names the file already binds (from any module) are left alone rather than shadowed.
 */
export function remotionImportEdit(text: string, names: readonly string[]): OffsetEdit | undefined {
  const decls = parseImports(text);
  const bound = new Set(decls.flatMap((d) => d.locals));
  const missing = names.filter((n) => !bound.has(n));
  if (missing.length === 0) return undefined;
  const existing = decls.find((d) => d.source === 'remotion' && d.named);
  if (existing?.named) {
    const { open, close, specifiers } = existing.named;
    const inner = text.slice(open + 1, close);
    const multiline = inner.includes('\n');
    if (multiline) {
      // Keep the file's one-per-line style: add lines before the closing brace.
      const indent = /\n([ \t]+)\S/.exec(inner)?.[1] ?? '  ';
      const body = inner.replace(/\s*$/, '');
      const comma = body.trim() === '' || body.trimEnd().endsWith(',') ? '' : ',';
      const added = missing.map((n) => `\n${indent}${n},`).join('');
      return { start: open + 1, end: close, text: `${body}${comma}${added}\n` };
    }
    const spaced = /^\s/.test(inner) || inner === '';
    const list = [...specifiers, ...missing].join(', ');
    return { start: open + 1, end: close, text: spaced ? ` ${list} ` : list };
  }
  const last = decls.at(-1);
  // Follow the file's quote style (the last import's).
  const quote = last?.quote ?? "'";
  const line = `import { ${missing.join(', ')} } from ${quote}remotion${quote};\n`;
  if (last) return { start: last.end, end: last.end, text: `\n${line.slice(0, -1)}` };
  return { start: directivesEnd(text), end: directivesEnd(text), text: line };
}

/** After a leading shebang and 'use client'-style directives, so they stay first. */
function directivesEnd(text: string): number {
  const m = /^(#![^\n]*\n)?(\s*(['"])use [\w ]+\3;?[ \t]*\n)*/.exec(text);
  return m ? m[0].length : 0;
}
