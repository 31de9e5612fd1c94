// H.264 in MP4 from painted RGBA frames (npm `h264-mp4-encoder`, WASM embedded in its JS, so it
// bundles). Every offline clip goes through here: the prompt pattern, the pan over a still, the
// talking head's picture.
import { zeroMp4Times } from './mp4Times';

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

export interface ClipShape {
  /** Even numbers: the encoder needs them. */
  width: number;
  height: number;
  fps: number;
  frames: number;
}

/** Paints frame `index` (of `shape.frames`) into `rgba`, which still holds the previous frame. */
export type FramePainter = (rgba: Uint8Array, index: number) => void;

/**
 * The encoder package runs ONE WASM module per process: every encoder shares its in-memory file
 * system and, by default, one output name, so overlapping renders wrote into each other's file.
 * Renders therefore run one at a time, each into its own file name, removed once read.
 */
let renderQueue: Promise<unknown> = Promise.resolve();
let renderCount = 0;

/** The clip as MP4 bytes (times zeroed: the same frames give the same bytes). */
export function encodeH264(shape: ClipShape, paint: FramePainter): Promise<Uint8Array> {
  const run = renderQueue.then(
    () => encodeAlone(shape, paint),
    () => encodeAlone(shape, paint),
  );
  renderQueue = run.catch(() => undefined);
  return run;
}

async function encodeAlone(shape: ClipShape, paint: FramePainter): Promise<Uint8Array> {
  const { width, height, fps, frames } = shape;
  const encoder = await createEncoder();
  const output = `genq-render-${++renderCount}.mp4`;
  try {
    encoder.width = width;
    encoder.height = height;
    encoder.frameRate = fps;
    encoder.speed = 10; // fastest preset: these are stand-in clips
    encoder.quantizationParameter = 30;
    encoder.groupOfPictures = fps;
    encoder.outputFilename = output;
    encoder.initialize();
    const rgba = new Uint8Array(width * height * 4);
    for (let f = 0; f < frames; f++) {
      paint(rgba, f);
      encoder.addFrameRgba(rgba);
      // Give the extension host's event loop a turn every few frames (~20 ms of work).
      if (f % FRAMES_PER_SLICE === FRAMES_PER_SLICE - 1) await yieldToEventLoop();
    }
    encoder.finalize();
    return zeroMp4Times(new Uint8Array(encoder.FS.readFile(output)));
  } finally {
    try {
      encoder.FS.unlink(output); // the module lives on: leave nothing behind in its memory
    } catch {
      // Not written (the render failed before finalize).
    }
    encoder.delete();
  }
}
