import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { discoverSource, waitForCatalog, type ForeignKey, type StreamCatalog } from '../../api/discovery.js';
import { isAbortError } from '../../api/errors.js';
import { AbApiElement } from '../../internal/api-element.js';
import { liveRegion } from '../../internal/live-region.js';
import { hostStyles } from '../../internal/theme.styles.js';
import { CatalogModel, type Filters, type Rows } from './catalog-model.js';
import { MAX_FIELDS, isUnknownType } from './field-tree.js';
import { AbCatalogLoadEvent, AbStreamsChangeEvent } from './stream-explorer.events.js';
import { styles } from './stream-explorer.styles.js';
import type { ConfiguredCatalog, SelectionMode, SyncMode } from './stream-explorer.types.js';

/** Row and header heights in px: keep in sync with `.body .row` and `.head` in the styles. */
const ROW = 44;
const HEAD = 36;
/** Rows rendered above and below the visible ones. */
const OVERSCAN = 6;
const NO_FILTERS: Filters = { query: '', selectedOnly: false, pii: false, category: '' };
const dotted = (p: readonly string[]) => p.join('.');
const target = (e: Event) => e.target as HTMLInputElement;
type Phase = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

/**
 * @summary Shows a source's discovered streams, fields, keys and sync modes, and lets the user choose what syncs.
 * Scales to tens of thousands of streams: rows are virtualized and the selection is kept in a byte array.
 *
 * Give it either a `source-id` (it runs a discovery through the API, with progress, Cancel, Retry and
 * Refresh) or a `catalog` object (`{streams: AirbyteStream[]}`, no network). The result is `value`, a configured
 * catalog of the selected streams, also sent with every `ab-streams-change`.
 *
 * Keyboard (tree grid): Up/Down move between rows, Home/End to the first/last row, Page Up/Down by a page,
 * Right opens a stream's fields (or moves into them), Left closes them (or moves to the parent; both mirrored
 * in right-to-left text), Space toggles the row's checkbox, Enter opens or closes, Tab reaches the controls of
 * the current row, Escape returns from a control to its row. ArrowDown in the search box enters the list.
 *
 * @tag ab-stream-explorer
 * @csspart base - The wrapper of everything.
 * @csspart toolbar - Search box and selection buttons.
 * @csspart search - The search box.
 * @csspart summary - The selection count.
 * @csspart list - The scrolling tree grid.
 * @csspart pending - Discovery in progress.
 * @csspart spinner - The discovery spinner.
 * @csspart error - The discovery error.
 * @csspart empty - Shown when there is nothing to list.
 * @cssproperty --ab-stream-explorer-height - Height of the list (default 480px).
 * @cssstate loading - A discovery is running.
 * @cssstate error - The last discovery failed.
 * @cssstate empty - The catalog has no streams.
 * @fires ab-streams-change - The user changed the selection or a stream's settings; `detail` is the configured catalog.
 * @fires ab-catalog-load - A discovery finished and its streams are shown; `detail` is `{sourceId, streams}`.
 * @fires ab-error - A discovery request failed: `{code, message}`.
 * @fires ab-token-expired - The token was rejected and no `tokenProvider` renewed it.
 */
export class AbStreamExplorer extends AbApiElement {
  static override styles = [hostStyles, styles];

