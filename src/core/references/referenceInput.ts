// The input a provider receives: the job's own input with each reference's uploaded URL put in
// its field. Dotted field names nest ("voice_setting.audio"); a list field (`files`, refs with an
// index) becomes an array in index order. Pure: the same job always gives the same input, which
// is what reconcile compares against the provider's copy.
import type { JobReference } from './referenceTypes';

/** The key of a reference in `job.refUrls`: `field`, or `field[index]` for a list field. */
export function refUrlKey(ref: Pick<JobReference, 'field' | 'index'>): string {
  return ref.index === undefined ? ref.field : `${ref.field}[${ref.index}]`;
}

export function inputWithRefs(
  input: Record<string, unknown>,
  refs: readonly JobReference[] | undefined,
  refUrls: Readonly<Record<string, string>> | undefined,
): Record<string, unknown> {
  if (!refs?.length || !refUrls) return input;
  const values = new Map<string, { list: boolean; items: { index: number; url: string }[] }>();
  for (const ref of refs) {
    const url = refUrls[refUrlKey(ref)];
    if (url === undefined) continue;
    const slot = values.get(ref.field) ?? { list: ref.index !== undefined, items: [] };
    slot.items.push({ index: ref.index ?? 0, url });
    values.set(ref.field, slot);
  }
  if (values.size === 0) return input;
  const out = structuredClone(input);
  for (const [field, slot] of values) {
    const urls = slot.items.sort((a, b) => a.index - b.index).map((i) => i.url);
    setPath(out, field.split('.'), slot.list ? urls : urls[0]);
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}
