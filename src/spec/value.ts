/**
 * Values of a form model: initial values (defaults, consts), the selected oneOf option, switching options,
 * and the value that is submitted (§8 of connector-spec-rules.md).
 */
import { isObj } from './model.js';
import type { FieldNode, FormModel, Path } from './types.js';

type Obj = Record<string, unknown>;

/** The value Airbyte shows for a stored secret; sent back unchanged, the API keeps the stored secret. */
export const SECRET_MASK = '**********';

/** Text typed into a JSON field that does not parse (kept so the user's input is never lost). */
export class JsonText {
  constructor(readonly text: string) {}
}

export const clone = <T>(v: T): T => (v && typeof v == 'object' ? structuredClone(v) : v);

/** JSON Pointer of a path (`/streams/0/format`): the key of errors and DOM ids. */
export const pointer = (path: Path) => path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');

export const getAt = (root: unknown, path: Path): unknown => path.reduce<unknown>((v, p) => (v && typeof v == 'object' ? (v as Obj)[p] : undefined), root);

/** Sets `value` at `path` in place, creating objects/arrays on the way; `undefined` deletes the key. */
export function setAt(root: Obj, path: Path, value: unknown): void {
  let v: Obj = root;
  const last = path.length - 1;
  path.forEach((p, i) => {
    if (i == last) value === undefined && !Array.isArray(v) ? delete v[p] : (v[p] = value);
    else v = (v[p] && typeof v[p] == 'object' ? v[p] : (v[p] = typeof path[i + 1] == 'number' ? [] : {})) as Obj;
  });
}

/** Index of the option chosen by default for a new value: the one matching the oneOf's `default`, else 0. */
export const defaultOption = (n: FieldNode) => Math.max(0, n.options!.findIndex((o) => o.value !== undefined && o.value === n.default));

/** Whether `key` belongs to one of a oneOf's options (false for a node without options). */
const inAnOption = (n: FieldNode, key: string) => !!n.options?.some((o) => o.children.some((c) => c.key == key));

/**
 * Index of the selected option of a oneOf value: the option whose discriminator const equals the value's
 * (-1 when none does, e.g. an old config). Without a discriminator: the option that best fits the keys.
 */
export function selectedOption(n: FieldNode, v: unknown): number {
  const d = n.discriminator;
  if (!isObj(v)) return -1;
  if (d !== undefined) return n.options!.findIndex((o) => o.value === v[d]);
  let best = -1;
  let score = -Infinity;
  n.options!.forEach(({ children: ch }, i) => {
    const s = Object.keys(v).reduce((s, k) => s + (ch.some((c) => c.key == k) ? 1 : -1), 0) - ch.filter((c) => c.required && v[c.key] === undefined).length;
    if (s > score) [best, score] = [i, s];
  });
  return best;
}

/** The initial value of a node in a new form: consts, defaults, `{}` for objects, the default option. */
export const initialOf = (n: FieldNode): unknown => fill(n, undefined);

function fillObj(children: FieldNode[], obj: Obj): Obj {
  for (const c of children) {
    const v = fill(c, obj[c.key]);
    if (v !== undefined) obj[c.key] = v;
  }
  return obj;
}

/** Fills what is missing in `v` with initial values (create mode); present values win, consts are written. */
export function fill(n: FieldNode, v: unknown): unknown {
  const { kind, default: d, discriminator: disc } = n;
  const fresh = v === undefined;
  if (kind == 'const') return clone(n.const);
  if (fresh) {
    if (kind == 'arrayOfObjects') return Array.isArray(d) ? clone(d) : n.required ? [] : undefined;
    // an unchecked box reads as "no": send that for required booleans without a default
    if (kind == 'boolean') return d ?? (n.required ? false : undefined);
    v = kind == 'object' ? (isObj(d) ? clone(d) : {}) : kind == 'oneOf' ? {} : clone(d);
  }
  if (kind == 'object' && isObj(v)) return fillObj(n.children!, v);
  if (kind == 'oneOf' && isObj(v)) {
    let i = fresh ? -1 : selectedOption(n, v);
    if (i < 0 && (fresh || (disc !== undefined && v[disc] === undefined))) i = defaultOption(n);
    return i < 0 ? v : fillObj(n.options![i].children, v);
  }
  return kind == 'arrayOfObjects' && Array.isArray(v) ? v.map((x) => fill(n.item!, x)) : v;
}

