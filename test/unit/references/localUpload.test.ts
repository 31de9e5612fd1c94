import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isProviderError } from '../../../src/core/errors';
import { createLocalProvider } from '../../../src/providers/local/localProvider';

describe('the offline provider’s upload', () => {
  const file = { data: new Uint8Array([1, 2]), contentType: 'image/png', name: 'anna.png' };

  it('hands over the file in place as a file: URL with no expiry', async () => {
    const path = process.platform === 'win32' ? 'C:\\work\\cast\\anna.png' : '/work/cast/anna.png';
    const up = await createLocalProvider().upload?.({ ...file, path }, new AbortController().signal);
    assert.deepEqual(up, { url: pathToFileURL(path).href });
  });

  it('a file with no path on this machine is a clear input error', async () => {
    await assert.rejects(
      createLocalProvider().upload?.(file, new AbortController().signal) ?? Promise.resolve(),
      (err) => {
        assert.ok(isProviderError(err));
        assert.equal(err.category, 'input');
        assert.match(err.message, /anna\.png/);
        return true;
      },
    );
  });
});
