// In-memory stand-ins for the VS Code pieces the host uses (globalState, secrets, workspace.fs),
// shaped like the host's own ports so host logic runs in plain Node.
import type { FileKind, HostFileSystem } from '../../src/extension/assets/hostFileSystem';
import type { MementoLike } from '../../src/extension/persistence/mementoPort';

/**
 * The profile's storage behind globalState, shared by every window (what VS Code's main side holds).
 * Real VS Code (extHostMemento.ts, mainThreadStorage.ts, checked on 1.100):
 * - An extension's whole globalState is ONE value: a JSON string under the extension id.
 * - Each window's extension host keeps its own in-memory copy of the whole object; `get` and
 *   `keys` read that copy.
 * - `update(key, v)` sets the key in the copy and, on a 0 ms timer (updates in one turn are
 *   batched), writes the WHOLE copy to storage: the last writer wins, so a key another window wrote
 *   that this window has not seen yet is overwritten with this window's older value, or dropped.
 *   The promise resolves once the write reached storage; it says nothing about other windows.
 * - Every storage change comes back to every window as an event carrying the whole stored value,
 *   which REPLACES that window's copy (an update of its own not written yet included). The writing
 *   window gets its echo before its promise resolves; other windows (other processes) later.
 * `holdOthers` keeps the events for other windows until `deliver()`, so a test can place another
 * window's write between a window's update and the moment it sees it.
 */
export class SharedGlobalState {
  private stored = '{}';
  private readonly windows = new Set<InMemoryMemento>();
  private held: (() => void)[] = [];
  holdOthers = false;
  writes = 0;

  /** A new window's globalState (its copy starts from what is stored). */
  window(): InMemoryMemento {
    return new InMemoryMemento(this);
  }

  attach(w: InMemoryMemento): void {
    this.windows.add(w);
  }

  /** The stored value, parsed. */
  snapshot(): Record<string, unknown> {
    return JSON.parse(this.stored) as Record<string, unknown>;
  }

  /** The stored JSON string, as VS Code keeps it. */
  raw(): string {
    return this.stored;
  }

  /** A window writes its whole copy; `echoed` runs once the writer has its own change event. */
  write(from: InMemoryMemento, whole: Record<string, unknown>, echoed: () => void): void {
    const raw = JSON.stringify(whole);
    this.stored = raw;
    this.writes++;
    for (const w of this.windows) {
      if (w === from) {
        setImmediate(() => {
          w.accept(raw);
          echoed();
        });
      } else if (this.holdOthers) {
        this.held.push(() => w.accept(raw));
      } else {
        setImmediate(() => w.accept(raw));
      }
    }
  }

  /** Deliver the change events held for other windows, in write order. */
  deliver(): void {
    for (const fn of this.held.splice(0)) fn();
  }
}

/** One window's globalState (see SharedGlobalState). Alone, it is a single window's globalState. */
export class InMemoryMemento implements MementoLike {
  private value: Record<string, unknown>;
  private waiting: { resolve: () => void }[] = [];
  private scheduled = false;
  updates = 0;

  constructor(readonly storage = new SharedGlobalState()) {
    storage.attach(this);
    this.value = storage.snapshot();
  }

  keys(): readonly string[] {
    // Like VS Code: keys set to undefined linger in the copy until the change event replaces it.
    return Object.entries(this.value)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
  }

  get<T>(key: string, defaultValue?: T): T | undefined {
    const v = this.value[key] as T | undefined;
    return v === undefined ? defaultValue : v;
  }

  update(key: string, value: unknown): Promise<void> {
    this.updates++;
    this.value[key] = value !== null && typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : value;
    const done = new Promise<void>((resolve) => this.waiting.push({ resolve }));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        const records = this.waiting.splice(0);
        this.storage.write(this, this.value, () => {
          for (const r of records) r.resolve();
        });
      });
    }
    return done;
  }

  /** A change event from storage: the whole stored value replaces this window's copy. */
  accept(raw: string): void {
    this.value = JSON.parse(raw) as Record<string, unknown>;
  }

  /** Size of the whole extension state as VS Code stores it (one JSON string). */
  serializedSize(): number {
    return Buffer.byteLength(this.storage.raw(), 'utf8');
  }

  /** Everything stored, as text (to assert that no secret leaked into it). */
  dump(): string {
    return this.storage.raw();
  }
}

