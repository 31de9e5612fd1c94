// The shot list model: what a `*.shots.yaml` file says, after parsing. Pure data.
import type { Modality, ProviderId } from '../jobTypes';

/** One asset to generate. `id` is stable: takes, jobs and `take:` refer to it. */
export interface Shot {
  id: string;
  scene?: string;
  /** Asset group, e.g. "b-roll", "voice-over". */
  group?: string;
  modality: Modality;
  /** Falls back to the file's defaults for the modality, then to the user's settings. */
  provider?: ProviderId;
  model?: string;
  prompt: string;
  /** Model inputs beyond the prompt. */
  params?: Record<string, unknown>;
  /** Reference inputs by file field: a workspace path or `shot:<id>`; a list for a `files` field. */
  refs?: Record<string, ShotRefValue>;
  notes?: string;
  /** Workspace-relative stable path the chosen take is copied to. */
  output?: string;
  /** The chosen take's number (take-<n>). */
  take?: number;
}

/** One reference (a workspace path or `shot:<id>`), or a list of them for a `files` field. */
export type ShotRefValue = string | string[];

/** The prefix of a reference to another shot's chosen take. */
export const SHOT_REF_PREFIX = 'shot:';

/** The shot id a reference names, or undefined for a workspace path. */
export function shotRefTarget(value: string): string | undefined {
  return value.startsWith(SHOT_REF_PREFIX) ? value.slice(SHOT_REF_PREFIX.length) : undefined;
}

/** Every single reference of a shot, in field order (list items with their index). */
export function refEntries(refs: Shot['refs']): { field: string; index?: number; value: string }[] {
  const out: { field: string; index?: number; value: string }[] = [];
  for (const [field, value] of Object.entries(refs ?? {})) {
    if (typeof value === 'string') out.push({ field, value });
    else
      value.forEach((v, index) => {
        out.push({ field, index, value: v });
      });
  }
  return out;
}

/** Shot fields edited as plain text (the inspector, bulk edits). */
export type ShotField = 'scene' | 'group' | 'modality' | 'prompt' | 'notes' | 'output';

export interface ShotDefaultsForModality {
  provider?: ProviderId;
  model?: string;
}

export interface ShotDefaults {
  image?: ShotDefaultsForModality;
  video?: ShotDefaultsForModality;
  audio?: ShotDefaultsForModality;
  speech?: ShotDefaultsForModality;
  /** Added to every prompt. */
  style?: string;
}

export interface ShotList {
  defaults?: ShotDefaults;
  /** Hard cap in USD for this list; new submits stop before spent + in flight would pass it. */
  budget?: number;
  shots: Shot[];
}

/** 0-based line and character, as VS Code's Position. */
export interface TextPoint {
  line: number;
  character: number;
}

export interface TextSpan {
  start: TextPoint;
  end: TextPoint;
}

export type ShotDiagnosticCode =
  | 'yaml-syntax'
  | 'not-a-list'
  | 'unknown-key'
  | 'missing-id'
  | 'duplicate-id'
  | 'bad-id'
  | 'missing-prompt'
  | 'prompt-too-long'
  | 'bad-modality'
  | 'unknown-provider'
  | 'unknown-model'
  | 'model-modality-mismatch'
  | 'unknown-param'
  | 'param-out-of-range'
  | 'param-type'
  | 'bad-reference'
  /** Shots that reference each other in a loop (s01 → s02 → s01): none of them can be generated first. */
  | 'reference-cycle'
  /** A referenced workspace file is not there (checked by the host, which can read files). */
  | 'missing-reference'
  | 'output-outside-workspace'
  | 'bad-take'
  | 'bad-budget'
  | 'too-large'
  /** A field holds the wrong kind of value (a list where text belongs, …). */
  | 'bad-value'
  /** Two shots copy their chosen take to the same `output` path. */
  | 'duplicate-output';

export interface ShotDiagnostic {
  severity: 'error' | 'warning';
  code: ShotDiagnosticCode;
  message: string;
  span: TextSpan;
  shotId?: string;
}

export interface ParsedShotList {
  /** The valid part of the file: shots with errors that make them unusable are left out of `shots`. */
  list: ShotList;
  diagnostics: ShotDiagnostic[];
  /** Where each shot's mapping is in the text, by shot id. */
  spans: Record<string, TextSpan>;
  /** The workspace-path references that passed the checks, where they are (the host checks the files exist). */
  pathRefs?: PathRefSite[];
}

export interface PathRefSite {
  shotId: string;
  field: string;
  path: string;
  span: TextSpan;
}

/** A shot with defaults applied: exactly what a job would send. */
export interface ResolvedShot {
  shot: Shot;
  provider: ProviderId;
  model: string;
  modality: Modality;
  /** Prompt (with the style added) plus params, as the job's input. */
  input: Record<string, unknown>;
  /** Hash of provider, model, input and refs: compared with a take's to tell staleness. */
  fingerprint: string;
}
