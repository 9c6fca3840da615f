/**
 * The explorer's state, kept out of the element so it is fast and testable: the streams as given, the
 * selection as a byte array (select-all over 10,000 streams is one loop), per-stream choices, field trees and
 * normalized stream details built on first use, a search index built in idle time, and the flattened list of
 * visible rows (streams and their expanded fields).
 * Pure data, no DOM; every input is treated as untrusted and nothing here throws on bad data.
 */
import { SYNC_MODES, type AirbyteStream, type ForeignKey, type SyncMode } from '../../api/discovery.js';
import { buildFieldTree, fieldNameIndex, SEP, str, topLevelFieldCount, type FieldNode, type FieldTree } from './field-tree.js';
import type { ConfiguredCatalog, ConfiguredStream, SelectionMode } from './stream-explorer.types.js';

/** One stream's details, normalized from untrusted input. */
export interface StreamInfo {
  name: string;
  namespace?: string;
  description?: string;
  category?: string;
  suggested: boolean;
  pii: string[];
  /** The valid sync modes offered (`full_refresh` when none is). */
  syncModes: SyncMode[];
  sourceCursor: boolean;
  /** Frozen, like every path list the model hands out (they go into `value` and events as they are). */
  defaultCursor: string[];
  sourcePk: string[][];
  fks: ForeignKey[];
}

export interface Filters {
  query: string;
  selectedOnly: boolean;
  pii: boolean;
  category: string;
}

/** The flattened rows: `field[r] === -1` marks a stream row; `pos`/`size` feed `aria-posinset`/`aria-setsize`. */
export interface Rows {
  stream: number[];
  field: number[];
  pos: number[];
  size: number[];
}

export type FieldState = 'on' | 'off' | 'mixed';
type Raw = Record<string, unknown>;

export const MAX_CANDIDATES = 1000;
const NONE = Object.freeze([]) as never[];
const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : NONE);
const isPath = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x == 'string');
const hasPii = (s: Raw) => list(s.pii_fields).some((x) => typeof x == 'string');
/** Entries handed out in `value` and events are shared, read-only snapshots: frozen copies. */
const freeze = <T>(a: readonly T[]) => Object.freeze([...a]) as T[];
const frozenPaths = (paths: readonly string[][]) => freeze(paths.map(freeze));
/** Calls `visit` for the sibling fields in `[from, to)` (all top-level fields by default); into a field's children when it returns true. */
const walk = (nodes: FieldNode[], visit: (f: number) => unknown, from = 0, to = nodes.length) => {
  for (let f = from; f < to; f = nodes[f].end) if (visit(f)) walk(nodes, visit, f + 1, nodes[f].end);
};

function normalize(s: Raw): StreamInfo {
  const offered = list(s.supported_sync_modes);
  const modes = SYNC_MODES.filter((m) => offered.includes(m));
  return {
    name: s.name as string,
    namespace: str(s.namespace),
    description: str(s.description),
    category: str(s.data_category),
    suggested: s.suggested === true,
    pii: list(s.pii_fields).filter((x): x is string => typeof x == 'string'),
    syncModes: modes.length ? modes : ['full_refresh'],
    sourceCursor: s.source_defined_cursor === true,
    defaultCursor: isPath(s.default_cursor_field) ? freeze(s.default_cursor_field) : NONE,
    sourcePk: frozenPaths(list(s.source_defined_primary_key).filter(isPath)),
    fks: list(s.foreign_keys).filter((f) => [(f as Raw)?.field_name, (f as Raw)?.referenced_stream_name, (f as Raw)?.referenced_field_name].every(str)) as ForeignKey[],
  };
}

