import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { initialState, Task, TaskStatus } from '@lit/task';
import { autoUpdate, computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import type { EmbeddedClient } from '../../api/client.js';
import { isAbortError } from '../../api/errors.js';
import type { SourceTemplateListItem } from '../../api/types.js';
import { AbApiElement } from '../../internal/api-element.js';
import { createIndex, fold, fuzzySearch, type FuzzyIndex } from '../../internal/fuzzy.js';
import { liveRegion } from '../../internal/live-region.js';
import { hostStyles } from '../../internal/theme.styles.js';
import { iconSrc, initials } from './icon.js';
import { AbSourceSelectEvent } from './source-picker.events.js';
import { styles } from './source-picker.styles.js';
import { parseTags, type SourcePickerTagsMode, type SourcePickerVariant } from './source-picker.types.js';

/** Lists longer than this render only the rows in view. */
const FULL_RENDER_LIMIT = 200;
/** Rows rendered beyond the visible ones, above and below. */
const OVERSCAN = 3;
const TYPEAHEAD_MS = 600;
const ANNOUNCE_MS = 350;

interface Result {
  t: SourceTemplateListItem;
  /** Matched `[start, end, …]` ranges of the name. */
  r: number[];
}

const tagsConverter = {
  fromAttribute: (v: string | null) => parseTags(v),
  toAttribute: (v: string[]) => parseTags(v).join(' '),
};

/** Lit template for a name with its matched ranges wrapped in `<mark part="highlight">`. */
function highlight(name: string, ranges: number[]): string | (string | TemplateResult)[] {
  if (!ranges.length) return name;
  const out: (string | TemplateResult)[] = [];
  let p = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    const s = ranges[i]!;
    const e = ranges[i + 1]!;
    if (s > p) out.push(name.slice(p, s));
    out.push(html`<mark part="highlight">${name.slice(s, e)}</mark>`);
    p = e;
  }
  if (p < name.length) out.push(name.slice(p));
  return out;
}

const supportsPopover = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

/**
 * @summary The workspace's source templates: searchable (typo-tolerant), tag-filtered and keyboard-first.
 * @tag ab-source-picker
 *
 * Loads `GET /api/v1/embedded/source-templates` with `token` (or uses `templates` as given), shows them as
 * a grid of cards, a list, or a dropdown combobox, and fires `ab-source-select` when the user picks one.
 *
 * @slot label - The label, instead of the `label` attribute.
 * @slot empty - Shown when there are no templates at all.
 *
 * @csspart base - The wrapper of everything.
 * @csspart label - The label.
 * @csspart field - The box around the search input (and the dropdown toggle).
 * @csspart input - The search input (the combobox in the `dropdown` variant).
 * @csspart toggle - The open/close button of the `dropdown` variant.
 * @csspart tags-filter - The group of tag filter chips.
 * @csspart tag-chip - One tag filter chip (a toggle button).
 * @csspart popover - The floating panel of the `dropdown` variant.
 * @csspart listbox - The list of templates.
 * @csspart option - One template (also `selected` / `active` parts when it is).
 * @csspart selected - The selected option.
 * @csspart active - The option the keyboard is on.
 * @csspart icon - A template icon (an `<img>`, or the initials when there is no usable icon).
 * @csspart initials - The initials shown instead of a missing or broken icon.
 * @csspart name - A template name.
 * @csspart tags - The tags of a template.
 * @csspart tag - One tag of a template.
 * @csspart highlight - The part of a name that matches the search (`<mark>`).
 * @csspart skeleton - A placeholder shown while loading.
 * @csspart empty - The "no templates" message.
 * @csspart no-results - The "nothing matches" message.
 * @csspart error - The error message with its Retry button.
 * @csspart retry - The Retry button.
 *
 * @cssproperty --ab-source-picker-max-height - Height of the scrolling list (and of the dropdown panel). Default `26rem`.
 * @cssproperty --ab-source-picker-card-min-width - Minimum width of a grid card. Default `10rem`.
 * @cssproperty --ab-source-picker-card-height - Height of a grid card. Default `7.25rem`.
 * @cssproperty --ab-source-picker-row-height - Height of a list or dropdown row. Default `3rem`.
 * @cssproperty --ab-source-picker-icon-size - Size of the icons. Default `28px`.
 * @cssproperty --ab-source-picker-popover-min-width - Minimum width of the dropdown panel. Default `16rem`.
 * @cssproperty --ab-source-picker-icon-bg - Backdrop of the icons. Default transparent; light grey in the dark theme.
 *
 * @cssstate loading - Templates are being fetched.
 * @cssstate empty - There are no templates.
 * @cssstate error - Loading failed.
 * @cssstate no-results - Nothing matches the search or the tag chips.
 * @cssstate open - The dropdown is open.
 *
 * @fires ab-source-select - The user chose a template: `{templateId, name, icon, tags}`. Cancelable: `preventDefault()` keeps the previous value.
 * @fires ab-error - Loading failed: `{code, message, status?}`.
 * @fires ab-token-expired - The token was rejected and no `tokenProvider` renewed it.
 */
