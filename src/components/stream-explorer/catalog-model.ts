/**
 * The explorer's state, kept out of the element so it is fast and testable: normalized streams, the selection
 * as a byte array (select-all over 10,000 streams is one loop), per-stream choices, lazily built field trees,
 * a precomputed search index, and the flattened list of visible rows (streams and their expanded fields).
 * Pure data, no DOM; every input is treated as untrusted and nothing here throws on bad data.
 */
import type { AirbyteStream, ForeignKey, SyncMode } from '../../api/discovery.js';
import { buildFieldTree, fieldNameIndex, SEP, topLevelFieldCount, type FieldTree } from './field-tree.js';
import type { ConfiguredCatalog, ConfiguredStream, SelectionMode } from './stream-explorer.types.js';

/** One stream, normalized from untrusted input. */
export class StreamInfo {
  readonly raw: AirbyteStream;
  readonly name: string;
  readonly namespace?: string;
  /** Lower-cased name and namespace, for search. */
  readonly search: string;
  readonly description?: string;
  readonly category?: string;
  readonly suggested: boolean;
  readonly pii: string[];
  readonly syncModes: SyncMode[];
  readonly sourceCursor: boolean;
  readonly defaultCursor: string[];
  readonly sourcePk: string[][];
  readonly fks: ForeignKey[];
  /** Same name and namespace as an earlier stream: listed, but it cannot be chosen. */
  duplicate = false;
  /** In whitelist mode, whether the whitelist names it. */
  offered = true;
  #fieldCount?: number | null;

  constructor(s: Record<string, unknown>, name: string) {
    const namespace = str(s.namespace);
    this.raw = s as unknown as AirbyteStream;
    this.name = name;
    this.namespace = namespace;
    this.search = (namespace ? `${name} ${namespace}` : name).toLowerCase();
    this.description = str(s.description);
    this.category = str(s.data_category);
    this.suggested = s.suggested === true;
    // Shared arrays for the common shapes: 10,000 streams should not mean 50,000 small allocations.
    this.pii = Array.isArray(s.pii_fields) && s.pii_fields.length ? s.pii_fields.filter((x): x is string => typeof x === 'string') : NONE;
    this.syncModes = syncModesOf(s.supported_sync_modes);
    this.sourceCursor = s.source_defined_cursor === true;
    this.defaultCursor = isPath(s.default_cursor_field) ? s.default_cursor_field : NONE;
    const pk = s.source_defined_primary_key;
    this.sourcePk = Array.isArray(pk) && pk.length ? (pk.every(isPath) ? (pk as string[][]) : pk.filter(isPath)) : NONE_PK;
    this.fks = Array.isArray(s.foreign_keys) && s.foreign_keys.length
      ? (s.foreign_keys.filter(
          (f) => f && typeof f === 'object' && str(f.field_name) && str(f.referenced_stream_name) && str(f.referenced_field_name),
        ) as ForeignKey[])
      : NONE_FK;
  }

