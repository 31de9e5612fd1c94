// The problems of every open `*.shots.yaml` document as VS Code diagnostics ('genqueue.shots'), on
// the line they are about: set when it opens, updated as it changes (~100 ms after typing stops),
// removed when it closes. Referenced workspace files are checked on disk after the parse (the
// parser is pure): a missing one joins the list's diagnostics once the check answers.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { PathRefSite, ShotDiagnostic } from '../../core/shots/shotTypes';
import { Disposable, toDisposable } from '../shared/disposable';
import { isShotListUri, parseShotListDocument } from './shotListDocument';

export const SHOT_DIAGNOSTICS_NAME = 'genqueue.shots';
const UPDATE_MS = 100;

export class ShotDiagnostics extends Disposable {
  private readonly collection: vscode.DiagnosticCollection;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Per document, the latest update: a file check that answers after a newer parse is dropped. */
  private readonly updates = new Map<string, number>();

  constructor(
    private readonly log: { warn(m: string): void },
    private readonly exists: (uri: vscode.Uri) => Promise<boolean> = statExists,
  ) {
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
      const found = parsed.diagnostics.map(toVscodeDiagnostic);
      this.collection.set(document.uri, found);
      const key = document.uri.toString();
      const update = (this.updates.get(key) ?? 0) + 1;
      this.updates.set(key, update);
      if (parsed.pathRefs) {
        void this.missingRefs(document.uri, parsed.pathRefs).then((missing) => {
          if (missing.length === 0 || this.updates.get(key) !== update || document.isClosed) return;
          this.collection.set(document.uri, [...found, ...missing.map(toVscodeDiagnostic)]);
        });
      }
    } catch (err) {
      this.log.warn(`Could not check ${document.uri.toString()}: ${String(err)}`);
    }
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.updates.delete(key);
    this.collection.delete(document.uri);
  }

  /** Diagnostics for the referenced workspace files that are not there. */
  private async missingRefs(listUri: vscode.Uri, sites: readonly PathRefSite[]): Promise<ShotDiagnostic[]> {
    const folder =
      vscode.workspace.getWorkspaceFolder(listUri)?.uri ?? listUri.with({ path: posix.dirname(listUri.path) });
    const out: ShotDiagnostic[] = [];
    for (const site of sites) {
      const uri = vscode.Uri.joinPath(folder, ...site.path.replace(/\\/g, '/').split('/').filter(Boolean));
      const there = await this.exists(uri).catch(() => false);
      if (!there) out.push(missingRefDiagnostic(site));
    }
    return out;
  }
}

export function missingRefDiagnostic(site: PathRefSite): ShotDiagnostic {
  return {
    severity: 'error',
    code: 'missing-reference',
    message: `Reference "${site.field}": there is no file ${site.path} in the workspace.`,
    span: site.span,
    shotId: site.shotId,
  };
}

async function statExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
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
