// The offline clip: an animated version of the image pattern, H.264 in MP4 (npm `h264-mp4-encoder`,
// WASM embedded in its JS, so it bundles). Small on purpose: 320 px long side, 24 fps, a few seconds.
import { zeroMp4Times } from './mp4Times';
import { paintPattern, patternFor } from './patternPainter';
import { drawCaption } from './pixelCaption';
import { promptSeed } from './promptSeed';
import type { RenderedFile } from './renderImage';

export const VIDEO_FPS = 24;
const FRAMES_PER_SLICE = 4;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

type Encoder = Awaited<ReturnType<typeof import('h264-mp4-encoder')['createH264MP4Encoder']>>;

type ProcessEvent = 'uncaughtException' | 'unhandledRejection';
const PROCESS_EVENTS: readonly ProcessEvent[] = ['uncaughtException', 'unhandledRejection'];
type AnyListener = (...args: unknown[]) => void;

function listenersOf(event: ProcessEvent): AnyListener[] {
  return process.listeners(event as 'uncaughtException') as AnyListener[];
}

/**
 * The encoder's Emscripten glue installs process-wide 'uncaughtException' (rethrow) and
 * 'unhandledRejection' (abort) handlers each time it is created. In the extension host those
 * would take over error handling for every extension, so they are removed right away.
 */
type EncoderModule = typeof import('h264-mp4-encoder');

/**
 * The package is a webpack-built CommonJS module. Loaded with import() from the shipped bundle
 * (where it stays external), Node's ESM interop cannot see its named export and offers only
 * `default`; under tsx (tests) it is a plain require. Accept both shapes.
 */
export function encoderFactory(mod: EncoderModule | { default: EncoderModule }): EncoderModule['createH264MP4Encoder'] {
  const direct = (mod as Partial<EncoderModule>).createH264MP4Encoder;
  const viaDefault = (mod as { default?: Partial<EncoderModule> }).default?.createH264MP4Encoder;
  const factory = direct ?? viaDefault;
  if (typeof factory !== 'function') throw new Error('h264-mp4-encoder did not load: createH264MP4Encoder is missing.');
  return factory;
}

async function createEncoder(): Promise<Encoder> {
  const before = new Map(PROCESS_EVENTS.map((e) => [e, new Set(listenersOf(e))]));
  const createH264MP4Encoder = encoderFactory(await import('h264-mp4-encoder'));
  try {
    return await createH264MP4Encoder();
  } finally {
    for (const event of PROCESS_EVENTS) {
      const known = before.get(event) ?? new Set();
      for (const listener of listenersOf(event)) {
        if (!known.has(listener)) process.removeListener(event, listener);
      }
    }
  }
}

/**
 * The encoder package runs ONE WASM module per process: every encoder shares its in-memory file
 * system and, by default, one output name, so overlapping renders wrote into each other's file.
 * Renders therefore run one at a time, each into its own file name, removed once read.
 */
let renderQueue: Promise<unknown> = Promise.resolve();
let renderCount = 0;

export function renderVideo(
  prompt: string,
  opts: { width: number; height: number; durationSec: number; seed?: number },
): Promise<RenderedFile> {
  const run = renderQueue.then(
    () => renderAlone(prompt, opts),
    () => renderAlone(prompt, opts),
  );
  renderQueue = run.catch(() => undefined);
  return run;
}

async function renderAlone(
  prompt: string,
  opts: { width: number; height: number; durationSec: number; seed?: number },
): Promise<RenderedFile> {
  const { width, height } = opts;
  const frames = Math.max(1, Math.round(opts.durationSec * VIDEO_FPS));
  const pattern = patternFor(promptSeed(prompt, opts.seed));
  const encoder = await createEncoder();
  const output = `genq-render-${++renderCount}.mp4`;
  try {
    encoder.width = width;
    encoder.height = height;
    encoder.frameRate = VIDEO_FPS;
    encoder.speed = 10; // fastest preset: this is a placeholder clip
    encoder.quantizationParameter = 30;
    encoder.groupOfPictures = VIDEO_FPS;
    encoder.outputFilename = output;
    encoder.initialize();
    const rgba = new Uint8Array(width * height * 4);
    for (let f = 0; f < frames; f++) {
      paintPattern(rgba, width, height, pattern, f / frames);
      drawCaption(rgba, width, height, prompt);
      encoder.addFrameRgba(rgba);
      // Give the extension host's event loop a turn every few frames (~20 ms of work).
      if (f % FRAMES_PER_SLICE === FRAMES_PER_SLICE - 1) await yieldToEventLoop();
    }
    encoder.finalize();
    const data = encoder.FS.readFile(output);
    return {
      data: zeroMp4Times(new Uint8Array(data)),
      contentType: 'video/mp4',
      width,
      height,
      durationSec: frames / VIDEO_FPS,
    };
  } finally {
    try {
      encoder.FS.unlink(output); // the module lives on: leave nothing behind in its memory
    } catch {
      // Not written (the render failed before finalize).
    }
    encoder.delete();
  }
}
