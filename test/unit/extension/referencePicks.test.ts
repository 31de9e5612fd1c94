// The reference quick pick: only files the field takes, the active editor's first, then recent
// takes (at most MAX_TAKES), then workspace files, each file once; Browse always; Skip only when optional.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_TAKES, type ReferencePickItem, referencePickItems } from '../../../src/extension/generate/referencePicks';

const ws = (rel: string) => ({ absPath: `/ws/${rel}`, shownPath: rel });
const kinds = (items: ReferencePickItem[]) => items.map((i) => (i.kind === 'file' ? i.candidate.shownPath : i.kind));

test('lists the active file, takes and workspace files the field takes, then Browse', () => {
  const items = referencePickItems({
    field: { label: 'Portrait', media: 'image', required: true },
    active: ws('shots/me.png'),
    recentTakes: [
      { absPath: '/ws/gen/take1', shownPath: 'gen/take1', contentType: 'image/png', detail: 'fal-ai/flux/dev' },
      { ...ws('gen/line.wav'), contentType: 'audio/wav' },
    ],
    workspaceFiles: [ws('shots/me.png'), ws('a.jpg'), ws('voice.mp3'), ws('notes.svg')],
  });
  assert.deepEqual(kinds(items), [
    'separator',
    'shots/me.png',
    'separator',
    'gen/take1',
    'separator',
    'a.jpg',
    'separator',
    'browse',
  ]);
  const take = items.find((i) => i.kind === 'file' && i.candidate.shownPath === 'gen/take1');
  assert.equal(take?.kind === 'file' && take.detail, 'fal-ai/flux/dev');
  const active = items[1];
  assert.equal(active?.kind === 'file' && active.label, 'me.png');
  assert.equal(active?.kind === 'file' && active.description, 'active editor · shots');
});

test('an active file of the wrong media is not offered; an optional field can be skipped', () => {
  const items = referencePickItems({
    field: { label: 'Last frame', media: 'image', required: false },
    active: ws('line.wav'),
    recentTakes: [],
    workspaceFiles: [],
  });
  assert.deepEqual(kinds(items), ['separator', 'browse', 'skip']);
  const skip = items.at(-1);
  assert.equal(skip?.kind === 'skip' && skip.description, '"Last frame" is optional');
});

test('lists at most MAX_TAKES recent takes', () => {
  const takes = Array.from({ length: MAX_TAKES + 3 }, (_, i) => ws(`gen/t${i}.png`));
  const items = referencePickItems({
    field: { label: 'Image', media: 'image' },
    recentTakes: takes,
    workspaceFiles: [],
  });
  assert.equal(items.filter((i) => i.kind === 'file').length, MAX_TAKES);
});
