/**
 * Validation of form values: a small JSON-Schema (draft-07) checker for every keyword the connector
 * dialect uses (type incl. lists, required, properties, additionalProperties, items, enum, const, pattern,
 * minimum/maximum and their exclusive forms, multipleOf, min/maxLength, min/maxItems, uniqueItems,
 * format date/date-time/email/uri, oneOf) plus the dialect's form rules (blank strings are missing, only the
 * selected oneOf option is enforced, hidden and preset fields are not the user's to fix). `anyOf`, `allOf`,
 * `not` and `$ref` are left out: no connector spec uses them (connector-spec-rules.md §2, 0 of 578).
 * One plain-words message per field.
 */
import { en } from '../translations/en.js';
import { isObj, typeOf } from './model.js';
import type { FieldNode, FormModel, JsonSchema, Path } from './types.js';
import { JsonText, pointer, SECRET_MASK, selectedOption } from './value.js';

/** An error: a key of the string table and its argument. */
export type ValidationError = [key: ErrorKey, arg?: unknown];
export type ErrorKey =
  | 'formRequired'
  | 'formChoose'
  | 'formType'
  | 'formPattern'
  | 'formMin'
  | 'formMax'
  | 'formAbove'
  | 'formBelow'
  | 'formMultiple'
  | 'formMinLength'
  | 'formMaxLength'
  | 'formMinItems'
  | 'formMaxItems'
  | 'formUnique'
  | 'formEnum'
  | 'formFormat'
  | 'formJson'
  | 'formInvalid';

/** Translates an error (defaults to the English table). */
export type Translate = (key: ErrorKey, arg?: unknown) => string;
const english: Translate = (key, arg) => {
  const e = en[key] as string | ((a: unknown) => string);
  return typeof e == 'function' ? e(arg) : e;
};

const regexCache = new Map<string, RegExp | null>();
/** Compiles a spec pattern like JSON Schema validators do (`u` flag), else like Airbyte (no flag); null if invalid. */
export function compilePattern(p: string): RegExp | null {
  if (!regexCache.has(p)) {
    let r: RegExp | null = null;
    for (const flags of ['', 'u'])
      try {
        r = new RegExp(p, flags);
      } catch {
        /* next flags */
      }
    regexCache.set(p, r);
  }
  return regexCache.get(p)!;
}

const isDate = (s: string) => {
  const [, y, m, d] = /^(\d{4})-(\d\d)-(\d\d)$/.exec(s)?.map(Number) ?? [];
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
};
const FORMATS: Record<string, (s: string) => boolean> = {
  date: isDate,
  'date-time': (s) => {
    const m = /^(.{10})[Tt ](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-](\d\d):(\d\d))$/.exec(s);
    return !!m && isDate(m[1]) && +m[2] < 24 && +m[3] < 60 && +m[4] <= 60 && +(m[7] ?? 0) < 24 && +(m[8] ?? 0) < 60;
  },
  email: (s) => /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*$/.test(s),
  uri: (s) => /^[a-z][a-z\d+.-]*:\S*$/i.test(s),
};

const TYPES: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v == 'string',
  integer: Number.isInteger,
  number: (v) => typeof v == 'number' && isFinite(v),
  boolean: (v) => typeof v == 'boolean',
  array: Array.isArray,
  object: isObj,
  null: (v) => v === null,
};

const equal = (a: unknown, b: unknown): boolean =>
  a === b ||
  (!!a && !!b && typeof a == 'object' && typeof b == 'object' && Array.isArray(a) == Array.isArray(b) && Object.keys(a).length == Object.keys(b).length && Object.keys(a).every((k) => equal((a as never)[k], (b as never)[k])));

// [keyword, message, fails(value, limit)] for the keywords with a number limit, by the value's type
type Bound = [string, ErrorKey, (v: never, n: number) => boolean];
const STRING: Bound[] = [
  ['minLength', 'formMinLength', (v: string, n) => [...v].length < n],
  ['maxLength', 'formMaxLength', (v: string, n) => [...v].length > n],
];
const NUMBER: Bound[] = [
  ['minimum', 'formMin', (v: number, n) => v < n],
  ['maximum', 'formMax', (v: number, n) => v > n],
  ['exclusiveMinimum', 'formAbove', (v: number, n) => v <= n],
  ['exclusiveMaximum', 'formBelow', (v: number, n) => v >= n],
  ['multipleOf', 'formMultiple', (v: number, n) => !!n && !Number.isInteger(v / n)],
];
const ARRAY: Bound[] = [
  ['minItems', 'formMinItems', (v: unknown[], n) => v.length < n],
  ['maxItems', 'formMaxItems', (v: unknown[], n) => v.length > n],
];