export class CatalogModel {
  /** The valid entries (objects with a name), as given. */
  readonly streams: AirbyteStream[] = [];
  /** Per stream: 1 = not offered by the whitelist (never listed), 2 = repeats an earlier stream (listed, not choosable). */
  readonly blocked: Uint8Array;
  /** Data categories present, sorted. */
  readonly categories: string[];
  /** Entries that were not streams (no name, not objects). */
  readonly skipped: number = 0;
  readonly duplicates: number = 0;
  /** Whitelisted names the catalog does not have. */
  readonly missingWhitelist: string[] = [];
  #anySuggested = false;
  readonly anyPii: boolean = false;
  /** Streams a user may choose. */
  readonly selectableCount: number = 0;
  readonly selected: Uint8Array;
  selectedCount = 0;
  /** Streams whose fields are shown. */
  readonly #expanded: Uint8Array;
  /** namespace ('' for none) → name → index of the first stream with that identity. */
  readonly #byNs = new Map<string, Map<string, number>>();
  readonly #info: StreamInfo[] = [];
  readonly #counts: (number | null)[] = [];
  /** The user's choices per stream (a missing one: the default). */
  readonly #choice: { mode?: SyncMode; cursor?: string[]; pk?: string[][] }[] = [];
  readonly #trees: FieldTree[] = [];
  readonly #entries: (ConfiguredStream | undefined)[] = [];
  /** Excluded fields per stream: 1 per excluded node (an excluded node's subtree is excluded too). */
  readonly #off = new Map<number, Uint8Array>();
  /** Primary-key and cursor nodes with their ancestors, per stream (cached until a choice changes). */
  readonly #keys = new Map<number, Set<number>>();
  /** Field expansion: true = opened, false = closed by the user (overrides search's auto-open). */
  readonly #open = new Map<number, Map<number, boolean>>();
  /** The search index, built in idle time: per stream, its lower-cased `name namespace` and field names. */
  readonly #index: string[] = [];
  /** Set by `filter()`: the query and, per stream, 2 = its name matched, 1 = only a field name did. */
  #query = '';
  #hits?: Uint8Array;

