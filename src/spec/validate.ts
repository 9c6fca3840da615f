/**
 * Validation of form values: a small JSON-Schema (draft-07) checker for every keyword the connector
 * dialect uses (type incl. lists, required, properties, additionalProperties, items, enum, const, pattern,
 * minimum/maximum and their exclusive forms, multipleOf, min/maxLength, min/maxItems, uniqueItems,
 * format date/date-time/email/uri, oneOf/anyOf/allOf/not) plus the dialect's form rules (blank strings are
 * missing, only the selected oneOf option is enforced, hidden and preset fields are not the user's to fix).
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
  return typeof e === 'function' ? e(arg) : e;
};


const regexCache = new Map<string, RegExp | null>();
/** Compiles a spec pattern like JSON Schema validators do (`u` flag), else like Airbyte (no flag); null if invalid. */
export function compilePattern(p: string): RegExp | null {
  let r = regexCache.get(p);
  if (r === undefined) {
    for (const flags of ['u', '']) {
      try {
        r = new RegExp(p, flags);
        break;
      } catch {
        r = null;
      }
    }
    regexCache.set(p, r!);
  }
  return r!;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && (y % 4 || (!(y % 100) && y % 400)) ? 28 : DAYS[mo - 1]);
}
const FORMATS: Record<string, (s: string) => boolean> = {
  date: isDate,
  'date-time': (s) => {
    const m = /^(.{10})[Tt ](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-](\d\d):(\d\d))$/.exec(s);
    return !!m && isDate(m[1]) && +m[2] < 24 && +m[3] < 60 && +m[4] <= 60 && +(m[7] ?? 0) < 24 && +(m[8] ?? 0) < 60;
  },
  email: (s) => /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*$/.test(s),
  uri: (s) => /^[a-z][a-z\d+.-]*:[^\s]*$/i.test(s),
};

function typeMatches(t: unknown, v: unknown): boolean {
  switch (t) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isObj(v);
    case 'null':
      return v === null;
  }
  return true; // unknown type names: not ours to judge
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => equal((a as never)[k], (b as never)[k]));
}

/** The first error of `v` against a JSON Schema node, or undefined. */
export function schemaError(s: JsonSchema, v: unknown, depth = 0): ValidationError | undefined {
  if (!isObj(s) || depth > 64) return;
  const types = Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type];
  if (types.length && !types.some((t) => typeMatches(t, v))) return ['formType', typeOf(s)];
  if (Array.isArray(s.enum) && !s.enum.some((e) => equal(e, v))) return ['formEnum'];
  if ('const' in s && !equal(s.const, v)) return ['formEnum'];
  const n = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : undefined);
  if (typeof v === 'string') {
    const len = [...v].length;
    if (n('minLength') !== undefined && len < n('minLength')!) return ['formMinLength', n('minLength')];
    if (n('maxLength') !== undefined && len > n('maxLength')!) return ['formMaxLength', n('maxLength')];
    if (typeof s.pattern === 'string' && compilePattern(s.pattern)?.test(v) === false) return ['formPattern', s.pattern_descriptor ?? s.pattern];
    const f = typeof s.format === 'string' ? FORMATS[s.format] : undefined;
    if (f && !f(v)) return ['formFormat', s.format];
  }
  if (typeof v === 'number') {
    if (n('minimum') !== undefined && v < n('minimum')!) return ['formMin', n('minimum')];
    if (n('maximum') !== undefined && v > n('maximum')!) return ['formMax', n('maximum')];
    if (n('exclusiveMinimum') !== undefined && v <= n('exclusiveMinimum')!) return ['formAbove', n('exclusiveMinimum')];
    if (n('exclusiveMaximum') !== undefined && v >= n('exclusiveMaximum')!) return ['formBelow', n('exclusiveMaximum')];
    if (n('multipleOf') && !Number.isInteger(v / n('multipleOf')!)) return ['formMultiple', n('multipleOf')];
  }
  if (Array.isArray(v)) {
    if (n('minItems') !== undefined && v.length < n('minItems')!) return ['formMinItems', n('minItems')];
    if (n('maxItems') !== undefined && v.length > n('maxItems')!) return ['formMaxItems', n('maxItems')];
    if (s.uniqueItems === true && v.some((x, i) => v.findIndex((y) => equal(x, y)) !== i)) return ['formUnique'];
    const items = s.items;
    for (let i = 0; i < v.length; i++) {
      const e = schemaError((Array.isArray(items) ? items[i] : items) as JsonSchema, v[i], depth + 1);
      if (e) return e;
    }
  }
  if (isObj(v)) {
    const props = isObj(s.properties) ? s.properties : {};
    if (Array.isArray(s.required) && s.required.some((k) => v[k] === undefined)) return ['formRequired'];
    for (const [k, x] of Object.entries(v)) {
      const sub = k in props ? props[k] : s.additionalProperties;
      if (sub === false) return ['formInvalid'];
      const e = schemaError(sub as JsonSchema, x, depth + 1);
      if (e) return e;
    }
  }
  if (Array.isArray(s.oneOf) && s.oneOf.filter((o) => !schemaError(o, v, depth + 1)).length !== 1) return ['formChoose'];
  if (Array.isArray(s.anyOf) && !s.anyOf.some((o) => !schemaError(o, v, depth + 1))) return ['formInvalid'];
  if (Array.isArray(s.allOf)) for (const o of s.allOf) if (schemaError(o, v, depth + 1)) return ['formInvalid'];
  if (isObj(s.not) && !schemaError(s.not, v, depth + 1)) return ['formInvalid'];
}

