import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { initialState, Task, TaskStatus } from '@lit/task';
import { isAbortError } from '../../api/errors.js';
import type { SourceTemplateListItem } from '../../api/types.js';
import { AbApiElement, resumeOnReconnect } from '../../internal/api-element.js';
import { createIndex, fold, fuzzySearch, type FuzzyIndex } from '../../internal/fuzzy.js';
import { liveRegion } from '../../internal/live-region.js';
import { autoPosition, place } from '../../internal/position.js';
import { hostStyles } from '../../internal/theme.styles.js';
import { iconSrc, initials } from './icon.js';
import { AbSourceSelectEvent } from './source-picker.events.js';
import { styles } from './source-picker.styles.js';
import { parseTags, type SourcePickerTagsMode, type SourcePickerVariant } from './source-picker.types.js';

/** Lists longer than this render only the rows in view (and a few more, `OVERSCAN`, above and below). */
const FULL_RENDER_LIMIT = 200;
const OVERSCAN = 3;
const TYPEAHEAD_MS = 600;

interface Result {
  t: SourceTemplateListItem;
  /** Matched `[start, end, …]` ranges of the name. */
  r: number[];
}

const tagsOf = (t: SourceTemplateListItem): unknown[] => (Array.isArray(t.tags) ? t.tags : []);
const prevent = (e: Event) => e.preventDefault();

