/**
 * Values of a form model: initial values (defaults, consts), the selected oneOf option, switching options,
 * and the value that is submitted (§8 of connector-spec-rules.md).
 */
import { isObj } from './model.js';
import type { FieldNode, FormModel, Path } from './types.js';

/** The value Airbyte shows for a stored secret; sent back unchanged, the API keeps the stored secret. */
export const SECRET_MASK = '**********';

/** Text typed into a JSON field that does not parse (kept so the user's input is never lost). */
export class JsonText {
  constructor(readonly text: string) {}
}

export const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

/** JSON Pointer of a path (`/streams/0/format`): the key of errors and DOM ids. */
export const pointer = (path: Path) => path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');

export function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const p of path) v = v == null || typeof v !== 'object' ? undefined : (v as Record<string | number, unknown>)[p];
  return v;
}

/** Sets `value` at `path` in place, creating objects/arrays on the way; `undefined` deletes the key. */
export function setAt(root: Record<string, unknown>, path: Path, value: unknown): void {
  let v: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const next = v[path[i]];
    if (next === null || typeof next !== 'object') v[path[i]] = typeof path[i + 1] === 'number' ? [] : {};
    v = v[path[i]] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(v)) delete v[last];
  else v[last] = value;
}

/** Index of the option chosen by default for a new value: the one matching the oneOf's `default`, else 0. */
export function defaultOption(node: FieldNode): number {
  const i = node.options!.findIndex((o) => o.value !== undefined && o.value === node.default);
  return i < 0 ? 0 : i;
}

/**
 * Index of the selected option of a oneOf value: the option whose discriminator const equals the value's
 * (-1 when none does, e.g. an old config). Without a discriminator: the option that best fits the keys.
 */
export function selectedOption(node: FieldNode, v: unknown): number {
  const opts = node.options!;
  if (!isObj(v)) return -1;
  if (node.discriminator !== undefined) return opts.findIndex((o) => o.value === v[node.discriminator!]);
  let best = -1;
  let score = -Infinity;
  opts.forEach((o, i) => {
    const keys = new Set(o.children.map((c) => c.key));
    const s = Object.keys(v).reduce((n, k) => n + (keys.has(k) ? 1 : -1), 0) - o.children.filter((c) => c.required && v[c.key] === undefined).length;
    if (s > score) [best, score] = [i, s];
  });
  return best;
}

/** The initial value of a node in a new form: consts, defaults, `{}` for objects, the default option. */
export function initialOf(node: FieldNode): unknown {
  switch (node.kind) {
    case 'const':
      return clone(node.const);
    case 'object':
      return fillChildren(node.children!, isObj(node.default) ? clone(node.default) : {});
    case 'oneOf':
      return fillChildren(node.options![defaultOption(node)].children, {});
    case 'arrayOfObjects':
      return Array.isArray(node.default) ? clone(node.default) : node.required ? [] : undefined;
    case 'boolean':
      // an unchecked box reads as "no": send that for required booleans without a default
      return node.default ?? (node.required ? false : undefined);
    default:
      return clone(node.default);
  }
}

function fillChildren(children: FieldNode[], obj: Record<string, unknown>): Record<string, unknown> {
  for (const c of children) {
    const v = c.kind === 'const' ? clone(c.const) : fill(c, obj[c.key]);
    if (v !== undefined) obj[c.key] = v;
  }
  return obj;
}

/** Fills what is missing in `v` with initial values (create mode); present values win. */
export function fill(node: FieldNode, v: unknown): unknown {
  if (v === undefined) return initialOf(node);
  if (node.kind === 'object' && isObj(v)) return fillChildren(node.children!, v);
  if (node.kind === 'oneOf' && isObj(v)) {
    const i = selectedOption(node, v);
    if (i >= 0) return fillChildren(node.options![i].children, v);
    return node.discriminator !== undefined && v[node.discriminator] === undefined ? fillChildren(node.options![defaultOption(node)].children, v) : v;
  }
  if (node.kind === 'arrayOfObjects' && Array.isArray(v)) return v.map((x) => fill(node.item!, x));
  return v;
}

/**
 * The working value a form starts from. `create`: defaults and consts applied (over `existing`, if
 * given); `edit`: the stored config as it is. Template presets (`partial_default_config`) are merged in
 * so choices they make are visible to the model; `toSubmitValue` leaves them out again.
 */
