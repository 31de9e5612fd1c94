// Text documents, workspace edits, diagnostics and custom editor registration for the fake
// `vscode` module (vscodeFakes.ts), for the Production Queue and the shot-list features.
// What the real ones do that these copy (VS Code 1.100, extHostDocuments / extHostDiagnostics):
// - A TextDocument is one object per URI while open; `getText()` is always the current text;
//   `version` goes up by one per applied change; positions are 0-based line and character.
// - `workspace.applyEdit` applies every replace of the edit against the text as it was before
//   any of them, fires ONE onDidChangeTextDocument for the document, marks it dirty and resolves
//   true. The edit is applied by the main process: the extension host's document changes a round
//   trip later, not during the call (here: on the next macrotask), so an edit computed before
//   another one landed uses stale offsets, as it would in VS Code. An edit of a document that is not open here resolves false in this fake (VS Code would
//   open the file first), so a test never passes by editing a file nobody opened.
// - `openTextDocument(uri)` returns the open document, or reads the file (failing when it does
//   not exist) and fires onDidOpenTextDocument.
// - A DiagnosticCollection holds one array per URI; `set` replaces it, `delete` removes it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeUri } from './vscodeFakes';

export class FakePosition {
  constructor(
    readonly line: number,
    readonly character: number,
    /** Set when made by a document (positionAt), so the offset-based fakes can use it too. */
    readonly offset?: number,
  ) {}
}

type Listener<T> = (e: T) => void;

export class FakeEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  get size(): number {
    return this.listeners.size;
  }
}

export class FakeTextDocument {
  version = 1;
  isClosed = false;
  isDirty = false;
  isUntitled = false;

  constructor(
    readonly uri: FakeUri,
    public text: string,
    readonly languageId = 'yaml',
  ) {}

  get fileName(): string {
    return this.uri.path;
  }

  getText(range?: { start: FakePosition; end: FakePosition }): string {
    return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  positionAt(offset: number): FakePosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const before = this.text.slice(0, o);
    const line = before.split('\n').length - 1;
    return new FakePosition(line, o - (before.lastIndexOf('\n') + 1), o);
  }

  offsetAt(p: { line?: number; character?: number; offset?: number }): number {
    if (p.offset !== undefined) return p.offset;
    const lines = this.text.split('\n');
    const line = Math.max(0, Math.min(p.line ?? 0, lines.length - 1));
    let o = 0;
    for (let i = 0; i < line; i++) o += (lines[i]?.length ?? 0) + 1;
    return o + Math.min(p.character ?? 0, lines[line]?.length ?? 0);
  }
}

export class FakeWorkspaceEdit {
  readonly replaces: { uri: FakeUri; range: { start: FakePosition; end: FakePosition }; text: string }[] = [];
  replace(uri: FakeUri, range: { start: FakePosition; end: FakePosition }, text: string): void {
    this.replaces.push({ uri, range, text });
  }
}

export const FakeDiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 } as const;

export class FakeDiagnostic {
  source?: string;
  code?: string;
  constructor(
    readonly range: { start: { line: number; character: number }; end: { line: number; character: number } },
    readonly message: string,
    readonly severity: number,
  ) {}
}

export class FakeDiagnosticCollection {
  readonly entries = new Map<string, FakeDiagnostic[]>();
  disposed = false;
  constructor(readonly name: string) {}
  set(uri: FakeUri, diagnostics: FakeDiagnostic[]): void {
    this.entries.set(uri.toString(), [...diagnostics]);
  }
  delete(uri: FakeUri): void {
    this.entries.delete(uri.toString());
  }
  get(uri: FakeUri): FakeDiagnostic[] | undefined {
    return this.entries.get(uri.toString());
  }
  clear(): void {
    this.entries.clear();
  }
  dispose(): void {
    this.disposed = true;
    this.entries.clear();
  }
}

export class FakeTabInputCustom {
  constructor(
    readonly uri: FakeUri,
    readonly viewType: string,
  ) {}
}

