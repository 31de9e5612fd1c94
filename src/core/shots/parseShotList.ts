// A `*.shots.yaml` text to the shot-list model plus diagnostics on the right lines. Parsing never
// throws: an oversized file, a syntax error or an alias bomb is a diagnostic like any other.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type YAMLError } from 'yaml';
import { readDefaults } from './readDefaults';
import { readShot, type ShotDraft } from './readShot';
import { checkRefs } from './refChecks';
import { ShotDiagnosticSink } from './shotDiagnosticSink';
import { MAX_ALIAS_COUNT, MAX_SHOT_LIST_CHARS } from './shotRules';
import type { ParsedShotList, ShotList, TextSpan } from './shotTypes';
import { keyOf, YamlReader } from './yamlNodes';

export interface ParseOptions {
  /** false for an output path outside the workspace */
  insideWorkspace?: (relativePath: string) => boolean;
}

export const TOP_LEVEL_KEYS = ['defaults', 'budget', 'shots'] as const;

/** YAML errors reported one by one; past this, one diagnostic counts the rest. */
const MAX_YAML_ERRORS = 50;

export function parseShotList(text: string, options: ParseOptions = {}): ParsedShotList {
  const lines = new LineCounter();
  const out = new ShotDiagnosticSink(lines, text);
  const result: ParsedShotList = { list: { shots: [] }, diagnostics: out.diagnostics, spans: {} };
  try {
    readList(text, options, lines, out, result);
  } catch (e) {
    // yaml and the checks recurse into nested values: thousands of levels exhaust the stack.
    if (!(e instanceof RangeError)) throw e;
    result.list = { shots: [] };
    result.spans = {};
    out.error('too-large', 'This shot list nests too deeply to read. Nothing was read.', out.spanOf(0, 0));
  }
  return result;
}

function readList(
  text: string,
  options: ParseOptions,
  lines: LineCounter,
  out: ShotDiagnosticSink,
  result: ParsedShotList,
): ParsedShotList {
  if (text.length > MAX_SHOT_LIST_CHARS) {
    const mb = (n: number) => `${(n / 1_000_000).toFixed(1)} MB`;
    out.error(
      'too-large',
      `This shot list is ${mb(text.length)}; the limit is ${mb(MAX_SHOT_LIST_CHARS)}. Nothing was read.`,
      {
        start: { line: 0, character: 0 },
        end: { line: 0, character: 0 },
      },
    );
    return result;
  }
  // No prettyErrors: its excerpt per error is slow on long lines, and the LineCounter gives the spans.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  // yaml turns its own stack overflow on deep nesting into an error: the document is partial.
  if (doc.errors.some((e) => e.message.includes('call stack'))) throw new RangeError('nesting');
  reportYaml(out, doc.errors, 'error');
  reportYaml(out, doc.warnings, 'warning');
  if (!aliasesWithinLimit(doc, text)) {
    out.error(
      'too-large',
      `Aliases here expand to more than ${MAX_ALIAS_COUNT.toLocaleString('en-US')} values (an alias bomb?). Nothing was read.`,
      firstAliasSpan(out, text),
    );
    return result;
  }
  const reader = new YamlReader(doc);
  const root = reader.deref(doc.contents);
  if (root === null || (doc.errors.length > 0 && !isMap(root))) return result;
  if (!isMap(root)) {
    out.error('not-a-list', 'A shot list is a mapping with `shots:` (and optionally `defaults:` and `budget:`).', root);
    return result;
  }
  const top = new Map(reader.pairs(root).map((p) => [p.key, p]));
  for (const p of top.values()) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(p.key)) {
      out.warning('unknown-key', `Unknown key "${p.key}"; a shot list has ${TOP_LEVEL_KEYS.join(', ')}.`, keyOf(p));
    }
  }
  const list: ShotList = result.list;
  const defaults = readDefaults(reader, out, top.get('defaults')?.value ?? null);
  if (Object.keys(defaults).length > 0) list.defaults = defaults;
  readBudget(reader, out, top.get('budget'), list);

  const shotsPair = top.get('shots');
  const seq = reader.deref(shotsPair?.value ?? null);
  if (shotsPair === undefined) {
    out.error('not-a-list', 'This file has no `shots:` list.', { start: out.point(0), end: out.point(0) });
    return result;
  }
  if (seq === null || (isScalar(seq) && seq.value === null) || (isSeq(seq) && seq.items.length === 0)) return result;
  if (!isSeq(seq)) {
    out.error('not-a-list', '`shots:` is a list: each item starts with "- id: …".', seq);
    return result;
  }
  const drafts: ShotDraft[] = [];
  for (const item of seq.items) {
    const map = reader.map(item);
    if (map === undefined) {
      out.error(
        'not-a-list',
        'Each item of `shots:` is a mapping (id, modality, prompt, …).',
        reader.deref(item) ?? seq,
      );
      continue;
    }
    const draft = readShot({ reader, out, defaults, insideWorkspace: options.insideWorkspace }, map);
    if (draft.usable && draft.shot.id in result.spans) {
      out.error(
        'duplicate-id',
        `Another shot above already has id "${draft.shot.id}"; ids are unique (they name take folders).`,
        draft.idNode,
        draft.shot.id,
      );
      continue;
    }
    if (draft.usable) result.spans[draft.shot.id] = out.nodeSpan(map);
    drafts.push(draft);
  }
  const pathRefs = checkRefs(out, drafts, options);
  if (pathRefs.length > 0) result.pathRefs = pathRefs;
  checkOutputs(out, drafts);
  list.shots = drafts.filter((d) => d.usable).map((d) => d.shot);
  return result;
}

