// Connector-spec logic the server needs: derive a template's user_config_spec (the spec minus the
// fields its partial_default_config sets, at any depth), merge defaults into a config, mask and
// unmask secrets, and validate a config with a real draft-7 validator (per-field errors).
import { Validator, type OutputUnit } from '@cfworker/json-schema';
import { isObject, type FieldError } from './http.js';

type Json = unknown;
type Schema = Record<string, any>;

export const SECRET_MASK = '**********';

const clone = <T>(v: T): T => structuredClone(v);

/** The value a oneOf option pins its discriminator to: `const`, or a one-value `enum` with a `default`. */
function constOf(prop: unknown): Json {
  if (!isObject(prop)) return undefined;
  if (prop.const !== undefined) return prop.const;
  if (Array.isArray(prop.enum) && prop.enum.length === 1 && prop.default !== undefined) return prop.default;
  return undefined;
}

/** The discriminator key of a oneOf: the first key (in option 1's order) that every option pins. */
export function discriminatorOf(options: unknown[]): string | undefined {
  const objs = options.filter(isObject);
  if (!objs.length || objs.length !== options.length) return undefined;
  const first = objs[0]!.properties;
  if (!isObject(first)) return undefined;
  for (const key of Object.keys(first)) {
    if (objs.every((o) => isObject(o.properties) && constOf(o.properties[key]) !== undefined && constOf(o.properties[key]) !== '' )) return key;
  }
  return undefined;
}

/** The option of a oneOf that a value selects (by discriminator), or undefined. */
export function selectedOption(options: unknown[], value: unknown): Schema | undefined {
  if (!isObject(value)) return undefined;
  const key = discriminatorOf(options);
  if (!key) return undefined;
  return options.find((o) => isObject(o) && constOf((o.properties as Schema)[key]) === value[key]) as Schema | undefined;
}

const isObjectNode = (s: unknown): s is Schema => isObject(s) && (isObject(s.properties) || Array.isArray(s.oneOf));

/**
 * Removes from an object schema every property that `defaults` sets. Nested plain objects recurse;
 * a oneOf whose discriminator is set collapses into the chosen option (then recurses); a oneOf
 * without its discriminator set loses the defaulted keys in every option. A node left with no
 * properties is removed from its parent (and from the parent's `required`).
 */
function prune(node: Schema, defaults: Record<string, unknown>): Schema {
  let out = node;
  if (Array.isArray(out.oneOf)) {
    const key = discriminatorOf(out.oneOf);
    const chosen = key !== undefined && defaults[key] !== undefined ? selectedOption(out.oneOf, defaults) : undefined;
    if (chosen) {
      const { oneOf: _drop, default: _def, display_type: _dt, ...rest } = out;
      out = {
        ...rest,
        type: 'object',
        description: chosen.description ?? rest.description,
        properties: clone(chosen.properties ?? {}),
        ...(Array.isArray(chosen.required) ? { required: [...chosen.required] } : {}),
      };
      if (out.description === undefined) delete out.description;
    } else {
      out = { ...out, oneOf: out.oneOf.map((o: unknown) => (isObject(o) ? pruneProps(o as Schema, defaults, key) : o)) };
      return out;
    }
  }
  return pruneProps(out, defaults);
}

function pruneProps(node: Schema, defaults: Record<string, unknown>, keepKey?: string): Schema {
  if (!isObject(node.properties)) return node;
  const props: Schema = { ...node.properties };
  let required: string[] | undefined = Array.isArray(node.required) ? [...node.required] : undefined;
  for (const [k, v] of Object.entries(defaults)) {
    if (!(k in props) || k === keepKey) continue;
    const child = props[k];
    if (isObject(v) && isObjectNode(child)) {
      const pruned = prune(child, v);
      const empty = !Array.isArray(pruned.oneOf) && (!isObject(pruned.properties) || !Object.keys(pruned.properties).length);
      if (!empty) {
        props[k] = pruned;
        continue;
      }
    }
    delete props[k];
    if (required) required = required.filter((r) => r !== k);
  }
  const out: Schema = { ...node, properties: props };
  if (required) out.required = required;
  return out;
}

/** `user_config_spec` of a template: the connector spec without what `partial_default_config` sets. */
export function userConfigSpec(spec: Schema, partialDefaults: Record<string, unknown>): Schema {
  const copy = clone(spec);
  copy.connectionSpecification = pruneProps(copy.connectionSpecification ?? { type: 'object' }, partialDefaults);
  return copy;
}

/** Deep merge: objects merge recursively, `over` wins for everything else (arrays replace). */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (isObject(base) && isObject(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : clone(v);
    return out;
  }
  return over === undefined ? base : clone(over);
}