export function initialValue(model: FormModel, existing?: unknown, preset?: unknown): Record<string, unknown> {
  let v: unknown = isObj(existing) ? clone(existing) : undefined;
  if (isObj(preset)) v = merge(isObj(v) ? v : {}, clone(preset));
  if (model.mode === 'create' || v === undefined) v = fill(model.root, v);
  return isObj(v) ? v : {};
}

function merge(target: Record<string, unknown>, src: Record<string, unknown>): Record<string, unknown> {
  for (const [k, x] of Object.entries(src)) target[k] = isObj(x) && isObj(target[k]) ? merge(target[k] as Record<string, unknown>, x) : x;
  return target;
}

/** Whether `v` has the shape a node's control can hold (used to keep values across a oneOf switch). */
export function fits(node: FieldNode, v: unknown): boolean {
  switch (node.kind) {
    case 'object':
    case 'oneOf':
      return isObj(v);
    case 'arrayOfObjects':
    case 'arrayOfStrings':
    case 'multiEnum':
      return Array.isArray(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
    case 'number':
      return typeof v === 'number';
    case 'enum':
      return node.enumValues!.includes(v);
    case 'json':
      return true;
    default:
      return typeof v === 'string';
  }
}

/**
 * Switches a oneOf value to option `index`: keeps values of keys the new option also defines (when they
 * fit), keeps keys unknown to every option, drops keys of the other options, writes the new option's
 * consts and fills its defaults.
 */
export function switchOption(node: FieldNode, current: unknown, index: number): Record<string, unknown> {
  const opt = node.options![index];
  const known = new Set(node.options!.flatMap((o) => o.children.map((c) => c.key)));
  const res: Record<string, unknown> = {};
  if (isObj(current))
    for (const [k, x] of Object.entries(current)) {
      const c = opt.children.find((c) => c.key === k);
      if (c ? c.kind !== 'const' && fits(c, x) : !known.has(k)) res[k] = x;
    }
  return fillChildren(opt.children, res);
}

/**
 * The value to submit: strings trimmed and blank ones dropped, `undefined` dropped, the keys of unselected
 * oneOf options removed, template presets left out; keys the spec does not know are kept as they are.
 */
export function toSubmitValue(model: FormModel, value: unknown): Record<string, unknown> {
  const v = out(model.root, value);
  return isObj(v) ? (model.preset ? omit(v, model.preset) : v) : {};
}

/** Removes what the template presets (the API adds it back); objects left empty go too. */
function omit(v: Record<string, unknown>, preset: Record<string, unknown>): Record<string, unknown> {
  for (const [k, p] of Object.entries(preset)) {
    const x = v[k];
    if (isObj(p) && isObj(x) && Object.keys(omit(x, p)).length) continue;
    delete v[k];
  }
  return v;
}

function out(n: FieldNode, v: unknown): unknown {
  if (v === undefined) return undefined;
  switch (n.kind) {
    case 'object':
      return outObject(n.children!, v);
    case 'oneOf': {
      const i = selectedOption(n, v);
      if (i < 0) return clone(v); // no selection: strip nothing rather than lose data
      const own = n.options![i].children;
      const keys = new Set(own.map((c) => c.key));
      const drop = new Set(n.options!.flatMap((o) => o.children.map((c) => c.key)).filter((k) => !keys.has(k)));
      return outObject(own, v, drop);
    }
    case 'arrayOfObjects':
      return Array.isArray(v) ? v.map((x) => out(n.item!, x) ?? null) : v;
    case 'arrayOfStrings':
      return Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x.trim() : x)) : v;
    case 'json':
      return v instanceof JsonText ? undefined : clone(v);
    default:
      return typeof v === 'string' ? v.trim() || undefined : v;
  }
}

function outObject(children: FieldNode[], v: unknown, drop?: Set<string>): unknown {
  if (!isObj(v)) return v;
  const res: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const c = children.find((c) => c.key === k);
    if (!c) {
      if (!drop?.has(k) && x !== undefined) res[k] = clone(x);
      continue;
    }
    if (c.preset) continue;
    const o = out(c, x);
    if (o !== undefined) res[k] = o;
  }
  return res;
}
