import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listNameOf, parseTakeFileName, takeFileName, takeFolder } from '../../../src/core/shots/takePaths';

describe('take paths', () => {
  it('names a list by its file name without .shots.yaml', () => {
    assert.equal(listNameOf('docs/video.shots.yaml'), 'video');
    assert.equal(listNameOf('video.shots.yml'), 'video');
    assert.equal(listNameOf('C:\\work\\teaser.SHOTS.YAML'), 'teaser');
    assert.equal(listNameOf('plain.yaml'), 'plain');
    assert.equal(listNameOf('.shots.yaml'), '.shots.yaml', 'never an empty folder name');
  });

  it('puts takes under <assets>/<list>/<shot>', () => {
    assert.equal(takeFolder('public/generated', 'docs/video.shots.yaml', 's01'), 'public/generated/video/s01');
    assert.equal(takeFolder('public/generated/', 'video.shots.yaml', 's01'), 'public/generated/video/s01');
  });

  it('names take files take-<n>.<ext> and reads them back', () => {
    assert.equal(takeFileName(3, 'png'), 'take-3.png');
    assert.equal(takeFileName(12, '.mp4'), 'take-12.mp4');
    assert.equal(parseTakeFileName('take-3.png'), 3);
    assert.equal(parseTakeFileName(takeFileName(40, 'wav')), 40);
    for (const name of [
      'take-0.png',
      'take-03.png',
      'take-3.png.genq.json',
      'take-3',
      'take-x.png',
      'TAKE-3.png',
      'take--3.png',
      'take-3.png.tmp',
    ]) {
      assert.equal(parseTakeFileName(name), undefined, name);
    }
  });
});
