// Keyboard on the queue table: up/down move focus and selection (shift extends), Home/End jump,
// space toggles the focused row, ctrl/cmd+A selects all visible rows, Enter goes to the inspector.
import { moveFocus, type Selection, selectAllVisible, toggleOne } from './selection';

/** The next selection, 'inspector' for Enter, or undefined when the key is not the table's. */
export function handleTableKey(
  e: KeyboardEvent,
  sel: Selection,
  ids: readonly string[],
): Selection | 'inspector' | undefined {
  // Keys typed into a control inside the table (a row checkbox) keep their own meaning.
  const mod = e.ctrlKey || e.metaKey;
  let next: Selection | 'inspector' | undefined;
  switch (e.key) {
    case 'ArrowDown':
      next = moveFocus(sel, ids, 1, e.shiftKey);
      break;
    case 'ArrowUp':
      next = moveFocus(sel, ids, -1, e.shiftKey);
      break;
    case 'Home':
      next = moveFocus(sel, ids, -ids.length, e.shiftKey);
      break;
    case 'End':
      next = moveFocus(sel, ids, ids.length, e.shiftKey);
      break;
    case ' ':
      next = sel.focus !== undefined ? toggleOne(sel, sel.focus) : undefined;
      break;
    case 'a':
    case 'A':
      next = mod ? selectAllVisible(sel, ids) : undefined;
      break;
    case 'Enter':
      next = sel.selected.size > 0 ? 'inspector' : undefined;
      break;
    case 'Escape':
      next = sel.selected.size > 0 ? { ...sel, selected: new Set() } : undefined;
      break;
  }
  if (next !== undefined) e.preventDefault();
  return next;
}
