// Honest cost figures: catalog unit price × units. Before submit the units come from the input
// (images asked for, seconds asked for, characters to speak, typical GPU time); after, from the
// result (takes returned, predict_time, video length). No provider returns a per-request price,
// so every figure says where it comes from and never claims more precision than it has.
import type { CostFigure, ProviderId } from './jobTypes';
import { type CatalogModel, findModel, type ModelPrice, type PriceUnit } from './modelCatalog';
import type { ProviderResult } from './providerPort';

const UNKNOWN_LABEL = 'price unknown for this model';

export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount)) return '$—';
  const sign = amount < 0 ? '-' : '';
  const a = Math.abs(amount);
  if (a === 0) return '$0.00';
  if (a >= 1) return `${sign}$${a.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  // Sub-dollar amounts keep two significant digits: $0.003, $0.0014, $0.064, $0.50.
  const rounded = Number(a.toPrecision(2));
  const decimals = Math.max(2, -Math.floor(Math.log10(rounded)) + 1);
  return `${sign}$${rounded.toFixed(Math.min(decimals, 8)).replace(/(\.\d\d\d*?)0+$/, '$1')}`;
}

/**
 * `audioSec`: the length of the audio reference, for models whose output is as long as it (a talking
 * head, a lip-sync); without it their estimate says the length is unknown instead of guessing.
 */
export function estimateCost(
  provider: ProviderId,
  model: string,
  input: Record<string, unknown>,
  audioSec?: number,
): CostFigure {
  if (provider === 'local') return freeFigure();
  const entry = findModel(provider, model);
  if (!entry?.price) return unknownFigure();
  if (followsAudio(entry, input)) {
    if (audioSec === undefined || !(audioSec > 0)) return unknownLengthFigure(entry.price);
    return figure(
      entry.price,
      { quantity: audioSec, text: `${round2(audioSec)} s of video (the audio's length)` },
      'catalog',
      true,
    );
  }
  const units = expectedUnits(entry, entry.price.unit, input);
  return figure(entry.price, units, 'catalog', true);
}

export function actualCost(
  provider: ProviderId,
  model: string,
  input: Record<string, unknown>,
  result: ProviderResult,
): CostFigure {
  if (provider === 'local') return freeFigure();
  const entry = findModel(provider, model);
  if (!entry?.price) return unknownFigure();
  const measured = measuredUnits(entry, entry.price.unit, input, result);
  if (measured) return figure(entry.price, measured, 'provider-metrics', false);
  if (followsAudio(entry, input)) return unknownLengthFigure(entry.price);
  return figure(entry.price, expectedUnits(entry, entry.price.unit, input), 'catalog', true);
}

interface Units {
  quantity: number;
  /** "2 images", "5 s of video", "~45 s GPU (typical)". */
  text: string;
}

function freeFigure(): CostFigure {
  return { amount: 0, currency: 'USD', source: 'local', label: 'free (offline)' };
}

function unknownFigure(): CostFigure {
  return { currency: 'USD', source: 'unknown', label: UNKNOWN_LABEL };
}

/** Priced per second of output, with no length asked for, and reading an audio file: the output follows it. */
function followsAudio(model: CatalogModel, input: Record<string, unknown>): boolean {
  if (model.price?.unit !== 'video-second' || requestedSeconds(model, input) !== undefined) return false;
  return model.fields.some((f) => (f.type === 'file' || f.type === 'files') && f.media === 'audio');
}

function unknownLengthFigure(price: ModelPrice): CostFigure {
  const uncertain = price.uncertain ? '; uncertain' : '';
  return {
    currency: 'USD',
    source: 'catalog',
    label: `${formatUsd(price.amount)}${UNIT_SUFFIX[price.unit]} × the audio's length, not known yet (catalog price, ${price.date}${uncertain})`,
  };
}

function figure(price: ModelPrice, units: Units, source: 'catalog' | 'provider-metrics', approx: boolean): CostFigure {
  const amount = price.amount * units.quantity;
  const uncertain = price.uncertain ? '; uncertain' : '';
  const basis = source === 'catalog' ? 'catalog price' : 'catalog price × result';
  const label = `${approx ? '≈ ' : ''}${formatUsd(amount)} · ${units.text} × ${formatUsd(price.amount)}${UNIT_SUFFIX[price.unit]} (${basis}, ${price.date}${uncertain})`;
  return { amount, currency: 'USD', source, label };
}

