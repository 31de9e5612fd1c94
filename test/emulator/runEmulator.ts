// Start the provider emulator as a standalone process (for the e2e tests in real VS Code).
// Env: PORT (default 0 = any free port), TIME_SCALE (real ms per scripted ms, default 1).
// Prints one JSON line {"url","falBaseUrl","replicateBaseUrl"} on stdout, then serves until killed.
// Control API: GET /__emulator/counts, GET /__emulator/jobs, GET /__emulator/requests,
// POST /__emulator/fault (a Fault), POST /__emulator/script (a ScriptCommand), POST /__emulator/reset,
// POST /__emulator/timeScale {"timeScale": n}.
import { encodeH264 } from '../../src/providers/local/h264Encode';
import { useVideoBytes } from './mediaFiles';
import { startEmulator } from './providerEmulator';

/** One second of a slate-blue fade at 8 fps, 64×48: small, and a browser's <video> plays it. */
async function playableClip(): Promise<Buffer> {
  const frames = 8;
  const bytes = await encodeH264({ width: 64, height: 48, fps: 8, frames }, (rgba, i) => {
    for (let p = 0; p < rgba.length; p += 4) rgba.set([70 + i * 15, 100 + i * 8, 150, 255], p);
  });
  return Buffer.from(bytes);
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 0) || 0;
  const timeScale = Number(process.env.TIME_SCALE ?? 1) || 1;
  useVideoBytes(await playableClip());
  const emu = await startEmulator({ port, timeScale });
  process.stdout.write(
    `${JSON.stringify({ url: emu.url, falBaseUrl: emu.falBaseUrl, replicateBaseUrl: emu.replicateBaseUrl })}\n`,
  );
  const stop = () => {
    emu.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator failed to start: ${String(err)}\n`);
  process.exit(1);
});
