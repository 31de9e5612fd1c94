// Messages from the Production Queue webview: every valid shape passes (and only its own fields
// are kept); unknown types, missing or ill-typed fields and oversized values are rejected.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateQueueMessage } from '../../../../src/extension/queue/queueMessageValidation';
import type { QueueWebviewMessage } from '../../../../src/extension/queue/queueProtocol';

const valid: QueueWebviewMessage[] = [
  { type: 'ready' },
  { type: 'generate', ids: ['s01', 's02'] },
  { type: 'generateStale' },
  { type: 'retryFailed' },
  { type: 'cancelBatch' },
  { type: 'pauseBatch' },
  { type: 'resumeBatch' },
  { type: 'closeOverlay' },
  { type: 'blockAction', action: 'setKey' },
  { type: 'selectShot', id: 's01' },
  { type: 'setField', ids: ['s01'], field: 'prompt', value: 'a harbour at dawn' },
  { type: 'setField', ids: ['s01', 's02'], field: 'scene', value: '' },
  { type: 'setModel', ids: ['s01'], provider: 'fal', model: 'fal-ai/flux/schnell' },
  { type: 'setParam', ids: ['s01'], name: 'num_images', value: 2 },
  { type: 'setParam', ids: ['s01'], name: 'image_size', value: { width: 512, height: 512 } },
  { type: 'setParam', ids: ['s01'], name: 'seed' },
  { type: 'useTake', id: 's01', take: 2 },
  { type: 'rerun', id: 's01', take: 1 },
  { type: 'editRetry', id: 's01', take: 1 },
  { type: 'insertTake', id: 's01', take: 1 },
  { type: 'revealTake', id: 's01', take: 1 },
  { type: 'openText' },
  { type: 'openText', id: 's01' },
  { type: 'addShot' },
  { type: 'setRef', id: 's02', field: 'image', value: 'shot:s01' },
  { type: 'setRef', id: 's02', field: 'voice_setting.audio', value: 'voice/line.wav' },
  { type: 'setRef', id: 's02', field: 'image' },
  { type: 'dropRef', id: 's02', field: 'image', uri: 'file:///ws/art/portrait.png' },
  { type: 'browseRef', id: 's02', field: 'audio' },
];

for (const m of valid) {
  test(`accepts ${JSON.stringify(m)}`, () => {
    assert.deepEqual(validateQueueMessage(m), m);
  });
}

const invalid: [why: string, m: unknown][] = [
  ['not an object', 'ready'],
  ['an array', [{ type: 'ready' }]],
  ['null', null],
  ['no type', { ids: ['s01'] }],
  ['unknown type', { type: 'deleteEverything' }],
  ['a generations-panel message', { type: 'clearFinished' }],
  ['generate without ids', { type: 'generate' }],
  ['generate with no ids', { type: 'generate', ids: [] }],
  ['generate with a number id', { type: 'generate', ids: [1] }],
  ['generate with an empty id', { type: 'generate', ids: [''] }],
  ['generate with a huge id', { type: 'generate', ids: ['x'.repeat(201)] }],
  ['setField on an unknown field', { type: 'setField', ids: ['s01'], field: 'take', value: '3' }],
  ['setField with a number value', { type: 'setField', ids: ['s01'], field: 'prompt', value: 3 }],
  ['setField with a 100k+ value', { type: 'setField', ids: ['s01'], field: 'prompt', value: 'x'.repeat(100_001) }],
  ['setModel on an unknown provider', { type: 'setModel', ids: ['s01'], provider: 'openai', model: 'x' }],
  ['setModel without a model', { type: 'setModel', ids: ['s01'], provider: 'fal' }],
  ['setParam with NaN', { type: 'setParam', ids: ['s01'], name: 'seed', value: Number.NaN }],
  ['setParam with a function', { type: 'setParam', ids: ['s01'], name: 'seed', value: () => 1 }],
  ['setParam with a huge value', { type: 'setParam', ids: ['s01'], name: 'x', value: 'y'.repeat(20_000) }],
  ['setParam without a name', { type: 'setParam', ids: ['s01'], value: 1 }],
  ['useTake with take 0', { type: 'useTake', id: 's01', take: 0 }],
  ['useTake with a fractional take', { type: 'useTake', id: 's01', take: 1.5 }],
  ['useTake with a string take', { type: 'useTake', id: 's01', take: '1' }],
  ['revealTake without an id', { type: 'revealTake', take: 1 }],
  ['blockAction unknown', { type: 'blockAction', action: 'format' }],
  ['selectShot with a number id', { type: 'selectShot', id: 7 }],
  ['openText with an empty id', { type: 'openText', id: '' }],
  ['setRef with a number value', { type: 'setRef', id: 's02', field: 'image', value: 3 }],
  ['setRef with a huge value', { type: 'setRef', id: 's02', field: 'image', value: 'x'.repeat(4_097) }],
  ['setRef on a field with spaces', { type: 'setRef', id: 's02', field: 'image url', value: 'a.png' }],
  ['setRef without an id', { type: 'setRef', field: 'image', value: 'a.png' }],
  ['dropRef without a uri', { type: 'dropRef', id: 's02', field: 'image' }],
  ['dropRef with a uri list object', { type: 'dropRef', id: 's02', field: 'image', uri: ['file:///a.png'] }],
  ['browseRef without a field', { type: 'browseRef', id: 's02' }],
];

for (const [why, m] of invalid) {
  test(`rejects ${why}`, () => {
    assert.equal(validateQueueMessage(m), undefined);
  });
}

test('only the protocol fields are kept', () => {
  assert.deepEqual(validateQueueMessage({ type: 'useTake', id: 's01', take: 1, extra: 'x', __proto__: { a: 1 } }), {
    type: 'useTake',
    id: 's01',
    take: 1,
  });
  assert.deepEqual(validateQueueMessage({ type: 'ready', ids: ['s01'] }), { type: 'ready' });
});

test('a param value is a copy, not the object the page sent', () => {
  const value = { width: 512 };
  const m = validateQueueMessage({ type: 'setParam', ids: ['s01'], name: 'image_size', value });
  assert.ok(m?.type === 'setParam');
  assert.deepEqual(m.value, value);
  assert.notEqual(m.value, value);
});