export class AbSourcePicker extends AbApiElement {
  /** @internal */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [hostStyles, styles];

  /** Only templates with these tags (space- or comma-separated; an array as a property). Sent to the API and applied to `templates` too. */
  @property({ converter: tagsConverter }) accessor tags: string[] = [];

  /** `any` (default): a template needs one of `tags`; `all`: every one. */
  @property({ attribute: 'tags-mode' }) accessor tagsMode: SourcePickerTagsMode = 'any';

  /** Accessible, visible label (default "Choose a data source"); or use the `label` slot. */
  @property() accessor label = '';

  /** Placeholder of the search box. */
  @property() accessor placeholder = '';

  /** `grid` (cards, default), `list`, or `dropdown` (a combobox with a floating list). */
  @property({ reflect: true }) accessor variant: SourcePickerVariant = 'grid';

  /** Id of the selected template. */
  @property() accessor value = '';

  /** Templates to show instead of loading them (no API call): for Storybook and custom backends. */
  @property({ attribute: false }) accessor templates: SourceTemplateListItem[] | undefined = undefined;

  /** A host predicate: only templates for which it returns true are shown. */
  @property({ attribute: false }) accessor filter: ((template: SourceTemplateListItem) => boolean) | undefined = undefined;

  /** Whether the `dropdown` variant's list is open. */
  @property({ type: Boolean, reflect: true }) accessor open = false;

  @state() private accessor query = '';
  /** What the dropdown's input shows: the typed query, or the selected template's name. */
  @state() private accessor inputText = '';
  @state() private accessor activeId = '';
  @state() private accessor chips: ReadonlySet<string> = new Set();
  @state() private accessor brokenIcons: ReadonlySet<string> = new Set();
  @state() private accessor listScroll = 0;

  private get input() {
    return this.renderRoot?.querySelector?.<HTMLInputElement>('#input') ?? null;
  }
  private get listbox() {
    return this.renderRoot?.querySelector?.<HTMLElement>('#listbox') ?? null;
  }
  private get popoverEl() {
    return this.renderRoot?.querySelector?.<HTMLElement>('#popover') ?? null;
  }
  private get field() {
    return this.renderRoot?.querySelector?.<HTMLElement>('#field') ?? null;
  }

  private readonly internals: ElementInternals | undefined = this.attachInternals?.();

  private readonly loader = new Task(this, {
    args: () => [this.templates === undefined ? this.api : undefined, this.tagsKey, this.tagsMode] as const,
    task: async ([api, tagsKey, mode]: readonly [EmbeddedClient | undefined, string, SourcePickerTagsMode], { signal }) => {
      if (!api) return initialState;
      try {
        const list = await api.listSourceTemplates({ tags: tagsKey ? tagsKey.split('\n') : undefined, tagsMode: mode === 'all' ? 'all' : 'any' }, { signal });
        signal.throwIfAborted();
        return list;
      } catch (e) {
        if (!signal.aborted) this.reportError(e);
        throw e;
      }
    },
  });

  // Derived (willUpdate).
  private base: SourceTemplateListItem[] = [];
  private baseSource: unknown;
  private index: FuzzyIndex | undefined;
  private allTags: string[] = [];
  private results: Result[] = [];
  private resultIds = new Map<string, number>();
  private selected: SourceTemplateListItem | undefined;

  private abortedOnDisconnect = false;
  private stopAutoUpdate: (() => void) | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private typeahead = { text: '', at: 0 };
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private scrollFrame = 0;
  private warnedFilter = false;
  /** Measured row height (with the gap), grid columns and list height; 0 = not measured yet. */
  private metrics = { row: 0, cols: 0, view: 0 };
  private lastScrollTop = 0;
  private collator: Intl.Collator | undefined;

  private get tagsKey(): string {
    return parseTags(this.tags).join('\n');
  }

  private get isDropdown(): boolean {
    return this.variant === 'dropdown';
  }