export class FakeSecretStorage {
  private readonly data = new Map<string, string>();
  private readonly listeners: ((e: { key: string }) => void)[] = [];

  async get(key: string): Promise<string | undefined> {
    return this.data.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.data.set(key, value);
    for (const l of this.listeners) l({ key });
  }
  async delete(key: string): Promise<void> {
    this.data.delete(key);
    for (const l of this.listeners) l({ key });
  }
  async keys(): Promise<string[]> {
    return [...this.data.keys()];
  }
  onDidChange(listener: (e: { key: string }) => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => this.listeners.splice(this.listeners.indexOf(listener), 1) };
  }
}

function normalise(uri: string): string {
  return uri.replace(/\/+$/, '');
}

function parentOf(uri: string): string {
  const cut = uri.lastIndexOf('/');
  return cut > uri.indexOf('://') + 2 ? uri.slice(0, cut) : uri;
}

/** workspace.fs over URI strings, in memory. `rename` without overwrite fails like FileExists. */
export class InMemoryFileSystem implements HostFileSystem {
  readonly files = new Map<string, Uint8Array>();
  readonly dirs = new Set<string>();
  /** Called before each rename: lets a test simulate another writer taking the name first. */
  beforeRename?: (to: string) => void;

  async readFile(uri: string): Promise<Uint8Array> {
    const f = this.files.get(normalise(uri));
    if (!f) throw Object.assign(new Error(`FileNotFound: ${uri}`), { code: 'FileNotFound' });
    return f;
  }

  async writeFile(uri: string, data: Uint8Array): Promise<void> {
    const u = normalise(uri);
    if (!this.dirs.has(parentOf(u)))
      throw Object.assign(new Error(`FileNotFound (no parent): ${uri}`), { code: 'FileNotFound' });
    this.files.set(u, data.slice());
  }

  async rename(from: string, to: string, opts: { overwrite: boolean }): Promise<void> {
    this.beforeRename?.(normalise(to));
    const f = this.files.get(normalise(from));
    if (!f) throw Object.assign(new Error(`FileNotFound: ${from}`), { code: 'FileNotFound' });
    if (!opts.overwrite && (this.files.has(normalise(to)) || this.dirs.has(normalise(to)))) {
      throw Object.assign(new Error(`FileExists: ${to}`), { code: 'FileExists' });
    }
    this.files.delete(normalise(from));
    this.files.set(normalise(to), f);
  }

  async delete(uri: string): Promise<void> {
    this.files.delete(normalise(uri));
  }

  async createDirectory(uri: string): Promise<void> {
    let u = normalise(uri);
    while (!this.dirs.has(u)) {
      this.dirs.add(u);
      const p = parentOf(u);
      if (p === u) break;
      u = p;
    }
  }

  async stat(uri: string): Promise<{ kind: FileKind; size: number } | undefined> {
    const u = normalise(uri);
    const f = this.files.get(u);
    if (f) return { kind: 'file', size: f.byteLength };
    return this.dirs.has(u) ? { kind: 'directory', size: 0 } : undefined;
  }

  async readDirectory(uri: string): Promise<[string, FileKind][]> {
    const u = normalise(uri);
    if (!this.dirs.has(u)) throw Object.assign(new Error(`FileNotFound: ${uri}`), { code: 'FileNotFound' });
    const out: [string, FileKind][] = [];
    for (const f of this.files.keys())
      if (parentOf(f) === u) out.push([decodeURIComponent(f.slice(u.length + 1)), 'file']);
    for (const d of this.dirs)
      if (d !== u && parentOf(d) === u) out.push([decodeURIComponent(d.slice(u.length + 1)), 'directory']);
    return out;
  }

  /** All file paths (decoded), for assertions. */
  paths(): string[] {
    return [...this.files.keys()].map((k) => decodeURIComponent(k));
  }
}

// ---------------------------------------------------------------------------------------------
// A fake `vscode` module for host tests that load the bundled extension (dist-style, with
// `vscode` external). Only what GenQueue uses; UI prompts answer from scripted queues.