  // Declared here rather than with decorators, whose lowering costs bytes and keeps `#private` names long.
  static override properties = {
    catalog: { attribute: false },
    sourceId: { attribute: 'source-id' },
    selectionMode: { attribute: 'selection-mode' },
    whitelist: { converter: (v: string | null) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean) },
    persistKey: { attribute: 'persist-key' },
    label: {},
  };

  /** A catalog to show without calling the API (`{streams: AirbyteStream[]}`). Ignored while `source-id` is set. */
  declare catalog: StreamCatalog | undefined;

  /** Discover this source's streams through the API (needs `token` or `client`). */
  declare sourceId: string;

  /**
   * Initial selection and what may be chosen, like a template's `stream_selection_mode`: `suggested` (the
   * suggested streams, or all when none is), `all`, or `whitelist` (only the streams in `whitelist` are listed).
   */
  declare selectionMode: SelectionMode;

  /** Stream names offered in `whitelist` mode (attribute: comma-separated). */
  declare whitelist: string[];

  /** When set, the selection is saved in `localStorage` under this key (and the source id) and restored. */
  declare persistKey: string;

  /** Accessible name of the stream list. Default: "Streams". */
  declare label: string;

  constructor() {
    super();
    this.sourceId = this.persistKey = this.label = '';
    this.selectionMode = 'suggested';
    this.whitelist = [];
  }

  #model?: CatalogModel;
  /** The catalog the model was built from. */
  #raw: unknown;
  #invalid = false;
  #listed: number[] = [];
  #rows: Rows = { stream: [], field: [], pos: [], size: [] };
  /** The row that takes focus (roving tabindex). */
  #active = 0;
  #filters = NO_FILTERS;
  /** A `value` set before a catalog arrived. */
  #pending: unknown;
  /** Names in a restored value that the catalog does not offer. */
  #missing: string[] = [];
  /** `row:kind` of the cursor or key select in use: only it gets its (possibly long) list of options. */
  #openSelect = '';
  // Virtual list: the scroll position and visible height the rendered slice was computed from.
  #grid?: HTMLElement;
  #ro = new ResizeObserver(([e]) => {
    // The visible height arrives after layout (never measured synchronously); more rows when it grew.
    const view = e.contentRect.height - HEAD;
    if (view > this.#view) this.requestUpdate();
    this.#view = view;
  });
  #top = 0;
  /** Visible height of the list, below its header: the default until the ResizeObserver measures it. */
  #view = 480 - HEAD - 2;
  #scrollTo?: number;
  // Discovery.
  #phase: Phase = 'idle';
  #abort?: AbortController;
  #started = 0;
  #timer?: ReturnType<typeof setInterval>;
  #error = '';
  #shownSource = '';
  readonly #cache = new Map<string, StreamCatalog>();
  /** Each source's selection, kept when the user switches to another source and back. */
  readonly #selections = new Map<string, ConfiguredCatalog>();

  /**
   * The selected streams as a configured catalog: `{streams: [{name, namespace?, sync_mode, cursor_field,
   * primary_key, selected_fields?}]}`. Set it to restore a saved selection (before or after the catalog loads);
   * names not in the catalog are listed in a note and left out. `null` goes back to the selection mode's default.
   */
  get value(): ConfiguredCatalog {
    const p = this.#pending as ConfiguredCatalog | undefined;
    return this.#model?.configured() ?? (Array.isArray(p?.streams) ? p! : { streams: [] });
  }

  set value(v: ConfiguredCatalog) {
    const m = this.#model;
    this.#pending = m ? undefined : (v ?? undefined);
    if (!m) return;
    if (v == null) m.selectByMode(this.selectionMode == 'suggested' ? 'suggested' : 'all');
    this.#missing = v == null ? [] : m.apply(v);
    this.#relist();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && this.sourceId && /idle|running/.test(this.#phase)) this.#discover();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#abort) this.#phase = 'idle';
    this.#stop();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new selection mode or whitelist starts over from that mode's default selection.
    const config = (changed.has('selectionMode') || changed.has('whitelist')) && this.#raw !== undefined;
    if (!this.sourceId && (changed.has('catalog') || changed.has('sourceId'))) {
      this.#shownSource = '';
      this.#load(this.catalog);
    } else if (config && (!this.sourceId || this.hasUpdated)) this.#load(this.#raw);
  }

  override updated(changed: PropertyValues<this>): void {
    const sourceChanged = changed.has('sourceId');
    // A new token or client retries what could not run (no token, failed); it does not undo a Cancel.
    const apiChanged = changed.has('client') || changed.has('token') || changed.has('apiBaseUrl');
    // Started after this update, so its first state change renders in a new one.
    if (this.sourceId && (sourceChanged || (apiChanged && /idle|error/.test(this.#phase)))) queueMicrotask(() => this.#discover());
    if (sourceChanged && !this.sourceId) this.#abort?.abort();
    const grid = this.renderRoot.querySelector<HTMLElement>('.grid') ?? undefined;
    if (grid != this.#grid) {
      this.#ro.disconnect();
      if ((this.#grid = grid)) this.#ro.observe(grid);
    }
    if (grid && this.#scrollTo !== undefined) grid.scrollTop = this.#scrollTo;
    this.#scrollTo = undefined;
    this.setStates({ loading: this.#phase == 'running', error: this.#phase == 'error', empty: this.#model?.size === 0 });
  }

  /** Runs the discovery again (source mode) and keeps the current selection where streams still exist. */
  refresh(): void {
    if (this.sourceId && this.isConnected) this.#discover(true);
  }

  // ---------------------------------------------------------------- data

  /** Shows a catalog; with `keep`, the current selection carries over (a refresh of the same source). */
  #load(raw: unknown, keep?: boolean) {
    const prev = keep ? this.#model?.configured() : undefined;
    this.#raw = raw;
    this.#missing = [];
    this.#invalid = raw != null && !Array.isArray((raw as StreamCatalog).streams);
    if (this.#invalid) console.warn('ab-stream-explorer: `catalog` needs a `streams` array', raw);
    const m = (this.#model = raw == null ? undefined : new CatalogModel(raw, this.selectionMode, this.whitelist));
    this.#active = 0;
    if (!m) return;
    const saved = prev ?? this.#pending ?? this.#restore();
    if (saved !== undefined) this.#missing = m.apply(saved);
    this.#pending = undefined;
    this.#relist();
    // The field-name search index is built in idle time, so the first search keystroke is cheap. It stops when the
    // catalog is replaced or the element leaves the page (a search then indexes the rest at once).
    const ric = globalThis.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 16));
    const schedule = () => ric(step, { timeout: 200 });
    const step = (deadline?: IdleDeadline) => {
      if (this.#model != m || !this.isConnected) return;
      // 100 streams at a time while the idle period lasts, then on in the next one.
      while (!m.indexSome(100)) if (!deadline || deadline.timeRemaining() < 3) return schedule();
    };
    schedule();
  }

  /** Filters again (or, with `filter` false, only lays out the rows again: a stream or field opened or closed). */
  #relist(filter = true) {
    const m = this.#model;
    if (filter) this.#listed = m?.filter(this.#filters) ?? [];
    if (m) this.#rows = m.rows(this.#listed);
    this.#active = Math.max(0, Math.min(this.#active, this.#count - 1));
    this.requestUpdate();
  }

  get #count(): number {
    return this.#rows.stream.length;
  }

  get #storageKey(): string {
    return this.persistKey && `ab-stream-explorer:${this.persistKey}${this.sourceId && `:${this.sourceId}`}`;
  }

  #restore(): unknown {
    try {
      return (this.#storageKey && JSON.parse(localStorage.getItem(this.#storageKey)!)) || undefined;
    } catch {
      return undefined;
    }
  }

  /** After a user change (`changed`): event, storage (opt-in); then the count is announced when `announce`. */
  #changed(changed: boolean, announce = true) {
    const m = this.#model!;
    if (changed) {
      const value = m.configured();
      this.dispatchEvent(new AbStreamsChangeEvent(value));
      try {
        if (this.#storageKey) localStorage.setItem(this.#storageKey, JSON.stringify(value));
      } catch {
        /* storage full or blocked: the selection still works */
      }
    }
    this.requestUpdate();
    if (announce) this.announce(this.t('explorerCount', m.selectedCount, m.selectableCount));
  }

  // ---------------------------------------------------------------- discovery

  async #discover(force?: boolean) {
    const id = this.sourceId;
    const api = this.api;
    const cached = this.#cache.get(id);
    this.#stop();
    if (id != this.#shownSource) {
      // Switching sources: remember this one's selection for when the user comes back.
      if (this.#model && this.#shownSource) this.#selections.set(this.#shownSource, this.#model.configured());
      this.#model = this.#raw = undefined;
    }
    this.#phase = 'idle';
    this.requestUpdate();
    if (!force && cached) return this.#show(id, cached);
    if (!api) return;
    const ctrl = (this.#abort = new AbortController());
    const { signal } = ctrl;
    this.#phase = 'running';
    this.#started = Date.now();
    this.#timer = setInterval(() => this.requestUpdate(), 1000);
    this.announce(this.t('explorerDiscovering'));
    try {
      const job = await discoverSource(api, id, { signal });
      const catalog = await waitForCatalog(api, id, { signal, jobId: job.job_id });
      signal.throwIfAborted();
      this.#cache.set(id, catalog);
      this.#show(id, catalog);
      this.announce(this.t('explorerDiscovered', this.#model!.size));
      this.dispatchEvent(new AbCatalogLoadEvent({ sourceId: id, streams: this.#model!.size }));
    } catch (e) {
      if (signal.aborted || isAbortError(e)) return;
      this.#phase = 'error';
      this.#error = this.errorMessage(e);
      this.reportError(e);
      this.announce(`${this.t('explorerDiscoverFailed')} ${this.#error}`);
    } finally {
      if (this.#abort == ctrl) this.#stop();
      this.requestUpdate();
    }
  }

  #show(id: string, catalog: StreamCatalog) {
    const same = this.#shownSource == id;
    this.#phase = 'done';
    if (!same) this.#pending ??= this.#selections.get(id);
    this.#load(catalog, same);
    this.#shownSource = id;
  }

  /** Ends the running discovery, if any: aborts its requests and stops the elapsed-time ticks. */
  #stop() {
    this.#abort?.abort();
    this.#abort = undefined;
    clearInterval(this.#timer);
  }

  // ---------------------------------------------------------------- interaction

  #setFilters(patch: Partial<Filters>, announce = true) {
    this.#filters = { ...this.#filters, ...patch };
    this.#active = 0;
    // A new list starts at the top (writing scrollTop forces a layout: only when scrolled).
    if (this.#top) this.#scrollTo = this.#top = 0;
    this.#relist();
    this.announceSoon(announce ? () => this.t('explorerMatches', this.#listed.length) : undefined, 500);
  }

  /** Select all, none or suggested: among the listed streams when a search or filter is on. */
  #bulk(mode: 'all' | 'none' | 'suggested') {
    const m = this.#model!;
    this.#changed(m.selectByMode(mode, this.#listed.length == m.size ? undefined : this.#listed));
  }

  /** The stream and field (-1 for a stream row) of row `r`. */
  #at(r: number): [number, number] {
    return [this.#rows.stream[r], this.#rows.field[r]];
  }

  /** Index of a row in the current rows, or -1. */
  #rowOf(stream: number, field = -1): number {
    return this.#rows.stream.findIndex((s, r) => s == stream && this.#rows.field[r] == field);
  }

  /** Whether row `r` has fields to show, and whether it shows them right below it. */
  #openState(r: number): [canOpen: boolean, open: boolean] {
    const m = this.#model!;
    const [i, f] = this.#at(r);
    const [i2, f2] = this.#at(r + 1);
    // Open when the next row is one of its fields (top-level fields have parent -1, like a stream row's f).
    return [f < 0 ? !!m.fieldCount(i) : m.tree(i).nodes[f].end > f + 1, i2 == i && f2 >= 0 && m.tree(i).nodes[f2].parent == f];
  }

  #toggleOpen(r: number, open = !this.#openState(r)[1]) {
    if (this.#openState(r)[0]) {
      this.#model!.setOpen(...this.#at(r), open);
      this.#relist(false);
    }
  }

  async #focusRow(r: number) {
    if (!this.#count) return;
    r = this.#active = Math.max(0, Math.min(this.#count - 1, r));
    // Scroll the least that shows the row fully below the sticky header.
    const top = r * ROW;
    const view = Math.max(this.#view, ROW);
    if (top < this.#top) this.#scrollTo = this.#top = top;
    else if (top + ROW > this.#top + view) this.#scrollTo = this.#top = top + ROW - view;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`.body [data-r="${r}"]`)?.focus({ preventScroll: true });
  }

  /** The grid's one listener: scrolling, and keys, focus, presses, clicks and changes in its rows. */
  #onGrid = (e: Event) => {
    if (e.type == 'scroll') {
      // Renders again once the view moved by the overscan (the rows rendered around the visible ones cover less).
      const top = this.#grid!.scrollTop;
      if (Math.abs(top - this.#top) >= OVERSCAN * ROW) this.requestUpdate();
      this.#top = top;
      return;
    }
    const el = target(e).closest?.<HTMLElement>('.body .row');
    if (!el) return;
    const m = this.#model!;
    const r = +el.dataset.r!;
    const [i, f] = this.#at(r);
    const { value, checked, dataset } = target(e);
    const act = dataset.act ?? '';
    if (e.type == 'keydown') this.#onKey(e as KeyboardEvent, el, r);
    else if (e.type == 'change') {
      // Cursor and key options hold JSON paths; the empty option is "none" (the default).
      const path = value && /cursor|pk/.test(act) ? (JSON.parse(value) as string[]) : value || undefined;
      const done =
        act == 'select' ? m.setSelected(i, checked)
        : act == 'field' ? m.toggleField(i, f)
        : m.choose(i, act as 'mode' | 'cursor' | 'pk', act == 'pk' && path ? [path] : path);
      this.#changed(done, done && act == 'select');
    } else if (e.type == 'click') {
      if (act == 'goto') {
        // A relationship: to the referenced stream, clearing the search and filters when they hide it.
        const to = +dataset.to!;
        if (!this.#listed.includes(to)) this.#setFilters(NO_FILTERS, false);
        this.#focusRow(this.#rowOf(to));
        return this.announce(this.t('explorerMovedTo', m.streams[to].name));
      }
      if (act == 'expand') this.#toggleOpen(r);
      if (!target(e).closest('input,select,button')) this.#focusRow(r);
    } else {
      // Focus or a press in a row makes it the active row; on a cursor or key select, fills in its options first.
      const open = /cursor|pk/.test(act) ? `${r}:${act}` : this.#openSelect;
      if (r != this.#active || open != this.#openSelect) {
        this.#active = r;
        this.#openSelect = open;
        this.requestUpdate();
      }
    }
  };

  #onKey(e: KeyboardEvent, el: HTMLElement, r: number) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const m = this.#model!;
    let key = e.key;
    if (e.target != el) {
      // On a control in the row: Escape goes back to the row, Up/Down leave it (except in a select).
      if (key == 'Escape') el.focus();
      else if (target(e).tagName == 'SELECT' || !/^Arrow(Up|Down)$/.test(key)) return;
    }
    // Right opens and Left closes in left-to-right text; mirrored in right-to-left.
    if (this.matches(':dir(rtl)')) key = { ArrowRight: 'ArrowLeft', ArrowLeft: 'ArrowRight' }[key] ?? key;
    const page = Math.max(1, Math.floor(this.#view / ROW) - 1);
    const [canOpen, open] = this.#openState(r);
    const [i, f] = this.#at(r);
    const moves: Record<string, number> = { ArrowDown: r + 1, ArrowUp: r - 1, Home: 0, End: this.#count - 1, PageDown: r + page, PageUp: r - page };
    if (key in moves) this.#focusRow(moves[key]);
    else if (key == 'ArrowRight') open ? this.#focusRow(r + 1) : this.#toggleOpen(r, true);
    else if (key == 'ArrowLeft') open ? this.#toggleOpen(r, false) : f >= 0 && this.#focusRow(this.#rowOf(i, m.tree(i).nodes[f].parent));
    else if (key == ' ') {
      if (f < 0 ? m.setSelected(i, !m.selected[i]) : m.toggleField(i, f)) this.#changed(true, f < 0);
    } else if (key == 'Enter') canOpen && this.#toggleOpen(r);
    else if (key != 'Escape') return;
    e.preventDefault();
  }

  // ---------------------------------------------------------------- render

  /** `text` with the search query marked. */
  #hl(text: string): TemplateResult | string {
    const q = this.#filters.query.trim().toLowerCase();
    const at = q ? text.toLowerCase().indexOf(q) : -1;
    return at < 0 ? text : html`${text.slice(0, at)}<mark>${text.slice(at, at + q.length)}</mark>${text.slice(at + q.length)}`;
  }

  override render() {
    const m = this.#model;
    const phase = this.#phase;
    const running = phase == 'running';
    const failed = phase == 'error';
    const t = this.t.bind(this);
    const btn = (label: string, click: () => void, primary?: boolean) =>
      html`<button class="ab-button" data-variant=${primary ? 'primary' : nothing} @click=${click}>${label}</button>`;
    const box = (part: string, content: unknown) => html`<div class="box ${part}" part=${part} aria-busy=${running || nothing}>${content}</div>`;
    const f = this.#filters;
    const listed = this.#listed.length;
    const filter = (label: string, key: 'selectedOnly' | 'pii') =>
      html`<label><input type="checkbox" .checked=${f[key]} @change=${(e: Event) => this.#setFilters({ [key]: target(e).checked })} />${label}</label>`;
    // Warnings first, then information.
    const notes = m && [
      this.#invalid && t('explorerInvalidCatalog'),
      m.skipped && t('explorerSkipped', m.skipped),
      m.missingWhitelist.length && t('explorerMissingWhitelist', m.missingWhitelist.join(', ')),
      m.duplicates && t('explorerDuplicates', m.duplicates),
      this.#missing.length && t('explorerMissingSaved', this.#missing.join(', ')),
    ];
    return html`<div part="base" class="base">
      ${!this.sourceId ? nothing
      : running || failed || phase == 'cancelled'
        ? box(running ? 'pending' : failed ? 'error' : 'empty', running
          ? html`<span class="status"><span class="ab-spinner" part="spinner" aria-hidden="true"></span>${t('explorerDiscovering')}
              <span class="sub">${t('explorerElapsed', Math.floor((Date.now() - this.#started) / 1000))}</span></span>
              ${btn(t('cancel'), () => {
                this.#stop();
                this.#phase = 'cancelled';
                this.announce(t('explorerDiscoverCancelled'));
                this.requestUpdate();
              })}`
          : html`<strong>${t(failed ? 'explorerDiscoverFailed' : 'explorerDiscoverCancelled')}</strong>
              ${failed ? html`<span>${this.#error}</span>` : nothing}
              ${btn(t('retry'), () => this.#discover(true), true)}`)
      : phase == 'idle' && !this.api ? box('empty', t('noToken')) : nothing}
      ${!m ? (this.sourceId ? nothing : box('empty', t(this.#invalid ? 'explorerInvalidCatalog' : 'explorerNoCatalog')))
      : html`<div class="toolbar" part="toolbar">
          <input type="search" part="search" .value=${f.query} placeholder=${t('explorerSearchPlaceholder')} aria-label=${t('explorerSearchLabel')}
            aria-controls=${listed ? 'grid' : nothing} @input=${(e: Event) => this.#setFilters({ query: target(e).value })}
            @keydown=${(e: KeyboardEvent) => e.key == 'ArrowDown' && this.#count && (e.preventDefault(), this.#focusRow(this.#active))} />
          <div class="actions" role="group" aria-label=${t('explorerSelectionActions')}>
            ${btn(t('explorerSelectAll'), () => this.#bulk('all'))}
            ${btn(t('explorerSelectNone'), () => this.#bulk('none'))}
            ${btn(t('explorerSelectSuggested'), () => this.#bulk('suggested'))}
            ${this.sourceId && !running ? btn(t('refresh'), () => this.refresh()) : nothing}
          </div>
        </div>
        <div class="filters" role="group" aria-label=${t('explorerFilters')}>
          ${filter(t('explorerFilterSelected'), 'selectedOnly')}
          ${m.anyPii ? filter(t('explorerFilterPii'), 'pii') : nothing}
          ${m.categories.length
            ? html`<label>${t('explorerFilterCategory')}
                <select @change=${(e: Event) => this.#setFilters({ category: target(e).value })}>
                  ${['', ...m.categories].map((c) => html`<option value=${c} .selected=${c == f.category}>${c || t('explorerAllCategories')}</option>`)}
                </select></label>`
            : nothing}
        </div>
        <p id="summary" class="summary" part="summary">
          ${t('explorerCount', m.selectedCount, m.selectableCount)}${listed != m.size ? ` · ${t('explorerShown', listed)}` : ''}
        </p>
        ${notes!.map((text, k) => (text ? html`<p class="note" data-kind=${k < 3 ? 'warn' : 'info'}>${text}</p>` : nothing))}
        ${!m.size ? box('empty', t('explorerEmpty'))
        : !listed ? box('empty', [t('explorerNoMatch'), btn(t('explorerClearFilters'), () => this.#setFilters(NO_FILTERS))])
        : this.#renderGrid(m)}`}
      ${liveRegion()}
    </div>`;
  }

  #renderGrid(m: CatalogModel) {
    const a = this.#active;
    const count = this.#count;
    const start = Math.max(0, Math.floor(this.#top / ROW) - OVERSCAN);
    const end = Math.min(count, Math.ceil((this.#top + this.#view) / ROW) + OVERSCAN);
    // The active row stays rendered when scrolled away (in row order, so its node never moves and keeps focus).
    const shown = a < start ? [a] : [];
    for (let r = start; r < end; r++) shown.push(r);
    if (a >= end) shown.push(a);
    // Rows are recycled: a row's node is keyed by its slot (index modulo a number larger than any window), so
    // scrolling and filtering update rows in place instead of building new ones. The active row keeps its slot
    // (and its focus) when scrolled away; the row in view that would share that slot gets a node of its own (-1).
    const slots = Math.max(128, end - start + 1);
    const key = (r: number) => (r != a && r % slots == a % slots ? -1 : r % slots);
    // Sizes and offsets go through `.style` (CSSOM), which a strict CSP allows, unlike `style` attributes.
    return html`<div id="grid" class="grid" part="list" role="treegrid" aria-label=${this.label || this.t('explorerLabel')} aria-multiselectable="true"
      aria-rowcount=${count + 1} aria-describedby="summary" .style=${`block-size:min(var(--ab-stream-explorer-height,480px),${count * ROW + HEAD + 2}px)`}
      @scroll=${this.#onGrid} @keydown=${this.#onGrid} @focusin=${this.#onGrid} @pointerdown=${this.#onGrid} @click=${this.#onGrid} @change=${this.#onGrid}>
      <div class="row head" role="row" aria-rowindex="1">
        ${(['explorerColStream', 'explorerColDetails', 'explorerColSyncMode', 'explorerColCursor', 'explorerColPk', 'explorerColRelations'] as const).map(
          (k) => html`<span class="cell" role="columnheader">${this.t(k)}</span>`,
        )}
      </div>
      <div class="body" role="rowgroup" .style=${`block-size:${count * ROW}px`}>
        ${repeat(shown, key, (r) => this.#renderRow(m, r))}
      </div>
    </div>`;
  }

  #renderRow(m: CatalogModel, r: number) {
    const t = this.t.bind(this);
    const [i, f] = this.#at(r);
    const s = m.info(i);
    const tab = r == this.#active ? 0 : -1;
    const [canOpen, open] = this.#openState(r);
    const badge = (text: string, kind?: string, title?: string) => html`<span class="badge" data-kind=${kind ?? nothing} title=${title ?? nothing}>${text}</span>`;
    const sub = (text: unknown, title?: string) => html`<span class="sub" title=${title ?? nothing}>${text}</span>`;
    const cell = (content: unknown) => html`<div class="cell" role="gridcell">${content}</div>`;
    const relation = (fk: ForeignKey) => {
      const text = t('explorerRelation', fk.field_name, fk.referenced_stream_name, fk.referenced_field_name);
      const to = m.target(i, fk);
      return to >= 0 && !(m.blocked[to] & 1)
        ? html`<button class="link" data-act="goto" data-to=${to} tabindex=${tab}>${text}</button>`
        : html`${sub(text, t('explorerNotInCatalog'))} `;
    };
    const row = (level: number, selected: boolean | undefined, check: TemplateResult, name: unknown, cells: unknown) =>
      html`<div class="row" role="row" data-r=${r} tabindex=${tab} aria-level=${level} aria-posinset=${this.#rows.pos[r]} aria-setsize=${this.#rows.size[r]}
        aria-rowindex=${r + 2} aria-expanded=${canOpen ? String(open) : nothing} aria-selected=${selected ?? nothing} aria-disabled=${selected == null || nothing}
        aria-labelledby="n${r}" .style=${`transform:translateY(${r * ROW}px);--depth:${level - 1}`}>
        <div class="cell c-name" role="gridcell">
          <span class="twisty" data-act="expand" ?data-open=${open} ?data-none=${!canOpen} aria-hidden="true">▸</span>${check}
          <span class="label">${name}</span>
        </div>
        ${cells}
      </div>`;

    if (f < 0) {
      const can = m.canSelect(i);
      const sel = !!m.selected[i];
      const { names, total } = m.fieldMatches(i);
      const mode = m.modeOf(i);
      const count = m.fieldCount(i);
      const modeLabel = (x: SyncMode) => t(x == 'incremental' ? 'explorerIncremental' : 'explorerFullRefresh');
      return row(
        1,
        can ? sel : undefined,
        html`<input type="checkbox" data-act="select" tabindex=${tab} .checked=${sel} ?disabled=${!can} aria-label=${t('explorerSyncStream', s.name)} />`,
        html`<span id="n${r}" class="name">${this.#hl(s.name)}${s.namespace ? html` <span class="sub">${s.namespace}</span>` : nothing}</span>
          ${total ? sub(t('explorerFieldMatches', names.join(', '), total - names.length)) : s.description ? sub(s.description, s.description) : nothing}`,
        [
          cell([
            s.category && badge(s.category),
            s.suggested && badge(t('explorerSuggested'), 'suggested'),
            s.pii.length && badge(t('explorerPii'), 'warn', s.pii.join(', ')),
            m.blocked[i] & 2 && badge(t('explorerDuplicate'), 'warn', t('explorerDuplicateHint')),
            sub(count == null ? t('explorerNoSchema') : t('explorerFieldCount', count)),
          ].map((x) => x || nothing)),
          cell(
            s.syncModes.length > 1
              ? html`<select data-act="mode" tabindex=${tab} ?disabled=${!can} aria-label=${t('explorerSyncModeOf', s.name)}>
                  ${s.syncModes.map((x) => html`<option value=${x} .selected=${x == mode}>${modeLabel(x)}</option>`)}
                </select>`
              : modeLabel(mode),
          ),
          (['cursor', 'pk'] as const).map((kind) => cell(can ? this.#keyCell(m, r, i, tab, kind) : nothing)),
          cell(s.fks.map(relation)),
        ],
      );
    }

    const nodes = m.tree(i).nodes;
    const n = nodes[f];
    const st = m.fieldState(i, f);
    const lock = m.fieldLock(i, f);
    const path = dotted(n.path);
    return row(
      n.depth + 2,
      st != 'off',
      html`<input type="checkbox" data-act="field" tabindex=${tab} .checked=${st != 'off'} .indeterminate=${st == 'mixed'} ?disabled=${!!lock}
        aria-label=${t('explorerIncludeField', path)} title=${lock ? t(lock == 'key' ? 'explorerLockedKey' : 'explorerLockedArray') : nothing} />`,
      html`<span id="n${r}">${this.#hl(n.name)}</span>`,
      html`${cell([
          html`<span class="type" ?data-unknown=${n.types.some(isUnknownType)}>${[...n.types].sort((a, b) => +(a == 'null') - +(b == 'null')).join(' | ')}</span>`,
          n.format ? sub(n.format) : nothing,
        ])}
        <div class="cell" role="gridcell" aria-colspan="4">
          ${m.pkOf(i).some((p) => dotted(p) == path) ? badge(t('explorerColPk')) : nothing}
          ${dotted(m.cursorOf(i)) == path ? badge(t('explorerColCursor')) : nothing}
          ${s.pii.includes(path) ? badge(t('explorerPii'), 'warn') : nothing}
          ${s.fks.filter((k) => k.field_name == path).map(relation)}
          ${f == nodes.length - 1 && m.tree(i).truncated ? badge(t('explorerTruncated', MAX_FIELDS), 'warn') : nothing}
          ${n.description ? sub(n.description, n.description) : nothing}
        </div>`,
    );
  }

  /** Cursor or primary key: read-only when the source defines it, else a select filled only while in use. */
  #keyCell(m: CatalogModel, r: number, i: number, tab: number, kind: 'cursor' | 'pk') {
    const s = m.info(i);
    const cursor = kind == 'cursor';
    if (cursor && m.modeOf(i) != 'incremental') return html`<span class="sub">${this.t('explorerNotNeeded')}</span>`;
    const paths = cursor ? [m.cursorOf(i)].filter((p) => p.length) : m.pkOf(i);
    const fixed = cursor ? s.sourceCursor : s.sourcePk.length > 0;
    if (fixed || m.fieldCount(i) == null || paths.length > 1)
      return html`<span title=${fixed ? this.t('explorerSetBySource') : nothing}>${paths.map(dotted).join(', ') || '—'}</span>`;
    const current = paths.length ? JSON.stringify(paths[0]) : '';
    // Options are chosen through `.selected` (a property): recycled rows reuse selects the user has touched,
    // which ignore changes to the `selected` attribute.
    return html`<select data-act=${kind} tabindex=${tab} aria-label=${this.t(cursor ? 'explorerCursorOf' : 'explorerPkOf', s.name)}
      aria-invalid=${cursor && !current ? 'true' : nothing}>
      <option value="" .selected=${!current}>${this.t(cursor ? 'explorerChooseCursor' : 'explorerNoPk')}</option>
      ${(this.#openSelect == `${r}:${kind}` ? m.candidates(i, kind) : paths).map((p) => {
        const v = JSON.stringify(p);
        return html`<option value=${v} .selected=${v == current}>${dotted(p)}</option>`;
      })}
    </select>`;
  }
}
