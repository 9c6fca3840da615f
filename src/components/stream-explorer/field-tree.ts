/**
 * A stream's `json_schema` as a flat, pre-order list of field nodes: the explorer renders it as rows of the
 * same virtual list as the streams, so even a 5,000-field stream costs only the rows on screen.
 * Pure data, no DOM. Tolerates anything: missing or empty schemas, unknown types, `anyOf`/`oneOf`, arrays of
 * arrays, `additionalProperties` objects without properties, getters that throw.
 */

import { isObject } from '../../api/http.js';

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
}

export interface FieldTree {
  nodes: FieldNode[];
  /** The schema had more fields than `MAX_FIELDS` (the rest are not listed), or could not be read to the end. */
  truncated: boolean;
}

export const MAX_FIELDS = 20000;
const MAX_DEPTH = 24;
export const SEP = '\u001f';

type Schema = Record<string, unknown>;
/** A non-empty string, else undefined. */
export const str = (v: unknown): string | undefined => (typeof v == 'string' && v ? v : undefined);
/** The object branches of a schema: `anyOf` and `oneOf`, plus `allOf` with `all`. */
const branches = (s: Schema, all?: boolean) => (all ? ['anyOf', 'oneOf', 'allOf'] : ['anyOf', 'oneOf']).flatMap((k) => (Array.isArray(s[k]) ? s[k].filter(isObject) : []));

/** The declared types of a schema, unions and `anyOf`/`oneOf` branches flattened, duplicates removed. */
export function typesOf(s: unknown, depth = 0): string[] {
  if (!isObject(s)) return ['any'];
  const out = [s.type].flat().filter((x): x is string => typeof x == 'string');
  if (depth < 4) for (const b of branches(s)) out.push(...typesOf(b, depth + 1).filter((x) => x != 'any'));
  if (!out.length) out.push(isObject(s.properties) ? 'object' : s.items !== undefined ? 'array' : Array.isArray(s.enum) ? 'enum' : 'any');
  return [...new Set(out)];
}

/** True when a type name is not a JSON-Schema type (shown as given, marked as unknown). */
export const isUnknownType = (t: string) => !/^(string|number|integer|boolean|object|array|null|any|enum)$/.test(t);

/** The `properties` objects whose entries are this schema's children: its own and its branches'. */
function propertySources(s: Schema, depth = 0): Schema[] {
  const out = isObject(s.properties) ? [s.properties] : [];
  if (depth < 4) for (const b of branches(s, true)) out.push(...propertySources(b, depth + 1));
  return out;
}

/** The properties a field's children come from, unwrapping array items (arrays of arrays too). */
function childSources(s: unknown): { sources: Schema[]; viaArray: boolean } | undefined {
  for (let i = 0, viaArray = false; i < 8 && isObject(s); i++, viaArray = true) {
    const sources = propertySources(s);
    if (sources.length) return { sources, viaArray };
    s = Array.isArray(s.items) ? s.items.find(isObject) : s.items;
  }
  return undefined;
}

/**
 * Calls `visit` for every field of a stream schema in pre-order; children are visited only when `visit`
 * returns true. Returns `null` when the schema has no fields to list (not an object schema), `false` when it
 * stopped early (more than `MAX_FIELDS` fields, or a getter threw), else `true`. Never throws.
 */
export function eachField(schema: unknown, visit: (name: string, field: Schema, depth: number, inArray: boolean) => boolean): boolean | null {
  let count = 0;
  const walk = (sources: Schema[], depth: number, inArray: boolean) => {
    const seen = sources.length > 1 ? new Set<string>() : undefined;
    for (const props of sources)
      for (const name in props) {
        if (seen?.has(name)) continue;
        seen?.add(name);
        if (++count > MAX_FIELDS) throw count;
        const field = isObject(props[name]) ? props[name] : {};
        const child = visit(name, field, depth, inArray) && depth < MAX_DEPTH ? childSources(field) : undefined;
        if (child) walk(child.sources, depth + 1, inArray || child.viaArray);
      }
  };
  try {
    const root = isObject(schema) ? childSources(schema) : undefined;
    if (!root) return null;
    walk(root.sources, 0, false);
    return true;
  } catch {
    return false;
  }
}

/** Builds the flat field list of a stream schema. Never throws. */
export function buildFieldTree(schema: unknown): FieldTree {
  const nodes: FieldNode[] = [];
  /** The last node seen at each depth: the parent of the next node one level deeper. */
  const last: number[] = [];
  const done = eachField(schema, (name, fs, depth, inArray) => {
    const parent = depth ? last[depth - 1] : -1;
    const path = depth ? [...nodes[parent].path, name] : [name];
    last[depth] = nodes.length;
    nodes.push({
      name,
      path,
      key: path.join(SEP),
      depth,
      parent,
      end: 0,
      types: typesOf(fs),
      format: str(fs.format) ?? str(fs.airbyte_type),
      description: str(fs.description),
      inArray,
    });
    return true;
  });
  // Subtree ends: each node ends the subtrees of its ancestors (so far).
  nodes.forEach((_, f) => {
    for (let a = f; a >= 0; a = nodes[a].parent) nodes[a].end = f + 1;
  });
  return { nodes, truncated: done === false };
}

/** All field names of a schema, lower-cased and joined by newlines: the search index of one stream. */
export function fieldNameIndex(schema: unknown): string {
  const names: string[] = [];
  eachField(schema, (name) => names.push(name) > 0);
  return names.join('\n').toLowerCase();
}

/** Number of top-level fields, without building the tree; `null` when the stream has no usable schema. */
export function topLevelFieldCount(schema: unknown): number | null {
  let n = 0;
  return eachField(schema, () => (n++, false)) === null ? null : n;
}