import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { posix } from 'node:path';
import {
  FakeDiagnostic,
  FakeDiagnosticSeverity,
  FakeDocuments,
  FakePosition,
  FakeTabInputCustom,
  FakeWorkspaceEdit,
} from './fakeDocuments';

export class FakeUri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(p: string): FakeUri {
    return new FakeUri('file', p);
  }
  static parse(s: string): FakeUri {
    const u = new URL(s);
    return new FakeUri(u.protocol.slice(0, -1), decodeURIComponent(u.pathname));
  }
  static joinPath(u: FakeUri, ...parts: string[]): FakeUri {
    return new FakeUri(u.scheme, posix.join(u.path, ...parts));
  }
  get fsPath(): string {
    return this.path;
  }
  with(o: { scheme?: string; path?: string }): FakeUri {
    return new FakeUri(o.scheme ?? this.scheme, o.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://${this.path.split('/').map(encodeURIComponent).join('/')}`;
  }
}

export interface FakeEditor {
  document: {
    uri: FakeUri;
    languageId: string;
    isUntitled: boolean;
    isClosed: boolean;
    text: string;
    getText(range?: { start: number; end: { offset: number } }): string;
    offsetAt(p: { offset: number }): number;
    positionAt(o: number): { offset: number };
  };
  selection: { isEmpty: boolean; start: number; end: { offset: number }; active: { offset: number } };
  viewColumn: number;
  edit(cb: (b: FakeEditBuilder) => void): Promise<boolean>;
}

/**
 * A Range of offset positions (the fake editor's Position is `{ offset }`), of document positions
 * (FakePosition), or of four numbers (start line, character, end line, character) like vscode.Range.
 */
export class FakeRange {
  readonly start: { offset: number };
  readonly end: { offset: number };
  constructor(
    start: { offset: number } | number,
    end: { offset: number } | number,
    endLine?: number,
    endChar?: number,
  ) {
    if (typeof start === 'number' && typeof end === 'number') {
      this.start = new FakePosition(start, end) as unknown as { offset: number };
      this.end = new FakePosition(endLine ?? start, endChar ?? end) as unknown as { offset: number };
    } else {
      this.start = start as { offset: number };
      this.end = end as { offset: number };
    }
  }
}

export interface FakeEditBuilder {
  insert(p: { offset: number }, text: string): void;
  replace(r: FakeRange, text: string): void;
}

export function fakeEditor(
  path: string,
  languageId: string,
  text: string,
  cursor: number,
  selectionStart = cursor,
): FakeEditor {
  const document: FakeEditor['document'] = {
    uri: FakeUri.file(path),
    languageId,
    isUntitled: false,
    isClosed: false,
    text,
    getText: (range) => (range ? document.text.slice(range.start, range.end.offset) : document.text),
    offsetAt: (p) => p.offset,
    positionAt: (o) => ({ offset: o }),
  };
  const selection = {
    isEmpty: selectionStart === cursor,
    start: selectionStart,
    end: { offset: cursor },
    active: { offset: cursor },
  };
  return {
    document,
    selection,
    viewColumn: 1,
    // Like VS Code: every edit in one callback is in the document's offsets before any of them.
    edit: async (cb) => {
      const edits: { start: number; end: number; text: string }[] = [];
      cb({
        insert: (p, text) => edits.push({ start: p.offset, end: p.offset, text }),
        replace: (r, text) => edits.push({ start: r.start.offset, end: r.end.offset, text }),
      });
      for (const e of edits.sort((a, b) => b.start - a.start)) {
        document.text = document.text.slice(0, e.start) + e.text + document.text.slice(e.end);
      }
      return true;
    },
  };
}

type Answer<T> = (arg: T) => unknown;

