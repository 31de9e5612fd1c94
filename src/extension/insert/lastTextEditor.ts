// The text editor Insert should write into. Clicking a button in the GenQueue panel, or a webview
// editor, takes focus away from the text editor, and `activeTextEditor` can then be undefined; the
// user still means "the editor I was just in". So the last text editor and its cursor are tracked.
import * as vscode from 'vscode';
import { Disposable } from '../shared/disposable';

export interface EditorTarget {
  editor: vscode.TextEditor;
  position: vscode.Position;
}

export class LastTextEditor extends Disposable {
  private last: { editor: vscode.TextEditor; selection: vscode.Selection } | undefined;

  constructor() {
    super();
    this.remember(vscode.window.activeTextEditor);
    this.register(vscode.window.onDidChangeActiveTextEditor((e) => this.remember(e)));
    this.register(
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === this.last?.editor) this.remember(e.textEditor);
      }),
    );
  }

  private remember(editor: vscode.TextEditor | undefined): void {
    if (editor) this.last = { editor, selection: editor.selection };
  }

  /**
   * The active editor's cursor; else the last text editor's, when its file is still shown (visible,
   * or in a background tab, which is brought forward). Undefined when the user closed it.
   */
  async target(): Promise<EditorTarget | undefined> {
    const active = vscode.window.activeTextEditor;
    if (active) return { editor: active, position: active.selection.active };
    if (!this.last) return undefined;
    const uri = this.last.editor.document.uri.toString();
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    if (visible) return { editor: visible, position: visible.selection.active };
    if (!isInATab(uri)) return undefined;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!doc || doc.isClosed) return undefined;
    const { selection } = this.last;
    const editor = await vscode.window.showTextDocument(doc, { preview: false, selection });
    return { editor, position: selection.active };
  }
}

/** A closed tab's document can linger in textDocuments for a while: the tabs say what is open. */
function isInATab(uri: string): boolean {
  return vscode.window.tabGroups.all.some((g) =>
    g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri),
  );
}
