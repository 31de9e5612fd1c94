// eSpeak NG synthesis blocks its thread for ~0.3 s a run (main() is synchronous WASM), so it runs
// in one worker thread, kept while there is work and ended after a short idle time. The worker is
// inline source (eval) so the host bundle needs no extra entry point; it imports eSpeak NG by the
// file URL that locateEspeak() found.
import { Worker } from 'node:worker_threads';
import { ESPEAK_NOT_FOUND, locateEspeak } from './espeakLocation';

export interface EspeakRun {
  wav: Uint8Array;
  /** What eSpeak printed on stderr (e.g. "voice does not exist"). */
  errors: string[];
}

const IDLE_MS = 60_000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
let ready;
function load() {
  ready ??= (async () => {
    const mod = await import(workerData.moduleUrl);
    const factory = mod.default ?? mod;
    let wasm;
    if (workerData.wasmPath) {
      try { wasm = await WebAssembly.compile(readFileSync(workerData.wasmPath)); } catch {}
    }
    return { factory, wasm };
  })();
  return ready;
}
parentPort.on('message', async (msg) => {
  const errors = [];
  try {
    const { factory, wasm } = await load();
    let failLoad = () => {};
    const loadFailed = new Promise((_, reject) => { failLoad = reject; });
    const opts = {
      arguments: msg.args,
      print: () => {},
      printErr: (line) => errors.push(String(line)),
    };
    if (wasm) {
      opts.instantiateWasm = (imports, receive) => {
        WebAssembly.instantiate(wasm, imports).then((inst) => receive(inst, wasm), failLoad);
        return {};
      };
    }
    const instance = await Promise.race([factory(opts), loadFailed]);
    process.exitCode = undefined;
    let wav;
    try { wav = instance.FS.readFile('/out.wav'); } catch { wav = new Uint8Array(0); }
    const copy = new Uint8Array(wav);
    parentPort.postMessage({ id: msg.id, ok: true, wav: copy, errors }, [copy.buffer]);
  } catch (err) {
    process.exitCode = undefined;
    parentPort.postMessage({ id: msg.id, ok: false, message: String(err && err.message || err), errors });
  }
});
`;

interface Pending {
  resolve(run: EspeakRun): void;
  reject(err: Error): void;
}

interface WorkerReply {
  id: number;
  ok: boolean;
  wav?: Uint8Array;
  errors?: string[];
  message?: string;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();
let idleTimer: ReturnType<typeof setTimeout> | undefined;

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

function startWorker(): Worker {
  const location = locateEspeak();
  if (!location) throw new Error(ESPEAK_NOT_FOUND);
  const { moduleUrl, wasmPath = '' } = location;
  const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { moduleUrl, wasmPath } });
  w.on('message', (reply: WorkerReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok && reply.wav) p.resolve({ wav: reply.wav, errors: reply.errors ?? [] });
    else p.reject(new Error(reply.message ?? 'eSpeak NG failed'));
    scheduleIdleStop();
  });
  w.on('error', (err) => {
    if (worker === w) worker = undefined;
    failAll(err instanceof Error ? err : new Error(String(err)));
  });
  w.on('exit', (code) => {
    if (worker === w) worker = undefined;
    failAll(new Error(`eSpeak NG worker stopped (exit code ${code})`));
  });
  // Idle, the worker must never keep the extension host (or a test run) alive on its own; busy,
  // it must (see runEspeakInWorker). After the listeners: adding one refs the worker again.
  w.unref();
  return w;
}

function scheduleIdleStop(): void {
  if (idleTimer) clearTimeout(idleTimer);
  if (pending.size > 0) return;
  worker?.unref();
  idleTimer = setTimeout(stopEspeakWorker, IDLE_MS);
  idleTimer.unref?.();
}

/** End the idle worker (its idle timer calls this). */
function stopEspeakWorker(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  const w = worker;
  worker = undefined;
  if (w) void w.terminate();
}

/** Run the eSpeak NG command line (`args` go to main(), no shell) in the worker; output at /out.wav. */
export function runEspeakInWorker(args: string[]): Promise<EspeakRun> {
  worker ??= startWorker();
  const w = worker;
  if (idleTimer) clearTimeout(idleTimer);
  const id = nextId++;
  // Keep the process alive while a run is pending, so its answer is not dropped.
  w.ref();
  return new Promise<EspeakRun>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, args });
  });
}