type Path = (string | number)[];

/** Returns a copy of `value` where every `airbyte_secret` leaf is replaced by `fn(leaf, path)`. */
export function mapSecrets(schema: unknown, value: unknown, fn: (v: unknown, path: Path) => unknown, path: Path = []): unknown {
  if (!isObject(schema) || value === undefined) return value;
  if (schema.airbyte_secret === true && value !== null) return fn(value, path);
  if (Array.isArray(value)) return isObject(schema.items) ? value.map((v, i) => mapSecrets(schema.items, v, fn, [...path, i])) : value;
  if (!isObject(value)) return value;
  let props: Schema = isObject(schema.properties) ? { ...schema.properties } : {};
  if (Array.isArray(schema.oneOf)) {
    const opt = selectedOption(schema.oneOf, value);
    // No recognisable option: consider every option's properties, so no secret slips through.
    const opts = opt ? [opt] : schema.oneOf.filter(isObject);
    for (const o of opts) if (isObject(o.properties)) for (const [k, s] of Object.entries(o.properties)) props[k] ??= s;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k in props ? mapSecrets(props[k], v, fn, [...path, k]) : v;
  return out;
}

export const maskSecrets = (spec: Schema, config: unknown) => mapSecrets(spec, config, () => SECRET_MASK);

const getPath = (v: unknown, path: Path): unknown => path.reduce<unknown>((o, k) => (o == null ? undefined : (o as any)[k]), v);
export const dottedPath = (path: Path) => path.map(String).join('.');

/**
 * Puts the stored secret back wherever an incoming config carries the mask at a secret field.
 * Returns the config and the paths whose mask has no stored value to restore.
 */
export function unmaskSecrets(spec: Schema, incoming: unknown, stored: unknown): { config: unknown; missing: string[] } {
  const missing: string[] = [];
  const config = mapSecrets(spec, incoming, (v, path) => {
    if (v !== SECRET_MASK) return v;
    const old = getPath(stored, path);
    if (old === undefined || old === null) missing.push(dottedPath(path));
    return old ?? v;
  });
  return { config, missing };
}

/** Every string value anywhere in a config (for the `sandbox-fail` convention). */
export function findString(value: unknown, needle: string, path: Path = []): Path | undefined {
  if (value === needle) return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findString(value[i], needle, [...path, i]);
      if (p) return p;
    }
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const p = findString(v, needle, [...path, k]);
      if (p) return p;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Validation

/**
 * Rewrites a connector schema for validation: each oneOf with a discriminator becomes
 * `properties.<key>.enum` + one `if/then` per option, so errors point at the actual field inside
 * the chosen option (a bare oneOf only says "no option matched"). `format` is dropped (annotation
 * only, see README). Unknown Airbyte keywords are left alone (validators ignore them).
 */
function forValidation(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forValidation);
  if (!isObject(node)) return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'format' && typeof v === 'string') continue;
    if (k === 'properties' && isObject(v)) {
      out.properties = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, forValidation(pv)]));
    } else if (k === 'default' || k === 'examples' || k === 'const' || k === 'enum') out[k] = v;
    else out[k] = forValidation(v);
  }
  if (Array.isArray(node.oneOf)) {
    const key = discriminatorOf(node.oneOf);
    if (key) {
      delete out.oneOf;
      const values = node.oneOf.map((o) => constOf((o as Schema).properties[key]));
      const branches = (node.oneOf as Schema[]).map((o, i) => ({
        if: { properties: { [key]: { const: values[i] } }, required: [key] },
        then: forValidation({ ...o, type: o.type ?? 'object' }),
      }));
      out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), { properties: { [key]: { enum: values } }, required: [key] }, ...branches];
    }
  }
  return out;
}

const AGGREGATE = new Set(['properties', 'items', 'allOf', 'anyOf', 'then', 'else', 'if', 'additionalItems', 'dependencies', 'contains', 'propertyNames', '$ref']);