/** The first error of `v` against a JSON Schema node, or undefined. */
export function schemaError(s: JsonSchema, v: unknown, depth = 0): ValidationError | undefined {
  if (!isObj(s) || depth > 64) return;
  const sub = (x: unknown, val: unknown) => schemaError(x as JsonSchema, val, depth + 1);
  const types = [s.type ?? []].flat();
  if (types.length && !types.some((t) => TYPES[t as string]?.(v) ?? true)) return ['formType', typeOf(s)];
  if ((Array.isArray(s.enum) && !s.enum.some((e) => equal(e, v))) || ('const' in s && !equal(s.const, v))) return ['formEnum'];
  for (const [k, key, fails] of typeof v == 'string' ? STRING : typeof v == 'number' ? NUMBER : Array.isArray(v) ? ARRAY : [])
    if (typeof s[k] == 'number' && fails(v as never, s[k] as number)) return [key, s[k]];
  if (typeof v == 'string') {
    if (typeof s.pattern == 'string' && compilePattern(s.pattern)?.test(v) === false) return ['formPattern', s.pattern_descriptor ?? s.pattern];
    if (FORMATS[s.format as string]?.(v) === false) return ['formFormat', s.format];
  }
  if (Array.isArray(v)) {
    if (s.uniqueItems === true && v.some((x, i) => v.findIndex((y) => equal(x, y)) != i)) return ['formUnique'];
    for (let i = 0; i < v.length; i++) {
      const e = sub(Array.isArray(s.items) ? s.items[i] : s.items, v[i]);
      if (e) return e;
    }
  }
  if (isObj(v)) {
    if (Array.isArray(s.required) && s.required.some((k) => v[k] === undefined)) return ['formRequired'];
    for (const [k, x] of Object.entries(v)) {
      const p = isObj(s.properties) && k in s.properties ? s.properties[k] : s.additionalProperties;
      const e: ValidationError | undefined = p === false ? ['formInvalid'] : sub(p, x);
      if (e) return e;
    }
  }
  if (Array.isArray(s.oneOf) && s.oneOf.length && s.oneOf.filter((o) => !sub(o, v)).length != 1) return ['formChoose'];
}

/** Whether a value counts as missing: undefined, null, NaN, a blank string or (for lists) an empty list. */
export const isEmpty = (v: unknown) => v == null || Number.isNaN(v) || (typeof v == 'string' && !v.trim()) || (Array.isArray(v) && !v.length);

/** The error of one leaf field's value (objects, oneOfs and object arrays are checked by `validateAll`). */
export function fieldError(n: FieldNode, v: unknown): ValidationError | undefined {
  if (v instanceof JsonText) return ['formJson'];
  if (isEmpty(v)) return n.required && n.kind != 'const' ? ['formRequired'] : undefined;
  if (n.secret && v === SECRET_MASK) return;
  // object lists: only the list-level keywords here, their items are validated field by field
  const e = schemaError(n.kind == 'arrayOfObjects' ? { ...n.schema, items: undefined } : n.schema, typeof v == 'string' && n.kind != 'json' ? v.trim() : v);
  return e?.[0] == 'formPattern' && n.hint ? ['formPattern', n.hint] : e;
}

/** One plain-words message for a leaf field's value, or undefined when it is valid. */
export function validateField(n: FieldNode, value: unknown, t: Translate = english): string | undefined {
  const e = fieldError(n, value);
  return e && t(...e);
}

/** Every error of a form value: a map from JSON Pointer (see `pointer`) to one message. */
export function validateAll(model: FormModel, value: unknown, t: Translate = english): Map<string, string> {
  const out = new Map<string, string>();
  walk(model.root, value, [], out, t);
  return out;
}

/** Validates `n` (and everything under it) at `path`, adding messages to `out`. */
export function walk(n: FieldNode, v: unknown, path: Path, out: Map<string, string>, t: Translate = english): void {
  const { kind } = n;
  const set = (e?: ValidationError) => e && out.set(pointer(path), t(...e));
  const all = (children: FieldNode[]) => children.forEach((c) => walk(c, (v as Record<string, unknown>)[c.key], [...path, c.key], out, t));
  if (n.hidden || n.preset || kind == 'const') return;
  if (kind == 'object') {
    if (isObj(v)) all(n.children!);
    else if (v !== undefined || n.required) set(v === undefined ? ['formRequired'] : ['formType', 'object']);
  } else if (kind == 'oneOf') {
    const i = selectedOption(n, v);
    if (i >= 0) all(n.options![i].children);
    else if (n.required || v !== undefined) set(['formChoose']);
  } else {
    set(fieldError(n, v));
    if (kind == 'arrayOfObjects' && Array.isArray(v)) v.forEach((x, i) => walk(n.item!, x, [...path, i], out, t));
  }
}
