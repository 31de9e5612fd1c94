// Where a download's bytes go while they arrive: a temp file (the host provides it), so a large
// take is never held whole in memory. The engine sees a spooled take or, for results that came
// inline (data URIs, the offline provider), the bytes themselves.

/** A take's bytes in a temp file, complete. */
export interface SpooledTake {
  readonly kind: 'spooled';
  /** URI of the temp file (file:), for the host to move into place. */
  readonly uri: string;
  readonly bytes: number;
  /** The first bytes (up to 512), for the sniffer. */
  readonly head: Uint8Array;
  /** `length` bytes from `offset` (fewer at the end of the file). */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Remove the temp file (it was refused, or has been copied elsewhere). */
  discard(): Promise<void>;
}

export interface SpoolWriter {
  write(chunk: Uint8Array): Promise<void>;
  finish(): Promise<SpooledTake>;
  /** Remove the partial file (the download failed). */
  discard(): Promise<void>;
}

export interface TakeSpool {
  create(): Promise<SpoolWriter>;
}

/** A take's bytes: in memory, or spooled to a temp file. */
export type TakeBytes = Uint8Array | SpooledTake;

export function isSpooled(b: TakeBytes): b is SpooledTake {
  return !(b instanceof Uint8Array);
}

export function sizeOf(b: TakeBytes): number {
  return isSpooled(b) ? b.bytes : b.byteLength;
}

export function headOf(b: TakeBytes): Uint8Array {
  return isSpooled(b) ? b.head : b.subarray(0, 512);
}

/** Random access to a take's bytes, wherever they are. */
export function readerOf(b: TakeBytes): { size: number; read(offset: number, length: number): Promise<Uint8Array> } {
  if (isSpooled(b)) return { size: b.bytes, read: (o, l) => b.read(o, l) };
  return { size: b.byteLength, read: async (o, l) => b.subarray(o, o + l) };
}

/** Forget the spooled takes held for a job and remove their temp files (in-memory bytes stay). */
export async function discardSpooled(held: Map<number, TakeBytes>): Promise<void> {
  const files: SpooledTake[] = [];
  for (const [index, bytes] of held) {
    if (!isSpooled(bytes)) continue;
    files.push(bytes);
    held.delete(index);
  }
  await Promise.all(files.map((f) => f.discard().catch(() => undefined)));
}

/** Let go of everything held for a job: bytes are dropped, temp files removed in the background. */
export function releaseHeld(held: Map<number, TakeBytes>): void {
  const copy = new Map(held);
  held.clear();
  void discardSpooled(copy);
}