export interface FakeVscodeState {
  commands: Map<string, (...args: unknown[]) => unknown>;
  executed: string[];
  statusItems: { id: string; text: string; visible: boolean; tooltip?: unknown; backgroundColor?: unknown }[];
  viewProviders: Map<string, { resolveWebviewView(view: unknown): void }>;
  messages: { level: 'info' | 'warning' | 'error'; text: string; items: unknown[] }[];
  logs: string[];
  /** User (global) settings. */
  config: Record<string, unknown>;
  /** Workspace settings (.vscode/settings.json), e.g. from a cloned repository. */
  workspaceConfig: Record<string, unknown>;
  /** Context keys set with the `setContext` command. */
  contextKeys: Map<string, unknown>;
  quickPicks: Answer<{ items: { label: string; entry?: unknown; id?: string }[]; options: unknown }>[];
  inputs: Answer<{ value?: string; password?: boolean; validateInput?: (v: string) => unknown }>[];
  /** Answers for showInformation/Warning/ErrorMessage; undefined = dismissed. */
  messageAnswers: Answer<{ text: string; items: string[] }>[];
  /**
   * Setting it fires onDidChangeActiveTextEditor, like VS Code. Focusing a webview (the panel, or a
   * webview editor) can leave it undefined while the text editor stays visible.
   */
  activeTextEditor: FakeEditor | undefined;
  /** Editors on screen; undefined means just the active one. */
  visibleTextEditors: FakeEditor[] | undefined;
  /** Editors open in a tab, visible or not (tabGroups, textDocuments, showTextDocument). */
  tabs: FakeEditor[];
  /** Move an editor's cursor as a click would, firing onDidChangeTextEditorSelection. */
  setCursor(editor: FakeEditor, offset: number): void;
  workspaceFolder: FakeUri | undefined;
  opened: string[];
  /** Open text documents, diagnostics and custom editors (fakeDocuments.ts). */
  documents: FakeDocuments;
}

/** A fresh palette for the next test: workspace `ws`, no queued answers, no messages, no active editor. */
export function resetPalette(state: FakeVscodeState, ws: string): void {
  state.workspaceFolder = FakeUri.file(ws);
  state.quickPicks.length = 0;
  state.inputs.length = 0;
  state.messages.length = 0;
  state.messageAnswers.length = 0;
  state.activeTextEditor = undefined;
}

/** A JSON-backed Memento with keys(), like ExtensionContext.globalState. */
export function fakeExtensionContext(root: string, memento = new InMemoryMemento(), secrets = new FakeSecretStorage()) {
  return {
    subscriptions: [] as { dispose(): unknown }[],
    globalState: memento,
    secrets,
    extensionUri: FakeUri.file('/work/main'),
    globalStorageUri: FakeUri.file(posix.join(root, 'globalStorage')),
    extension: { packageJSON: { version: '0.1.0-test' } },
  };
}

export class FakeTabInputText {
  constructor(readonly uri: FakeUri) {}
}

