/**
 * Places a floating panel (the `<ab-source-picker>` dropdown) next to its anchor.
 *
 * Written here instead of using @floating-ui/dom: that library added ~6.4 kB gzip to `dist/cdn/`, which
 * does not fit the kit's 35 kB budget (issue 9), and the kit needs only this one placement: below the
 * anchor, flipped above when it does not fit and there is more room there, shifted to stay inside the
 * viewport horizontally, its height capped to the room left.
 */

export interface Placement {
  x: number;
  y: number;
  placement: 'bottom' | 'top';
  /** The height the panel may take on that side (at least `minHeight`). */
  maxHeight: number;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Gap between the anchor and the panel. */
const OFFSET = 4;
/** Room kept free at the viewport's edges. */
const PADDING = 8;
/** The panel never gets less height than this, even with no room on either side. */
const MIN_HEIGHT = 96;

/**
 * Where to put a `floating` box (its natural size) for an `anchor` rect, in a viewport of `vw` × `vh` (all in
 * viewport coordinates, as for `position: fixed`). `rtl` aligns the right edges instead of the left ones.
 */
export function place(anchor: Rect, floating: { width: number; height: number }, vw: number, vh: number, rtl = false): Placement {
  const bottom = anchor.y + anchor.height + OFFSET;
  const below = vh - PADDING - bottom;
  const above = anchor.y - OFFSET - PADDING;
  const top = floating.height > below && above > below;
  const maxHeight = Math.max(MIN_HEIGHT, Math.floor(top ? above : below));
  const x = rtl ? anchor.x + anchor.width - floating.width : anchor.x;
  return {
    x: Math.max(PADDING, Math.min(x, vw - PADDING - floating.width)),
    y: top ? anchor.y - OFFSET - Math.min(floating.height, maxHeight) : bottom,
    placement: top ? 'top' : 'bottom',
    maxHeight,
  };
}

/**
 * Calls `update` now, whenever the page scrolls (any scroller of the document, by capture) or the window is
 * resized, and in the next frame when either element changes size (not from inside the observer, where moving
 * the panel would loop). Returns the cleanup.
 */
export function autoPosition(anchor: Element, floating: Element, update: () => void): () => void {
  let frame = 0;
  const ro = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(update);
  });
  ro.observe(anchor);
  ro.observe(floating);
  addEventListener('scroll', update, true);
  addEventListener('resize', update);
  update();
  return () => {
    ro.disconnect();
    cancelAnimationFrame(frame);
    removeEventListener('scroll', update, true);
    removeEventListener('resize', update);
  };
}
