// Reading the saved price cache back: it is a file a person or an older version may have changed,
// so every entry is checked and a bad one is dropped (it is refetched), never trusted.
import type { ModelPrice, PriceUnit } from '../modelCatalog';
import type { CachedPrice, LivePriceEntry } from './priceTypes';

const UNITS: readonly PriceUnit[] = [
  'image',
  'megapixel',
  'video-second',
  'minute',
  'second-of-gpu',
  'request',
  '1k-characters',
];

/** The usable entries of a saved document, plus how many were dropped. */
export function readCacheDoc(doc: unknown): { entries: Map<string, CachedPrice>; dropped: number } {
  const entries = new Map<string, CachedPrice>();
  let dropped = 0;
  if (!isRecord(doc) || doc.version !== 1 || !isRecord(doc.entries)) return { entries, dropped };
  for (const [id, value] of Object.entries(doc.entries)) {
    const cached = readCached(value);
    if (cached) entries.set(id, cached);
    else dropped++;
  }
  return { entries, dropped };
}

function readCached(v: unknown): CachedPrice | undefined {
  if (!isRecord(v) || typeof v.fetchedAt !== 'number' || !Number.isFinite(v.fetchedAt)) return undefined;
  const entry = readEntry(v.entry);
  return entry ? { fetchedAt: v.fetchedAt, entry } : undefined;
}

function readEntry(v: unknown): LivePriceEntry | undefined {
  if (!isRecord(v)) return undefined;
  if (v.kind === 'not-listed') return { kind: 'not-listed' };
  if (v.kind === 'unusable') return typeof v.reason === 'string' ? { kind: 'unusable', reason: v.reason } : undefined;
  if (v.kind !== 'price') return undefined;
  const price = readPrice(v.price);
  return price ? { kind: 'price', price } : undefined;
}

function readPrice(v: unknown): ModelPrice | undefined {
  if (!isRecord(v)) return undefined;
  const { amount, unit, currency, source, date, note } = v;
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) return undefined;
  if (!UNITS.includes(unit as PriceUnit) || currency !== 'USD') return undefined;
  if (typeof source !== 'string' || typeof date !== 'string') return undefined;
  const p: ModelPrice = { amount, unit: unit as PriceUnit, currency, source, date };
  if (typeof note === 'string') p.note = note;
  return p;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