  /** Top-level field count (computed on first use); `null` when the stream has no usable `json_schema`. */
  get fieldCount(): number | null {
    if (this.#fieldCount === undefined) this.#fieldCount = topLevelFieldCount(this.raw.json_schema);
    return this.#fieldCount;
  }
}

export interface Filters {
  query: string;
  selectedOnly: boolean;
  pii: boolean;
  category: string;
}

/** The flattened rows: `field[r] === -1` marks a stream row. */
export interface Rows {
  count: number;
  stream: Int32Array;
  field: Int32Array;
  pos: Int32Array;
  size: Int32Array;
}

export type FieldState = 'on' | 'off' | 'mixed';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const NONE = Object.freeze([]) as unknown as string[];
const NONE_PK = NONE as unknown as string[][];
const NONE_FK = NONE as unknown as ForeignKey[];
const FULL = Object.freeze(['full_refresh']) as unknown as SyncMode[];
const BOTH = Object.freeze(['full_refresh', 'incremental']) as unknown as SyncMode[];
const BOTH_INC_FIRST = Object.freeze(['incremental', 'full_refresh']) as unknown as SyncMode[];
const INC = Object.freeze(['incremental']) as unknown as SyncMode[];
/** A frozen copy of a path list: entries handed out in `value` and events are read-only snapshots. */
const frozen = (paths: readonly (readonly string[])[]) => Object.freeze(paths.map((p) => Object.freeze([...p]))) as string[][];
/** The valid, distinct sync modes (shared arrays); `full_refresh` when none is given. */
function syncModesOf(v: unknown): SyncMode[] {
  if (!Array.isArray(v)) return FULL;
  const full = v.includes('full_refresh');
  const inc = v.includes('incremental');
  return full && inc ? (v[0] === 'incremental' ? BOTH_INC_FIRST : BOTH) : inc ? INC : FULL;
}
const isPath = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string');
export const MAX_CANDIDATES = 1000;

function normalize(raw: unknown): StreamInfo | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const name = str((raw as { name?: unknown }).name);
  return name ? new StreamInfo(raw as Record<string, unknown>, name) : undefined;
}

export class CatalogModel {
  readonly streams: StreamInfo[] = [];
  /** namespace ('' for none) → name → index of the first stream with that identity. */
  readonly #byNs = new Map<string, Map<string, number>>();
  /** Data categories present, sorted. */
  readonly categories: string[];
  /** Entries that were not streams (no name, not objects). */
  readonly skipped: number = 0;
  readonly duplicates: number = 0;
  /** Whitelisted names the catalog does not have. */
  readonly missingWhitelist: string[] = [];
  readonly anySuggested: boolean;
  readonly anyPii: boolean;
  /** Streams a user may choose. */
  readonly selectableCount: number;
  readonly selected: Uint8Array;
  selectedCount = 0;
  readonly syncMode: SyncMode[];
  readonly cursor: (string[] | undefined)[];
  readonly pk: (string[][] | undefined)[];
  readonly expanded: Uint8Array;
  readonly excluded = new Map<number, Set<number>>();
  /** Field expansion: true = opened, false = closed by the user (overrides search's auto-open). */
  readonly fieldOpen = new Map<number, Map<number, boolean>>();
  readonly #byName = new Map<string, number>();
  readonly #trees: (FieldTree | undefined)[];
  readonly #index: (string | undefined)[];
  #indexed = 0;
  #big?: string;
  #offsets?: Int32Array;
  readonly #entries: (ConfiguredStream | undefined)[];
  readonly #protected = new Map<number, Set<number>>();
  /** Set by `filter()`: streams that matched the query by a field name only (their fields are filtered too). */
  #fieldQuery = '';
  #fieldOnly = new Set<number>();
  /** Every offered stream (the unfiltered list), shared while nothing filters. */
  #all?: number[];

