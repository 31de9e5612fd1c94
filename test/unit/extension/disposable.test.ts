import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Disposable, DisposableStore, toDisposable } from '../../../src/extension/shared/disposable';

test('a store disposes everything once, in reverse order, even when one throws', () => {
  const order: string[] = [];
  const store = new DisposableStore();
  store.add(toDisposable(() => order.push('a')));
  store.add(
    toDisposable(() => {
      order.push('b');
      throw new Error('boom');
    }),
  );
  store.add(toDisposable(() => order.push('c')));
  assert.throws(() => store.dispose(), /boom/);
  assert.deepEqual(order, ['c', 'b', 'a']);
  store.dispose();
  assert.deepEqual(order, ['c', 'b', 'a'], 'second dispose is a no-op');
});

test('adding to a disposed store disposes the item at once (no leak)', () => {
  const store = new DisposableStore();
  store.dispose();
  let disposed = false;
  store.add(toDisposable(() => (disposed = true)));
  assert.equal(disposed, true);
});

test('a Disposable subclass releases what it registered', () => {
  let released = 0;
  class Service extends Disposable {
    constructor() {
      super();
      this.register(toDisposable(() => released++));
      this.register(toDisposable(() => released++));
    }
  }
  new Service().dispose();
  assert.equal(released, 2);
});
