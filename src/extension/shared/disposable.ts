// Ownership of everything the host creates (VS Code core style): each service registers what it
// creates, and disposing the owner releases all of it, in reverse order, exactly once.
// No `vscode` import: anything with `dispose()` fits, so it is testable in plain Node.

export interface DisposableLike {
  dispose(): unknown;
}

export function toDisposable(fn: () => unknown): DisposableLike {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      return fn();
    },
  };
}

export class DisposableStore implements DisposableLike {
  private readonly items: DisposableLike[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Register an item; registering into a disposed store disposes the item at once (no leak). */
  add<T extends DisposableLike>(item: T): T {
    if (this.disposed) {
      void item.dispose();
    } else {
      this.items.push(item);
    }
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    // Reverse order: later items may depend on earlier ones.
    for (const item of this.items.splice(0).reverse()) {
      try {
        void item.dispose();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'Several disposables failed');
  }
}

/** Base class for services that own disposables. */
export abstract class Disposable implements DisposableLike {
  protected readonly store = new DisposableStore();

  protected register<T extends DisposableLike>(item: T): T {
    return this.store.add(item);
  }

  dispose(): void {
    this.store.dispose();
  }
}