  constructor(catalog: unknown, mode: SelectionMode = 'suggested', whitelist: readonly string[] = []) {
    const list = catalog && typeof catalog === 'object' && Array.isArray((catalog as { streams?: unknown }).streams)
      ? ((catalog as { streams: unknown[] }).streams)
      : [];
    const white = new Set(whitelist);
    const cats = new Set<string>();
    let skipped = 0;
    let duplicates = 0;
    for (const raw of list) {
      const info = normalize(raw);
      if (!info) {
        skipped++;
        continue;
      }
      const i = this.streams.length;
      const ns = info.namespace ?? '';
      let names = this.#byNs.get(ns);
      if (!names) this.#byNs.set(ns, (names = new Map()));
      if (names.has(info.name)) {
        info.duplicate = true;
        duplicates++;
      } else names.set(info.name, i);
      if (!this.#byName.has(info.name)) this.#byName.set(info.name, i);
      if (mode === 'whitelist') info.offered = white.has(info.name);
      if (info.category) cats.add(info.category);
      this.streams.push(info);
    }
    this.skipped = skipped;
    this.duplicates = duplicates;
    if (mode === 'whitelist') for (const w of white) if (!this.#byName.has(w)) this.missingWhitelist.push(w);
    this.categories = [...cats].sort();
    const n = this.streams.length;
    this.selected = new Uint8Array(n);
    this.expanded = new Uint8Array(n);
    // Incremental when the source gives a cursor; otherwise full refresh when offered (incremental would need a choice).
    this.syncMode = this.streams.map((s) =>
      s.syncModes.includes('incremental') && (s.sourceCursor || s.defaultCursor.length)
        ? 'incremental'
        : s.syncModes.includes('full_refresh')
          ? 'full_refresh'
          : s.syncModes[0],
    );
    this.cursor = new Array(n);
    this.pk = new Array(n);
    this.#trees = new Array(n);
    this.#index = new Array(n);
    this.#entries = new Array(n);
    this.anySuggested = this.streams.some((s) => s.suggested && s.offered && !s.duplicate);
    this.anyPii = this.streams.some((s) => s.pii.length > 0);
    this.selectableCount = this.streams.filter((s) => s.offered && !s.duplicate).length;
    const all: number[] = [];
    for (let i = 0; i < n; i++) if (this.streams[i].offered) all.push(i);
    this.#all = all;
    this.selectByMode(mode === 'whitelist' ? 'all' : mode);
  }

  /** Index of the stream with this name and namespace, if any. */
  indexOf(name: string, namespace?: string): number | undefined {
    return this.#byNs.get(namespace ?? '')?.get(name);
  }

  get size(): number {
    return this.streams.length;
  }

  /** Streams a user may choose: offered by the whitelist and not a duplicate. */
  canSelect(i: number): boolean {
    const s = this.streams[i];
    return !!s && s.offered && !s.duplicate;
  }

  setSelected(i: number, on: boolean): boolean {
    if (!this.canSelect(i) || !!this.selected[i] === on) return false;
    this.selected[i] = on ? 1 : 0;
    this.selectedCount += on ? 1 : -1;
    return true;
  }

  /** Sets the selection of `indices` (all streams when omitted) with `pick`; returns whether anything changed. */
  selectWhere(pick: (s: StreamInfo) => boolean, indices?: readonly number[]): boolean {
    let changed = false;
    const n = indices ? indices.length : this.streams.length;
    for (let k = 0; k < n; k++) {
      const i = indices ? indices[k] : k;
      if (this.setSelected(i, pick(this.streams[i]))) changed = true;
    }
    return changed;
  }

  /** `suggested`: the suggested streams, or every stream when none is suggested (as the API does). */
  selectByMode(mode: 'all' | 'suggested' | 'none', indices?: readonly number[]): boolean {
    if (mode === 'none') return this.selectWhere(() => false, indices);
    if (mode === 'all' || !this.anySuggested) return this.selectWhere(() => true, indices);
    return this.selectWhere((s) => s.suggested, indices);
  }

  // ---------------------------------------------------------------- per-stream choices

  /** The cursor in effect (empty for full refresh or when none is chosen yet). */
  cursorOf(i: number): string[] {
    if (this.syncMode[i] !== 'incremental') return [];
    const s = this.streams[i];
    if (s.sourceCursor) return s.defaultCursor;
    return this.cursor[i] ?? s.defaultCursor;
  }

  pkOf(i: number): string[][] {
    const s = this.streams[i];
    return s.sourcePk.length ? s.sourcePk : (this.pk[i] ?? []);
  }

  /** Incremental without a cursor: the stream needs the user's choice. */
  needsCursor(i: number): boolean {
    return this.syncMode[i] === 'incremental' && this.cursorOf(i).length === 0;
  }

  setSyncMode(i: number, mode: SyncMode): boolean {
    if (!this.streams[i]?.syncModes.includes(mode) || this.syncMode[i] === mode) return false;
    this.syncMode[i] = mode;
    this.#changed(i);
    this.#keepKeysIncluded(i);
    return true;
  }

  setCursor(i: number, path: string[] | undefined): boolean {
    const s = this.streams[i];
    if (!s || s.sourceCursor) return false;
    this.cursor[i] = path && path.length ? path : undefined;
    this.#changed(i);
    this.#keepKeysIncluded(i);
    return true;
  }

  setPk(i: number, pk: string[][] | undefined): boolean {
    const s = this.streams[i];
    if (!s || s.sourcePk.length) return false;
    this.pk[i] = pk && pk.length ? pk : undefined;
    this.#changed(i);
    this.#keepKeysIncluded(i);
    return true;
  }

  #changed(i: number) {
    this.#entries[i] = undefined;
    this.#protected.delete(i);
  }

  // ---------------------------------------------------------------- configured catalog

  /** The configured entry of stream `i`, cached until one of its choices changes. */
  entry(i: number): ConfiguredStream {
    let e = this.#entries[i];
    if (!e) {
      const s = this.streams[i];
      const mode = { sync_mode: this.syncMode[i], cursor_field: Object.freeze([...this.cursorOf(i)]) as string[], primary_key: frozen(this.pkOf(i)) };
      e = s.namespace ? { name: s.name, namespace: s.namespace, ...mode } : { name: s.name, ...mode };
      const fields = this.selectedFields(i);
      if (fields) e.selected_fields = frozen(fields);
      this.#entries[i] = Object.freeze(e);
    }
    return e;
  }

  /** The selected streams as a configured catalog: one pass over cached, frozen entries (clone one to change it). */
  configured(): ConfiguredCatalog {
    const streams: ConfiguredStream[] = [];
    const sel = this.selected;
    for (let i = 0; i < sel.length; i++) if (sel[i]) streams.push(this.entry(i));
    return { streams };
  }

  /**
   * Replaces the selection and choices with a saved configured catalog. Returns the names it could not
   * apply (not in the catalog, or not offered).
   */
  apply(value: unknown): string[] {
    const list = value && typeof value === 'object' && Array.isArray((value as { streams?: unknown }).streams)
      ? (value as { streams: unknown[] }).streams
      : [];
    const missing: string[] = [];
    this.selectWhere(() => false);
    for (const raw of list) {
      if (!raw || typeof raw !== 'object') continue;
      const c = raw as Partial<ConfiguredStream> & Record<string, unknown>;
      if (typeof c.name !== 'string' || !c.name) continue;
      const i = this.indexOf(c.name, str(c.namespace));
      if (i === undefined || !this.canSelect(i)) {
        missing.push(c.name);
        continue;
      }
      this.setSelected(i, true);
      const s = this.streams[i];
      if (c.sync_mode === 'full_refresh' || c.sync_mode === 'incremental') if (s.syncModes.includes(c.sync_mode)) this.syncMode[i] = c.sync_mode;
      if (!s.sourceCursor && isPath(c.cursor_field)) this.cursor[i] = c.cursor_field;
      if (!s.sourcePk.length && Array.isArray(c.primary_key) && c.primary_key.every(isPath) && c.primary_key.length)
        this.pk[i] = c.primary_key;
      this.excluded.delete(i);
      this.#changed(i);
      if (Array.isArray(c.selected_fields) && c.selected_fields.length && s.fieldCount !== null) this.#applyFields(i, c.selected_fields.filter(isPath));
    }
    return missing;
  }

  // ---------------------------------------------------------------- fields

  tree(i: number): FieldTree {
    let t = this.#trees[i];
    if (!t) t = this.#trees[i] = buildFieldTree(this.streams[i]?.raw.json_schema);
    return t;
  }

  hasTree(i: number): boolean {
    return this.#trees[i] !== undefined;
  }

  /** Nodes that must stay included: primary-key and cursor fields and their ancestors. */
  protectedNodes(i: number): Set<number> {
    let p = this.#protected.get(i);
    if (!p) {
      p = new Set();
      const t = this.tree(i);
      for (const path of [...this.pkOf(i), this.cursorOf(i)]) {
        let f = t.byKey.get(path.join(SEP)) ?? -1;
        while (f >= 0 && !p.has(f)) (p.add(f), (f = t.nodes[f].parent));
      }
      this.#protected.set(i, p);
    }
    return p;
  }

  /** Why a field cannot be toggled, or undefined when it can. */
  fieldLock(i: number, f: number): 'array' | 'key' | undefined {
    const node = this.tree(i).nodes[f];
    if (!node) return 'key';
    if (node.inArray) return 'array';
    return this.protectedNodes(i).has(f) ? 'key' : undefined;
  }

  fieldState(i: number, f: number): FieldState {
    const ex = this.excluded.get(i);
    if (!ex || !ex.size) return 'on';
    const nodes = this.tree(i).nodes;
    for (let a = f; a >= 0; a = nodes[a].parent) if (ex.has(a)) return 'off';
    const end = nodes[f].end;
    for (const e of ex) if (e > f && e < end) return 'mixed';
    return 'on';
  }

  /** Includes or excludes a field; returns whether anything changed. */
  toggleField(i: number, f: number): boolean {
    if (this.fieldLock(i, f)) return false;
    if (this.fieldState(i, f) === 'off') this.#include(i, f);
    else {
      const nodes = this.tree(i).nodes;
      let ex = this.excluded.get(i);
      if (!ex) this.excluded.set(i, (ex = new Set()));
      for (const e of [...ex]) if (e > f && e < nodes[f].end) ex.delete(e);
      ex.add(f);
    }
    this.#changed(i);
    return true;
  }

  /** Includes field `f`; an excluded ancestor becomes partial (its other children stay excluded). */
  #include(i: number, f: number) {
    const ex = this.excluded.get(i);
    if (!ex) return;
    const nodes = this.tree(i).nodes;
    const chain: number[] = [];
    for (let a = f; a >= 0; a = nodes[a].parent) chain.unshift(a);
    const top = chain.findIndex((a) => ex.has(a));
    if (top < 0) return;
    ex.delete(chain[top]);
    for (let k = top; k < chain.length - 1; k++) {
      const parent = chain[k];
      const keep = chain[k + 1];
      for (let c = parent + 1; c < nodes[parent].end; c = nodes[c].end) if (c !== keep) ex.add(c);
    }
    for (const e of [...ex]) if (e > f && e < nodes[f].end) ex.delete(e);
  }

