// Helpers for the provider adapter tests: catch a ProviderError, poll until a condition holds
// (bounded by tries, never by wall-clock assertions), and count emulator requests around a call.
import assert from 'node:assert/strict';
import { isProviderError, type ProviderError } from '../../../src/core/errors';
import type { ProviderStatus } from '../../../src/core/providerPort';
import type { EmulatedProvider, FaultRoute } from '../../emulator/emulatorTypes';
import type { ProviderEmulator } from '../../emulator/providerEmulator';

export const never = new AbortController().signal;

export async function providerError(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (err) {
    assert.ok(isProviderError(err), `expected a ProviderError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

/** Call `read` until `done` holds (sleeping `gapMs` between tries). */
export async function until(
  read: () => Promise<ProviderStatus>,
  done: (s: ProviderStatus) => boolean,
  tries = 200,
  gapMs = 10,
): Promise<ProviderStatus> {
  let last: ProviderStatus | undefined;
  for (let i = 0; i < tries; i++) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, gapMs));
  }
  assert.fail(`condition never held; last status ${JSON.stringify(last)}`);
}

/** Run `fn` and return how many requests the emulator saw on the route meanwhile. */
export async function countRequests<T>(
  emu: ProviderEmulator,
  provider: EmulatedProvider,
  route: FaultRoute,
  fn: () => Promise<T>,
): Promise<{ value: T | undefined; error: unknown; requests: number }> {
  const before = emu.requests(provider, route);
  let value: T | undefined;
  let error: unknown;
  try {
    value = await fn();
  } catch (err) {
    error = err;
  }
  return { value, error, requests: emu.requests(provider, route) - before };
}

export async function download(url: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
