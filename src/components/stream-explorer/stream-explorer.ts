import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { discoverSource, waitForCatalog, type StreamCatalog } from '../../api/discovery.js';
import { isAbortError } from '../../api/errors.js';
import { AbApiElement } from '../../internal/api-element.js';
import { liveRegion } from '../../internal/live-region.js';
import { hostStyles } from '../../internal/theme.styles.js';
import { VirtualList } from '../../internal/virtual-list.js';
import { CatalogModel, type Filters, type Rows } from './catalog-model.js';
import { MAX_FIELDS, SEP, isUnknownType } from './field-tree.js';
import { AbCatalogLoadEvent, AbStreamsChangeEvent } from './stream-explorer.events.js';
import { styles } from './stream-explorer.styles.js';
import type { ConfiguredCatalog, SelectionMode, SyncMode } from './stream-explorer.types.js';

const ROW = 44;
const HEAD = 36;
const NO_ROWS: Rows = { count: 0, stream: new Int32Array(0), field: new Int32Array(0), pos: new Int32Array(0), size: new Int32Array(0) };
const NO_FILTERS: Filters = { query: '', selectedOnly: false, pii: false, category: '' };
const listConverter = {
  fromAttribute: (v: string | null) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []),
  toAttribute: (v: string[]) => v.join(','),
};
const dotted = (p: readonly string[]) => p.join('.');
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

  /** A catalog to show without calling the API (`{streams: AirbyteStream[]}`). Ignored while `source-id` is set. */
  @property({ attribute: false }) accessor catalog: StreamCatalog | undefined = undefined;

  /** Discover this source's streams through the API (needs `token` or `client`). */
  @property({ attribute: 'source-id' }) accessor sourceId = '';

  /**
   * Initial selection and what may be chosen, like a template's `stream_selection_mode`: `suggested` (the
   * suggested streams, or all when none is), `all`, or `whitelist` (only the streams in `whitelist` are listed).
   */
  @property({ attribute: 'selection-mode' }) accessor selectionMode: SelectionMode = 'suggested';

  /** Stream names offered in `whitelist` mode (attribute: comma-separated). */
  @property({ converter: listConverter }) accessor whitelist: string[] = [];

  /** When set, the selection is saved in `localStorage` under this key (and the source id) and restored. */
  @property({ attribute: 'persist-key' }) accessor persistKey = '';

  /** Accessible name of the stream list. Default: "Streams". */
  @property() accessor label = '';

  @state() private accessor _version = 0;

  private _model?: CatalogModel;
  private _raw: unknown;
  private _invalid = false;
  private _listed: number[] = [];
  private _rows: Rows = NO_ROWS;
  private _active = 0;
  private _filters: Filters = { ...NO_FILTERS };
  private _pending: unknown;
  private _missing: string[] = [];
  private _openSelect = '';
  private _announceTimer?: ReturnType<typeof setTimeout>;
  private _idle?: number;
  private readonly _vl = new VirtualList(this, { rowHeight: ROW, stickyTop: HEAD, overscan: 6 });
  // discovery
  private _phase: Phase = 'idle';
  private _abort?: AbortController;
  private _started = 0;
  private _timer?: ReturnType<typeof setInterval>;
  private _error = '';
  private _shownSource = '';
  private readonly _cache = new Map<string, StreamCatalog>();
  private readonly _selections = new Map<string, ConfiguredCatalog>();
  private _internals?: ElementInternals;

  constructor() {
    super();
    try {
      this._internals = this.attachInternals();
    } catch {
      /* custom states are an enhancement */
    }
  }

  /**
   * The selected streams as a configured catalog: `{streams: [{name, namespace?, sync_mode, cursor_field,
   * primary_key, selected_fields?}]}`. Set it to restore a saved selection (before or after the catalog loads);
   * names not in the catalog are listed in a note and left out.
   */
  get value(): ConfiguredCatalog {
    if (this._model) return this._model.configured();
    const p = this._pending as ConfiguredCatalog | undefined;
    return p && Array.isArray(p.streams) ? p : { streams: [] };
  }

  set value(v: ConfiguredCatalog) {
    // null / undefined: back to the selection mode's default. Held until a catalog arrives, else applied now.
    const m = this._model;
    this._pending = m ? undefined : (v ?? undefined);
    if (!m) return;
    if (v == null) {
      this._missing = [];
      m.selectByMode(this.selectionMode === 'suggested' ? 'suggested' : 'all');
    } else this._missing = m.apply(v);
    this._relist();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && this.sourceId && (this._phase === 'running' || this._phase === 'idle')) this._discover(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this._abort) {
      this._abort.abort();
      this._phase = 'idle';
    }
    this._stopTimer();
    clearTimeout(this._announceTimer);
    if (this._idle !== undefined) (globalThis.cancelIdleCallback ?? clearTimeout)(this._idle);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new selection mode or whitelist starts over from that mode's default selection.
    const config = changed.has('selectionMode') || changed.has('whitelist');
    if (!this.sourceId) {
      if (changed.has('catalog') || changed.has('sourceId')) {
        this._shownSource = '';
        this._load(this.catalog, false);
      }
      else if (config && this._raw !== undefined) this._load(this._raw, false);
    } else if (config && this._raw !== undefined && this.hasUpdated) this._load(this._raw, false);
  }

  override updated(changed: PropertyValues<this>): void {
    const sourceChanged = changed.has('sourceId');
    const apiChanged = changed.has('client') || changed.has('token') || changed.has('apiBaseUrl');
    // Started after this update, so its first state change renders in a new one.
    // A new token or client retries what could not run (no token, failed); it does not undo a Cancel.
    if (this.sourceId && (sourceChanged || (apiChanged && (this._phase === 'idle' || this._phase === 'error')))) queueMicrotask(() => this._discover(false));
    if (sourceChanged && !this.sourceId) this._abort?.abort();
    this._vl.observe(this.renderRoot.querySelector<HTMLElement>('.grid'));
    const states = this._internals?.states;
    if (states)
      for (const [name, on] of [
        ['loading', this._phase === 'running'],
        ['error', this._phase === 'error'],
        ['empty', !!this._model && this._model.size === 0],
      ] as const)
        try {
          if (on) states.add(name);
          else states.delete(name);
        } catch {
          /* older engines */
        }
  }

  // ---------------------------------------------------------------- public methods

  /** Runs the discovery again (source mode) and keeps the current selection where streams still exist. */
  refresh(): void {
    if (this.sourceId && this.isConnected) this._discover(true);
  }

  // ---------------------------------------------------------------- data

  private _bump() {
    this._version++;
  }

  private _load(raw: unknown, keep: boolean) {
    const prev = keep && this._model ? this._model.configured() : undefined;
    this._raw = raw;
    this._missing = [];
    this._invalid = false;
    if (raw === undefined || raw === null) {
      this._model = undefined;
      this._rows = NO_ROWS;
      this._listed = [];
      return;
    }
    if (typeof raw !== 'object' || !Array.isArray((raw as { streams?: unknown }).streams)) {
      this._invalid = true;
      console.warn('[ab-stream-explorer] `catalog` must be an object with a `streams` array; got', raw);
    }
    const m = new CatalogModel(raw, this.selectionMode, this.selectionMode === 'whitelist' ? this.whitelist : []);
    const saved = prev ?? this._pending ?? this._restore();
    if (saved !== undefined) this._missing = m.apply(saved);
    this._pending = undefined;
    this._model = m;
    this._active = 0;
    this._relist();
    this._indexLater(m);
  }

  /** Builds the field-name search index in idle time, so the first search keystroke is cheap. */
  private _indexLater(m: CatalogModel) {
    const ric = globalThis.requestIdleCallback;
    const schedule = (cb: (d?: IdleDeadline) => void): number => (ric ? ric(cb, { timeout: 200 }) : (setTimeout(cb, 16) as unknown as number));
    const step = (deadline?: IdleDeadline) => {
      this._idle = undefined;
      if (this._model !== m || !this.isConnected) return;
      let done = m.indexSome(100);
      while (!done && deadline && !deadline.didTimeout && deadline.timeRemaining() > 3) done = m.indexSome(100);
      if (!done) this._idle = schedule(step);
    };
    this._idle = schedule(step);
  }

  private _relist() {
    if (!this._model) return;
    this._listed = this._model.filter(this._filters);
    this._rerow();
  }

  private _rerow() {
    if (!this._model) return;
    this._rows = this._model.rows(this._listed);
    this._active = Math.max(0, Math.min(this._active, this._rows.count - 1));
    this._bump();
  }

  private get _storageKey(): string {
    return this.persistKey ? `ab-stream-explorer:${this.persistKey}${this.sourceId ? `:${this.sourceId}` : ''}` : '';
  }

  private _restore(): unknown {
    const key = this._storageKey;
    if (!key) return undefined;
    try {
      const s = localStorage.getItem(key);
      return s ? JSON.parse(s) : undefined;
    } catch {
      return undefined;
    }
  }

  /** After every user change: event, storage (opt-in), announcement. */
  private _changed(announce: boolean) {
    const m = this._model!;
    const value = m.configured();
    this._bump();
    this.dispatchEvent(new AbStreamsChangeEvent({ streams: value.streams }));
    const key = this._storageKey;
    if (key)
      try {
        localStorage.setItem(key, JSON.stringify(value));
      } catch {
        /* storage full or blocked: the selection still works */
      }
    if (announce) this.announce(this.t('explorerCount', m.selectedCount, m.selectableCount));
  }

  // ---------------------------------------------------------------- discovery

  private async _discover(force: boolean) {
    const id = this.sourceId;
    this._abort?.abort();
    this._abort = undefined;
    this._stopTimer();
    if (id !== this._shownSource) {
      // Switching sources: remember this one's selection for when the user comes back.
      if (this._model && this._shownSource) this._selections.set(this._shownSource, this._model.configured());
      this._model = undefined;
      this._raw = undefined;
      this._rows = NO_ROWS;
    }
    const cached = this._cache.get(id);
    if (!force && cached) {
      this._show(id, cached);
      return;
    }
    const api = this.api;
    if (!api) {
      this._phase = 'idle';
      this._bump();
      return;
    }
    const ctrl = new AbortController();
    this._abort = ctrl;
    this._phase = 'running';
    this._error = '';
    this._started = Date.now();
    this._timer = setInterval(() => this._bump(), 1000);
    this._bump();
    this.announce(this.t('explorerDiscovering'));
    try {
      const job = await discoverSource(api, id, { signal: ctrl.signal });
      const catalog = await waitForCatalog(api, id, { signal: ctrl.signal, jobId: job.job_id });
      if (ctrl.signal.aborted) return;
      this._cache.set(id, catalog);
      this._show(id, catalog);
      this.announce(this.t('explorerDiscovered', this._model?.size ?? 0));
      this.dispatchEvent(new AbCatalogLoadEvent({ sourceId: id, streams: this._model?.size ?? 0 }));
    } catch (e) {
      if (ctrl.signal.aborted || isAbortError(e)) return;
      this._phase = 'error';
      this._error = this.errorMessage(e);
      this.reportError(e);
      this.announce(`${this.t('explorerDiscoverFailed')} ${this._error}`);
    } finally {
      if (this._abort === ctrl) {
        this._abort = undefined;
        this._stopTimer();
      }
      this._bump();
    }
  }

  private _show(id: string, catalog: StreamCatalog) {
    this._phase = 'done';
    const same = this._shownSource === id;
    if (!same && this._pending === undefined) this._pending = this._selections.get(id);
    this._load(catalog, same);
    this._shownSource = id;
    this._bump();
  }

  private _cancel() {
    if (!this._abort) return;
    this._abort.abort();
    this._abort = undefined;
    this._stopTimer();
    this._phase = 'cancelled';
    this.announce(this.t('explorerDiscoverCancelled'));
    this._bump();
  }

  private _stopTimer() {
    clearInterval(this._timer);
    this._timer = undefined;
  }

  // ---------------------------------------------------------------- interaction

  private _setFilters(patch: Partial<Filters>) {
    this._filters = { ...this._filters, ...patch };
    this._active = 0;
    this._relist();
    clearTimeout(this._announceTimer);
    this._announceTimer = setTimeout(() => this.announce(this.t('explorerMatches', this._listed.length)), 500);
  }

  private _bulk(mode: 'all' | 'none' | 'suggested') {
    const m = this._model;
    if (!m) return;
    const all = this._listed.length === m.size;
    if (m.selectByMode(mode, all ? undefined : this._listed)) this._changed(true);
    else this.announce(this.t('explorerCount', m.selectedCount, m.selectableCount));
  }

  private _rowFrom(target: EventTarget | null): { el: HTMLElement; r: number } | undefined {
    const el = (target as HTMLElement | null)?.closest?.<HTMLElement>('.body .row');
    return el ? { el, r: Number(el.dataset.r) } : undefined;
  }

  /** Whether row `r` shows children right below it. */
  private _isOpen(r: number): boolean {
    const rows = this._rows;
    const m = this._model!;
    if (r + 1 >= rows.count || rows.stream[r + 1] !== rows.stream[r]) return false;
    const f = rows.field[r];
    return f < 0 || m.tree(rows.stream[r]).nodes[rows.field[r + 1]].parent === f;
  }

  private _canOpen(r: number): boolean {
    const m = this._model!;
    const i = this._rows.stream[r];
    const f = this._rows.field[r];
    if (f < 0) return !!m.streams[i].fieldCount;
    const n = m.tree(i).nodes[f];
    return n.end > f + 1;
  }

  private _setOpen(r: number, open: boolean) {
    const m = this._model!;
    const i = this._rows.stream[r];
    const f = this._rows.field[r];
    if (f < 0) m.expanded[i] = open ? 1 : 0;
    else m.setFieldOpen(i, f, open);
    this._rerow();
  }

  private _toggleRow(r: number): boolean {
    const m = this._model!;
    const i = this._rows.stream[r];
    const f = this._rows.field[r];
    const done = f < 0 ? m.setSelected(i, !m.selected[i]) : m.toggleField(i, f);
    if (done) this._changed(f < 0);
    return done;
  }

  private async _focusRow(r: number) {
    const count = this._rows.count;
    if (!count) return;
    r = Math.max(0, Math.min(count - 1, r));
    this._active = r;
    this._vl.scrollToIndex(r);
    this._bump();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`.body [data-r="${r}"]`)?.focus({ preventScroll: true });
  }

  private _goto(target: number) {
    const m = this._model!;
    if (!this._listed.includes(target)) {
      this._filters = { ...NO_FILTERS };
      this._relist();
    }
    const r = CatalogModel.rowOf(this._rows, target);
    if (r < 0) return;
    this._focusRow(r);
    this.announce(this.t('explorerMovedTo', m.streams[target].name));
  }

  private _onKeydown = (e: KeyboardEvent) => {
    const hit = this._rowFrom(e.target);
    if (!hit || e.altKey || e.ctrlKey || e.metaKey) return;
    const { el, r } = hit;
    const onRow = e.target === el;
    const tag = (e.target as HTMLElement).tagName;
    if (!onRow) {
      if (e.key === 'Escape') {
        e.preventDefault();
        el.focus();
        return;
      }
      if (tag === 'SELECT' || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    }
    // Right opens and Left closes in left-to-right text; mirrored in right-to-left.
    const key = getComputedStyle(this).direction === 'rtl' ? ({ ArrowRight: 'ArrowLeft', ArrowLeft: 'ArrowRight' } as Record<string, string>)[e.key] ?? e.key : e.key;
    const page = Math.max(1, Math.floor(((this.renderRoot.querySelector('.grid')?.clientHeight ?? 400) - HEAD) / ROW) - 1);
    switch (key) {
      case 'ArrowDown':
        this._focusRow(r + 1);
        break;
      case 'ArrowUp':
        this._focusRow(r - 1);
        break;
      case 'Home':
        this._focusRow(0);
        break;
      case 'End':
        this._focusRow(this._rows.count - 1);
        break;
      case 'PageDown':
        this._focusRow(r + page);
        break;
      case 'PageUp':
        this._focusRow(r - page);
        break;
      case 'ArrowRight':
        if (!this._canOpen(r)) break;
        if (!this._isOpen(r)) this._setOpen(r, true);
        else this._focusRow(r + 1);
        break;
      case 'ArrowLeft': {
        if (this._isOpen(r)) {
          this._setOpen(r, false);
          break;
        }
        const f = this._rows.field[r];
        if (f < 0) break;
        const parent = this._model!.tree(this._rows.stream[r]).nodes[f].parent;
        this._focusRow(CatalogModel.rowOf(this._rows, this._rows.stream[r], parent));
        break;
      }
      case ' ':
        this._toggleRow(r);
        break;
      case 'Enter':
        if (this._canOpen(r)) this._setOpen(r, !this._isOpen(r));
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  private _onFocusIn = (e: FocusEvent) => {
    const hit = this._rowFrom(e.target);
    if (!hit) return;
    const act = (e.target as HTMLElement).dataset.act;
    const open = act === 'cursor' || act === 'pk' ? `${hit.r}:${act}` : this._openSelect;
    if (hit.r !== this._active || open !== this._openSelect) {
      this._active = hit.r;
      this._openSelect = open;
      this._bump();
    }
  };

  /** Cursor and primary-key selects get their (possibly long) option list only while in use. */
  private _onPointerDown = (e: PointerEvent) => {
    const t = e.target as HTMLElement;
    const act = t.dataset?.act;
    const hit = this._rowFrom(t);
    if (hit && (act === 'cursor' || act === 'pk')) {
      this._openSelect = `${hit.r}:${act}`;
      this._bump();
    }
  };

  private _onClick = (e: MouseEvent) => {
    const hit = this._rowFrom(e.target);
    if (!hit) return;
    const t = e.target as HTMLElement;
    const actEl = t.closest<HTMLElement>('[data-act]');
    const act = actEl?.dataset.act;
    if (act === 'expand') {
      if (this._canOpen(hit.r)) this._setOpen(hit.r, !this._isOpen(hit.r));
      this._focusRow(hit.r);
    } else if (act === 'goto') this._goto(Number(actEl!.dataset.to));
    else if (!t.closest('input,select,button')) this._focusRow(hit.r);
  };

  private _onChange = (e: Event) => {
    const hit = this._rowFrom(e.target);
    const m = this._model;
    if (!hit || !m) return;
    const t = e.target as HTMLInputElement | HTMLSelectElement;
    const i = this._rows.stream[hit.r];
    const f = this._rows.field[hit.r];
    let done = false;
    switch (t.dataset.act) {
      case 'select':
        done = m.setSelected(i, (t as HTMLInputElement).checked);
        if (done) this._changed(true);
        break;
      case 'field':
        done = m.toggleField(i, f);
        if (done) this._changed(false);
        break;
      case 'mode':
        done = m.setSyncMode(i, t.value as SyncMode);
        break;
      case 'cursor':
        done = m.setCursor(i, t.value ? (JSON.parse(t.value) as string[]) : undefined);
        break;
      case 'pk':
        done = m.setPk(i, t.value ? [JSON.parse(t.value) as string[]] : undefined);
        break;
    }
    if (done && t.tagName === 'SELECT') this._changed(false);
    if (!done) this._bump();
  };

  // ---------------------------------------------------------------- render

  private _hl(text: string): TemplateResult | string {
    const q = this._filters.query.trim().toLowerCase();
    const at = q ? text.toLowerCase().indexOf(q) : -1;
    if (at < 0) return text;
    return html`${text.slice(0, at)}<mark>${text.slice(at, at + q.length)}</mark>${text.slice(at + q.length)}`;
  }

  override render() {
    const m = this._model;
    return html`<div part="base" class="base">
      ${this.sourceId ? this._renderDiscovery() : nothing}
      ${m
        ? this._renderExplorer(m)
        : !this.sourceId
          ? html`<div class="empty" part="empty">${this.t(this._invalid ? 'explorerInvalidCatalog' : 'explorerNoCatalog')}</div>`
          : nothing}
      ${liveRegion()}
    </div>`;
  }

  private _renderDiscovery() {
    const phase = this._phase;
    if (phase === 'running') {
      const secs = Math.floor((Date.now() - this._started) / 1000);
      return html`<div class="pending" part="pending" aria-busy="true">
        <span class="status"><span class="ab-spinner" part="spinner" aria-hidden="true"></span>${this.t('explorerDiscovering')}
          <span class="sub">${this.t('explorerElapsed', secs)}</span></span>
        <button class="ab-button" @click=${this._cancel}>${this.t('cancel')}</button>
      </div>`;
    }
    if (phase === 'error' || phase === 'cancelled') {
      return html`<div class="${phase === 'error' ? 'error' : 'empty'}" part=${phase === 'error' ? 'error' : 'empty'}>
        <strong>${phase === 'error' ? this.t('explorerDiscoverFailed') : this.t('explorerDiscoverCancelled')}</strong>
        ${phase === 'error' ? html`<span>${this._error}</span>` : nothing}
        <button class="ab-button" data-variant="primary" @click=${() => this._discover(true)}>${this.t('retry')}</button>
      </div>`;
    }
    if (phase === 'idle' && !this.api) return html`<div class="empty" part="empty">${this.t('noToken')}</div>`;
    return nothing;
  }

  private _renderExplorer(m: CatalogModel) {
    const f = this._filters;
    const notes: [string, string][] = [];
    if (this._invalid) notes.push(['warn', this.t('explorerInvalidCatalog')]);
    if (m.skipped) notes.push(['warn', this.t('explorerSkipped', m.skipped)]);
    if (m.duplicates) notes.push(['info', this.t('explorerDuplicates', m.duplicates)]);
    if (m.missingWhitelist.length) notes.push(['warn', this.t('explorerMissingWhitelist', m.missingWhitelist.join(', '))]);
    if (this._missing.length) notes.push(['info', this.t('explorerMissingSaved', this._missing.join(', '))]);
    const filtered = this._listed.length !== m.size;
    return html`
      <div class="toolbar" part="toolbar">
        <input
          type="search"
          part="search"
          .value=${f.query}
          placeholder=${this.t('explorerSearchPlaceholder')}
          aria-label=${this.t('explorerSearchLabel')}
          aria-controls=${this._listed.length ? 'grid' : nothing}
          @input=${(e: Event) => this._setFilters({ query: (e.target as HTMLInputElement).value })}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'ArrowDown' && this._rows.count) {
              e.preventDefault();
              this._focusRow(this._active);
            }
          }}
        />
        <div class="actions" role="group" aria-label=${this.t('explorerSelectionActions')}>
          <button class="ab-button" @click=${() => this._bulk('all')}>${this.t('explorerSelectAll')}</button>
          <button class="ab-button" @click=${() => this._bulk('none')}>${this.t('explorerSelectNone')}</button>
          <button class="ab-button" @click=${() => this._bulk('suggested')}>${this.t('explorerSelectSuggested')}</button>
          ${this.sourceId && this._phase !== 'running'
            ? html`<button class="ab-button" @click=${() => this.refresh()}>${this.t('refresh')}</button>`
            : nothing}
        </div>
      </div>
      <div class="filters" role="group" aria-label=${this.t('explorerFilters')}>
        <label
          ><input type="checkbox" .checked=${f.selectedOnly} @change=${(e: Event) => this._setFilters({ selectedOnly: (e.target as HTMLInputElement).checked })} />${this.t(
            'explorerFilterSelected',
          )}</label
        >
        ${m.anyPii
          ? html`<label
              ><input type="checkbox" .checked=${f.pii} @change=${(e: Event) => this._setFilters({ pii: (e.target as HTMLInputElement).checked })} />${this.t(
                'explorerFilterPii',
              )}</label
            >`
          : nothing}
        ${m.categories.length
          ? html`<label
              >${this.t('explorerFilterCategory')}
              <select @change=${(e: Event) => this._setFilters({ category: (e.target as HTMLSelectElement).value })}>
                <option value="" ?selected=${!f.category}>${this.t('explorerAllCategories')}</option>
                ${m.categories.map((c) => html`<option value=${c} ?selected=${c === f.category}>${c}</option>`)}
              </select></label
            >`
          : nothing}
      </div>
      <p id="summary" class="summary" part="summary">
        ${this.t('explorerCount', m.selectedCount, m.selectableCount)}${filtered ? ` · ${this.t('explorerShown', this._listed.length)}` : ''}
      </p>
      ${notes.map(([kind, text]) => html`<p class="note" data-kind=${kind}>${text}</p>`)}
      ${m.size === 0
        ? html`<div class="empty" part="empty">${this.t('explorerEmpty')}</div>`
        : this._listed.length === 0
          ? html`<div class="empty" part="empty">
              ${this.t('explorerNoMatch')}
              <button class="ab-button" @click=${() => this._setFilters({ ...NO_FILTERS })}>${this.t('explorerClearFilters')}</button>
            </div>`
          : this._renderGrid(m)}
    `;
  }

  private _renderGrid(m: CatalogModel) {
    const rows = this._rows;
    const [start, end] = this._vl.range(rows.count);
    const shown: number[] = [];
    const a = this._active;
    if (a < start) shown.push(a);
    for (let r = start; r < end; r++) shown.push(r);
    if (a >= end && a < rows.count) shown.push(a);
    return html`<div
      id="grid"
      class="grid"
      part="list"
      role="treegrid"
      aria-label=${this.label || this.t('explorerLabel')}
      aria-multiselectable="true"
      aria-rowcount=${rows.count + 1}
      aria-describedby="summary"
      style="block-size:min(var(--_ab-stream-explorer-height),${rows.count * ROW + HEAD + 2}px)"
      @keydown=${this._onKeydown}
      @focusin=${this._onFocusIn}
      @pointerdown=${this._onPointerDown}
      @click=${this._onClick}
      @change=${this._onChange}
    >
      <div class="row head" role="row" aria-rowindex="1">
        ${(['explorerColStream', 'explorerColDetails', 'explorerColSyncMode', 'explorerColCursor', 'explorerColPk', 'explorerColRelations'] as const).map(
          (k) => html`<span class="cell" role="columnheader">${this.t(k)}</span>`,
        )}
      </div>
      <div class="body" role="rowgroup" style="block-size:${rows.count * ROW}px">
        ${repeat(
          shown,
          (r) => `${rows.stream[r]}:${rows.field[r]}`,
          (r) => (rows.field[r] < 0 ? this._streamRow(m, r) : this._fieldRow(m, r)),
        )}
      </div>
    </div>`;
  }

  private _streamRow(m: CatalogModel, r: number) {
    const rows = this._rows;
    const i = rows.stream[r];
    const s = m.streams[i];
    const can = m.canSelect(i);
    const sel = !!m.selected[i];
    const hasFields = !!s.fieldCount;
    const open = hasFields && this._isOpen(r);
    const tab = r === this._active ? 0 : -1;
    const matches = !s.description || this._filters.query ? m.fieldMatches(i) : { names: [], total: 0 };
    const mode = m.syncMode[i];
    return html`<div
      class="row stream"
      role="row"
      data-r=${r}
      tabindex=${tab}
      aria-level="1"
      aria-posinset=${rows.pos[r]}
      aria-setsize=${rows.size[r]}
      aria-rowindex=${r + 2}
      aria-expanded=${hasFields ? String(open) : nothing}
      aria-selected=${can ? String(sel) : nothing}
      aria-disabled=${can ? nothing : 'true'}
      aria-labelledby="n${r}"
      style="transform:translateY(${r * ROW}px)"
    >
      <div class="cell c-name" role="gridcell">
        <span class="twisty" data-act="expand" ?data-open=${open} ?data-none=${!hasFields} aria-hidden="true">▸</span>
        <input type="checkbox" data-act="select" tabindex=${tab} .checked=${sel} ?disabled=${!can} aria-label=${this.t('explorerSyncStream', s.name)} />
        <span class="label"
          ><span id="n${r}" class="name">${this._hl(s.name)}${s.namespace ? html` <span class="sub">${s.namespace}</span>` : nothing}</span>
          ${matches.total
            ? html`<span class="sub">${this.t('explorerFieldMatches', matches.names.join(', '), matches.total - matches.names.length)}</span>`
            : s.description
              ? html`<span class="sub" title=${s.description}>${s.description}</span>`
              : nothing}</span
        >
      </div>
      <div class="cell" role="gridcell">
        ${s.category ? html`<span class="badge">${s.category}</span>` : nothing}
        ${s.suggested ? html`<span class="badge" data-kind="suggested">${this.t('explorerSuggested')}</span>` : nothing}
        ${s.pii.length ? html`<span class="badge" data-kind="pii" title=${s.pii.join(', ')}>${this.t('explorerPii')}</span>` : nothing}
        ${s.duplicate ? html`<span class="badge" data-kind="warn" title=${this.t('explorerDuplicateHint')}>${this.t('explorerDuplicate')}</span>` : nothing}
        <span class="sub">${s.fieldCount === null ? this.t('explorerNoSchema') : this.t('explorerFieldCount', s.fieldCount)}</span>
      </div>
      <div class="cell" role="gridcell">
        ${s.syncModes.length > 1
          ? html`<select data-act="mode" tabindex=${tab} ?disabled=${!can} aria-label=${this.t('explorerSyncModeOf', s.name)}>
              ${s.syncModes.map((x) => html`<option value=${x} ?selected=${x === mode}>${this._modeLabel(x)}</option>`)}
            </select>`
          : this._modeLabel(mode)}
      </div>
      <div class="cell" role="gridcell">${can ? this._keyCell(m, r, i, tab, 'cursor') : nothing}</div>
      <div class="cell" role="gridcell">${can ? this._keyCell(m, r, i, tab, 'pk') : nothing}</div>
      <div class="cell" role="gridcell">${s.fks.map((fk) => this._relation(m, i, fk, tab))}</div>
    </div>`;
  }

  private _modeLabel(mode: SyncMode) {
    return this.t(mode === 'incremental' ? 'explorerIncremental' : 'explorerFullRefresh');
  }

  /** Cursor or primary key: read-only when the source defines it, else a select filled only while in use. */
  private _keyCell(m: CatalogModel, r: number, i: number, tab: number, kind: 'cursor' | 'pk') {
    const s = m.streams[i];
    const cursor = kind === 'cursor';
    if (cursor && m.syncMode[i] !== 'incremental') return html`<span class="sub">${this.t('explorerNotNeeded')}</span>`;
    const paths = cursor ? [m.cursorOf(i)].filter((p) => p.length) : m.pkOf(i);
    const fixed = cursor ? s.sourceCursor : s.sourcePk.length > 0;
    if (fixed || s.fieldCount === null || paths.length > 1)
      return html`<span title=${fixed ? this.t('explorerSetBySource') : nothing}>${paths.map(dotted).join(', ') || '—'}</span>`;
    const current = paths.length ? JSON.stringify(paths[0]) : '';
    const options = this._openSelect === `${r}:${kind}` ? m.candidates(i, kind).paths : paths;
    return html`<select
      data-act=${kind}
      tabindex=${tab}
      aria-label=${this.t(cursor ? 'explorerCursorOf' : 'explorerPkOf', s.name)}
      aria-invalid=${cursor && !current ? 'true' : nothing}
    >
      <option value="" ?selected=${!current}>${this.t(cursor ? 'explorerChooseCursor' : 'explorerNoPk')}</option>
      ${options.map((p) => {
        const v = JSON.stringify(p);
        return html`<option value=${v} ?selected=${v === current}>${dotted(p)}</option>`;
      })}
    </select>`;
  }

  private _relation(m: CatalogModel, i: number, fk: { field_name: string; referenced_stream_name: string; referenced_field_name: string }, tab: number) {
    const text = this.t('explorerRelation', fk.field_name, fk.referenced_stream_name, fk.referenced_field_name);
    const target = m.target(i, fk);
    return target >= 0 && m.streams[target].offered
      ? html`<button class="link" data-act="goto" data-to=${target} tabindex=${tab}>${text}</button>`
      : html`<span class="sub" title=${this.t('explorerNotInCatalog')}>${text}</span> `;
  }

  private _fieldRow(m: CatalogModel, r: number) {
    const rows = this._rows;
    const i = rows.stream[r];
    const f = rows.field[r];
    const tree = m.tree(i);
    const n = tree.nodes[f];
    const hasKids = n.end > f + 1;
    const open = hasKids && this._isOpen(r);
    const st = m.fieldState(i, f);
    const lock = m.fieldLock(i, f);
    const tab = r === this._active ? 0 : -1;
    const isPk = m.pkOf(i).some((p) => p.join(SEP) === n.key);
    const isCursor = m.cursorOf(i).join(SEP) === n.key;
    const types = n.types.filter((x) => x !== 'null');
    const nullable = n.types.includes('null');
    const last = f === tree.nodes.length - 1 && tree.truncated;
    return html`<div
      class="row field"
      role="row"
      data-r=${r}
      tabindex=${tab}
      aria-level=${n.depth + 2}
      aria-posinset=${rows.pos[r]}
      aria-setsize=${rows.size[r]}
      aria-rowindex=${r + 2}
      aria-expanded=${hasKids ? String(open) : nothing}
      aria-selected=${String(st !== 'off')}
      aria-labelledby="n${r}"
      style="transform:translateY(${r * ROW}px)"
    >
      <div class="cell c-name" role="gridcell" style="padding-inline-start:${(n.depth + 1) * 1.25}rem">
        <span class="twisty" data-act="expand" ?data-open=${open} ?data-none=${!hasKids} aria-hidden="true">▸</span>
        <input
          type="checkbox"
          data-act="field"
          tabindex=${tab}
          .checked=${st !== 'off'}
          .indeterminate=${st === 'mixed'}
          ?disabled=${!!lock}
          aria-label=${this.t('explorerIncludeField', dotted(n.path))}
          title=${lock ? this.t(lock === 'key' ? 'explorerLockedKey' : 'explorerLockedArray') : nothing}
        />
        <span class="label"><span id="n${r}">${this._hl(n.name)}</span></span>
      </div>
      <div class="cell" role="gridcell">
        <span class="type" ?data-unknown=${types.some(isUnknownType)}>${types.join(' | ') || 'null'}${nullable && types.length ? ' | null' : ''}</span>
        ${n.format ? html`<span class="sub">${n.format}</span>` : nothing}
      </div>
      <div class="cell c-span" role="gridcell" aria-colspan="4">
        ${isPk ? html`<span class="badge">${this.t('explorerPkBadge')}</span>` : nothing}
        ${isCursor ? html`<span class="badge">${this.t('explorerCursorBadge')}</span>` : nothing}
        ${m.isPii(i, f) ? html`<span class="badge" data-kind="pii">${this.t('explorerPii')}</span>` : nothing}
        ${m.fieldFks(i, f).map((fk) => this._relation(m, i, fk, tab))}
        ${last ? html`<span class="badge" data-kind="warn">${this.t('explorerTruncated', MAX_FIELDS)}</span>` : nothing}
        ${n.description ? html`<span class="sub" title=${n.description}>${n.description}</span>` : nothing}
      </div>
    </div>`;
  }
}
