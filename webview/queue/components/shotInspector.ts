// The inspector for one shot: modality, model (price, typical time), prompt, params form, refs, notes,
// output path. Text edits post setField after a pause and on blur; selects post at once.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Modality } from '../../../src/core/jobTypes';
import type { ShotField } from '../../../src/core/shots/shotTypes';
import type { ModelOptionView, QueueWebviewMessage, ShotRow } from '../../../src/extension/queue/queueProtocol';
import { icon } from '../../shared/icons';
import { FieldDrafts } from '../fieldDrafts';
import { MODALITIES } from '../queueUiState';
import { TID } from '../testids';
import { renderParamsForm } from './paramsForm';
import { modalityIcon } from './parts';
import { refText, renderRefs } from './refsEditor';

export interface InspectorContext {
  row: ShotRow;
  models: readonly ModelOptionView[];
  drafts: FieldDrafts;
  send(message: QueueWebviewMessage): void;
  changed(): void;
}

export const modelKey = (provider: string, model: string) => `${provider}|${model}`;

export function modelOf(models: readonly ModelOptionView[], row: ShotRow): ModelOptionView | undefined {
  return models.find((m) => m.provider === row.provider && m.model === row.model);
}

/** The host's value of a draft key of this shot, for FieldDrafts.reconcile. */
export function hostFieldValue(row: ShotRow, field: string): string | undefined {
  if (field.startsWith('ref:')) return refText(row.refs[field.slice(4)]);
  if (field.startsWith('param:')) {
    const v = row.params[field.slice(6)];
    return v === undefined ? '' : String(v);
  }
  const v = row[field as Exclude<ShotField, 'modality'>];
  return v === undefined ? '' : String(v);
}

function textField(
  ctx: InspectorContext,
  field: Exclude<ShotField, 'modality'>,
  label: string,
  testid: string,
  opts: { multiline?: boolean; placeholder?: string; rows?: number } = {},
): TemplateResult {
  const { row, drafts } = ctx;
  const key = FieldDrafts.key(row.id, field);
  const value = drafts.value(key, row[field] ?? '');
  const onInput = (e: Event) =>
    drafts.input(key, (e.target as HTMLInputElement).value, (v) =>
      ctx.send({ type: 'setField', ids: [row.id], field, value: v }),
    );
  const control = opts.multiline
    ? html`<vscode-textarea
        data-testid=${testid}
        aria-label=${label}
        rows=${opts.rows ?? 3}
        resize="vertical"
        placeholder=${opts.placeholder ?? ''}
        .value=${live(value)}
        @input=${onInput}
        @focus=${() => drafts.focus(key)}
        @blur=${() => drafts.blur(key)}
      ></vscode-textarea>`
    : html`<vscode-textfield
        data-testid=${testid}
        aria-label=${label}
        placeholder=${opts.placeholder ?? ''}
        .value=${live(value)}
        @input=${onInput}
        @focus=${() => drafts.focus(key)}
        @blur=${() => drafts.blur(key)}
      ></vscode-textfield>`;
  return html`<div class="field field--${field}"><label class="field-label">${label}</label>${control}</div>`;
}

function modelPicker(ctx: InspectorContext, current: ModelOptionView | undefined): TemplateResult {
  const { row } = ctx;
  const choices = ctx.models.filter((m) => m.modality === row.modality);
  const value = modelKey(row.provider, row.model);
  return html`<div class="field field--model">
    <label class="field-label">Model</label>
    <vscode-single-select
      data-testid=${TID.inspModel}
      aria-label="Model"
      .value=${value}
      @change=${(e: Event) => {
        const m = choices.find((c) => modelKey(c.provider, c.model) === (e.target as HTMLSelectElement).value);
        if (m) ctx.send({ type: 'setModel', ids: [row.id], provider: m.provider, model: m.model });
      }}
    >
      ${current ? nothing : html`<vscode-option value=${value} selected>${row.modelLabel} (not in the catalog)</vscode-option>`}
      ${choices.map(
        (m) =>
          html`<vscode-option value=${modelKey(m.provider, m.model)} ?selected=${modelKey(m.provider, m.model) === value} description=${m.priceLabel}
            >${m.label} · ${m.provider}</vscode-option
          >`,
      )}
    </vscode-single-select>
    <div class="field-help" data-testid=${TID.inspModelInfo}>
      ${current ? `${current.priceLabel} · ${current.typicalTime}` : 'No price or typical time on file for this model.'}
    </div>
    ${current?.inputsNote ? html`<div class="field-help" data-testid=${TID.inspInputsNote}>${current.inputsNote}</div>` : nothing}
  </div>`;
}

function modalityPicker(ctx: InspectorContext): TemplateResult {
  const { row } = ctx;
  return html`<div class="field field--modality">
    <label class="field-label">Modality</label>
    <span class="modality-row">
      ${modalityIcon(row.modality)}
      <vscode-single-select
        data-testid=${TID.inspModality}
        aria-label="Modality"
        .value=${row.modality}
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value as Modality;
          if (value !== row.modality) ctx.send({ type: 'setField', ids: [row.id], field: 'modality', value });
        }}
      >
        ${MODALITIES.map((m) => html`<vscode-option value=${m} ?selected=${m === row.modality}>${m}</vscode-option>`)}
      </vscode-single-select>
    </span>
  </div>`;
}

export function renderShotInspector(ctx: InspectorContext): TemplateResult {
  const { row } = ctx;
  const model = modelOf(ctx.models, row);
  return html`<div class="inspector-body" data-testid=${TID.inspector} data-shot=${row.id}>
    <div class="inspector-title">
      <h2>${row.id}</h2>
      <button class="icon-btn" type="button" title="Open as text at this shot" aria-label="Open as text at this shot"
        @click=${() => ctx.send({ type: 'openText', id: row.id })}>${icon('go-to-file')}</button>
    </div>
    ${
      row.problems.length
        ? html`<ul class="problems" role="alert">
          ${row.problems.map((p) => html`<li>${icon('warning')} ${p}</li>`)}
        </ul>`
        : nothing
    }
    <div class="field-pair">
      ${textField(ctx, 'scene', 'Scene', TID.inspScene)} ${textField(ctx, 'group', 'Group', TID.inspGroup)}
    </div>
    ${modalityPicker(ctx)} ${modelPicker(ctx, model)}
    ${textField(ctx, 'prompt', 'Prompt', TID.inspPrompt, { multiline: true, rows: 5 })}
    <details class="settings" open>
      <summary>Settings${model ? ` for ${model.label}` : ''}</summary>
      ${renderParamsForm(
        { ids: [row.id], params: row.params, drafts: ctx.drafts, send: ctx.send, changed: ctx.changed },
        model?.fields ?? [],
      )}
    </details>
    ${renderRefs(ctx, model)}
    ${textField(ctx, 'notes', 'Notes', TID.inspNotes, { multiline: true, rows: 2 })}
    ${textField(ctx, 'output', 'Output path', TID.inspOutput, { placeholder: 'e.g. public/shots/s01.png' })}
  </div>`;
}
