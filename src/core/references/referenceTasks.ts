// The job types that read references, told apart by a model's modality and file fields (so the
// offline models and hand-typed models with a schema sort themselves without a tag in the catalog).
import type { CatalogModel, ModelField } from '../modelCatalog';
import type { MediaKind } from './referenceTypes';

export type ReferenceTask = 'image-to-video' | 'talking-head' | 'image-edit' | 'voice-clone';

export const REFERENCE_TASKS: readonly ReferenceTask[] = [
  'image-to-video',
  'talking-head',
  'image-edit',
  'voice-clone',
];

export function isFileField(f: ModelField): boolean {
  return f.type === 'file' || f.type === 'files';
}

/** The file fields a person fills in, required ones first (each group in the catalog's order). */
export function fileFields(model: Pick<CatalogModel, 'fields'>): ModelField[] {
  const files = model.fields.filter(isFileField);
  return [...files.filter((f) => f.required), ...files.filter((f) => !f.required)];
}

function reads(model: CatalogModel, media: MediaKind): boolean {
  return model.fields.some((f) => isFileField(f) && f.media === media);
}

/** Which reference job a model does, or undefined for a model that reads no file. */
export function referenceTask(model: CatalogModel): ReferenceTask | undefined {
  if (!model.fields.some(isFileField)) return undefined;
  if (model.modality === 'video') {
    // A talking head or lip-sync follows a voice line; image-to-video starts from a still.
    if (reads(model, 'audio')) return 'talking-head';
    if (reads(model, 'image')) return 'image-to-video';
    return undefined;
  }
  if (model.modality === 'image' && reads(model, 'image')) return 'image-edit';
  if ((model.modality === 'speech' || model.modality === 'audio') && reads(model, 'audio')) return 'voice-clone';
  return undefined;
}

/** A model that cannot run without a reference (kept out of the plain Generate lists). */
export function needsReference(model: CatalogModel): boolean {
  return model.fields.some((f) => isFileField(f) && f.required === true);
}
