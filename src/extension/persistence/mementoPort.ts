// The slice of VS Code's Memento (globalState) the host uses; InMemoryMemento fakes it in tests.

export interface MementoLike {
  keys(): readonly string[];
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}
