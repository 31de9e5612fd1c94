// The offline voice: eSpeak NG compiled to WASM (npm `espeak-ng`), run in a worker thread (see
// espeakLocation.ts for where it must be at run time). If it cannot run at all, a tone "voice"
// stands in and the result's version says so.
import { readFile } from 'node:fs/promises';
import { ProviderError } from '../../core/errors';
import { ESPEAK_NOT_FOUND, locateEspeak } from './espeakLocation';
import { type EspeakRun, runEspeakInWorker } from './espeakWorker';
import { renderToneSpeech } from './renderAudio';
import type { RenderedFile } from './renderImage';
import { decodeWav, encodeWav } from './wav';

export type SpeechEngine = 'espeak-ng' | 'tone';

export interface SpokenFile {
  file: RenderedFile;
  engine: SpeechEngine;
  /** Why the tone stand-in was used. */
  fallbackReason?: string;
}

type EspeakFactory = typeof import('espeak-ng')['default'];

interface EspeakRuntime {
  factory: EspeakFactory;
  /** Compiled once; each run only instantiates it (saves ~200 ms a run). */
  wasm?: WebAssembly.Module;
}

let runtime: Promise<EspeakRuntime> | undefined;

function loadEspeak(): Promise<EspeakRuntime> {
  runtime ??= (async () => {
    const location = locateEspeak();
    if (!location) throw new Error(ESPEAK_NOT_FOUND);
    // A computed specifier: the bundler leaves this import() alone and Node loads the ESM file.
    const mod = await import(location.moduleUrl);
    const factory = (mod.default ?? mod) as EspeakFactory;
    if (typeof factory !== 'function') throw new Error('espeak-ng did not export its module factory');
    let wasm: WebAssembly.Module | undefined;
    if (location.wasmPath) {
      try {
        wasm = await WebAssembly.compile(await readFile(location.wasmPath));
      } catch {
        // Let the module find its own .wasm; only slower.
      }
    }
    return { factory, wasm };
  })();
  // A failed load is retried next time rather than cached forever.
  runtime.catch(() => {
    runtime = undefined;
  });
  return runtime;
}

export async function renderSpeech(
  text: string,
  opts: { voice: string; wordsPerMinute: number; pitch?: number },
): Promise<SpokenFile> {
  // Arguments go straight to main(): no shell, so the text needs no quoting.
  const pitch = opts.pitch === undefined ? [] : ['-p', String(opts.pitch)];
  const args = ['-w', OUT_PATH, '-v', opts.voice, '-s', String(opts.wordsPerMinute), ...pitch, '--', text];
  const reasons: string[] = [];
  // In a worker first (keeps the host responsive), in-process if workers fail, tones last.
  for (const run of [runEspeakInWorker, runEspeakInProcess]) {
    try {
      const out = await run([...args]);
      return { file: toWavFile(out, opts.voice), engine: 'espeak-ng' };
    } catch (err) {
      if (err instanceof ProviderError) throw err;
      reasons.push((err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').slice(0, 200));
    }
  }
  return {
    file: renderToneSpeech(text, opts.wordsPerMinute),
    engine: 'tone',
    fallbackReason: [...new Set(reasons)].join('; '),
  };
}

const OUT_PATH = '/out.wav';

function toWavFile(out: EspeakRun, voice: string): RenderedFile {
  if (out.errors.some((line) => /voice does not exist/i.test(line))) {
    throw new ProviderError({
      category: 'input',
      message: `eSpeak NG has no voice "${voice}". Try en-us, en-gb, de, fr or es (add +f3 or +m3 for a variant).`,
      detail: out.errors.join('\n'),
    });
  }
  const wav = decodeWav(out.wav);
  if (!wav || wav.samples.length === 0) {
    throw new Error(`eSpeak NG wrote no audio${out.errors.length ? `: ${out.errors.join(' ')}` : ''}`);
  }
  // Re-encode so the header is always complete (eSpeak streams it with placeholder sizes).
  return {
    data: encodeWav(wav.samples, wav.sampleRate),
    contentType: 'audio/wav',
    durationSec: wav.samples.length / wav.sampleRate,
  };
}

async function runEspeakInProcess(args: string[]): Promise<EspeakRun> {
  const { factory, wasm } = await loadEspeak();
  const errors: string[] = [];
  // Emscripten's exit path sets process.exitCode; it must not leak into the host (or a test run).
  const exitCode = process.exitCode;
  try {
    let failLoad: (err: unknown) => void = () => {};
    const loadFailed = new Promise<never>((_, reject) => {
      failLoad = reject;
    });
    const created = factory({
      arguments: args,
      print: () => {},
      printErr: (line) => errors.push(line),
      ...(wasm
        ? {
            instantiateWasm: (imports, receive) => {
              // A failed instantiate must reject this run, not leave the factory pending forever.
              WebAssembly.instantiate(wasm, imports).then((inst) => receive(inst, wasm), failLoad);
              return {};
            },
          }
        : {}),
    });
    const instance = await Promise.race([created, loadFailed]);
    let wav: Uint8Array;
    try {
      wav = instance.FS.readFile(OUT_PATH);
    } catch {
      wav = new Uint8Array(0);
    }
    return { wav, errors };
  } finally {
    process.exitCode = exitCode;
  }
}