/** Whether a value counts as missing: undefined, null, NaN, a blank string or (for lists) an empty list. */
export const isEmpty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'number' && isNaN(v)) || (typeof v === 'string' && !v.trim()) || (Array.isArray(v) && !v.length);

/** The error of one leaf field's value (objects, oneOfs and object arrays are checked by `validateAll`). */
export function fieldError(node: FieldNode, v: unknown): ValidationError | undefined {
  if (v instanceof JsonText) return ['formJson'];
  if (isEmpty(v)) return node.required && node.kind !== 'const' ? ['formRequired'] : undefined;
  if (node.secret && v === SECRET_MASK) return;
  if (node.kind === 'arrayOfObjects') {
    // only the list-level keywords: items are validated field by field
    const { items: _items, ...list } = node.schema;
    return schemaError(list, v);
  }
  const e = schemaError(node.schema, typeof v === 'string' && node.kind !== 'json' ? v.trim() : v);
  return e?.[0] === 'formPattern' && node.hint ? ['formPattern', node.hint] : e;
}

/** One plain-words message for a leaf field's value, or undefined when it is valid. */
export function validateField(node: FieldNode, value: unknown, t: Translate = english): string | undefined {
  const e = fieldError(node, value);
  return e && t(...e);
}

/** Every error of a form value: a map from JSON Pointer (see `pointer`) to one message. */
export function validateAll(model: FormModel, value: unknown, t: Translate = english): Map<string, string> {
  const out = new Map<string, string>();
  walk(model.root, value, [], out, t);
  return out;
}

/** Validates `node` (and everything under it) at `path`, adding messages to `out`. */
export function walk(node: FieldNode, v: unknown, path: Path, out: Map<string, string>, t: Translate = english): void {
  if (node.hidden || node.preset || node.kind === 'const') return;
  const set = (e?: ValidationError) => e && out.set(pointer(path), t(...e));
  switch (node.kind) {
    case 'object':
      if (v === undefined && !node.required) return;
      if (!isObj(v)) return void set(v === undefined ? ['formRequired'] : ['formType', 'object']);
      for (const c of node.children!) walk(c, v[c.key], [...path, c.key], out, t);
      return;
    case 'oneOf': {
      const i = selectedOption(node, v);
      if (i < 0) return void ((node.required || v !== undefined) && set(['formChoose']));
      for (const c of node.options![i].children) walk(c, (v as Record<string, unknown>)[c.key], [...path, c.key], out, t);
      return;
    }
    case 'arrayOfObjects':
      set(fieldError(node, v));
      if (Array.isArray(v)) v.forEach((x, i) => walk(node.item!, x, [...path, i], out, t));
      return;
    default:
      set(fieldError(node, v));
  }
}
