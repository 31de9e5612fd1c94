// A model's inputs as a form built from its ModelFieldView list: enum → select, boolean → checkbox,
// number/integer → number field with its range, string → text field, json → a text field of JSON (an object
// stays an object, not its text). Each edit posts setParam.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ModelFieldView, QueueWebviewMessage } from '../../../src/extension/queue/queueProtocol';
import { FieldDrafts } from '../fieldDrafts';
import { TID } from '../testids';

export interface ParamsContext {
  ids: string[];
  params: Record<string, unknown>;
  drafts: FieldDrafts;
  send(message: QueueWebviewMessage): void;
  /** Re-render (a draft's validity changed). */
  changed(): void;
}

/** Why typed text is not a valid value for the field, or undefined when it is (empty = the default). */
export function paramProblem(field: ModelFieldView, text: string): string | undefined {
  if (text.trim() !== '' && field.kind === 'json') {
    try {
      JSON.parse(text);
      return undefined;
    } catch {
      return 'Enter JSON, e.g. {"key": "value"}.';
    }
  }
  if (text.trim() === '' || (field.kind !== 'number' && field.kind !== 'integer')) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) return 'Enter a number.';
  if (field.kind === 'integer' && !Number.isInteger(n)) return 'Enter a whole number.';
  if (field.min !== undefined && n < field.min) return `At least ${field.min}.`;
  if (field.max !== undefined && n > field.max) return `At most ${field.max}.`;
  return undefined;
}

/** Typed text as the param's value: empty removes the param (the model's default applies). */
export function parseParam(field: ModelFieldView, text: string): unknown {
  if (text.trim() === '') return undefined;
  if (field.kind === 'json') return JSON.parse(text);
  return field.kind === 'number' || field.kind === 'integer' ? Number(text) : text;
}

/** A param's value as the text its field shows. */
export function paramText(field: ModelFieldView, value: unknown): string {
  if (value === undefined) return '';
  return field.kind === 'json' || (typeof value === 'object' && value !== null) ? JSON.stringify(value) : String(value);
}

function rangeText(f: ModelFieldView): string {
  if (f.min !== undefined && f.max !== undefined) return `${f.min}–${f.max}`;
  if (f.min !== undefined) return `≥ ${f.min}`;
  if (f.max !== undefined) return `≤ ${f.max}`;
  return '';
}

/** The default as text, or undefined when there is none worth showing (an empty string reads as "Default:"). */
function shownDefault(f: ModelFieldView): string | undefined {
  if (f.default === undefined || f.default === '') return undefined;
  return typeof f.default === 'object' && f.default !== null ? JSON.stringify(f.default) : String(f.default);
}

export function renderParamControl(ctx: ParamsContext, f: ModelFieldView, testid: string): TemplateResult {
  const current = ctx.params[f.name];
  const setParam = (value: unknown) => ctx.send({ type: 'setParam', ids: ctx.ids, name: f.name, value });
  if (f.kind === 'enum') {
    const value = current === undefined ? '' : String(current);
    return html`<vscode-single-select
      data-testid=${testid}
      aria-label=${f.label}
      .value=${value}
      @change=${(e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        setParam(v === '' ? undefined : v);
      }}
    >
      <vscode-option value="" ?selected=${value === ''}
        >Default${shownDefault(f) !== undefined ? ` (${shownDefault(f)})` : ''}</vscode-option
      >
      ${(f.options ?? []).map((o) => html`<vscode-option value=${o} ?selected=${o === value}>${o}</vscode-option>`)}
      ${
        // A value typed in the file that the model does not offer stays visible (and is named as such).
        value !== '' && !(f.options ?? []).includes(value)
          ? html`<vscode-option value=${value} selected>${value} (not an option of this model)</vscode-option>`
          : nothing
      }
    </vscode-single-select>`;
  }
  if (f.kind === 'boolean') {
    return html`<vscode-checkbox
      data-testid=${testid}
      label=${f.label}
      .checked=${live(Boolean(current ?? f.default))}
      @change=${(e: Event) => setParam((e.target as HTMLInputElement).checked)}
    ></vscode-checkbox>`;
  }
  const key = FieldDrafts.key(ctx.ids.join(','), `param:${f.name}`);
  const text = ctx.drafts.value(key, paramText(f, current));
  const problem = paramProblem(f, text);
  const numeric = f.kind === 'number' || f.kind === 'integer';
  return html`<vscode-textfield
      data-testid=${testid}
      aria-label=${f.label}
      type=${numeric ? 'number' : 'text'}
      min=${f.min ?? nothing}
      max=${f.max ?? nothing}
      step=${f.kind === 'integer' ? '1' : 'any'}
      placeholder=${shownDefault(f) !== undefined ? `Default: ${shownDefault(f)}` : ''}
      ?invalid=${problem !== undefined}
      .value=${live(text)}
      @focus=${() => ctx.drafts.focus(key)}
      @blur=${() => ctx.drafts.blur(key)}
      @input=${(e: Event) => {
        ctx.drafts.input(key, (e.target as HTMLInputElement).value, (v) => {
          if (paramProblem(f, v) === undefined) setParam(parseParam(f, v));
        });
        // Re-render so a problem shows (or goes) as the person types.
        if (numeric || f.kind === 'json') ctx.changed();
      }}
    ></vscode-textfield>
    ${problem ? html`<div class="field-problem" role="alert">${problem} The file keeps its old value.</div>` : nothing}`;
}

export function renderParamsForm(ctx: ParamsContext, fields: readonly ModelFieldView[]): TemplateResult {
  const known = new Set(fields.map((f) => f.name));
  const extra = Object.keys(ctx.params).filter((k) => !known.has(k));
  return html`<div class="params">
    ${fields.map(
      (f) => html`<div class="field field--param">
        ${f.kind === 'boolean' ? nothing : html`<label class="field-label">${f.label}${rangeText(f) ? html` <span class="muted">${rangeText(f)}</span>` : nothing}</label>`}
        ${renderParamControl(ctx, f, TID.inspParam(f.name))}
        ${f.description ? html`<div class="field-help">${f.description}</div>` : nothing}
      </div>`,
    )}
    ${extra.map(
      (k) => html`<div class="field field--param field--unknown" data-testid=${TID.inspParam(k)}>
        <label class="field-label">${k}</label>
        <div class="mono">${JSON.stringify(ctx.params[k])}</div>
        <div class="field-help">This model does not take "${k}"; edit or remove it in the file.</div>
      </div>`,
    )}
    ${fields.length === 0 && extra.length === 0 ? html`<div class="muted">This model has no settings.</div>` : nothing}
  </div>`;
}