  constructor(catalog: unknown, mode: SelectionMode = 'suggested', whitelist: readonly string[] = []) {
    const white = mode == 'whitelist' ? new Set(whitelist) : undefined;
    const cats = new Set<string>();
    const blocked: number[] = [];
    for (const s of list((catalog as Raw | null)?.streams) as Raw[]) {
      const name = s && typeof s == 'object' ? str(s.name) : undefined;
      if (!name) {
        this.skipped++;
        continue;
      }
      const ns = str(s.namespace) ?? '';
      let names = this.#byNs.get(ns);
      if (!names) this.#byNs.set(ns, (names = new Map()));
      const b = (white && !white.has(name) ? 1 : 0) | (names.has(name) ? 2 : 0);
      if (b & 2) this.duplicates++;
      else names.set(name, this.streams.length);
      const category = str(s.data_category);
      if (category) cats.add(category);
      this.anyPii ||= hasPii(s);
      if (!b) {
        this.selectableCount++;
        this.#anySuggested ||= s.suggested === true;
      }
      blocked.push(b);
      this.streams.push(s as unknown as AirbyteStream);
    }
    for (const w of white ?? []) if (this.#find(w) === undefined) this.missingWhitelist.push(w);
    this.categories = [...cats].sort();
    this.blocked = new Uint8Array(blocked);
    this.selected = new Uint8Array(blocked.length);
    this.#expanded = new Uint8Array(blocked.length);
    this.selectByMode(mode == 'whitelist' ? 'all' : mode);
  }

  get size(): number {
    return this.streams.length;
  }

  /** A stream's details (normalized on first use). */
  info(i: number): StreamInfo {
    return (this.#info[i] ??= normalize(this.streams[i] as unknown as Raw));
  }

  /** Top-level field count (counted on first use); `null` when the stream has no usable `json_schema`. */
  fieldCount(i: number): number | null {
    return i in this.#counts ? this.#counts[i] : (this.#counts[i] = topLevelFieldCount(this.streams[i].json_schema));
  }

  /** Index of the stream with this name and namespace, if any. */
  indexOf(name: string, namespace?: string): number | undefined {
    return this.#byNs.get(namespace ?? '')?.get(name);
  }

  /** The first stream of this name in any namespace. */
  #find(name: string): number | undefined {
    for (const names of this.#byNs.values()) if (names.has(name)) return names.get(name);
  }

  /** Streams a user may choose: offered by the whitelist and not a duplicate. */
  canSelect(i: number): boolean {
    return this.blocked[i] === 0;
  }

  setSelected(i: number, on: boolean): boolean {
    if (!this.canSelect(i) || !!this.selected[i] == on) return false;
    this.selected[i] = +on;
    this.selectedCount += on ? 1 : -1;
    return true;
  }

  /**
   * Selects the streams `indices` (all when omitted) by `mode`; `suggested` picks the suggested ones, or
   * every stream when none is suggested (as the API does). Returns whether anything changed.
   */
  selectByMode(mode: 'all' | 'none' | 'suggested', indices?: readonly number[]): boolean {
    const bySuggestion = mode == 'suggested' && this.#anySuggested;
    let changed = false;
    for (let k = 0, n = indices ? indices.length : this.size; k < n; k++) {
      const i = indices ? indices[k] : k;
      if (this.setSelected(i, bySuggestion ? this.streams[i].suggested === true : mode != 'none')) changed = true;
    }
    return changed;
  }

  // ---------------------------------------------------------------- per-stream choices

  /** The sync mode: the user's, else incremental when the source gives a cursor, else full refresh when offered. */
  modeOf(i: number): SyncMode {
    const s = this.info(i);
    const inc = s.syncModes.includes('incremental');
    return this.#choice[i]?.mode ?? (inc && (s.sourceCursor || s.defaultCursor.length) ? 'incremental' : s.syncModes[0]);
  }

  /** The cursor in effect (empty for full refresh or when none is chosen yet). */
  cursorOf(i: number): string[] {
    const s = this.info(i);
    return this.modeOf(i) != 'incremental' ? NONE : s.sourceCursor ? s.defaultCursor : (this.#choice[i]?.cursor ?? s.defaultCursor);
  }

  pkOf(i: number): string[][] {
    const s = this.info(i);
    return s.sourcePk.length ? s.sourcePk : (this.#choice[i]?.pk ?? NONE);
  }

  /**
   * Sets a stream's sync mode (an offered one), cursor (a path) or primary key (a list of paths); `undefined`
   * goes back to the default. Fields they name are included again. False when the source decides it.
   */
  choose(i: number, kind: 'mode' | 'cursor' | 'pk', value: unknown): boolean {
    const s = this.info(i);
    if (kind == 'mode' ? !s.syncModes.includes(value as SyncMode) || this.modeOf(i) == value : kind == 'cursor' ? s.sourceCursor : s.sourcePk.length) return false;
    (this.#choice[i] ??= {})[kind] = (kind == 'mode' || !value ? value : kind == 'cursor' ? freeze(value as string[]) : frozenPaths(value as string[][])) as never;
    this.#changed(i);
    return true;
  }

  #changed(i: number) {
    this.#entries[i] = undefined;
    this.#keys.delete(i);
    if (this.#off.has(i)) this.#keyNodes(i);
  }

  // ---------------------------------------------------------------- configured catalog

  /** The configured entry of stream `i`, cached until one of its choices changes. */
  #entry(i: number): ConfiguredStream {
    let e = this.#entries[i];
    if (!e) {
      const s = this.info(i);
      e = { name: s.name, sync_mode: this.modeOf(i), cursor_field: this.cursorOf(i), primary_key: this.pkOf(i) };
      if (s.namespace) e.namespace = s.namespace;
      const fields = this.#selectedFields(i);
      if (fields) e.selected_fields = frozenPaths(fields);
      this.#entries[i] = e = Object.freeze(e);
    }
    return e;
  }

  /** The selected streams as a configured catalog: one pass over cached, frozen entries (clone one to change it). */
  configured(): ConfiguredCatalog {
    const streams: ConfiguredStream[] = [];
    for (let i = 0; i < this.size; i++) if (this.selected[i]) streams.push(this.#entry(i));
    return { streams };
  }

  /**
   * Replaces the selection and the choices of the streams it names with a saved configured catalog. Returns
   * the names it could not apply (not in the catalog, or not offered).
   */
  apply(value: unknown): string[] {
    const missing: string[] = [];
    this.selectByMode('none');
    for (const c of list((value as Raw | null)?.streams) as Raw[]) {
      const name = c && typeof c == 'object' ? str(c.name) : undefined;
      if (!name) continue;
      const i = this.indexOf(name, str(c.namespace)) ?? -1;
      if (!this.canSelect(i)) {
        missing.push(name);
        continue;
      }
      this.setSelected(i, true);
      const pk = list(c.primary_key);
      this.#choice[i] = {
        mode: this.info(i).syncModes.includes(c.sync_mode as SyncMode) ? (c.sync_mode as SyncMode) : undefined,
        cursor: isPath(c.cursor_field) ? freeze(c.cursor_field) : undefined,
        pk: pk.length && pk.every(isPath) ? frozenPaths(pk as string[][]) : undefined,
      };
      this.#off.delete(i);
      const fields = list(c.selected_fields).filter(isPath);
      if (fields.length) this.#applyFields(i, fields);
      this.#changed(i);
    }
    return missing;
  }

  /** Excludes every field that `paths` (a `selected_fields` list) neither names nor leads to. */
  #applyFields(i: number, paths: string[][]) {
    const nodes = this.tree(i).nodes;
    const off = new Uint8Array(nodes.length);
    /** Whether `prefix` starts `path`. */
    const starts = (path: string[], prefix: string[]) => prefix.length <= path.length && prefix.every((x, k) => x == path[k]);
    walk(nodes, (f) => {
      const n = nodes[f];
      if (paths.some((q) => starts(n.path, q))) return;
      if (paths.some((q) => starts(q, n.path))) return n.end > f + 1 && !nodes[f + 1].inArray;
      off.fill(1, f, n.end);
    });
    this.#off.set(i, off);
  }

  // ---------------------------------------------------------------- fields

  tree(i: number): FieldTree {
    return (this.#trees[i] ??= buildFieldTree(this.streams[i]?.json_schema));
  }

  /** Nodes that must stay included: primary-key and cursor fields (included again here) and their ancestors. */
  #keyNodes(i: number): Set<number> {
    let keys = this.#keys.get(i);
    if (!keys) {
      this.#keys.set(i, (keys = new Set()));
      const nodes = this.tree(i).nodes;
      const off = this.#off.get(i);
      for (const p of [...this.pkOf(i), this.cursorOf(i)]) {
        const key = p.join(SEP);
        const f = nodes.findIndex((n) => n.key == key);
        if (f >= 0) off?.fill(0, f, nodes[f].end);
        for (let a = f; a >= 0; a = nodes[a].parent) {
          keys.add(a);
          if (off) off[a] = 0;
        }
      }
    }
    return keys;
  }

  /** Why a field cannot be toggled, or undefined when it can. */
  fieldLock(i: number, f: number): 'array' | 'key' | undefined {
    return this.tree(i).nodes[f].inArray ? 'array' : this.#keyNodes(i).has(f) ? 'key' : undefined;
  }

  fieldState(i: number, f: number): FieldState {
    const off = this.#off.get(i);
    return !off ? 'on' : off[f] ? 'off' : off.subarray(f + 1, this.tree(i).nodes[f].end).includes(1) ? 'mixed' : 'on';
  }

  /** Includes or excludes a field with its subtree (including one makes its ancestors partial); returns whether it could. */
  toggleField(i: number, f: number): boolean {
    if (this.fieldLock(i, f)) return false;
    const nodes = this.tree(i).nodes;
    let off = this.#off.get(i);
    if (!off) this.#off.set(i, (off = new Uint8Array(nodes.length)));
    const include = off[f] == 1;
    off.fill(include ? 0 : 1, f, nodes[f].end);
    if (include) for (let a = nodes[f].parent; a >= 0; a = nodes[a].parent) off[a] = 0;
    this.#changed(i);
    return true;
  }

  /** `selected_fields` of stream `i`: the fewest paths covering the included fields; undefined when all are. */
  #selectedFields(i: number): string[][] | undefined {
    if (!this.#off.get(i)?.includes(1)) return undefined;
    const nodes = this.tree(i).nodes;
    const out: string[][] = [];
    walk(nodes, (f) => {
      const st = this.fieldState(i, f);
      if (st == 'on') out.push(nodes[f].path);
      return st == 'mixed';
    });
    return out;
  }

  /** Index of the stream a foreign key points at (same namespace first), or -1. */
  target(i: number, fk: ForeignKey): number {
    return this.indexOf(fk.referenced_stream_name, this.info(i).namespace) ?? this.#find(fk.referenced_stream_name) ?? -1;
  }

  /** Fields a user may pick as cursor (`cursor`) or primary key (`pk`): scalar fields outside arrays, no boolean cursors. */
  candidates(i: number, kind: 'cursor' | 'pk'): string[][] {
    const paths: string[][] = [];
    for (const n of this.tree(i).nodes) {
      const t = n.types.filter((x) => x != 'null');
      if (n.inArray || t.includes('object') || t.includes('array') || (kind == 'cursor' && t.length && t.every((x) => x == 'boolean'))) continue;
      if (paths.push(n.path) >= MAX_CANDIDATES) break;
    }
    return paths;
  }

  /** Opens or closes the fields of a stream (`f` = -1) or a field. */
  setOpen(i: number, f: number, open: boolean) {
    if (f < 0) this.#expanded[i] = +open;
    else {
      let map = this.#open.get(i);
      if (!map) this.#open.set(i, (map = new Map()));
      map.set(f, open);
    }
  }

  // ---------------------------------------------------------------- search and rows

  /**
   * Indexes up to `budget` more streams for search (and builds their configured entries, so a first
   * select-all is cheap too); returns true when the index is complete. A stream's index entry is its
   * lower-cased `name namespace`, then its field names, one per line.
   */
  indexSome(budget: number): boolean {
    const index = this.#index;
    while (index.length < this.size && budget-- > 0) {
      const i = index.length;
      const s = this.streams[i];
      this.#entry(i);
      index.push(`${s.name} ${str(s.namespace) ?? ''}\n${fieldNameIndex(s.json_schema)}`.toLowerCase());
    }
    return index.length == this.size;
  }

  /** The streams passing the filters, in catalog order. Not-offered streams (whitelist) are never listed. */
  filter({ query, selectedOnly, pii, category }: Filters): number[] {
    const q = (this.#query = query.trim().toLowerCase());
    if (q) this.indexSome(Infinity);
    const hits = (this.#hits = new Uint8Array(q ? this.size : 0));
    const out: number[] = [];
    for (let i = 0; i < this.size; i++) {
      const s = this.streams[i] as unknown as Raw;
      // 2: the name or namespace matched; 1: only a field name did (queries have no line breaks).
      const at = q ? this.#index[i].indexOf(q) : -1;
      hits[i] = at < 0 ? 0 : at < this.#index[i].indexOf('\n') ? 2 : 1;
      if (!(this.blocked[i] & 1) && (!q || hits[i]) && (!selectedOnly || this.selected[i]) && (!pii || hasPii(s)) && (!category || s.data_category === category)) out.push(i);
    }
    return out;
  }

  /** Whether stream `i` is listed only because a field name matched the query. */
  #fieldOnly(i: number): boolean {
    return this.#hits?.[i] == 1;
  }

  /** Dotted paths of the fields matching the query (up to `limit`) and their number, for a stream that matched by field name. */
  fieldMatches(i: number, limit = 3): { names: string[]; total: number } {
    const names: string[] = [];
    let total = 0;
    if (this.#fieldOnly(i))
      for (const n of this.tree(i).nodes) if (n.name.toLowerCase().includes(this.#query) && ++total <= limit) names.push(n.path.join('.'));
    return { names, total };
  }

  /** The rows to show: each listed stream, followed by its visible fields when expanded. */
  rows(listed: readonly number[]): Rows {
    const rows: Rows = { stream: [], field: [], pos: [], size: [] };
    const put = (i: number, f: number, pos: number, size: number) => {
      rows.stream.push(i);
      rows.field.push(f);
      rows.pos.push(pos);
      rows.size.push(size);
    };
    listed.forEach((i, k) => {
      put(i, -1, k + 1, listed.length);
      if (this.#expanded[i]) this.#fieldRows(i, put);
    });
    return rows;
  }

  /** Puts the visible field rows of stream `i` (field index, position among siblings, sibling count). */
  #fieldRows(i: number, put: (i: number, f: number, pos: number, size: number) => void) {
    const nodes = this.tree(i).nodes;
    const open = this.#open.get(i);
    const q = this.#fieldOnly(i) ? this.#query : '';
    const matches = (f: number) => nodes[f].name.toLowerCase().includes(q);
    /** While searching by field name: the matching fields and their ancestors (a match's own fields show on request). */
    let keep: Uint8Array | undefined;
    if (q) {
      keep = new Uint8Array(nodes.length);
      for (let f = 0; f < nodes.length; f++) if (matches(f)) for (let a = f; a >= 0 && !keep[a]; a = nodes[a].parent) keep[a] = 1;
    }
    const visit = (from: number, to: number, all: boolean) => {
      const kids: number[] = [];
      for (let f = from; f < to; f = nodes[f].end) if (all || !keep || keep[f]) kids.push(f);
      kids.forEach((f, k) => {
        put(i, f, k + 1, kids.length);
        if (nodes[f].end == f + 1) return;
        const o = open?.get(f);
        const shown = all || (keep && matches(f));
        // While searching, ancestors of a match open by themselves (unless the user closed them).
        if (keep && !shown && o !== false) visit(f + 1, nodes[f].end, false);
        else if (o) visit(f + 1, nodes[f].end, !keep || !!shown);
      });
    };
    visit(0, nodes.length, false);
  }
}
