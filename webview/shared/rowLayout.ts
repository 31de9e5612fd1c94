// The virtualizers' layout: lit-virtualizer's flow layout told the real row height up front.
// Its default first guess is 100 px a row and it keeps 1,000 px of rows beyond each edge of the view,
// so a list of 28 px rows is rendered in two passes (a third of the rows, then the rest once measured)
// and holds ~70 rows off screen. A right guess renders the first screen in one pass; a smaller
// overhang keeps fewer rows in the DOM. `_itemSize` and `_overhang` are the pinned 2.1.1's fields.
import { FlowLayout, type flow } from '@lit-labs/virtualizer/layouts/flow.js';

/** The package exports its layout types from a path it does not export; take them from FlowLayout. */
type LayoutArgs = ConstructorParameters<typeof FlowLayout>;

/** Pixels of rows kept beyond each edge of the view: a fast wheel turn scrolls about this far a frame. */
const OVERHANG_PX = 400;

/** A layout whose first guess is rows of `rowHeight` px; one constant per list, so it is never rebuilt. */
export function rowLayout(rowHeight: number): ReturnType<typeof flow> {
  class RowLayout extends FlowLayout {
    constructor(...args: LayoutArgs) {
      super(...args);
      this._itemSize = { width: 100, height: rowHeight };
      this._overhang = OVERHANG_PX;
    }
  }
  return { type: RowLayout };
}
