// Start the provider emulator as a standalone process (for the e2e tests in real VS Code).
// Env: PORT (default 0 = any free port), TIME_SCALE (real ms per scripted ms, default 1).
// Prints one JSON line {"url","falBaseUrl","replicateBaseUrl"} on stdout, then serves until killed.
// Control API: GET /__emulator/counts, GET /__emulator/jobs, GET /__emulator/requests,
// POST /__emulator/fault (a Fault), POST /__emulator/script (a ScriptCommand), POST /__emulator/reset,
// POST /__emulator/timeScale {"timeScale": n}.
import { startEmulator } from './providerEmulator';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 0) || 0;
  const timeScale = Number(process.env.TIME_SCALE ?? 1) || 1;
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
