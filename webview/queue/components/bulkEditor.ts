// The inspector with several shots selected: set the model (when they share one modality) or one
// param on all of them at once (setModel / setParam with every selected id).
import { html, nothing, type TemplateResult } from 'lit';
import type {
  ModelFieldView,
  ModelOptionView,
  QueueWebviewMessage,
  ShotRow,
} from '../../../src/extension/queue/queueProtocol';
import { TID } from '../testids';
import { paramProblem, parseParam } from './paramsForm';
import { modelKey } from './shotInspector';

export interface BulkState {
  param: string;
  value: string;
}

export interface BulkContext {
  rows: readonly ShotRow[];
  models: readonly ModelOptionView[];
  state: BulkState;
  setState(patch: Partial<BulkState>): void;
  send(message: QueueWebviewMessage): void;
}

/** Every field any selected shot's model takes, by name (the first definition wins). */
export function bulkFields(rows: readonly ShotRow[], models: readonly ModelOptionView[]): ModelFieldView[] {
  const byName = new Map<string, ModelFieldView>();
  const used = new Set(rows.map((r) => modelKey(r.provider, r.model)));
  for (const m of models) {
    if (!used.has(modelKey(m.provider, m.model))) continue;
    for (const f of m.fields) if (!byName.has(f.name)) byName.set(f.name, f);
  }
  return [...byName.values()];
}

function valueControl(ctx: BulkContext, f: ModelFieldView): TemplateResult {
  const onValue = (e: Event) => ctx.setState({ value: String((e.target as HTMLInputElement).value) });
  if (f.kind === 'enum') {
    return html`<select class="native-select" data-testid=${TID.bulkParamValue} aria-label="Value" .value=${ctx.state.value} @change=${onValue}>
      <option value="" ?selected=${ctx.state.value === ''}>Default</option>
      ${(f.options ?? []).map((o) => html`<option value=${o} ?selected=${o === ctx.state.value}>${o}</option>`)}
    </select>`;
  }
  if (f.kind === 'boolean') {
    return html`<vscode-checkbox
      data-testid=${TID.bulkParamValue}
      label=${f.label}
      .checked=${ctx.state.value === 'true'}
      @change=${(e: Event) => ctx.setState({ value: String((e.target as HTMLInputElement).checked) })}
    ></vscode-checkbox>`;
  }
  return html`<vscode-textfield
    data-testid=${TID.bulkParamValue}
    aria-label="Value"
    type=${f.kind === 'string' || f.kind === 'json' ? 'text' : 'number'}
    placeholder="Empty = the model's default"
    .value=${ctx.state.value}
    @input=${onValue}
  ></vscode-textfield>`;
}

export function renderBulkEditor(ctx: BulkContext): TemplateResult {
  const { rows } = ctx;
  const ids = rows.map((r) => r.id);
  const modalities = [...new Set(rows.map((r) => r.modality))];
  const modality = modalities.length === 1 ? modalities[0] : undefined;
  const choices = modality ? ctx.models.filter((m) => m.modality === modality) : [];
  const fields = bulkFields(rows, ctx.models);
  const field = fields.find((f) => f.name === ctx.state.param);
  const problem = field ? paramProblem(field, ctx.state.value) : undefined;
  const apply = () => {
    if (!field || problem) return;
    const value = field.kind === 'boolean' ? ctx.state.value === 'true' : parseParam(field, ctx.state.value);
    ctx.send({ type: 'setParam', ids, name: field.name, value });
  };
  return html`<div class="inspector-body" data-testid=${TID.bulk}>
    <div class="inspector-title"><h2>${rows.length} shots selected</h2></div>
    <div class="field">
      <label class="field-label">Set the model of all ${rows.length}</label>
      ${
        modality
          ? html`<select
            class="native-select"
            data-testid=${TID.bulkModel}
            aria-label="Model for all selected shots"
            @change=${(e: Event) => {
              const m = choices.find((c) => modelKey(c.provider, c.model) === (e.target as HTMLSelectElement).value);
              if (m) ctx.send({ type: 'setModel', ids, provider: m.provider, model: m.model });
            }}
          >
            <option value="" selected>Choose a ${modality} model…</option>
            ${choices.map((m) => html`<option value=${modelKey(m.provider, m.model)} title=${m.priceLabel}>${m.label} · ${m.provider}</option>`)}
          </select>`
          : html`<div class="muted" data-testid=${TID.bulkModelNote}>
            The selection mixes ${modalities.join(', ')} shots: select shots of one modality to set their model.
          </div>`
      }
    </div>
    <div class="field">
      <label class="field-label">Set a setting on all ${rows.length}</label>
      <select
        class="native-select"
        data-testid=${TID.bulkParamName}
        aria-label="Setting"
        .value=${ctx.state.param}
        @change=${(e: Event) => ctx.setState({ param: (e.target as HTMLSelectElement).value, value: '' })}
      >
        <option value="" ?selected=${!field}>Choose a setting…</option>
        ${fields.map((f) => html`<option value=${f.name} ?selected=${f === field}>${f.label}</option>`)}
      </select>
      ${field ? valueControl(ctx, field) : nothing}
      ${problem ? html`<div class="field-problem" role="alert">${problem}</div>` : nothing}
      <vscode-button data-testid=${TID.bulkParamApply} ?disabled=${!field || problem !== undefined} @click=${apply}
        >Apply to ${rows.length} shots</vscode-button
      >
      ${fields.length === 0 ? html`<div class="muted">The selected shots' models have no settings on file.</div>` : nothing}
    </div>
  </div>`;
}
