import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { headingAbove, markdownToText } from '../../../src/core/shots/markdownText';
import { parseShotList } from '../../../src/core/shots/parseShotList';
import { shotFromSelection } from '../../../src/core/shots/selectionToShot';
import { editShotList } from '../../../src/core/shots/shotEdits';

describe('shotFromSelection', () => {
  it('takes the prompt from the selected text without Markdown and the scene from its heading', () => {
    const md =
      '## Shot 1 — Opening (0:00–0:05)\n\nA **lighthouse** on a _rocky_ coast at [dusk](https://x.test), `warm` beam.\n\n<!-- insert here -->\n';
    const shot = shotFromSelection(md, []);
    assert.deepEqual(shot, {
      id: 's01',
      modality: 'image',
      prompt: 'A lighthouse on a rocky coast at dusk, warm beam.',
      scene: 'Shot 1 — Opening (0:00–0:05)',
    });
  });

  it('numbers new ids after the highest sNN, or from a "Shot N" heading when free', () => {
    assert.equal(shotFromSelection('x', ['s01', 's07', 'intro']).id, 's08');
    assert.equal(shotFromSelection('x', [], undefined, 'Shot 3 — The product').id, 's03');
    assert.equal(shotFromSelection('x', ['s03'], undefined, 'Shot 3 — The product').id, 's04');
    assert.equal(shotFromSelection('x', ['s1', 's02']).id, 's03');
  });

  it('uses the nearest heading above when the selection has none', () => {
    const doc = '# Teaser\n\n## Shot 2 — The problem\n\nClose-up of a cluttered desk.\n';
    const heading = headingAbove(doc, doc.indexOf('Close-up'));
    assert.equal(heading, 'Shot 2 — The problem');
    const shot = shotFromSelection('Close-up of a cluttered desk.', ['s01'], undefined, heading);
    assert.equal(shot.scene, 'Shot 2 — The problem');
    assert.equal(shot.id, 's02');
  });

  it('guesses the modality from the line, and a given one wins', () => {
    assert.deepEqual(
      [
        shotFromSelection('Voice-over: "Waiting on generations shouldn\'t stop your work."', []),
        shotFromSelection('Logo on a dark background, soft ambient music fades out.', []),
        shotFromSelection('A warm beam sweeping over a calm sea.', []),
      ].map((s) => [s.modality, s.prompt]),
      [
        ['speech', "Waiting on generations shouldn't stop your work."],
        ['audio', 'Logo on a dark background, soft ambient music fades out.'],
        ['video', 'A warm beam sweeping over a calm sea.'],
      ],
    );
    assert.equal(shotFromSelection('Voice-over: "x"', [], 'image').modality, 'image');
  });

  it('an empty selection still makes a valid shot that appends cleanly', () => {
    const shot = shotFromSelection('<!-- nothing -->', [], undefined, 'Closing');
    assert.equal(shot.prompt, 'Closing');
    const r = editShotList('shots: []\n', { kind: 'appendShot', shot });
    assert.ok(r.ok);
    assert.deepEqual(parseShotList(r.text).diagnostics, []);
  });

  it('strips lists, quotes, images and code fences', () => {
    assert.equal(markdownToText('> - one ![alt](a.png)\n> 2. *two*\n```\ncode\n```'), 'one alt two code');
  });
});