export function createFakeVscode(): { api: Record<string, unknown>; state: FakeVscodeState } {
  const activeListeners = new Set<(e: FakeEditor | undefined) => void>();
  const selectionListeners = new Set<(e: { textEditor: FakeEditor }) => void>();
  const listen =
    <T>(set: Set<(e: T) => void>) =>
    (listener: (e: T) => void) => {
      set.add(listener);
      return { dispose: () => set.delete(listener) };
    };
  let active: FakeEditor | undefined;
  const visible = () => state.visibleTextEditors ?? (state.activeTextEditor ? [state.activeTextEditor] : []);
  const tabbed = () => [...new Set([...state.tabs, ...visible()])];
  const state: FakeVscodeState = {
    commands: new Map(),
    executed: [],
    statusItems: [],
    viewProviders: new Map(),
    messages: [],
    logs: [],
    config: {},
    workspaceConfig: {},
    contextKeys: new Map(),
    quickPicks: [],
    inputs: [],
    messageAnswers: [],
    get activeTextEditor() {
      return active;
    },
    set activeTextEditor(editor) {
      active = editor;
      for (const l of activeListeners) l(editor);
    },
    visibleTextEditors: undefined,
    tabs: [],
    setCursor(editor, offset) {
      Object.assign(editor.selection, { isEmpty: true, start: offset, end: { offset }, active: { offset } });
      for (const l of selectionListeners) l({ textEditor: editor });
    },
    workspaceFolder: undefined,
    opened: [],
    documents: new FakeDocuments(),
  };
  const disposable = { dispose() {} };
  const message =
    (level: 'info' | 'warning' | 'error') =>
    async (text: string, ...rest: unknown[]) => {
      const items = rest.filter((r) => typeof r === 'string') as string[];
      state.messages.push({ level, text, items });
      const answer = state.messageAnswers.shift();
      return answer ? answer({ text, items }) : undefined;
    };
  const fs = {
    readFile: async (u: FakeUri) => new Uint8Array(readFileSync(u.path)),
    writeFile: async (u: FakeUri, d: Uint8Array) => writeFileSync(u.path, d),
    rename: async (a: FakeUri, b: FakeUri, o: { overwrite: boolean }) => {
      if (!o.overwrite && existsSync(b.path)) throw new Error(`FileExists: ${b.path}`);
      renameSync(a.path, b.path);
    },
    delete: async (u: FakeUri) => rmSync(u.path, { force: true, recursive: true }),
    createDirectory: async (u: FakeUri) => void mkdirSync(u.path, { recursive: true }),
    stat: async (u: FakeUri) => {
      const s = statSync(u.path);
      return { type: s.isDirectory() ? 2 : 1, size: s.size };
    },
    readDirectory: async (u: FakeUri) =>
      readdirSync(u.path, { withFileTypes: true }).map((d) => [d.name, d.isDirectory() ? 2 : 1]),
    copy: async (a: FakeUri, b: FakeUri) => copyFileSync(a.path, b.path),
  };
  const api: Record<string, unknown> = {
    Uri: FakeUri,
    Range: FakeRange,
    Position: FakePosition,
    WorkspaceEdit: FakeWorkspaceEdit,
    Diagnostic: FakeDiagnostic,
    DiagnosticSeverity: FakeDiagnosticSeverity,
    TabInputText: FakeTabInputText,
    TabInputCustom: FakeTabInputCustom,
    StatusBarAlignment: { Left: 1, Right: 2 },
    FileType: { File: 1, Directory: 2 },
    QuickPickItemKind: { Separator: -1, Default: 0 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    InputBoxValidationSeverity: { Info: 1, Warning: 2, Error: 3 },
    ThemeColor: class {
      constructor(readonly id: string) {}
    },
    MarkdownString: class {
      supportThemeIcons = false;
      constructor(readonly value: string) {}
    },
    l10n: { t: (m: string, ...a: unknown[]) => m.replace(/\{(\d+)\}/g, (x, i: string) => String(a[Number(i)] ?? x)) },
    env: { sessionId: 'test-session-0001', clipboard: { writeText: async () => undefined } },
    window: {
      createOutputChannel: () => ({
        info: (m: string) => state.logs.push(`info ${m}`),
        warn: (m: string) => state.logs.push(`warn ${m}`),
        error: (m: string) => state.logs.push(`error ${m}`),
        dispose() {},
      }),
      createStatusBarItem: (id: string) => {
        const item = {
          id,
          text: '',
          visible: false,
          show() {
            item.visible = true;
          },
          hide() {
            item.visible = false;
          },
          dispose() {},
        };
        state.statusItems.push(item);
        return item;
      },
      registerWebviewViewProvider: (id: string, p: { resolveWebviewView(v: unknown): void }) => {
        state.viewProviders.set(id, p);
        return disposable;
      },
      registerCustomEditorProvider: (viewType: string, provider: unknown, options: unknown) => {
        state.documents.customEditors.set(viewType, { provider, options });
        return { dispose: () => state.documents.customEditors.delete(viewType) };
      },
      // The real one shows a notification while the task runs; the task's result is its result.
      withProgress: async (_options: unknown, task: (progress: { report(v: unknown): void }) => Promise<unknown>) =>
        task({ report: () => undefined }),
      showInformationMessage: message('info'),
      showWarningMessage: message('warning'),
      showErrorMessage: message('error'),
      showQuickPick: async (items: { label: string }[], options: unknown) => {
        const answer = state.quickPicks.shift();
        if (!answer) throw new Error(`Unexpected quick pick: ${items.map((i) => i.label).join(', ')}`);
        return answer({ items, options });
      },
      showInputBox: async (options: { value?: string; password?: boolean; validateInput?: (v: string) => unknown }) => {
        const answer = state.inputs.shift();
        if (!answer) throw new Error(`Unexpected input box: ${JSON.stringify(options)}`);
        // VS Code's input box is one HTML <input>: line breaks in the value are dropped (value sanitization).
        const value = options.value?.replace(/[\r\n]/g, '');
        return answer(value === undefined ? options : { ...options, value });
      },
      // The real one opens the document if needed and makes its editor active (with `selection`).
      // This one only knows editors in `tabs` or on screen; anything else resolves to undefined.
      showTextDocument: async (doc: unknown, opts?: { selection?: { active: { offset: number } } }) => {
        const editor = tabbed().find((e) => e.document === doc);
        if (!editor) return undefined;
        if (opts?.selection) state.setCursor(editor, opts.selection.active.offset);
        if (!visible().includes(editor)) state.visibleTextEditors = [...visible(), editor];
        state.activeTextEditor = editor;
        return editor;
      },
      showSaveDialog: async () => undefined,
      get activeTextEditor() {
        return state.activeTextEditor;
      },
      get visibleTextEditors() {
        return visible();
      },
      onDidChangeActiveTextEditor: listen(activeListeners),
      onDidChangeTextEditorSelection: listen(selectionListeners),
      tabGroups: {
        get all() {
          return [{ tabs: tabbed().map((e) => ({ input: new FakeTabInputText(e.document.uri) })) }];
        },
      },
    },
    workspace: {
      onDidChangeConfiguration: () => disposable,
      getConfiguration: (section: string) => ({
        // Like VS Code for window-scoped settings: the workspace value wins over the user's. (VS Code
        // drops workspace values of machine/application settings; this fake does not, so the host
        // must not rely on that.)
        get: (key: string) => state.workspaceConfig[`${section}.${key}`] ?? state.config[`${section}.${key}`],
        inspect: (key: string) => ({
          globalValue: state.config[`${section}.${key}`],
          workspaceValue: state.workspaceConfig[`${section}.${key}`],
        }),
      }),
      get textDocuments() {
        return [...tabbed().map((e) => e.document), ...state.documents.open.values()];
      },
      onDidOpenTextDocument: (l: (d: unknown) => void) => state.documents.onDidOpen.event(l),
      onDidChangeTextDocument: (l: (e: unknown) => void) => state.documents.onDidChange.event(l),
      onDidCloseTextDocument: (l: (d: unknown) => void) => state.documents.onDidClose.event(l),
      applyEdit: (edit: FakeWorkspaceEdit) => state.documents.applyEdit(edit),
      findFiles: (include: string, exclude?: string, max?: number) =>
        state.documents.findFiles(state.workspaceFolder, include, exclude, max),
      get workspaceFolders() {
        return state.workspaceFolder ? [{ uri: state.workspaceFolder, name: 'ws', index: 0 }] : undefined;
      },
      getWorkspaceFolder: (u: FakeUri) =>
        state.workspaceFolder && u.path.startsWith(`${state.workspaceFolder.path}/`)
          ? { uri: state.workspaceFolder, name: 'ws', index: 0 }
          : undefined,
      asRelativePath: (u: FakeUri) =>
        state.workspaceFolder ? posix.relative(state.workspaceFolder.path, u.path) : u.path,
      openTextDocument: async (o: { content: string } | FakeUri) => {
        if (o instanceof FakeUri) return state.documents.openTextDocument(o);
        state.opened.push(o.content);
        return { uri: new FakeUri('untitled', '/doc') };
      },
      fs,
    },
    languages: {
      createDiagnosticCollection: (name: string) => state.documents.createDiagnosticCollection(name),
    },
    commands: {
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
        state.commands.set(id, fn);
        return { dispose: () => state.commands.delete(id) };
      },
      executeCommand: async (id: string, ...args: unknown[]) => {
        if (id === 'setContext') {
          state.contextKeys.set(String(args[0]), args[1]);
          return undefined;
        }
        state.executed.push(id);
        const fn = state.commands.get(id);
        return fn ? fn(...args) : undefined;
      },
    },
  };
  return { api, state };
}
