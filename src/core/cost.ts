// Honest cost figures: unit price × units. The unit price is the catalog's, or fal's own from its
// pricing API when the price book has one (src/core/prices/). Before submit the units come from the input
// (images asked for, seconds asked for, characters to speak, typical GPU time); after, from the
// result (takes returned, predict_time, video length). No provider returns a per-request price,
// so every figure says where it comes from and never claims more precision than it has.
import type { CostFigure, ProviderId } from './jobTypes';
import { type CatalogModel, customModel, findModel, type ModelPrice, type PriceUnit } from './modelCatalog';
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

/** Which price to use instead of (or besides) the catalog's; see src/core/prices/. */
export interface PriceChoice {
  /** The provider's own unit price (fal pricing API): overrides the catalog's; its `source` names it in the label. */
  live?: ModelPrice;
  /** Why no live price is used (offline, key rejected, unit not understood), said after the catalog's source. */
  fallbackReason?: string;
  /**
   * The length of the job's audio reference, seconds: a talking head or lip-sync is as long as its voice
   * line. Without it their estimate says the length is unknown instead of guessing.
   */
  audioSec?: number;
}

export function estimateCost(
  provider: ProviderId,
  model: string,
  input: Record<string, unknown>,
  choice: PriceChoice = {},
): CostFigure {
  if (provider === 'local') return freeFigure();
  const priced = pricedModel(provider, model, choice);
  if (!priced) return unknownFigure(choice.fallbackReason);
  return estimateFigure(priced, input, choice.audioSec);
}

export function actualCost(
  provider: ProviderId,
  model: string,
  input: Record<string, unknown>,
  result: ProviderResult,
  choice: PriceChoice = {},
): CostFigure {
  if (provider === 'local') return freeFigure();
  const priced = pricedModel(provider, model, choice);
  if (!priced) return unknownFigure(choice.fallbackReason);
  const measured = measuredUnits(priced.entry, priced.price.unit, input, result);
  if (measured) return figure(priced, measured, true);
  return estimateFigure(priced, input, choice.audioSec);
}

function estimateFigure(priced: PricedModel, input: Record<string, unknown>, audioSec?: number): CostFigure {
  if (followsAudio(priced.entry, input)) {
    const { price } = priced;
    if (audioSec !== undefined && audioSec > 0 && (price.unit === 'video-second' || price.unit === 'minute')) {
      const sec = round2(audioSec);
      return figure(
        priced,
        { quantity: perUnit(price.unit, sec), text: `${sec} s of video (the audio's length)` },
        false,
      );
    }
    const name = priced.live ? price.source : 'catalog price';
    const uncertain = price.uncertain ? '; uncertain' : '';
    return {
      currency: 'USD',
      source: priced.live ? 'price-list' : 'catalog',
      label: `${formatUsd(price.amount)}${UNIT_SUFFIX[price.unit]} × the audio's length, not known yet (${name}, ${price.date}${uncertain})`,
    };
  }
  const units = expectedUnits(priced.entry, priced.price.unit, input);
  if (units) return figure(priced, units, false);
  // A hand-typed model priced per second: the unit price is known, how many seconds is not.
  const { price } = priced;
  const name = priced.live ? price.source : 'catalog price';
  return unknownFigure(
    `${formatUsd(price.amount)}${UNIT_SUFFIX[price.unit]} from the ${name}, ${price.date}, but the length is not known before the run`,
  );
}

interface PricedModel {
  entry: CatalogModel;
  price: ModelPrice;
  live: boolean;
  fallbackReason?: string;
}

function pricedModel(provider: ProviderId, model: string, choice: PriceChoice): PricedModel | undefined {
  const { live, fallbackReason } = choice;
  // A hand-typed model priced by the provider: its units are counted like a catalog model's.
  const entry = findModel(provider, model) ?? (live ? customModel(provider, model, modalityOf(live.unit)) : undefined);
  if (live && entry) return { entry, price: live, live: true };
  if (!entry?.price) return undefined;
  return { entry, price: entry.price, live: false, ...(fallbackReason ? { fallbackReason } : {}) };
}

/** Only used for the words of a hand-typed model's units ("s of video" or "s of audio"). */
function modalityOf(unit: PriceUnit): CatalogModel['modality'] {
  if (unit === 'video-second') return 'video';
  if (unit === 'minute' || unit === '1k-characters') return 'speech';
  return 'image';
}

interface Units {
  quantity: number;
  /** "2 images", "5 s of video", "~45 s GPU (typical)". */
  text: string;
}

function freeFigure(): CostFigure {
  return { amount: 0, currency: 'USD', source: 'local', label: 'free (offline)' };
}

function unknownFigure(reason?: string): CostFigure {
  return { currency: 'USD', source: 'unknown', label: reason ? `${UNKNOWN_LABEL} (${reason})` : UNKNOWN_LABEL };
}

/** `measured`: units from the result (an actual figure); else from the input (an estimate, "≈"). */
function figure(priced: PricedModel, units: Units, measured: boolean): CostFigure {
  const { price } = priced;
  const amount = price.amount * units.quantity;
  const uncertain = price.uncertain ? '; uncertain' : '';
  const why = priced.fallbackReason ? `; ${priced.fallbackReason}` : '';
  const name = priced.live ? price.source : 'catalog price';
  const basis = measured ? `${name} × result` : name;
  const label = `${measured ? '' : '≈ '}${formatUsd(amount)} · ${units.text} × ${formatUsd(price.amount)}${UNIT_SUFFIX[price.unit]} (${basis}, ${price.date}${uncertain}${why})`;
  const source = measured ? 'provider-metrics' : priced.live ? 'price-list' : 'catalog';
  return { amount, currency: 'USD', source, label };
}

const UNIT_SUFFIX: Record<PriceUnit, string> = {
  image: '/image',
  megapixel: '/MP',
  'video-second': '/s',
  'second-of-gpu': '/GPU-s',
  request: '/request',
  '1k-characters': '/1k chars',
  minute: '/min',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Units from the input, or undefined when the length they depend on is not known before the run. */
function expectedUnits(model: CatalogModel, unit: PriceUnit, input: Record<string, unknown>): Units | undefined {
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
    case 'video-second':
    case 'minute': {
      const sec = requestedSeconds(model, input);
      if (sec === undefined) return undefined;
      return { quantity: perUnit(unit, sec), text: `${sec} s of ${model.modality === 'video' ? 'video' : 'audio'}` };
    }
    case 'second-of-gpu': {
      const sec = model.typicalDurationSec;
      if (sec === undefined) return undefined;
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
    case 'video-second':
    case 'minute': {
      const known = takes.filter((t) => typeof t.durationSec === 'number' && t.durationSec > 0);
      if (known.length === 0 || known.length !== takes.length) return undefined;
      const sec = round2(known.reduce((s, t) => s + (t.durationSec ?? 0), 0));
      return { quantity: perUnit(unit, sec), text: `${sec} s of ${model.modality === 'video' ? 'video' : 'audio'}` };
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

/** Priced per second of output with no length asked for, and reading an audio file: the output follows it. */
function followsAudio(model: CatalogModel, input: Record<string, unknown>): boolean {
  const unit = model.price?.unit;
  if ((unit !== 'video-second' && unit !== 'minute') || requestedSeconds(model, input) !== undefined) return false;
  return model.fields.some((f) => (f.type === 'file' || f.type === 'files') && f.media === 'audio');
}

/** Seconds of output in the price's unit. */
function perUnit(unit: 'video-second' | 'minute', sec: number): number {
  return unit === 'minute' ? sec / 60 : sec;
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