const UNIT_SUFFIX: Record<PriceUnit, string> = {
  image: '/image',
  megapixel: '/MP',
  'video-second': '/s',
  'second-of-gpu': '/GPU-s',
  request: '/request',
  '1k-characters': '/1k chars',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function expectedUnits(model: CatalogModel, unit: PriceUnit, input: Record<string, unknown>): Units {
  switch (unit) {
    case 'image': {
      const n = outputCount(model, input);
      return { quantity: n, text: plural(n, 'image') };
    }
    case 'megapixel': {
      const n = outputCount(model, input);
      const mp = n * billedMegapixels(requestedMegapixels(model, input));
      return { quantity: mp, text: `${plural(n, 'image')} ≈ ${mp} MP` };
    }
    case 'video-second': {
      const sec = requestedSeconds(model, input) ?? 0;
      return { quantity: sec, text: `${sec} s of ${model.modality === 'video' ? 'video' : 'audio'}` };
    }
    case 'second-of-gpu': {
      const sec = model.typicalDurationSec ?? 0;
      return { quantity: sec, text: `~${sec} s GPU (typical)` };
    }
    case 'request': {
      return { quantity: 1, text: '1 request' };
    }
    case '1k-characters': {
      const chars = promptText(model, input).length;
      return { quantity: chars / 1000, text: plural(chars, 'character') };
    }
  }
}

/** Units from what the provider reported, or undefined when it reported nothing usable. */
function measuredUnits(
  model: CatalogModel,
  unit: PriceUnit,
  input: Record<string, unknown>,
  result: ProviderResult,
): Units | undefined {
  const takes = result.takes;
  switch (unit) {
    case 'image':
      return { quantity: takes.length, text: plural(takes.length, 'image') };
    case 'megapixel': {
      const fallback = billedMegapixels(requestedMegapixels(model, input));
      let mp = 0;
      for (const t of takes) {
        mp += t.width && t.height ? billedMegapixels((t.width * t.height) / MEGAPIXEL) : fallback;
      }
      return { quantity: mp, text: `${plural(takes.length, 'image')} = ${mp} MP` };
    }
    case 'video-second': {
      const known = takes.filter((t) => typeof t.durationSec === 'number' && t.durationSec > 0);
      if (known.length === 0 || known.length !== takes.length) return undefined;
      const sec = round2(known.reduce((s, t) => s + (t.durationSec ?? 0), 0));
      return { quantity: sec, text: `${sec} s of ${model.modality === 'video' ? 'video' : 'audio'}` };
    }
    case 'second-of-gpu': {
      const sec = result.metrics?.predictTimeSec;
      if (typeof sec !== 'number' || !Number.isFinite(sec) || sec < 0) return undefined;
      return { quantity: sec, text: `${round2(sec)} s GPU (reported)` };
    }
    case 'request':
      return takes.length > 0 ? { quantity: 1, text: '1 request' } : undefined;
    case '1k-characters':
      // Billed on the input text, which the result does not change.
      return undefined;
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function fieldDefault(model: CatalogModel, name: string): unknown {
  return model.fields.find((f) => f.name === name)?.default;
}

function numberFrom(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    // "5", "8s", "10 s"
    const m = /^\s*(\d+(?:\.\d+)?)\s*s?\s*$/i.exec(v);
    if (m?.[1]) return Number(m[1]);
  }
  return undefined;
}

const COUNT_KEYS = ['num_images', 'num_outputs', 'n', 'batch_size'];

function outputCount(model: CatalogModel, input: Record<string, unknown>): number {
  for (const key of COUNT_KEYS) {
    const n = numberFrom(input[key]) ?? numberFrom(fieldDefault(model, key));
    if (n !== undefined) return Math.max(1, Math.floor(n));
  }
  return 1;
}

const DURATION_KEYS = ['duration', 'seconds_total', 'duration_seconds', 'length'];

function requestedSeconds(model: CatalogModel, input: Record<string, unknown>): number | undefined {
  for (const key of DURATION_KEYS) {
    const n = numberFrom(input[key]) ?? numberFrom(fieldDefault(model, key));
    if (n !== undefined && n > 0) return n;
  }
  return model.defaultOutputSec;
}

/** A billing megapixel: fal counts 1024×1024 as one (so square_hd is 1 MP, not 1.05 → 2). */
const MEGAPIXEL = 1024 * 1024;

/** fal's named sizes for FLUX-style endpoints. */
const FAL_IMAGE_SIZES: Record<string, [number, number]> = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
};

function requestedMegapixels(model: CatalogModel, input: Record<string, unknown>): number {
  const w = numberFrom(input.width);
  const h = numberFrom(input.height);
  if (w && h) return (w * h) / MEGAPIXEL;
  const size = input.image_size ?? fieldDefault(model, 'image_size');
  if (typeof size === 'string' && FAL_IMAGE_SIZES[size]) {
    const [sw, sh] = FAL_IMAGE_SIZES[size];
    return (sw * sh) / MEGAPIXEL;
  }
  if (typeof size === 'object' && size !== null) {
    const o = size as Record<string, unknown>;
    const ow = numberFrom(o.width);
    const oh = numberFrom(o.height);
    if (ow && oh) return (ow * oh) / MEGAPIXEL;
  }
  // Aspect-ratio models render about one megapixel unless told otherwise.
  return numberFrom(input.megapixels) ?? 1;
}

/** Megapixel billing rounds each image up to a whole megapixel (fal's stated rule; see the price note). */
function billedMegapixels(mp: number): number {
  return Math.max(1, Math.ceil(mp - 1e-9));
}

function promptText(model: CatalogModel, input: Record<string, unknown>): string {
  const v = input[model.promptField] ?? input.text ?? input.prompt;
  return typeof v === 'string' ? v : '';
}
