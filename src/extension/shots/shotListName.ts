// The name a new shot list is saved under: one file name (no folders), `<name>.shots.yaml`.
const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]*$/;
const MAX_NAME = 100;

export type ShotListName = { ok: true; name: string } | { ok: false; message: string };

export function shotListName(input: string): ShotListName {
  const name = input
    .trim()
    .replace(/\.shots\.yaml$/i, '')
    .replace(/\.ya?ml$/i, '');
  if (name === '') return { ok: false, message: 'Type a name, e.g. storyboard.' };
  if (name.length > MAX_NAME) return { ok: false, message: `Use at most ${MAX_NAME} characters.` };
  if (!NAME.test(name) || name.endsWith('.')) {
    return { ok: false, message: 'Use letters, digits, spaces, dots, dashes and underscores (no folders).' };
  }
  return { ok: true, name };
}
