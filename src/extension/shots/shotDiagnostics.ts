// The problems of every open `*.shots.yaml` document as VS Code diagnostics ('genqueue.shots'), on
// the line they are about: set when it opens, updated as it changes (~100 ms after typing stops),
// removed when it closes.
import * as vscode from 'vscode';
import type { ShotDiagnostic } from '../../core/shots/shotTypes';
import { Disposable, toDisposable } from '../shared/disposable';
import { isShotListUri, parseShotListDocument } from './shotListDocument';

export const SHOT_DIAGNOSTICS_NAME = 'genqueue.shots';
const UPDATE_MS = 100;

export class ShotDiagnostics extends Disposable {
  private readonly collection: vscode.DiagnosticCollection;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly log: { warn(m: string): void }) {
    super();
    this.collection = this.register(vscode.languages.createDiagnosticCollection(SHOT_DIAGNOSTICS_NAME));
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.update(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)));
    this.register(
      toDisposable(() => {
        for (const t of this.timers.values()) clearTimeout(t);
        this.timers.clear();
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.update(d);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isShotListUri(document.uri)) return;
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) this.update(document);
      }, UPDATE_MS),
    );
  }

  private update(document: vscode.TextDocument): void {
    if (!isShotListUri(document.uri)) return;
    try {
      const parsed = parseShotListDocument(document);
      this.collection.set(document.uri, parsed.diagnostics.map(toVscodeDiagnostic));
    } catch (err) {
      this.log.warn(`Could not check ${document.uri.toString()}: ${String(err)}`);
    }
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.collection.delete(document.uri);
  }
}

export function toVscodeDiagnostic(d: ShotDiagnostic): vscode.Diagnostic {
  const { start, end } = d.span;
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(start.line, start.character, end.line, end.character),
    d.message,
    d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = 'GenQueue';
  diagnostic.code = d.code;
  return diagnostic;
}