/** The documents, diagnostics and custom editors of one fake VS Code. */
export class FakeDocuments {
  readonly open = new Map<string, FakeTextDocument>();
  readonly onDidOpen = new FakeEmitter<FakeTextDocument>();
  readonly onDidChange = new FakeEmitter<{ document: FakeTextDocument; contentChanges: unknown[] }>();
  readonly onDidClose = new FakeEmitter<FakeTextDocument>();
  readonly diagnostics = new Map<string, FakeDiagnosticCollection>();
  readonly customEditors = new Map<string, { provider: unknown; options: unknown }>();

  /** Open a document with this text (as if the user opened the file). */
  add(uri: FakeUri, text: string, languageId = 'yaml'): FakeTextDocument {
    const doc = new FakeTextDocument(uri, text, languageId);
    this.open.set(uri.toString(), doc);
    this.onDidOpen.fire(doc);
    return doc;
  }

  close(doc: FakeTextDocument): void {
    doc.isClosed = true;
    this.open.delete(doc.uri.toString());
    this.onDidClose.fire(doc);
  }

  /** A user typing: replace [from, to) with text. */
  type(doc: FakeTextDocument, from: number, to: number, text: string): void {
    doc.text = doc.text.slice(0, from) + text + doc.text.slice(to);
    doc.version++;
    doc.isDirty = true;
    this.onDidChange.fire({ document: doc, contentChanges: [{ text }] });
  }

  async openTextDocument(uri: FakeUri): Promise<FakeTextDocument> {
    const known = this.open.get(uri.toString());
    if (known) return known;
    if (!existsSync(uri.path)) throw new Error(`cannot open ${uri.toString()}: file not found`);
    return this.add(uri, readFileSync(uri.path, 'utf8'), uri.path.endsWith('.md') ? 'markdown' : 'yaml');
  }

  async applyEdit(edit: FakeWorkspaceEdit): Promise<boolean> {
    await new Promise((r) => setImmediate(r));
    const byDoc = new Map<FakeTextDocument, { start: number; end: number; text: string }[]>();
    for (const r of edit.replaces) {
      const doc = this.open.get(r.uri.toString());
      if (!doc) return false;
      const list = byDoc.get(doc) ?? [];
      list.push({ start: doc.offsetAt(r.range.start), end: doc.offsetAt(r.range.end), text: r.text });
      byDoc.set(doc, list);
    }
    for (const [doc, list] of byDoc) {
      let text = doc.text;
      for (const e of list.sort((a, b) => b.start - a.start))
        text = text.slice(0, e.start) + e.text + text.slice(e.end);
      doc.text = text;
      doc.version++;
      doc.isDirty = true;
      this.onDidChange.fire({ document: doc, contentChanges: list });
    }
    return true;
  }

  /** Only `**\/*<suffix>` patterns (all the host uses); anything else throws so a new use is noticed. */
  async findFiles(root: FakeUri | undefined, include: string, exclude?: string, max = Infinity): Promise<FakeUri[]> {
    const m = /^\*\*\/\*([^*/]+)$/.exec(include);
    if (!m?.[1]) throw new Error(`findFiles fake: unsupported pattern ${include}`);
    if (exclude !== undefined && exclude !== '**/node_modules/**')
      throw new Error(`findFiles fake: exclude ${exclude}`);
    const suffix = m[1];
    const out: FakeUri[] = [];
    if (!root) return out;
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        if (out.length >= max) return;
        const full = join(dir, name);
        if (statSync(full).isDirectory()) {
          if (name !== 'node_modules') walk(full);
        } else if (name.endsWith(suffix)) out.push(root.with({ path: full }));
      }
    };
    walk(root.path);
    return out;
  }

  createDiagnosticCollection(name: string): FakeDiagnosticCollection {
    const c = new FakeDiagnosticCollection(name);
    this.diagnostics.set(name, c);
    return c;
  }
}