/**
 * The working value a form starts from. `create`: defaults and consts applied (over `existing`, if
 * given); `edit`: the stored config as it is. Template presets (`partial_default_config`) are merged in
 * so choices they make are visible to the model; `toSubmitValue` leaves them out again.
 */
export function initialValue(model: FormModel, existing?: unknown, preset?: unknown): Obj {
  const merge = (t: Obj, src: Obj): Obj => {
    for (const [k, x] of Object.entries(src)) t[k] = isObj(x) && isObj(t[k]) ? merge(t[k] as Obj, x) : x;
    return t;
  };
  let v: unknown = isObj(existing) ? clone(existing) : undefined;
  if (isObj(preset)) v = merge((v as Obj) ?? {}, clone(preset));
  if (model.mode == 'create' || v === undefined) v = fill(model.root, v);
  return isObj(v) ? v : {};
}

/** Whether `v` has the shape a node's control can hold (used to keep values across a oneOf switch). */
export function fits(n: FieldNode, v: unknown): boolean {
  const k = n.kind;
  return k == 'object' || k == 'oneOf'
    ? isObj(v)
    : k == 'arrayOfObjects' || k == 'arrayOfStrings' || k == 'multiEnum'
      ? Array.isArray(v)
      : k == 'enum'
        ? n.enumValues!.includes(v)
        : k == 'json' || typeof v == (k == 'boolean' ? k : k == 'integer' || k == 'number' ? 'number' : 'string');
}

/**
 * Switches a oneOf value to option `index`: keeps values of keys the new option also defines (when they
 * fit), keeps keys unknown to every option, drops keys of the other options, writes the new option's
 * consts and fills its defaults.
 */
export function switchOption(n: FieldNode, current: unknown, index: number): Obj {
  const own = n.options![index].children;
  const res: Obj = {};
  if (isObj(current))
    for (const [k, x] of Object.entries(current)) {
      const c = own.find((c) => c.key == k);
      if (c ? c.kind != 'const' && fits(c, x) : !inAnOption(n, k)) res[k] = x;
    }
  return fillObj(own, res);
}

/**
 * The value to submit: strings trimmed and blank ones dropped, `undefined` dropped, the keys of unselected
 * oneOf options removed, template presets left out; keys the spec does not know are kept as they are.
 */
export function toSubmitValue(model: FormModel, value: unknown): Obj {
  // Removes what the template presets (the API adds it back); objects left empty go too.
  const omit = (v: Obj, preset: Obj): Obj => {
    for (const [k, p] of Object.entries(preset)) if (!(isObj(p) && isObj(v[k]) && Object.keys(omit(v[k] as Obj, p)).length)) delete v[k];
    return v;
  };
  const v = out(model.root, value);
  return isObj(v) ? omit(v, model.preset ?? {}) : {};
}

function out(n: FieldNode, v: unknown): unknown {
  const k = n.kind;
  if (v === undefined) return v;
  if (k == 'object' || k == 'oneOf') {
    if (!isObj(v)) return v;
    const i = k == 'oneOf' ? selectedOption(n, v) : 0;
    if (i < 0) return clone(v); // no selection: strip nothing rather than lose data
    const own = k == 'oneOf' ? n.options![i].children : n.children!;
    const res: Obj = {};
    for (const [key, x] of Object.entries(v)) {
      const c = own.find((c) => c.key == key);
      // unknown keys are kept, except those of the unselected options
      const o = c ? (c.preset ? undefined : out(c, x)) : inAnOption(n, key) ? undefined : clone(x);
      if (o !== undefined) res[key] = o;
    }
    return res;
  }
  if (Array.isArray(v) && (k == 'arrayOfObjects' || k == 'arrayOfStrings')) return v.map((x) => (k == 'arrayOfObjects' ? (out(n.item!, x) ?? null) : typeof x == 'string' ? x.trim() : x));
  if (k == 'json') return v instanceof JsonText ? undefined : clone(v);
  return typeof v == 'string' ? v.trim() || undefined : v;
}
