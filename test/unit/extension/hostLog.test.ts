import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HostLog } from '../../../src/extension/shared/hostLog';

test('a closed output channel does not make logging throw (Reload Window disposes it before deactivate ends)', () => {
  const closed = () => {
    throw new Error('Channel has been closed');
  };
  const log = new HostLog({ info: closed, warn: closed, error: closed }, () => []);
  assert.doesNotThrow(() => log.error('Could not save jobs on shutdown'));
  assert.doesNotThrow(() => log.forEngine('warn', 'x'));
});

test('log lines are redacted with the current keys', () => {
  const lines: string[] = [];
  const sink = {
    info: (m: string) => lines.push(m),
    warn: (m: string) => lines.push(m),
    error: (m: string) => lines.push(m),
  };
  new HostLog(sink, () => ['secret-key-123456']).info('token secret-key-123456 used');
  assert.ok(!lines[0]?.includes('secret-key-123456'), lines[0]);
});
