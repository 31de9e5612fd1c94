// The inspector's references: one box per file input of the shot's model (and any other reference
// the file has). Each takes a workspace path or shot:<id> typed in, a file dropped from the VS Code
// explorer (its URI; the host makes it a workspace path), a shot dragged from the table, or a file
// picked with Browse… (the host's open dialog). Edits go to the host, which writes the shot list.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ModelOptionView, RefFieldView } from '../../../src/extension/queue/queueProtocol';
import { icon } from '../../shared/icons';
import { FieldDrafts } from '../fieldDrafts';
import { TID } from '../testids';
import type { InspectorContext } from './shotInspector';

/** The drag type a table row carries (its shot id); text/plain carries `shot:<id>` for other targets. */
export const SHOT_DRAG_TYPE = 'application/vnd.genqueue.shot';
/** VS Code's explorer sets its own type; other sources (the OS) set the standard one. */
const URI_LIST_TYPES = ['application/vnd.code.uri-list', 'text/uri-list'];

/** The draft key of a reference box. */
export const refKey = (id: string, field: string) => FieldDrafts.key(id, `ref:${field}`);

/** A reference as the box shows it (a list joined). */
export function refText(value: string | string[] | undefined): string {
  return value === undefined ? '' : typeof value === 'string' ? value : value.join(', ');
}

/** What a drop onto a reference box means, or undefined when it carries nothing usable. */
export function dropped(dt: DataTransfer | null): { value: string } | { uri: string } | undefined {
  if (!dt) return undefined;
  const shot = dt.getData(SHOT_DRAG_TYPE);
  if (shot) return { value: `shot:${shot}` };
  for (const type of URI_LIST_TYPES) {
    // RFC 2483: one URI per line, lines starting with "#" are comments.
    const first = dt
      .getData(type)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l && !l.startsWith('#'));
    if (first) return { uri: first };
  }
  const text = dt.getData('text/plain').trim();
  return text.startsWith('shot:') ? { value: text } : undefined;
}

function fieldsOf(model: ModelOptionView | undefined, refs: Record<string, string | string[]>): RefFieldView[] {
  const fields = [...(model?.fileFields ?? [])];
  for (const name of Object.keys(refs)) {
    if (!fields.some((f) => f.name === name)) fields.push({ name, label: name, multiple: false, required: false });
  }
  return fields;
}

function refBox(ctx: InspectorContext, field: RefFieldView): TemplateResult {
  const { row, drafts } = ctx;
  const key = refKey(row.id, field.name);
  const value = drafts.value(key, refText(row.refs[field.name]));
  const set = (v: string) =>
    ctx.send(
      v.trim() === ''
        ? { type: 'setRef', id: row.id, field: field.name }
        : { type: 'setRef', id: row.id, field: field.name, value: v.trim() },
    );
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    (e.currentTarget as HTMLElement).classList.remove('ref--over');
    const what = dropped(e.dataTransfer);
    if (!what) return;
    drafts.blur(key);
    if ('uri' in what) ctx.send({ type: 'dropRef', id: row.id, field: field.name, uri: what.uri });
    else set(what.value);
  };
  const media = field.media && field.media !== 'any' ? ` (${field.media}${field.multiple ? 's' : ''})` : '';
  return html`<div
    class="ref"
    data-testid=${TID.inspRef(field.name)}
    @dragover=${(e: DragEvent) => {
      e.preventDefault();
      (e.currentTarget as HTMLElement).classList.add('ref--over');
    }}
    @dragleave=${(e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove('ref--over')}
    @drop=${onDrop}
  >
    <label class="field-label">${field.label}${media}${field.required ? ' *' : ''}</label>
    <div class="ref-row">
      <vscode-textfield
        data-testid=${TID.inspRefInput(field.name)}
        aria-label="${field.label}: a workspace path or shot:<id>"
        placeholder="Drop a file or a shot, or type a path or shot:<id>"
        .value=${live(value)}
        @input=${(e: Event) => drafts.input(key, (e.target as HTMLInputElement).value, set)}
        @focus=${() => drafts.focus(key)}
        @blur=${() => drafts.blur(key)}
      ></vscode-textfield>
      <vscode-button secondary data-testid=${TID.inspRefBrowse(field.name)}
        @click=${() => ctx.send({ type: 'browseRef', id: row.id, field: field.name })}>Browse…</vscode-button>
      ${
        row.refs[field.name] !== undefined
          ? html`<button class="icon-btn" type="button" title="Remove this reference" aria-label="Remove ${field.label}"
            data-testid=${TID.inspRefClear(field.name)} @click=${() => set('')}>${icon('close')}</button>`
          : nothing
      }
    </div>
  </div>`;
}

export function renderRefs(ctx: InspectorContext, model: ModelOptionView | undefined): TemplateResult {
  const fields = fieldsOf(model, ctx.row.refs);
  return html`<div class="field field--refs" data-testid=${TID.inspRefs}>
    <label class="field-label">References</label>
    ${
      fields.length
        ? fields.map((f) => refBox(ctx, f))
        : html`<div class="muted">${model ? `${model.label} takes no files.` : 'This model lists no file inputs.'}</div>`
    }
    ${
      ctx.row.from
        ? html`<div class="field-help">Made from the chosen take of ${ctx.row.from.join(', ')}: Generate makes ${ctx.row.from.length > 1 ? 'them' : 'it'} first when ${ctx.row.from.length > 1 ? 'they have' : 'it has'} no take or a stale one.</div>`
        : nothing
    }
  </div>`;
}
