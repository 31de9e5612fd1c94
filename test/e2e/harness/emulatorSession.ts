// A session whose extension talks to the provider emulator instead of fal.ai / Replicate: base URLs in settings,
// fake keys in the environment. Nothing leaves 127.0.0.1.
import { type EmulatorProcess, startEmulatorProcess } from './emulator';
import { type Session, type SessionOptions, startSession } from './session';

export const EMULATOR_FAL_KEY = 'emulator-fal-key';
export const EMULATOR_REPLICATE_TOKEN = 'r8_emulator_token';

export interface EmulatedSession {
  session: Session;
  emulator: EmulatorProcess;
  stop(): Promise<void>;
}

export async function startEmulatedSession(
  options: SessionOptions & { provider?: 'fal' | 'replicate' } = {},
): Promise<EmulatedSession> {
  const emulator = await startEmulatorProcess();
  try {
    const session = await startSession({
      ...options,
      settings: {
        'genqueue.defaultProvider': options.provider ?? 'fal',
        'genqueue.baseUrl.fal': emulator.falBaseUrl,
        'genqueue.baseUrl.replicate': emulator.replicateBaseUrl,
        ...options.settings,
      },
      env: { FAL_KEY: EMULATOR_FAL_KEY, REPLICATE_API_TOKEN: EMULATOR_REPLICATE_TOKEN, ...options.env },
    });
    return {
      session,
      emulator,
      stop: async () => {
        try {
          await session.stop();
        } finally {
          await emulator.stop();
        }
      },
    };
  } catch (err) {
    await emulator.stop();
    throw err;
  }
}
