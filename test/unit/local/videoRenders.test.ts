// h264-mp4-encoder runs one Emscripten module per process: every encoder shares its in-memory file
// system and, by default, one output name ("output.mp4"). Renders that overlap (the engine fetches
// several offline jobs at once) used to write into each other's file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mediaProblem } from '../../../src/core/mediaValidation';
import { renderVideo } from '../../../src/providers/local/renderVideo';

const SIZE = { width: 96, height: 54, durationSec: 1 };

test('four videos rendered at once are each a valid MP4, identical to the same render done alone', async () => {
  const prompts = ['a lighthouse at dusk', 'bees over clover', 'a quiet harbour', 'snow on pines'];
  const together = await Promise.all(prompts.map((p) => renderVideo(p, SIZE)));
  for (const [i, file] of together.entries()) {
    assert.equal(await mediaProblem('video/mp4', file.data), undefined, `clip ${i} (${prompts[i]})`);
  }
  for (const [i, prompt] of prompts.entries()) {
    const alone = await renderVideo(prompt, SIZE);
    assert.deepEqual(
      Buffer.from(together[i]?.data ?? []),
      Buffer.from(alone.data),
      `clip ${i} matches its solo render`,
    );
  }
});
