import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface VirtualListOptions {
  /** Fixed height of every row, in px. */
  rowHeight: number;
  /** Rows rendered above and below the visible ones. Default 8. */
  overscan?: number;
  /** Height of sticky content at the top of the scroller that covers rows (a header row), in px. */
  stickyTop?: number;
}

/**
 * A tiny fixed-row-height virtualizer (a few hundred bytes instead of @lit-labs/virtualizer): it watches a
 * scroll container and tells the host which slice of rows to render. Rows are positioned by the host at
 * `index * rowHeight` inside a spacer of `count * rowHeight` px, so the DOM stays bounded whatever the count.
 */
export class VirtualList implements ReactiveController {
  readonly rowHeight: number;
  readonly overscan: number;
  readonly stickyTop: number;
  #host: ReactiveControllerHost;
  #scroller?: HTMLElement;
  #ro?: ResizeObserver;
  /** The slice last handed to the host, and the count it was for. */
  #start = 0;
  #end = 0;
  #count = -1;
  #viewport = 0;

  constructor(host: ReactiveControllerHost, options: VirtualListOptions) {
    this.#host = host;
    this.rowHeight = options.rowHeight;
    this.overscan = options.overscan ?? 8;
    this.stickyTop = options.stickyTop ?? 0;
    host.addController(this);
  }

  /** Call with the scroll container once it is rendered (and again if it is replaced). */
  observe(scroller: HTMLElement | null | undefined): void {
    if (!scroller || scroller === this.#scroller) return;
    this.#unobserve();
    this.#scroller = scroller;
    scroller.addEventListener('scroll', this.#onScroll, { passive: true });
    if (typeof ResizeObserver !== 'undefined') {
      this.#ro = new ResizeObserver(this.#onScroll);
      this.#ro.observe(scroller);
    }
    this.#onScroll();
  }

  hostConnected(): void {
    if (this.#scroller) {
      const s = this.#scroller;
      this.#scroller = undefined;
      this.observe(s);
    }
  }

  hostDisconnected(): void {
    const s = this.#scroller;
    this.#unobserve();
    this.#scroller = s;
  }

  #unobserve() {
    this.#scroller?.removeEventListener('scroll', this.#onScroll);
    this.#ro?.disconnect();
    this.#ro = undefined;
    this.#scroller = undefined;
  }

  /** Re-renders only when visible rows fall outside the rendered slice (the overscan absorbs small scrolls). */
  #onScroll = () => {
    const [first, last] = this.#visible();
    if (this.#count < 0) return;
    if (first < this.#start || Math.min(last, this.#count) > this.#end) this.#host.requestUpdate();
  };

  /** First and last (exclusive) visible row indices, ignoring the count. */
  #visible(): [number, number] {
    const s = this.#scroller?.isConnected ? this.#scroller : undefined; // a replaced scroller no longer counts
    const h = this.rowHeight;
    const top = s ? Math.max(0, s.scrollTop) : 0;
    // Before the scroller exists (or after it was replaced), assume a screenful; the overscan covers the rest.
    const viewport = s ? s.clientHeight - this.stickyTop : Math.max(this.#viewport, 640);
    if (s) this.#viewport = viewport;
    return [Math.floor(top / h), Math.ceil((top + Math.max(viewport, h)) / h)];
  }

  /** The slice `[start, end)` to render for `count` rows. */
  range(count: number): [number, number] {
    const [first, last] = this.#visible();
    this.#count = count;
    this.#start = Math.max(0, Math.min(first, count) - this.overscan);
    this.#end = Math.min(count, last + this.overscan);
    return [this.#start, this.#end];
  }

  /** Scrolls the least amount that makes row `index` fully visible below the sticky header. */
  scrollToIndex(index: number): void {
    const s = this.#scroller;
    if (!s) return;
    const top = index * this.rowHeight;
    const view = s.clientHeight - this.stickyTop;
    if (top < s.scrollTop) s.scrollTop = top;
    else if (top + this.rowHeight > s.scrollTop + view) s.scrollTop = top + this.rowHeight - view;
    this.#onScroll();
  }
}
