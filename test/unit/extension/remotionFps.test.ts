import assert from 'node:assert/strict';
import { test } from 'node:test';
import { declaredFps, framesFor } from '../../../src/extension/insert/remotionFps';

test('the fps a Composition or a config object declares', () => {
  const root = '<Composition id="Teaser" component={Scene} durationInFrames={900} fps={30} width={1920} />';
  assert.equal(declaredFps([root]), 30);
  assert.equal(declaredFps(['export const config = { fps: 25, width: 1280 };']), 25);
  assert.equal(declaredFps(['<Composition fps={ 29.97 } />']), 29.97);
});

test('no fps, or several different ones, leave it unknown; the same one twice is known', () => {
  assert.equal(declaredFps(['const { fps } = useVideoConfig();']), undefined);
  assert.equal(declaredFps(['<Composition fps={30} />', '<Composition fps={60} />']), undefined);
  assert.equal(declaredFps(['<Composition fps={30} />\n<Composition fps={30} />']), 30);
});

test('a take length in frames rounds up so the last frame stays; unknown inputs give none', () => {
  assert.equal(framesFor(5, 30), 150);
  assert.equal(framesFor(2.01, 30), 61);
  assert.equal(framesFor(undefined, 30), undefined);
  assert.equal(framesFor(5, undefined), undefined);
  assert.equal(framesFor(0, 30), undefined);
});