  #keepKeysIncluded(i: number) {
    const ex = this.excluded.get(i);
    if (!ex?.size) return;
    for (const f of this.protectedNodes(i)) if (this.fieldState(i, f) === 'off') this.#include(i, f);
  }

  #applyFields(i: number, paths: string[][]) {
    const nodes = this.tree(i).nodes;
    const ex = new Set<number>();
    const covered = (p: string[]) => paths.some((q) => q.length <= p.length && q.every((x, k) => x === p[k]));
    const partial = (p: string[]) => paths.some((q) => q.length > p.length && p.every((x, k) => x === q[k]));
    const walk = (from: number, to: number) => {
      for (let f = from; f < to; f = nodes[f].end) {
        const n = nodes[f];
        if (covered(n.path)) continue;
        if (partial(n.path) && n.end > f + 1 && !nodes[f + 1].inArray) walk(f + 1, n.end);
        else if (!partial(n.path)) ex.add(f);
      }
    };
    walk(0, nodes.length);
    this.excluded.set(i, ex);
    this.#changed(i);
    this.#keepKeysIncluded(i);
  }

  /** `selected_fields` of stream `i`: undefined when every field is included. */
  selectedFields(i: number): string[][] | undefined {
    const ex = this.excluded.get(i);
    if (!ex?.size) return undefined;
    const nodes = this.tree(i).nodes;
    const out: string[][] = [];
    const walk = (from: number, to: number) => {
      for (let f = from; f < to; f = nodes[f].end) {
        if (ex.has(f)) continue;
        const st = this.fieldState(i, f);
        if (st === 'mixed') walk(f + 1, nodes[f].end);
        else out.push(nodes[f].path);
      }
    };
    walk(0, nodes.length);
    return out;
  }

  isPii(i: number, f: number): boolean {
    const pii = this.streams[i].pii;
    if (!pii.length) return false;
    const n = this.tree(i).nodes[f];
    const dotted = n.path.join('.');
    return pii.includes(dotted) || (n.depth === 0 && pii.includes(n.name));
  }

  /** Foreign keys declared on field `f` (matched by its dotted path). */
  fieldFks(i: number, f: number): ForeignKey[] {
    const fks = this.streams[i].fks;
    if (!fks.length) return fks;
    const dotted = this.tree(i).nodes[f].path.join('.');
    return fks.filter((k) => k.field_name === dotted);
  }

  /** Index of the stream a foreign key points at (same namespace first), or -1. */
  target(i: number, fk: ForeignKey): number {
    const ns = this.streams[i].namespace ?? '';
    return this.indexOf(fk.referenced_stream_name, ns) ?? this.#byName.get(fk.referenced_stream_name) ?? -1;
  }

  /** Fields a user may pick as cursor (`cursor`) or primary key (`pk`): scalar fields outside arrays. */
  candidates(i: number, kind: 'cursor' | 'pk'): { paths: string[][]; truncated: boolean } {
    const paths: string[][] = [];
    for (const n of this.tree(i).nodes) {
      const t = n.types.filter((x) => x !== 'null');
      if (n.inArray || t.includes('object') || t.includes('array')) continue;
      if (kind === 'cursor' && t.length && t.every((x) => x === 'boolean')) continue;
      if (paths.length >= MAX_CANDIDATES) return { paths, truncated: true };
      paths.push(n.path);
    }
    return { paths, truncated: false };
  }

  // ---------------------------------------------------------------- search and rows

  /**
   * Builds the search index of up to `budget` more streams; returns true when complete. The index is one
   * string of every stream's lower-cased name, namespace and field names, so a search is a few `indexOf`s.
   */
  indexSome(budget: number): boolean {
    if (this.#big !== undefined) return true;
    const n = this.streams.length;
    const stop = Math.min(n, this.#indexed + budget);
    for (; this.#indexed < stop; this.#indexed++) {
      const i = this.#indexed;
      this.#index[i] = `${this.streams[i].search}\n${fieldNameIndex(this.streams[i].raw.json_schema)}\n`;
    }
    if (this.#indexed < n) return false;
    const offsets = new Int32Array(n + 1);
    let at = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = at;
      at += this.#index[i]!.length;
    }
    offsets[n] = at;
    this.#big = this.#index.join('');
    this.#offsets = offsets;
    this.#index.length = 0;
    return true;
  }

  /** Streams whose name, namespace or any field name contains `q` (lower case), as a byte mask. */
  #search(q: string): Uint8Array {
    this.indexSome(Infinity);
    const hit = new Uint8Array(this.streams.length);
    const big = this.#big!;
    const off = this.#offsets!;
    for (let from = big.indexOf(q); from >= 0; ) {
      let lo = 0;
      let hi = off.length - 1;
      while (lo < hi - 1) {
        const mid = (lo + hi) >> 1;
        if (off[mid] <= from) lo = mid;
        else hi = mid;
      }
      hit[lo] = 1;
      from = big.indexOf(q, off[lo + 1]);
    }
    return hit;
  }

  /** The streams passing the filters, in catalog order. Not-offered streams (whitelist) are never listed. */
  filter(f: Filters): number[] {
    const q = f.query.trim().toLowerCase();
    if (!q && !f.selectedOnly && !f.pii && !f.category && this.#all) {
      this.#fieldQuery = '';
      this.#fieldOnly.clear();
      return this.#all;
    }
    const hit = q ? this.#search(q) : undefined;
    this.#fieldQuery = q;
    this.#fieldOnly = new Set();
    const out: number[] = [];
    const streams = this.streams;
    for (let i = 0; i < streams.length; i++) {
      const s = streams[i];
      if (!s.offered || (hit && !hit[i])) continue;
      if (f.selectedOnly && !this.selected[i]) continue;
      if (f.pii && !s.pii.length) continue;
      if (f.category && s.category !== f.category) continue;
      if (q && !s.search.includes(q)) this.#fieldOnly.add(i);
      out.push(i);
    }
    return out;
  }

  /** Names of fields matching the query, for a stream that matched by field name. */
  fieldMatches(i: number, limit = 3): { names: string[]; total: number } {
    if (!this.#fieldOnly.has(i)) return { names: [], total: 0 };
    const names: string[] = [];
    let total = 0;
    for (const n of this.tree(i).nodes)
      if (n.name.toLowerCase().includes(this.#fieldQuery)) {
        total++;
        if (names.length < limit) names.push(n.path.join('.'));
      }
    return { names, total };
  }

  setFieldOpen(i: number, f: number, open: boolean) {
    let map = this.fieldOpen.get(i);
    if (!map) this.fieldOpen.set(i, (map = new Map()));
    map.set(f, open);
  }

  /** The rows to show: each listed stream, followed by its visible fields when expanded. */
  rows(listed: readonly number[]): Rows {
    // Field rows of the expanded streams first, so the arrays are allocated once at their exact size.
    const extra = new Map<number, number[]>();
    let count = listed.length;
    for (const i of listed)
      if (this.expanded[i] && this.streams[i].fieldCount !== null) {
        const f = this.#fieldRows(i);
        extra.set(i, f);
        count += f.length / 3;
      }
    const stream = new Int32Array(count);
    const field = new Int32Array(count);
    const pos = new Int32Array(count);
    const size = new Int32Array(count);
    const n = listed.length;
    let r = 0;
    for (let k = 0; k < n; k++) {
      const i = listed[k];
      stream[r] = i;
      field[r] = -1;
      pos[r] = k + 1;
      size[r++] = n;
      const f = extra.get(i);
      if (f)
        for (let j = 0; j < f.length; j += 3) {
          stream[r] = i;
          field[r] = f[j];
          pos[r] = f[j + 1];
          size[r++] = f[j + 2];
        }
    }
    return { count, stream, field, pos, size };
  }

  /** Visible field rows of stream `i` as flat triples: field index, position among siblings, sibling count. */
  #fieldRows(i: number): number[] {
    const out: number[] = [];
    const nodes = this.tree(i).nodes;
    const open = this.fieldOpen.get(i);
    const q = this.#fieldOnly.has(i) ? this.#fieldQuery : '';
    let keep: Uint8Array | undefined;
    if (q) {
      // Only matching fields and their ancestors (descendants of a match stay reachable by expanding it).
      keep = new Uint8Array(nodes.length);
      for (let f = 0; f < nodes.length; f++)
        if (nodes[f].name.toLowerCase().includes(q)) for (let a = f; a >= 0 && !keep[a]; a = nodes[a].parent) keep[a] = 1;
    }
    const hasKept = (f: number) => {
      for (let c = f + 1; c < nodes[f].end; c++) if (keep![c]) return true;
      return false;
    };
    const visit = (from: number, to: number, showAll: boolean) => {
      const kids: number[] = [];
      for (let f = from; f < to; f = nodes[f].end) if (!keep || showAll || keep[f]) kids.push(f);
      kids.forEach((f, k) => {
        out.push(f, k + 1, kids.length);
        const n = nodes[f];
        if (n.end === f + 1) return;
        const matched = showAll || (keep !== undefined && n.name.toLowerCase().includes(q));
        // While searching, ancestors of a match open by themselves; a matching field opens on request.
        const o = open?.get(f);
        if (keep && !matched && hasKept(f) && o !== false) visit(f + 1, n.end, false);
        else if (o) visit(f + 1, n.end, !keep || matched);
      });
    };
    visit(0, nodes.length, false);
    return out;
  }

  /** Index of a stream's row in `rows`, or -1. */
  static rowOf(rows: Rows, stream: number, field = -1): number {
    for (let r = 0; r < rows.count; r++) if (rows.stream[r] === stream && rows.field[r] === field) return r;
    return -1;
  }
}