function reportYaml(out: ShotDiagnosticSink, problems: readonly YAMLError[], severity: 'error' | 'warning'): void {
  for (const e of problems.slice(0, MAX_YAML_ERRORS)) {
    out.add(severity, 'yaml-syntax', e.message.split('\n')[0]?.trim() ?? e.code, out.spanOf(e.pos[0], e.pos[1]));
  }
  const more = problems.length - MAX_YAML_ERRORS;
  const last = problems[problems.length - 1];
  if (more > 0 && last) {
    out.add(
      severity,
      'yaml-syntax',
      `…and ${more} more YAML ${severity}s like these.`,
      out.spanOf(last.pos[0], last.pos[1]),
    );
  }
}

function aliasesWithinLimit(doc: ReturnType<typeof parseDocument>, text: string): boolean {
  if (!text.includes('*')) return true; // no alias at all
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return true;
  } catch (e) {
    if (e instanceof ReferenceError) return false;
    throw e;
  }
}

function firstAliasSpan(out: ShotDiagnosticSink, text: string): TextSpan {
  const at = Math.max(0, text.search(/\*[^\s,[\]{}]/));
  return out.spanOf(at, at + 1);
}

function readBudget(
  reader: YamlReader,
  out: ShotDiagnosticSink,
  pair: ReturnType<YamlReader['pairs']>[number] | undefined,
  list: ShotList,
): void {
  if (pair === undefined || (pair.value !== null && reader.toJS(pair.value) === null)) return;
  const budget = reader.toJS(pair.value);
  if (typeof budget === 'number' && Number.isFinite(budget) && budget >= 0) list.budget = budget;
  else
    out.error(
      'bad-budget',
      '"budget" is this list\'s spending cap in USD: a number from 0, e.g. budget: 5.',
      pair.value ?? keyOf(pair),
    );
}

/** Outputs two shots would both write. */
function checkOutputs(out: ShotDiagnosticSink, drafts: ShotDraft[]): void {
  const outputs = new Map<string, string>();
  for (const d of drafts) {
    const output = d.shot.output;
    if (output === undefined || d.outputNode === null) continue;
    const key = output.replace(/\\/g, '/').replace(/^\.\//, '');
    const owner = outputs.get(key);
    if (owner !== undefined) {
      out.error(
        'duplicate-output',
        `Shot "${owner}" already copies its chosen take to "${output}".`,
        d.outputNode,
        d.usable ? d.shot.id : undefined,
      );
    } else outputs.set(key, d.shot.id);
  }
}