  /** `loading` | `error` | `ready`, and the list when ready. */
  private get status(): 'loading' | 'error' | 'ready' {
    if (this.templates !== undefined) return 'ready';
    const s = this.loader.status;
    if (s === TaskStatus.COMPLETE) return 'ready';
    if (s === TaskStatus.ERROR) return isAbortError(this.loader.error) ? 'loading' : 'error';
    return 'loading';
  }

  private get source(): unknown {
    if (this.templates !== undefined) return this.templates;
    return this.loader.status === TaskStatus.COMPLETE ? this.loader.value : undefined;
  }

  // ------------------------------------------------------------------ lifecycle

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.abortedOnDisconnect) {
      this.abortedOnDisconnect = false;
      void this.loader.run();
    }
    if (this.hasUpdated) this.observeListbox();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.loader.status === TaskStatus.PENDING) {
      this.loader.abort();
      this.abortedOnDisconnect = true;
    }
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = undefined;
    this.open = false;
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    clearTimeout(this.announceTimer);
    cancelAnimationFrame(this.scrollFrame);
  }

  override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed as PropertyValues<this>);
    const source = this.source;
    const baseChanged = source !== this.baseSource || changed.has('filter') || changed.has('tags') || changed.has('tagsMode');
    if (baseChanged) this.computeBase(source);
    const searchChanged = changed.has('query') || changed.has('chips');
    if (baseChanged || searchChanged) {
      this.computeResults();
      if (searchChanged && (this.query || this.chips.size || changed.get('query'))) this.scheduleAnnounce();
      if (searchChanged) this.listScroll = 0;
    }
    if (baseChanged || changed.has('value')) {
      const v = this.value;
      this.selected = v ? this.base.find((t) => t.id === v) : undefined;
    }
    if (this.isDropdown && (baseChanged || changed.has('value') || changed.has('variant')) && !this.query) {
      this.inputText = this.selected?.name ?? '';
    }
    if (this.activeId && !this.resultIds.has(this.activeId)) this.activeId = '';
    if (this.isDropdown && changed.has('query') && this.query) this.activeId = this.results[0]?.t.id ?? '';
    if (this.open && (!this.isDropdown || this.status === 'error' || (this.status === 'ready' && !this.base.length))) this.open = false;
    this.syncStates();
  }

  override firstUpdated(): void {
    this.observeListbox();
    // A picker with nothing to load shows its skeleton forever: tell the developer why.
    setTimeout(() => {
      if (this.isConnected && this.templates === undefined && !this.api) console.warn('[ab-source-picker] No `token`, `client` or `templates` was set after 3 s; the picker keeps showing its loading state.');
    }, 3000);
  }

  override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('variant') && changed.get('variant') !== undefined) this.observeListbox();
    if (changed.has('open') || changed.has('variant')) this.syncPopover();
    if ((changed.has('query') || changed.has('chips')) && this.lastScrollTop) {
      const lb = this.listbox;
      if (lb) lb.scrollTop = this.lastScrollTop = 0;
    }
    if (changed.has('activeId') && this.activeId) this.revealActive();
  }

  // ------------------------------------------------------------------ derived data

  private computeBase(source: unknown): void {
    this.baseSource = source;
    let list: SourceTemplateListItem[] = [];
    if (Array.isArray(source)) {
      list = source.filter((t): t is SourceTemplateListItem => !!t && typeof t === 'object' && typeof t.id === 'string' && typeof t.name === 'string');
      if (list.length !== source.length) console.warn('[ab-source-picker] Ignored templates without a string `id` and `name`.');
    } else if (source !== undefined && source !== null) {
      console.warn('[ab-source-picker] `templates` must be an array of {id, name, icon, tags}.');
    }
    const want = parseTags(this.tags);
    if (want.length) {
      const all = this.tagsMode === 'all';
      list = list.filter((t) => {
        const have = Array.isArray(t.tags) ? t.tags : [];
        return all ? want.every((w) => have.includes(w)) : want.some((w) => have.includes(w));
      });
    }
    const filter = this.filter;
    if (typeof filter === 'function') {
      list = list.filter((t) => {
        try {
          return !!filter(t);
        } catch (e) {
          if (!this.warnedFilter) console.warn('[ab-source-picker] `filter` threw; the template is kept.', e);
          this.warnedFilter = true;
          return true;
        }
      });
    }
    this.base = list;
    this.index = undefined;
    const tags = new Set<string>();
    for (const t of list) if (Array.isArray(t.tags)) for (const tag of t.tags) if (typeof tag === 'string' && tag) tags.add(tag);
    this.collator ??= new Intl.Collator(this.locale);
    this.allTags = [...tags].sort(this.collator.compare);
    if ([...this.chips].some((c) => !tags.has(c))) this.chips = new Set([...this.chips].filter((c) => tags.has(c)));
  }

  private computeResults(): void {
    const base = this.base;
    const chips = this.chips;
    let subset: number[] | undefined;
    if (chips.size && this.allTags.length > 1) {
      subset = [];
      for (let i = 0; i < base.length; i++) if (base[i]!.tags?.some((tag) => chips.has(tag))) subset.push(i);
    }
    const q = this.query.trim();
    let results: Result[];
    if (!q) {
      results = subset ? subset.map((i) => ({ t: base[i]!, r: [] })) : base.map((t) => ({ t, r: [] }));
    } else {
      this.index ??= createIndex(base.map((t) => t.name));
      results = fuzzySearch(this.index, q, subset).map((m) => ({ t: base[m.index]!, r: m.ranges }));
    }
    this.results = results;
    const ids = new Map<string, number>();
    results.forEach((r, i) => ids.set(r.t.id, i));
    this.resultIds = ids;
  }

  private syncStates(): void {
    const states = this.internals?.states;
    if (!states) return;
    const s = this.status;
    const set = (name: string, on: boolean) => {
      try {
        if (on) states.add(name);
        else states.delete(name);
      } catch {
        /* older engines without CustomStateSet names */
      }
    };
    set('loading', s === 'loading');
    set('error', s === 'error');
    set('empty', s === 'ready' && !this.base.length);
    set('no-results', s === 'ready' && !!this.base.length && !this.results.length);
    set('open', this.open);
  }

  private scheduleAnnounce(): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      if (this.status === 'ready' && this.base.length) this.announce(this.t('pickerResultCount', this.results.length));
    }, ANNOUNCE_MS);
  }

  // ------------------------------------------------------------------ windowing

  /** Lists of up to 200 templates render in full; longer ones (and their search results) only the rows in view. */
  private get windowed(): boolean {
    return this.base.length > FULL_RENDER_LIMIT && this.results.length > 24;
  }

  /** Grid columns for windowing: measured, else a guess from the default card width (corrected on measure). */
  private get cols(): number {
    return this.variant === 'grid' ? this.metrics.cols || 6 : 1;
  }

  /** Columns of the grid as laid out now. */
  private readCols(): number {
    const lb = this.listbox;
    if (this.variant !== 'grid' || !lb) return 1;
    return Math.max(1, getComputedStyle(lb).gridTemplateColumns.split(' ').filter(Boolean).length);
  }

  private rowHeight(): number {
    // Defaults = the default CSS sizes (card 7.25rem + 8px gap, row 3rem + 2px gap), so a first render
    // with default styles needs no correction.
    return this.metrics.row || (this.variant === 'grid' ? 124 : 50);
  }

  /** Slice of `results` to render and the padding that stands in for the rest. */
  private range(): { from: number; to: number; before: number; after: number } {
    const n = this.results.length;
    if (!this.windowed) return { from: 0, to: n, before: 0, after: 0 };
    const cols = this.cols;
    const rowH = this.rowHeight();
    const rows = Math.ceil(n / cols);
    const view = this.metrics.view || 416;
    const first = Math.max(0, Math.min(rows, Math.floor(this.listScroll / rowH)) - OVERSCAN);
    const last = Math.min(rows, Math.ceil((this.listScroll + view) / rowH) + OVERSCAN);
    return { from: first * cols, to: Math.min(n, last * cols), before: first * rowH, after: Math.max(0, rows - last) * rowH };
  }

  private observeListbox(): void {
    const lb = this.listbox;
    if (!lb || typeof ResizeObserver === 'undefined') return;
    this.resizeObserver?.disconnect();
    this.resizeObserver = new ResizeObserver(() => this.measure());
    this.resizeObserver.observe(lb);
  }

  /**
   * Reads row height, columns and height of the list for windowing. Runs from the ResizeObserver (after
   * layout, before paint), never during an update, so typing forces no synchronous layout.
   */
  private measure(): void {
    const lb = this.listbox;
    if (!lb || lb.hidden || !lb.clientHeight) return;
    const option = lb.querySelector<HTMLElement>('[role=option]');
    const cs = getComputedStyle(lb);
    const m = this.metrics;
    const next = {
      row: option ? option.offsetHeight + (parseFloat(cs.rowGap) || 0) : m.row,
      cols: this.variant === 'grid' ? Math.max(1, cs.gridTemplateColumns.split(' ').filter(Boolean).length) : 1,
      view: lb.clientHeight,
    };
    if (next.row === m.row && next.cols === m.cols && next.view === m.view) return;
    this.metrics = next;
    if (this.windowed) this.requestUpdate();
  }

  private onScroll = () => {
    const lb = this.listbox;
    if (!lb) return;
    this.lastScrollTop = lb.scrollTop;
    if (!this.windowed) return;
    cancelAnimationFrame(this.scrollFrame);
    this.scrollFrame = requestAnimationFrame(() => {
      this.listScroll = lb.scrollTop;
    });
  };

  /** Scrolls the list so the active option is in view (and, when windowed, rendered). */
  private revealActive(): void {
    const lb = this.listbox;
    const el = lb?.querySelector<HTMLElement>(`#${CSS.escape(`o-${this.activeId}`)}`);
    if (!lb || !el) return;
    const top = el.offsetTop;
    const bottom = top + el.offsetHeight;
    if (top < lb.scrollTop) lb.scrollTop = top - 2;
    else if (bottom > lb.scrollTop + lb.clientHeight) lb.scrollTop = bottom - lb.clientHeight + 2;
  }

  private setActive(i: number): void {
    const n = this.results.length;
    if (!n) return;
    i = Math.max(0, Math.min(n - 1, i));
    const lb = this.listbox;
    if (this.windowed && lb) {
      // Bring the row into the rendered window before it is referenced by aria-activedescendant.
      const rowH = this.rowHeight();
      const top = Math.floor(i / this.cols) * rowH;
      const view = lb.clientHeight || this.metrics.view || 480;
      if (top < lb.scrollTop) lb.scrollTop = top;
      else if (top + rowH > lb.scrollTop + view) lb.scrollTop = top + rowH - view;
      this.listScroll = lb.scrollTop;
    }
    this.activeId = this.results[i]!.t.id;
  }

  private get activeIndex(): number {
    return this.activeId ? (this.resultIds.get(this.activeId) ?? -1) : -1;
  }

  // ------------------------------------------------------------------ dropdown

  private syncPopover(): void {
    const pop = this.popoverEl;
    if (!pop) {
      this.stopAutoUpdate?.();
      this.stopAutoUpdate = undefined;
      return;
    }
    if (this.open) {
      if (supportsPopover && !pop.matches(':popover-open')) pop.showPopover();
      const anchor = this.field;
      if (anchor && !this.stopAutoUpdate) this.stopAutoUpdate = autoUpdate(anchor, pop, () => void this.position());
      this.observeListbox();
    } else {
      this.stopAutoUpdate?.();
      this.stopAutoUpdate = undefined;
      if (supportsPopover && pop.matches(':popover-open')) pop.hidePopover();
    }
  }

  private async position(): Promise<void> {
    const anchor = this.field;
    const pop = this.popoverEl;
    if (!anchor || !pop || !this.open) return;
    const { x, y, placement } = await computePosition(anchor, pop, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(4),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight, rects, elements }) {
            elements.floating.style.minWidth = `max(${Math.round(rects.reference.width)}px, var(--_ab-source-picker-popover-min-width))`;
            elements.floating.style.maxHeight = `min(var(--_ab-source-picker-max-height), ${Math.max(96, Math.floor(availableHeight))}px)`;
          },
        }),
      ],
    });
    pop.style.left = `${x}px`;
    pop.style.top = `${y}px`;
    pop.dataset.placement = placement;
  }

  private setOpen(open: boolean): void {
    if (open && (this.status === 'error' || (this.status === 'ready' && !this.base.length))) return;
    this.open = open;
  }

  // ------------------------------------------------------------------ selection

  private select(t: SourceTemplateListItem): void {
    const ok = this.dispatchEvent(
      new AbSourceSelectEvent({ templateId: t.id, name: t.name, icon: typeof t.icon === 'string' ? t.icon : null, tags: Array.isArray(t.tags) ? [...t.tags] : [] }),
    );
    if (ok) this.value = t.id;
    this.activeId = t.id;
    if (this.isDropdown) {
      this.open = false;
      this.query = '';
      this.inputText = (ok ? t : this.selected)?.name ?? '';
      this.input?.focus();
    }
  }

  private templateAt(target: EventTarget | null): SourceTemplateListItem | undefined {
    const el = (target as Element | null)?.closest?.('[role=option]');
    const id = el?.getAttribute('data-id');
    const i = id ? this.resultIds.get(id) : undefined;
    return i === undefined ? undefined : this.results[i]?.t;
  }

  // ------------------------------------------------------------------ handlers

  private onInput = (e: Event) => {
    const v = (e.target as HTMLInputElement).value;
    this.query = v;
    if (this.isDropdown) {
      this.inputText = v;
      this.setOpen(true);
    }
  };

  private onSearchKeydown = (e: KeyboardEvent) => {
    if (this.isDropdown) return this.onComboboxKeydown(e);
    if (e.key === 'ArrowDown' && this.results.length) {
      e.preventDefault();
      this.setActive(0);
      this.listbox?.focus();
    }
  };

  private onComboboxKeydown(e: KeyboardEvent): void {
    const n = this.results.length;
    const i = this.activeIndex;
    const page = Math.max(1, Math.floor((this.metrics.view || 300) / this.rowHeight()));
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!this.open) {
          this.setOpen(true);
          if (!e.altKey) this.setActive(0);
        } else if (!e.altKey) this.setActive(i < 0 ? 0 : i + 1);
        return;
      case 'ArrowUp':
        e.preventDefault();
        if (e.altKey) return this.setOpen(false);
        if (!this.open) {
          this.setOpen(true);
          this.setActive(n - 1);
        } else this.setActive(i < 0 ? n - 1 : i - 1);
        return;
      case 'PageDown':
      case 'PageUp':
        if (!this.open) return;
        e.preventDefault();
        this.setActive((i < 0 ? 0 : i) + (e.key === 'PageDown' ? page : -page));
        return;
      case 'Enter':
        if (this.open && i >= 0) {
          e.preventDefault();
          this.select(this.results[i]!.t);
        }
        return;
      case 'Escape':
        if (this.open) {
          e.preventDefault();
          e.stopPropagation();
          this.setOpen(false);
        } else if (this.query || this.inputText !== (this.selected?.name ?? '')) {
          e.preventDefault();
          this.query = '';
          this.inputText = this.selected?.name ?? '';
        }
        return;
      case 'Tab':
        if (this.open) this.setOpen(false);
        return;
    }
  }

  private onListKeydown = (e: KeyboardEvent) => {
    if (this.isDropdown) return;
    const n = this.results.length;
    if (!n) return;
    const i = this.activeIndex;
    const cols = this.readCols();
    const rtl = getComputedStyle(this).direction === 'rtl';
    const page = Math.max(1, Math.floor((this.metrics.view || 300) / this.rowHeight())) * cols;
    let next = i;
    let key = e.key;
    if (rtl && (key === 'ArrowLeft' || key === 'ArrowRight')) key = key === 'ArrowLeft' ? 'ArrowRight' : 'ArrowLeft';
    if (e.altKey || e.ctrlKey || e.metaKey) {
      if (!(e.ctrlKey && (key === 'Home' || key === 'End'))) return;
    }
    switch (key) {
      case 'ArrowDown':
        next = i < 0 ? 0 : i + cols < n ? i + cols : i;
        break;
      case 'ArrowUp':
        if (i < cols) {
          e.preventDefault();
          this.input?.focus();
          return;
        }
        next = i - cols;
        break;
      case 'ArrowRight':
        if (cols === 1) return;
        next = i + 1;
        break;
      case 'ArrowLeft':
        if (cols === 1) return;
        next = i - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = n - 1;
        break;
      case 'PageDown':
        next = i + page;
        break;
      case 'PageUp':
        next = i - page;
        break;
      case 'Escape':
        e.preventDefault();
        this.input?.focus();
        return;
      case 'Enter':
        if (i >= 0) {
          e.preventDefault();
          this.select(this.results[i]!.t);
        }
        return;
      default:
        if (key === ' ' && !(this.typeahead.text && Date.now() - this.typeahead.at < TYPEAHEAD_MS)) {
          e.preventDefault();
          if (i >= 0) this.select(this.results[i]!.t);
          return;
        }
        if (key.length === 1 || [...key].length === 1) {
          e.preventDefault();
          this.typeAhead(key);
        }
        return;
    }
    e.preventDefault();
    this.setActive(next);
  };

  /** APG type-ahead: jump to the next option whose name starts with the typed text. */
  private typeAhead(key: string): void {
    const now = Date.now();
    const ta = this.typeahead;
    ta.text = now - ta.at > TYPEAHEAD_MS ? fold(key) : ta.text + fold(key);
    ta.at = now;
    const n = this.results.length;
    const same = [...ta.text].every((c) => c === ta.text[0]);
    const needle = same ? ta.text[0]! : ta.text;
    const start = this.activeIndex + (same || ta.text.length === 1 ? 1 : 0);
    for (let k = 0; k < n; k++) {
      const j = (start + k + n) % n;
      if (fold(this.results[j]!.t.name).startsWith(needle)) return this.setActive(j);
    }
  }

  private onListFocus = () => {
    if (this.isDropdown || this.activeIndex >= 0 || !this.results.length) return;
    const sel = this.value ? this.resultIds.get(this.value) : undefined;
    this.setActive(sel ?? 0);
  };

  private onListClick = (e: MouseEvent) => {
    const t = this.templateAt(e.target);
    if (t) this.select(t);
  };

  private onListMousedown = (e: MouseEvent) => {
    // Keep focus on the combobox input while the pointer picks an option.
    if (this.isDropdown) e.preventDefault();
  };

  private onFocusOut = (e: FocusEvent) => {
    if (!this.open) return;
    const to = e.relatedTarget as Node | null;
    if (to && (this.contains(to) || this.renderRoot.contains(to))) return;
    this.setOpen(false);
  };

  private onToggleClick = () => {
    this.setOpen(!this.open);
    if (this.open && this.activeIndex < 0 && this.results.length) {
      const sel = this.value ? this.resultIds.get(this.value) : undefined;
      this.setActive(sel ?? 0);
    }
    this.input?.focus();
  };

  private onChipClick = (e: Event) => {
    const tag = (e.currentTarget as HTMLElement).dataset.tag!;
    const next = new Set(this.chips);
    if (next.has(tag)) next.delete(tag);
    else next.add(tag);
    this.chips = next;
  };

  private onIconError = (e: Event) => {
    const src = (e.target as HTMLImageElement).getAttribute('src');
    if (src && !this.brokenIcons.has(src)) this.brokenIcons = new Set(this.brokenIcons).add(src);
  };

  private clearSearch = () => {
    this.query = '';
    this.chips = new Set();
    if (this.isDropdown) this.inputText = '';
    this.input?.focus();
  };

  private retry = () => {
    void this.loader.run();
  };

  // ------------------------------------------------------------------ public methods

  /** Moves focus to the search box. */
  override focus(options?: FocusOptions): void {
    if (this.input) this.input.focus(options);
    else super.focus(options);
  }

  /** Loads the templates again (no-op with `templates`). */
  reload(): Promise<void> {
    return this.templates === undefined ? this.loader.run() : Promise.resolve();
  }

  // ------------------------------------------------------------------ render

  private renderIcon(t: SourceTemplateListItem) {
    const src = iconSrc(t.icon);
    if (src && !this.brokenIcons.has(src)) {
      return html`<img part="icon" class="icon" src=${src} alt="" width="28" height="28" loading="lazy" decoding="async" @error=${this.onIconError} />`;
    }
    return html`<span part="icon initials" class="icon initials" aria-hidden="true">${initials(t.name)}</span>`;
  }

  private renderOption(res: Result, pos: number, total: number) {
    const t = res.t;
    const selected = t.id === this.value;
    const active = t.id === this.activeId;
    const tags = Array.isArray(t.tags) ? t.tags : [];
    const part = `option${selected ? ' selected' : ''}${active ? ' active' : ''}`;
    return html`<div
      role="option"
      id=${`o-${t.id}`}
      data-id=${t.id}
      part=${part}
      class=${this.isDropdown ? 'option combo' : 'option'}
      aria-selected=${selected ? 'true' : 'false'}
      aria-setsize=${total}
      aria-posinset=${pos + 1}
      ?data-active=${active}
    >
      ${this.renderIcon(t)}<span part="name" class="name">${highlight(t.name, res.r)}</span>${tags.length
        ? html`<span part="tags" class="tags">${tags.map((tag) => html`<span part="tag" class="tag">${tag}</span>`)}</span>`
        : nothing}
    </div>`;
  }

  private renderListbox(status: 'loading' | 'error' | 'ready') {
    const loading = status === 'loading';
    const show = loading || (status === 'ready' && this.results.length > 0);
    const { from, to, before, after } = loading ? { from: 0, to: 0, before: 0, after: 0 } : this.range();
    const slice = loading ? [] : this.results.slice(from, to);
    const total = this.results.length;
    const skeletons = this.variant === 'grid' ? 8 : 5;
    return html`<div
      id="listbox"
      part="listbox"
      class="listbox"
      role="listbox"
      aria-labelledby="label"
      aria-busy=${loading ? 'true' : 'false'}
      tabindex=${ifDefined(this.isDropdown || !show || loading ? undefined : '0')}
      aria-activedescendant=${ifDefined(!this.isDropdown && this.activeId && this.resultIds.has(this.activeId) ? `o-${this.activeId}` : undefined)}
      ?hidden=${!show}
      style=${styleMap({ '--_ab-source-picker-before': `${before}px`, '--_ab-source-picker-after': `${after}px` })}
      @keydown=${this.onListKeydown}
      @focus=${this.onListFocus}
      @click=${this.onListClick}
      @mousedown=${this.onListMousedown}
      @scroll=${this.onScroll}
    >
      ${loading
        ? Array.from({ length: skeletons }, () => html`<div part="skeleton" class="skeleton" aria-hidden="true"></div>`)
        : repeat(
            slice,
            (r) => r.t.id,
            (r, k) => this.renderOption(r, from + k, total),
          )}
    </div>`;
  }

  private renderMessages(status: 'loading' | 'error' | 'ready') {
    const ready = status === 'ready';
    const empty = ready && !this.base.length;
    return html`
      ${status === 'loading' ? html`<span class="visually-hidden">${this.t('pickerLoading')}</span>` : nothing}
      <div part="empty" class="message empty" ?hidden=${!empty}><slot name="empty">${this.t('pickerEmpty')}</slot></div>
      ${this.isDropdown ? nothing : this.renderNoResults()}
      ${status === 'error'
        ? html`<div part="error" class="message error" role="alert">
            <p>${this.errorMessage(this.loader.error)}</p>
            <button type="button" part="retry" class="ab-button" @click=${this.retry}>${this.t('retry')}</button>
          </div>`
        : nothing}
    `;
  }

  private renderNoResults() {
    if (this.status !== 'ready' || !this.base.length || this.results.length) return nothing;
    return html`<div part="no-results" class="message no-results">
      <p>${this.t('pickerNoResults', this.query.trim())}</p>
      ${this.isDropdown ? nothing : html`<button type="button" class="ab-button" @click=${this.clearSearch}>${this.t('pickerClearSearch')}</button>`}
    </div>`;
  }

  private renderField() {
    const placeholder = this.placeholder || this.t('pickerSearchPlaceholder');
    if (!this.isDropdown) {
      return html`<div part="field" class="field" id="field">
        <input
          id="input"
          part="input"
          type="search"
          autocomplete="off"
          spellcheck="false"
          enterkeyhint="search"
          placeholder=${placeholder}
          aria-controls="listbox"
          .value=${live(this.query)}
          @input=${this.onInput}
          @keydown=${this.onSearchKeydown}
        />
      </div>`;
    }
    const active = this.open && this.activeId && this.resultIds.has(this.activeId) ? `o-${this.activeId}` : undefined;
    const sel = this.selected;
    return html`<div part="field" class="field" id="field">
      ${sel && !this.query ? this.renderIcon(sel) : nothing}
      <input
        id="input"
        part="input"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="listbox"
        aria-activedescendant=${ifDefined(active)}
        placeholder=${placeholder}
        .value=${live(this.inputText)}
        @input=${this.onInput}
        @keydown=${this.onSearchKeydown}
        @click=${() => this.setOpen(true)}
      />
      <button
        type="button"
        part="toggle"
        class="toggle"
        tabindex="-1"
        aria-label=${this.t('pickerToggle')}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="listbox"
        @mousedown=${(e: Event) => e.preventDefault()}
        @click=${this.onToggleClick}
      ></button>
    </div>`;
  }

  private renderChips(status: 'loading' | 'error' | 'ready') {
    if (status !== 'ready' || this.allTags.length < 2) return nothing;
    return html`<div part="tags-filter" class="chips" role="group" aria-label=${this.t('pickerTagsLabel')}>
      ${this.allTags.map(
        (tag) =>
          html`<button type="button" part="tag-chip" class="chip" data-tag=${tag} aria-pressed=${this.chips.has(tag) ? 'true' : 'false'} @click=${this.onChipClick}>
            ${tag}
          </button>`,
      )}
    </div>`;
  }

  override render() {
    const status = this.status;
    return html`<div part="base" class="base" @focusout=${this.onFocusOut}>
      <label part="label" class="label" id="label" for="input"><slot name="label">${this.label || this.t('pickerLabel')}</slot></label>
      ${this.isDropdown ? html`${this.renderChips(status)} ${this.renderField()}` : html`${this.renderField()} ${this.renderChips(status)}`}
      ${this.isDropdown
        ? html`<div id="popover" part="popover" class="popover" popover=${ifDefined(supportsPopover ? 'manual' : undefined)} @mousedown=${this.onListMousedown}>
            ${this.renderListbox(status)} ${this.renderNoResults()}
          </div>`
        : this.renderListbox(status)}
      ${this.renderMessages(status)} ${liveRegion()}
    </div>`;
  }
}
