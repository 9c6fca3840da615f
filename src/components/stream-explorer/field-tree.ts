/**
 * A stream's `json_schema` as a flat, pre-order list of field nodes: the explorer renders it as rows of the
 * same virtual list as the streams, so even a 5,000-field stream costs only the rows on screen.
 * Pure data, no DOM. Tolerates anything: missing or empty schemas, unknown types, `anyOf`/`oneOf`, arrays of
 * arrays, `additionalProperties` objects without properties.
 */

/** One field of a stream's schema. */
export interface FieldNode {
  /** Property name. */
  name: string;
  /** Path from the record root (object property names; array items add no step). */
  path: string[];
  /** `path` joined with U+001F: unique within one stream. */
  key: string;
  /** 0 for top-level fields. */
  depth: number;
  /** Index of the parent node, -1 for top-level fields. */
  parent: number;
  /** Index after the last descendant: the subtree is `[index + 1, end)`. */
  end: number;
  /** JSON types as declared, unions flattened (`['null', 'string']`); `['any']` when none is declared. */
  types: string[];
  /** `format` or `airbyte_type`, when declared. */
  format?: string;
  description?: string;
  /** Reached through array items: it has no path of its own, so it cannot be excluded by itself. */
  inArray: boolean;
  /** 1-based position among its siblings and their number (for `aria-posinset` / `aria-setsize`). */
  pos: number;
  size: number;
}

export interface FieldTree {
  nodes: FieldNode[];
  /** `key` → node index. */
  byKey: Map<string, number>;
  /** The schema had more fields than `MAX_FIELDS` (the rest are not listed). */
  truncated: boolean;
}

export const MAX_FIELDS = 20000;
const MAX_DEPTH = 24;
export const SEP = '\u001f';
const KNOWN = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

type Schema = Record<string, unknown>;
const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The declared types of a schema, unions and `anyOf`/`oneOf` branches flattened, duplicates removed. */
export function typesOf(s: unknown, depth = 0): string[] {
  if (!isObj(s)) return ['any'];
  const out: string[] = [];
  const t = s.type;
  if (typeof t === 'string') out.push(t);
  else if (Array.isArray(t)) for (const x of t) if (typeof x === 'string') out.push(x);
  if (depth < 4)
    for (const k of ['anyOf', 'oneOf'] as const) {
      const branches = s[k];
      if (Array.isArray(branches)) for (const b of branches) for (const x of typesOf(b, depth + 1)) if (x !== 'any') out.push(x);
    }
  if (!out.length) {
    if (isObj(s.properties)) out.push('object');
    else if (s.items !== undefined) out.push('array');
    else if (Array.isArray(s.enum)) out.push('enum');
    else out.push('any');
  }
  return [...new Set(out)];
}

/** True when a type name is not a JSON-Schema type (shown as given, marked as unknown). */
export const isUnknownType = (t: string) => !KNOWN.has(t) && t !== 'any' && t !== 'enum';

/** The object schemas whose properties are this schema's children: itself and its object-typed branches. */
function propertySources(s: Schema, depth = 0): Schema[] {
  const out: Schema[] = [];
  if (isObj(s.properties)) out.push(s.properties);
  if (depth < 4)
    for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
      const branches = s[k];
      if (Array.isArray(branches)) for (const b of branches) if (isObj(b)) out.push(...propertySources(b, depth + 1));
    }
  return out;
}

/** The schema whose properties a field's children come from, unwrapping array items (arrays of arrays too). */
function childSchema(s: Schema): { schema: Schema; viaArray: boolean } | undefined {
  let cur: unknown = s;
  let viaArray = false;
  for (let i = 0; i < 8 && isObj(cur); i++) {
    if (propertySources(cur).length) return { schema: cur, viaArray };
    let items = cur.items;
    if (Array.isArray(items)) items = items.find(isObj);
    if (!isObj(items)) return undefined;
    cur = items;
    viaArray = true;
  }
  return undefined;
}

/** Builds the flat field list of a stream schema. Never throws. */
export function buildFieldTree(schema: unknown): FieldTree {
  const nodes: FieldNode[] = [];
  const byKey = new Map<string, number>();
  let truncated = false;
  const walk = (s: Schema, parent: number, path: string[], depth: number, inArray: boolean) => {
    const sources = propertySources(s);
    const seen = new Set<string>();
    const entries: [string, unknown][] = [];
    for (const props of sources) for (const k of Object.keys(props)) if (!seen.has(k)) (seen.add(k), entries.push([k, props[k]]));
    let pos = 0;
    for (const [name, raw] of entries) {
      if (nodes.length >= MAX_FIELDS) {
        truncated = true;
        return;
      }
      const fs = isObj(raw) ? raw : {};
      const p = [...path, name];
      const key = p.join(SEP);
      const format = typeof fs.format === 'string' ? fs.format : typeof fs.airbyte_type === 'string' ? fs.airbyte_type : undefined;
      const node: FieldNode = {
        name,
        path: p,
        key,
        depth,
        parent,
        end: 0,
        types: typesOf(fs),
        format,
        description: typeof fs.description === 'string' ? fs.description : undefined,
        inArray,
        pos: ++pos,
        size: entries.length,
      };
      const index = nodes.length;
      nodes.push(node);
      if (!byKey.has(key)) byKey.set(key, index);
      const child = depth < MAX_DEPTH ? childSchema(fs) : undefined;
      if (child) walk(child.schema, index, p, depth + 1, inArray || child.viaArray);
      node.end = nodes.length;
    }
  };
  try {
    if (isObj(schema)) {
      const root = childSchema(schema);
      if (root) walk(root.schema, -1, [], 0, false);
    }
  } catch {
    // A hostile schema (getters that throw, huge recursion): keep what was collected.
    truncated = true;
    for (const n of nodes) if (!n.end) n.end = nodes.length;
  }
  return { nodes, byKey, truncated };
}

/** All field names of a schema, lower-cased and joined by newlines: the search index of one stream. */
export function fieldNameIndex(schema: unknown): string {
  const names: string[] = [];
  // Fast path for the common shapes: plain `properties` and array `items`; anything else goes through childSchema.
  const walk = (s: Schema, depth: number) => {
    const props = s.properties;
    if (isObj(props))
      for (const k in props) {
        if (names.length >= MAX_FIELDS) return;
        names.push(k);
        const v = props[k] as Schema | undefined;
        if (depth < MAX_DEPTH && typeof v === 'object' && v !== null && (v.properties || v.items || v.anyOf || v.oneOf || v.allOf)) {
          const child = childSchema(v);
          if (child) walk(child.schema, depth + 1);
        }
      }
    if (s.anyOf || s.oneOf || s.allOf) for (const src of propertySources(s).slice(isObj(props) ? 1 : 0)) walk({ properties: src }, depth);
  };
  try {
    if (isObj(schema)) {
      const root = childSchema(schema);
      if (root) walk(root.schema, 0);
    }
  } catch {
    /* keep what was collected */
  }
  return names.join('\n').toLowerCase();
}

/** Number of top-level fields, without building the tree; `null` when the stream has no usable schema. */
export function topLevelFieldCount(schema: unknown): number | null {
  if (!isObj(schema)) return null;
  const root = childSchema(schema);
  if (!root) return isObj(schema.properties) ? 0 : null;
  let n = 0;
  const seen = new Set<string>();
  for (const props of propertySources(root.schema)) for (const k of Object.keys(props)) if (!seen.has(k)) (seen.add(k), n++);
  return n;
}