/** A name with its matched ranges wrapped in `<mark part="highlight">`. */
function highlight(name: string, ranges: number[]): string | (string | TemplateResult)[] {
  if (!ranges.length) return name;
  const out: (string | TemplateResult)[] = [];
  let p = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    out.push(name.slice(p, ranges[i]), html`<mark part="highlight">${name.slice(ranges[i], ranges[i + 1])}</mark>`);
    p = ranges[i + 1]!;
  }
  out.push(name.slice(p));
  return out;
}

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
 * @cssproperty --ab-source-picker-icon-bg - Backdrop of the icons (most are drawn for light backgrounds). Default `#f6f7f9`.
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

  // Reactive properties are declared here rather than with decorators: esbuild's decorator lowering costs
  // ~1 kB gzip in the bundle and turns every `#private` member into a WeakMap (issue 9's size budget).
  static override properties = {
    tags: { converter: parseTags },
    tagsMode: { attribute: 'tags-mode' },
    label: {},
    placeholder: {},
    variant: { reflect: true },
    value: {},
    templates: { attribute: false },
    filter: { attribute: false },
    open: { type: Boolean, reflect: true },
    // Internal state (no attribute).
    query: { attribute: false },
    inputText: { attribute: false },
    activeId: { attribute: false },
    chips: { attribute: false },
  };

  /** Only templates with these tags (space- or comma-separated; an array as a property). Sent to the API and applied to `templates` too. */
  declare tags: string[];

  /** `any` (default): a template needs one of `tags`; `all`: every one. */
  declare tagsMode: SourcePickerTagsMode;

  /** Accessible, visible label (default "Choose a data source"); or use the `label` slot. */
  declare label: string;

  /** Placeholder of the search box. */
  declare placeholder: string;

  /** `grid` (cards, default), `list`, or `dropdown` (a combobox with a floating list). */
  declare variant: SourcePickerVariant;

  /** Id of the selected template. */
  declare value: string;

  /** Templates to show instead of loading them (no API call): for Storybook and custom backends. */
  declare templates: SourceTemplateListItem[] | undefined;

  /** A host predicate: only templates for which it returns true are shown. */
  declare filter: ((template: SourceTemplateListItem) => boolean) | undefined;

  /** Whether the `dropdown` variant's list is open. */
  declare open: boolean;

  private declare query: string;
  /** What the dropdown's input shows: the typed query, or the selected template's name. */
  private declare inputText: string;
  private declare activeId: string;
  private declare chips: ReadonlySet<string>;

  constructor() {
    super();
    this.tags = [];
    this.tagsMode = 'any';
    this.variant = 'grid';
    this.label = '';
    this.placeholder = '';
    this.value = '';
    this.query = this.inputText = this.activeId = '';
    this.open = false;
    this.chips = new Set();
  }

  #loader = resumeOnReconnect(this, new Task(this, {
    args: () => [this.templates == null ? this.api : undefined, parseTags(this.tags).join(), this.tagsMode] as const,
    task: async ([api, tags, mode], { signal }) => {
      if (!api) return initialState;
      try {
        const list = await api.listSourceTemplates({ tags: tags ? tags.split(',') : undefined, tagsMode: mode === 'all' ? 'all' : 'any' }, { signal });
        signal.throwIfAborted();
        return list;
      } catch (e) {
        this.reportError(e);
        throw e;
      }
    },
  }));

  // Derived in willUpdate.
  #src: unknown;
  #base: SourceTemplateListItem[] = [];
  #index: FuzzyIndex | undefined;
  #tags: string[] = [];
  #results: Result[] = [];
  /** Position in `#results` of each template id. */
  #ids = new Map<string, number>();
  #selected: SourceTemplateListItem | undefined;

  #broken = new Set<string>();
  #stopPosition: (() => void) | undefined;
  #ro: ResizeObserver | undefined;
  #observed: Element | undefined;
  #typeahead = { text: '', at: 0 };
  /** The list's scrollTop as of its last scroll event. */
  #top = 0;
  /** The rendered slice of the results: `[from, to, space before, space after]`, and the layout it was computed for. */
  #range = [0, 0, 0, 0];
  #laidOut = '';
  /** The spacer custom properties last written to the list's inline style. */
  #spacer = '';

  #el(id: string): HTMLElement | null | undefined {
    return this.shadowRoot?.getElementById(id);
  }

  get #status(): 'loading' | 'error' | 'ready' {
    if (this.templates != null) return 'ready';
    const s = this.#loader.status;
    return s === TaskStatus.COMPLETE ? 'ready' : s === TaskStatus.ERROR && !isAbortError(this.#loader.error) ? 'error' : 'loading';
  }

  get #dropdown(): boolean {
    return this.variant === 'dropdown';
  }

  get #activeIndex(): number {
    return this.#ids.get(this.activeId) ?? -1;
  }

  /** Lists of up to 200 templates render in full; longer ones (and their long results) only the rows in view. */
  get #windowed(): boolean {
    return this.#base.length > FULL_RENDER_LIMIT && this.#results.length > 24;
  }

  // ------------------------------------------------------------------ lifecycle

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.open = false;
  }

  override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed as PropertyValues<this>);
    const src = this.templates ?? (this.#loader.status === TaskStatus.COMPLETE ? this.#loader.value : undefined);
    const baseChanged = src !== this.#src || changed.has('filter') || changed.has('tags') || changed.has('tagsMode');
    if (baseChanged) this.#computeBase(src);
    const searchChanged = changed.has('query') || changed.has('chips');
    if (baseChanged || searchChanged) this.#computeResults();
    if (searchChanged && this.hasUpdated) {
      this.announceSoon(() => (this.#status === 'ready' && this.#base.length ? this.t('pickerResultCount', this.#results.length) : ''), 350);
      // A new search starts at the top of the list.
      if (this.#top) this.#el('listbox')!.scrollTop = this.#top = 0;
    }
    if (baseChanged || changed.has('value')) this.#selected = this.#base.find((t) => t.id === this.value);
    const dropdown = this.#dropdown;
    if (dropdown && !this.query && (baseChanged || changed.has('value') || changed.has('variant'))) this.inputText = this.#selected?.name ?? '';
    if (!this.#ids.has(this.activeId)) this.activeId = '';
    if (dropdown && changed.has('query') && this.query) this.activeId = this.#results[0]?.t.id ?? '';
    const s = this.#status;
    // The dropdown opens only while loading or with templates to show; willUpdate closes it otherwise.
    if (this.open && !(dropdown && (s === 'loading' || (s === 'ready' && this.#base.length)))) this.open = false;
    const empty = s === 'ready' && !this.#base.length;
    this.setStates({ loading: s === 'loading', error: s === 'error', empty, 'no-results': s === 'ready' && !empty && !this.#results.length, open: this.open });
  }

  override updated(changed: PropertyValues): void {
    super.updated(changed);
    const lb = this.#el('listbox')!;
    if (lb !== this.#observed) {
      // A windowed list renders again when a resize changed its layout (after layout, before paint).
      this.#ro ??= new ResizeObserver(() => this.#windowed && `${this.#layout()}` !== this.#laidOut && this.requestUpdate());
      this.#ro.disconnect();
      this.#ro.observe((this.#observed = lb));
      this.#spacer = '';
    }
    // Space that stands in for the rows not rendered (.listbox::before and ::after), set only when it changed:
    // a new value restyles every rendered option (they inherit the custom properties).
    const spacer = `--b:${this.#range[2]}px;--a:${this.#range[3]}px`;
    if (spacer != this.#spacer) lb.style.cssText = this.#spacer = spacer;
    if (changed.has('open') || changed.has('variant')) {
      const pop = this.#el('popover');
      const field = this.#el('field')!;
      this.#stopPosition?.();
      this.#stopPosition = undefined;
      if (pop?.isConnected) {
        pop.togglePopover?.(this.open);
        if (this.open) {
          this.#stopPosition = autoPosition(field, pop, () => this.#position(field, pop));
          // A windowed list cannot scroll while closed: bring the active option (opened on the last result, or
          // on a selected one far down) into the window now that the list is shown.
          if (this.#windowed)
            queueMicrotask(() => {
              const i = this.#activeIndex;
              if (this.open && i >= 0) this.#go(i);
            });
        }
      }
    }
    if (changed.has('activeId') && this.activeId) this.#el(`o-${this.activeId}`)?.scrollIntoView({ block: 'nearest' });
  }

  // ------------------------------------------------------------------ derived data

  #computeBase(src: unknown): void {
    this.#src = src;
    const want = parseTags(this.tags);
    const filter = this.filter;
    this.#base = (Array.isArray(src) ? (src as SourceTemplateListItem[]) : []).filter((t) => {
      if (typeof t?.id !== 'string' || typeof t.name !== 'string') return false;
      const have = tagsOf(t);
      if (want.length && !want[this.tagsMode === 'all' ? 'every' : 'some']((w) => have.includes(w))) return false;
      try {
        return !filter || !!filter(t);
      } catch (e) {
        console.warn(e); // a throwing host predicate keeps the template
        return true;
      }
    });
    this.#index = undefined;
    const tags = new Set<string>();
    for (const t of this.#base) for (const tag of tagsOf(t)) if (tag && typeof tag === 'string') tags.add(tag);
    this.#tags = [...tags].sort(new Intl.Collator(this.locale).compare); // one collator: the locale is read once, not per comparison
    const kept = [...this.chips].filter((c) => tags.has(c));
    if (kept.length < this.chips.size) this.chips = new Set(kept);
  }

  #computeResults(): void {
    const base = this.#base;
    const q = this.query.trim();
    let subset = base.map((_, i) => i);
    if (this.chips.size && this.#tags.length > 1) subset = subset.filter((i) => tagsOf(base[i]!).some((t) => this.chips.has(t as string)));
    this.#results = q
      ? fuzzySearch((this.#index ??= createIndex(base.map((t) => t.name))), q, subset).map((m) => ({ t: base[m.index]!, r: m.ranges }))
      : subset.map((i) => ({ t: base[i]!, r: [] }));
    this.#ids = new Map(this.#results.map((r, i) => [r.t.id, i]));
  }

  // ------------------------------------------------------------------ layout (windowing, dropdown)

  /**
   * The list as laid out now: `[columns, row height with its gap, visible height]`. Before the first layout
   * (and while hidden): the default CSS sizes (6 cards of 7.25rem + 8px gap, rows of 3rem + 2px, 26rem).
   */
  #layout(): number[] {
    const lb = this.#el('listbox');
    const option = lb?.querySelector<HTMLElement>('.option');
    const grid = this.variant === 'grid';
    if (!lb?.clientHeight || !option) return [grid ? 6 : 1, grid ? 124 : 50, 416];
    const cs = getComputedStyle(lb);
    return [grid ? cs.gridTemplateColumns.split(' ').length : 1, option.offsetHeight + parseFloat(cs.rowGap), lb.clientHeight];
  }

  /**
   * Slice of the results to render, and the space that stands in for the rest. A windowed list reads its
   * layout here (and from its ResizeObserver); lists of up to 200 templates never do.
   */
  #computeRange(): number[] {
    const n = this.#results.length;
    if (!this.#windowed) return [0, n, 0, 0];
    if (!this.#el('listbox')?.querySelector('.option') && n) {
      // Nothing to measure yet: one option now (and the space of the rest as the CSS defaults estimate it, so the
      // list is as tall as it will be), the rows in view right after, in the same task before any paint. The
      // first layout is then of a near-empty list instead of a guessed window of options.
      const [cols, h] = this.#layout();
      queueMicrotask(() => this.requestUpdate());
      return [0, 1, 0, Math.ceil(n / cols!) * h!];
    }
    const layout = this.#layout();
    const [cols, h, view] = layout;
    const top = this.#el('listbox')?.scrollTop ?? 0;
    const rows = Math.ceil(n / cols!);
    const first = Math.max(0, Math.min(rows, Math.floor(top / h!)) - OVERSCAN);
    const last = Math.min(rows, Math.ceil((top + view!) / h!) + OVERSCAN);
    this.#laidOut = `${layout}`;
    return [first * cols!, Math.min(n, last * cols!), first * h!, (rows - last) * h!];
  }

  #onScroll() {
    this.#top = this.#el('listbox')!.scrollTop;
    if (this.#windowed) this.requestUpdate();
  }

  /** Makes `i` the active option, scrolling a windowed list so that it is rendered. */
  #go(i: number): void {
    const n = this.#results.length;
    if (!n) return;
    i = Math.max(0, Math.min(n - 1, i));
    if (this.#windowed) {
      const lb = this.#el('listbox')!;
      const [cols, h, view] = this.#layout() as [number, number, number];
      const y = Math.floor(i / cols) * h;
      lb.scrollTop = Math.min(y, Math.max(lb.scrollTop, y + h - view));
      this.requestUpdate(); // the window follows now, not at the scroll event
    }
    this.activeId = this.#results[i]!.t.id;
  }

  /** Activates the selected option, else the first. */
  #goSelected(): void {
    this.#go(this.#ids.get(this.value) ?? 0);
  }

  #position(field: HTMLElement, pop: HTMLElement): void {
    const a = field.getBoundingClientRect();
    const s = pop.style;
    const d = document.documentElement;
    // Its natural size first: at least as wide as the field, as tall as the CSS allows.
    s.cssText = `--_w:${a.width}px`;
    const p = place(a, pop.getBoundingClientRect(), d.clientWidth, d.clientHeight, this.matches(':dir(rtl)'));
    s.cssText += `;--_h:${p.maxHeight}px;left:${p.x}px;top:${p.y}px`;
    pop.dataset.placement = p.placement;
  }

  // ------------------------------------------------------------------ selection and handlers

  #choose(t: SourceTemplateListItem): void {
    const ok = this.dispatchEvent(
      new AbSourceSelectEvent({ templateId: t.id, name: t.name, icon: typeof t.icon === 'string' ? t.icon : null, tags: [...tagsOf(t)] as string[] }),
    );
    if (ok) this.value = t.id;
    this.activeId = t.id;
    if (this.#dropdown) {
      this.open = false;
      this.query = '';
      this.inputText = (ok ? t : this.#selected)?.name ?? '';
      this.focus();
    }
  }

  #onInput(e: Event) {
    this.query = (e.target as HTMLInputElement).value;
    if (this.#dropdown) {
      this.inputText = this.query;
      this.open = true;
    }
  }

  /** The search box: ArrowDown reaches the first result; in `dropdown` it is the ARIA combobox. */
  #onInputKey(e: KeyboardEvent) {
    const { key } = e;
    const n = this.#results.length;
    const i = this.#activeIndex;
    const open = this.open;
    if (!this.#dropdown) {
      if (key === 'ArrowDown' && n) {
        e.preventDefault();
        this.#go(0);
        this.#el('listbox')!.focus();
      }
    } else if (key === 'Tab') {
      this.open = false;
    } else if (key === 'Escape') {
      // Closes; when closed, drops the typed text and shows the selected name again.
      const name = this.#selected?.name ?? '';
      if (open) {
        e.stopPropagation();
        this.open = false;
      } else if (this.query || this.inputText !== name) {
        this.query = '';
        this.inputText = name;
      } else return;
      e.preventDefault();
    } else if (key === 'Enter') {
      if (open && i >= 0) {
        e.preventDefault();
        this.#choose(this.#results[i]!.t);
      }
    } else if (key === 'ArrowDown' || key === 'ArrowUp') {
      e.preventDefault();
      const down = key === 'ArrowDown';
      // Alt+ArrowDown opens without moving, Alt+ArrowUp closes.
      if (e.altKey) return void (this.open = down);
      this.open = true;
      this.#go(open && i >= 0 ? i + (down ? 1 : -1) : down ? 0 : n - 1);
    }
  }

  /** The listbox of `grid` and `list`: APG listbox keys, two-dimensional in the grid, mirrored in RTL. */
  #onListKey(e: KeyboardEvent) {
    const { key } = e;
    const n = this.#results.length;
    const i = this.#activeIndex;
    if (!n || e.altKey || e.metaKey || (e.ctrlKey && key !== 'Home' && key !== 'End')) return;
    const [cols, h, view] = this.#layout() as [number, number, number];
    if (key === 'Escape' || (key === 'ArrowUp' && i < cols)) {
      e.preventDefault();
      return this.focus();
    }
    const dx = (key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : 0) * (this.matches(':dir(rtl)') ? -1 : 1);
    const page = Math.max(1, Math.floor(view / h)) * cols;
    const next = dx
      ? cols > 1
        ? i + dx
        : undefined
      : ({ ArrowDown: i < 0 ? 0 : i + cols < n ? i + cols : i, ArrowUp: i - cols, Home: 0, End: n - 1, PageDown: i + page, PageUp: i - page } as Record<string, number>)[key];
    const ta = this.#typeahead;
    if (next !== undefined) {
      this.#go(next);
    } else if (key === 'Enter' || (key === ' ' && !(ta.text && Date.now() - ta.at < TYPEAHEAD_MS))) {
      if (i >= 0) this.#choose(this.#results[i]!.t);
    } else if ([...key].length === 1) {
      // APG type-ahead: the next option whose name starts with the typed text (repeating a letter cycles).
      const now = Date.now();
      ta.text = (now - ta.at > TYPEAHEAD_MS ? '' : ta.text) + fold(key);
      ta.at = now;
      const same = [...ta.text].every((c) => c === ta.text[0]);
      const needle = same ? ta.text[0]! : ta.text;
      for (let k = 1; k <= n; k++) {
        const j = (i + k - (same ? 0 : 1) + n) % n;
        if (fold(this.#results[j]!.t.name).startsWith(needle)) {
          this.#go(j);
          break;
        }
      }
    } else return;
    e.preventDefault();
  }

  #onListFocus() {
    if (this.#activeIndex < 0) this.#goSelected();
  }

  #onListClick(e: Event) {
    const i = this.#ids.get((e.target as Element).closest?.('[role=option]')?.id.slice(2) ?? '');
    if (i !== undefined) this.#choose(this.#results[i]!.t);
  }

  #onFocusOut(e: FocusEvent) {
    const to = e.relatedTarget as Node | null;
    if (!to || !(this.contains(to) || this.renderRoot.contains(to))) this.open = false;
  }

  #onToggle() {
    if ((this.open = !this.open) && this.#activeIndex < 0) this.#goSelected();
    this.focus();
  }

  #onIconError(e: Event) {
    this.#broken.add((e.target as HTMLImageElement).getAttribute('src')!);
    this.requestUpdate();
  }

  #clearSearch() {
    this.query = '';
    this.chips = new Set();
    this.focus();
  }

  // ------------------------------------------------------------------ public methods

  /** Moves focus to the search box. */
  override focus(options?: FocusOptions): void {
    const input = this.#el('input');
    if (input) input.focus(options);
    else super.focus(options);
  }

  /** Loads the templates again (no-op with `templates`). */
  reload(): Promise<void> {
    return this.templates == null ? this.#loader.run() : Promise.resolve();
  }

  // ------------------------------------------------------------------ render

  #icon(t: SourceTemplateListItem) {
    const src = iconSrc(t.icon);
    return src && !this.#broken.has(src)
      ? html`<img part="icon" class="icon" src=${src} alt="" loading="lazy" decoding="async" @error=${this.#onIconError} />`
      : html`<span part="icon initials" class="icon initials" aria-hidden="true">${initials(t.name)}</span>`;
  }

  #option({ t, r }: Result, pos: number) {
    const selected = t.id === this.value;
    const tags = tagsOf(t);
    const part = `option${selected ? ' selected' : ''}${t.id === this.activeId ? ' active' : ''}`;
    return html`<div role="option" id=${`o-${t.id}`} part=${part} class="option" aria-selected=${selected} aria-setsize=${this.#results.length} aria-posinset=${pos + 1}>
      ${this.#icon(t)}<span part="name" class="name">${highlight(t.name, r)}</span>${tags.length
        ? html`<span part="tags" class="tags">${tags.map((tag) => html`<span part="tag" class="tag">${tag}</span>`)}</span>`
        : nothing}
    </div>`;
  }

  override render() {
    const status = this.#status;
    const dropdown = this.#dropdown;
    const loading = status === 'loading';
    const ready = status === 'ready';
    const n = this.#results.length;
    const empty = ready && !this.#base.length;
    const active = this.activeId ? `o-${this.activeId}` : nothing;
    const [from, to] = (this.#range = loading ? [0, 0, 0, 0] : this.#computeRange());

    const chips =
      ready && this.#tags.length > 1
        ? html`<div part="tags-filter" class="chips" role="group" aria-label=${this.t('pickerTagsLabel')}>
            ${this.#tags.map((tag) => {
              const on = this.chips.has(tag);
              const toggle = () => {
                const next = new Set(this.chips);
                if (!next.delete(tag)) next.add(tag);
                this.chips = next;
              };
              return html`<button type="button" part="tag-chip" class="ab-button chip" aria-pressed=${on} data-variant=${on ? 'primary' : nothing} @click=${toggle}>${tag}</button>`;
            })}
          </div>`
        : nothing;

    const field = html`<div part="field" class="field" id="field">
      ${dropdown && this.#selected && !this.query ? this.#icon(this.#selected) : nothing}
      <input id="input" part="input" type=${dropdown ? 'text' : 'search'} role=${dropdown ? 'combobox' : nothing} autocomplete="off" spellcheck="false"
        aria-autocomplete=${dropdown ? 'list' : nothing} aria-expanded=${dropdown ? this.open : nothing} aria-controls="listbox"
        aria-activedescendant=${dropdown && this.open ? active : nothing} placeholder=${this.placeholder || this.t('pickerSearchPlaceholder')}
        .value=${dropdown ? this.inputText : this.query} @input=${this.#onInput} @keydown=${this.#onInputKey} @click=${() => (this.open = dropdown)} />
      ${dropdown
        ? html`<button type="button" part="toggle" class="toggle" tabindex="-1" aria-label=${this.t('pickerToggle')} aria-expanded=${this.open}
            aria-controls="listbox" @mousedown=${prevent} @click=${this.#onToggle}></button>`
        : nothing}
    </div>`;

    const list = html`<div id="listbox" part="listbox" class="listbox" role="listbox" aria-labelledby="label" aria-busy=${loading}
      tabindex=${!dropdown && ready && n ? 0 : nothing} aria-activedescendant=${dropdown ? nothing : active} ?hidden=${!loading && !(ready && n)}
      @keydown=${this.#onListKey} @focus=${this.#onListFocus} @click=${this.#onListClick} @scroll=${this.#onScroll}>
      ${loading
        ? Array.from({ length: this.variant === 'grid' ? 8 : 5 }, () => html`<div part="skeleton" class="option skeleton" aria-hidden="true"></div>`)
        : repeat(
            this.#results.slice(from, to),
            (r) => r.t.id,
            (r, k) => this.#option(r, from! + k),
          )}
    </div>`;

    const noResults =
      ready && !empty && !n
        ? html`<div part="no-results" class="message">
            <p>${this.t('pickerNoResults', this.query.trim())}</p>
            ${dropdown ? nothing : html`<button type="button" class="ab-button" @click=${this.#clearSearch}>${this.t('pickerClearSearch')}</button>`}
          </div>`
        : nothing;

    return html`<div part="base" class="base" @focusout=${this.#onFocusOut}>
      <label part="label" id="label" for="input"><slot name="label">${this.label || this.t('pickerLabel')}</slot></label>
      ${dropdown ? [chips, field] : [field, chips]}
      ${dropdown ? html`<div id="popover" part="popover" class="popover" popover="manual" @mousedown=${prevent}>${list}${noResults}</div>` : [list, noResults]}
      ${loading ? html`<span class="visually-hidden">${this.t('pickerLoading')}</span>` : nothing}
      <div part="empty" class="message" ?hidden=${!empty}><slot name="empty">${this.t('pickerEmpty')}</slot></div>
      ${status === 'error'
        ? html`<div part="error" class="message error" role="alert">
            <p>${this.errorMessage(this.#loader.error)}</p>
            <button type="button" part="retry" class="ab-button" @click=${() => this.#loader.run()}>${this.t('retry')}</button>
          </div>`
        : nothing}
      ${liveRegion()}
    </div>`;
  }
}