const pointerToPath = (loc: string): string[] =>
  loc.replace(/^#\/?/, '').split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));

function schemaAt(root: unknown, keywordLocation: string): unknown {
  return pointerToPath(keywordLocation).reduce<unknown>((o, k) => (o == null ? undefined : (o as any)[k]), root);
}

type Compiled = { v: Validator; schema: unknown };

function compile(spec: Schema): Compiled {
  const schema = forValidation(spec.connectionSpecification ?? { type: 'object' }) as Schema;
  delete schema.$schema;
  return { v: new Validator(schema as any, '7', false), schema };
}

const keyedValidators = new Map<string, Compiled>();
/** Keyed validators kept at most (keys come from stored templates, which users can create at will). */
const MAX_KEYED_VALIDATORS = 500;

/** Validates `config` against a spec's connectionSpecification; returns per-field errors (dotted paths). Compiles each time: the routes use `validateConfigKeyed`. */
export function validateConfig(spec: Schema, config: unknown): FieldError[] {
  return errorsOf(compile(spec), config);
}

/**
 * `validateConfig` for a spec that is built on demand: the spec is built and compiled once per
 * `key`, so `key` must name everything the spec is derived from (it must change whenever the
 * spec would).
 */
export function validateConfigKeyed(key: string, build: () => Schema, config: unknown): FieldError[] {
  let entry = keyedValidators.get(key);
  if (!entry) {
    entry = compile(build());
    if (keyedValidators.size >= MAX_KEYED_VALIDATORS) keyedValidators.delete(keyedValidators.keys().next().value!);
    keyedValidators.set(key, entry);
  }
  return errorsOf(entry, config);
}

function errorsOf(entry: Compiled, config: unknown): FieldError[] {
  let units: OutputUnit[];
  try {
    units = entry.v.validate(config).errors;
  } catch (e) {
    // A connector's own pattern may be a regex JS cannot compile; report instead of crashing.
    return [{ field: null, message: `The connector spec could not be applied: ${(e as Error).message}`, error_code: 'spec_error' }];
  }
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const u of units) {
    if (AGGREGATE.has(u.keyword)) continue;
    const base = pointerToPath(u.instanceLocation);
    let err: FieldError;
    const at = schemaAt(entry.schema, u.keywordLocation);
    const parent = schemaAt(entry.schema, u.keywordLocation.replace(/\/[^/]*$/, '')) as Schema | undefined;
    switch (u.keyword) {
      case 'required': {
        const m = /"([^"]+)"/.exec(u.error);
        err = { field: [...base, m?.[1] ?? '?'].join('.'), message: 'Field required', error_code: 'missing' };
        break;
      }
      case 'type': {
        const t = Array.isArray(at) ? at.join(' or ') : String(at);
        err = { field: base.join('.') || null, message: `Input should be a valid ${t}`, error_code: `${Array.isArray(at) ? 'type' : t}_type` };
        break;
      }
      case 'pattern':
        err = { field: base.join('.'), message: parent?.pattern_descriptor ? `String should match the format ${parent.pattern_descriptor}` : `String should match pattern '${String(at)}'`, error_code: 'string_pattern_mismatch' };
        break;
      case 'enum':
        err = { field: base.join('.'), message: `Input should be one of: ${(at as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`, error_code: 'enum' };
        break;
      case 'const':
        err = { field: base.join('.'), message: `Input should be ${JSON.stringify(at)}`, error_code: 'literal_error' };
        break;
      case 'minimum': case 'exclusiveMinimum':
        err = { field: base.join('.'), message: `Input should be greater than ${u.keyword === 'minimum' ? 'or equal to ' : ''}${String(at)}`, error_code: u.keyword === 'minimum' ? 'greater_than_equal' : 'greater_than' };
        break;
      case 'maximum': case 'exclusiveMaximum':
        err = { field: base.join('.'), message: `Input should be less than ${u.keyword === 'maximum' ? 'or equal to ' : ''}${String(at)}`, error_code: u.keyword === 'maximum' ? 'less_than_equal' : 'less_than' };
        break;
      case 'minLength': err = { field: base.join('.'), message: `String should have at least ${String(at)} characters`, error_code: 'string_too_short' }; break;
      case 'maxLength': err = { field: base.join('.'), message: `String should have at most ${String(at)} characters`, error_code: 'string_too_long' }; break;
      case 'minItems': err = { field: base.join('.'), message: `List should have at least ${String(at)} items`, error_code: 'too_short' }; break;
      case 'maxItems': err = { field: base.join('.'), message: `List should have at most ${String(at)} items`, error_code: 'too_long' }; break;
      case 'uniqueItems': err = { field: base.join('.'), message: 'List items should be unique', error_code: 'unique_items' }; break;
      case 'additionalProperties': {
        const m = /"([^"]+)"/.exec(u.error);
        err = { field: [...base, ...(m ? [m[1]!] : [])].join('.'), message: 'Extra inputs are not permitted', error_code: 'extra_forbidden' };
        break;
      }
      case 'false':
        err = { field: base.join('.') || null, message: 'Extra inputs are not permitted', error_code: 'extra_forbidden' };
        break;
      default:
        err = { field: base.join('.') || null, message: u.error, error_code: u.keyword };
    }
    const k = `${err.field}|${err.error_code}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(err);
    }
  }
  return out;
}
