/**
 * Connector spec → form model, following connector-spec-rules.md §3–§7 (how Airbyte's web app reads the
 * dialect), made tolerant of everything the corpus and hostile input throw at it.
 */
import { parseDescription, safeUrl } from './description.js';
import type { AuthSpec, BuildOptions, Card, ConnectorSpec, FieldKind, FieldNode, FormModel, JsonSchema, OneOfOption, Section } from './types.js';

type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => !!v && typeof v == 'object' && !Array.isArray(v);
const str = (v: unknown) => (typeof v == 'string' ? v : undefined);
const props = (s: unknown): Obj => (isObj(s) && isObj(s.properties) ? s.properties : {});
const titleOf = (s: JsonSchema) => str(s.title)?.trim() || str(s.tittle)?.trim();
const compare = new Intl.Collator('en', { numeric: true }).compare;

/** The effective type: the first non-"null" entry of a list, `undefined` when missing. */
export function typeOf(s: JsonSchema): string | undefined {
  const t = s.type;
  return Array.isArray(t) ? (t.find((x) => x != 'null' && typeof x == 'string') ?? (t.includes('null') ? 'null' : undefined)) : str(t);
}

// Well-known date patterns (Airbyte derives a format hint from them when there is no `pattern_descriptor`).
const MONTH = /\^\[0-9\]\{4\}-\[0-9\]\{2\}\$$/;
const TIME = /\[0-9\]\{2\}:\[0-9\]\{2\}:\[0-9\]\{2\}(\\?\.\[0-9\]\{([36])\})?(Z?)\$/;

/** `const`, or a single-value `enum` together with a `default` (mysql/postgres discriminators). */
const constOf = (s: JsonSchema) => ('const' in s ? { v: s.const } : Array.isArray(s.enum) && s.enum.length == 1 && 'default' in s ? { v: s.default } : undefined);

function kindOf(s: JsonSchema, depth: number): FieldKind {
  const type = typeOf(s);
  const items = s.items;
  const it = isObj(items) ? typeOf(items) : undefined;
  const oneOf = s.oneOf;
  if (depth > 40) return 'json';
  if (Array.isArray(oneOf) && oneOf.length) return oneOf.every((o) => isObj(o) && (typeOf(o) ?? 'object') == 'object') ? 'oneOf' : 'json';
  if (type == 'array') {
    if (isObj(items) && (it == 'object' || (!it && (isObj(items.properties) || Array.isArray(items.oneOf))))) return 'arrayOfObjects';
    if (isObj(items) && Array.isArray(items.enum)) return 'multiEnum';
    return !it || it == 'string' || it == 'integer' || it == 'number' ? 'arrayOfStrings' : 'json';
  }
  if (type == 'object') return isObj(s.properties) ? 'object' : 'json';
  if (constOf(s)) return 'const';
  if (type == 'boolean') return type;
  if (type == 'integer' || type == 'number') return Array.isArray(s.enum) ? 'enum' : type;
  if (type && type != 'string' && type != 'null') return 'json';
  return s.format == 'date' ? 'date' : s.format == 'date-time' ? 'datetime' : Array.isArray(s.enum) ? 'enum' : s.airbyte_secret === true ? 'secret' : s.multiline === true ? 'text' : 'string';
}

/** One field (and everything under it); `preset` is the `partial_default_config` subtree at its place. */
function build(key: string, raw: unknown, required: boolean, depth: number, preset: unknown): FieldNode {
  const s: JsonSchema = isObj(raw) ? raw : {};
  const kind = kindOf(s, depth);
  const items: JsonSchema = isObj(s.items) ? s.items : {};
  const pattern = str(s.pattern) ?? str(items.pattern);
  const time = pattern && TIME.exec(pattern);
  const ex = s.examples;
  const c = constOf(s);
  const n: FieldNode = {
    key,
    kind,
    schema: s,
    title: titleOf(s) || key,
    description: parseDescription(s.description),
    examples: ex === undefined ? undefined : (Array.isArray(ex) ? ex : [ex]).map((e) => (Array.isArray(e) ? e.join(', ') : isObj(e) ? JSON.stringify(e) : String(e))).join(', ') || undefined,
    hint:
      str(s.pattern_descriptor) ??
      (!pattern ? undefined : MONTH.test(pattern) ? 'YYYY-MM' : pattern.includes('[0-9]{4}-[0-9]{2}-[0-9]{2}$') ? 'YYYY-MM-DD' : time ? `YYYY-MM-DD${pattern.includes('T[0-9]{2}') ? 'T' : ' '}HH:mm:ss${time[2] ? '.' + 'S'.repeat(+time[2]) : ''}${time[3]}` : undefined),
    pattern,
    required,
    hidden: s.airbyte_hidden === true,
    preset: false,
    default: s.default,
    secret: s.airbyte_secret === true,
    multiline: s.multiline === true,
  };
  if (c) n.const = c.v;
  if (kind == 'enum' || kind == 'multiEnum') n.enumValues = (kind == 'enum' ? s : items).enum as unknown[];
  if (kind == 'arrayOfStrings') {
    const it = typeOf(items);
    n.itemType = it == 'integer' || it == 'number' ? it : 'string';
  }
  if (kind == 'date' || kind == 'datetime') {
    n.dateMode = pattern && MONTH.test(pattern) ? 'month' : kind;
    n.fraction = time && time[2] ? +time[2] : 0;
  }
  if (kind == 'object') n.sections = sectionize((n.children = children(s, depth, preset)));
  if (kind == 'oneOf') {
    const raws = s.oneOf as JsonSchema[];
    const options: OneOfOption[] = raws.map((o) => {
      const ch = children(o, depth + 1, preset);
      return { title: titleOf(o) || '', description: parseDescription(o.description), schema: o, hidden: o.airbyte_hidden === true, children: ch, sections: sectionize(ch) };
    });
    // The discriminator: a key with a truthy const in every option; the first in the first option's order.
    const consts = options.map((o) => new Map(o.children.filter((c) => c.kind == 'const' && c.const).map((c) => [c.key, c.const])));
    const disc = Object.keys(props(raws[0])).find((k) => consts.every((m) => m.has(k)));
    options.forEach((o, i) => {
      if (disc !== undefined) o.value = consts[i].get(disc);
      o.title ||= disc !== undefined ? String(o.value) : `${i + 1}`;
    });
    n.options = options;
    n.discriminator = disc;
    n.radio = s.display_type == 'radio';
  }
  if (kind == 'arrayOfObjects') {
    const item = (n.item = build('[]', items, true, depth + 1, undefined));
    // item label: its title ("FileBasedStreamConfig" → "File Based Stream Config"), else the list's title
    item.title = item.title == '[]' ? n.title : item.title.replace(/([a-z])([A-Z])/g, '$1 $2');
  }
  return n;
}

function children(s: JsonSchema, depth: number, preset: unknown): FieldNode[] {
  const p = props(s);
  const req = Array.isArray(s.required) ? s.required : [];
  return sortFields(
    Object.keys(p).map((k) => {
      const pre = isObj(preset) ? preset[k] : undefined;
      const c = build(k, p[k], req.includes(k), depth + 1, pre);
      // A value preset by the template is applied by the API: hide it (objects and oneOfs are entered instead).
      c.preset = pre !== undefined && !(isObj(pre) && (c.kind == 'object' || c.kind == 'oneOf'));
      return c;
    }),
  );
}

/** Required band (required, oneOf, objects, always_show, const) then the rest; each by `order`, then key. */
export function sortFields(fields: FieldNode[]): FieldNode[] {
  const order = (f: FieldNode) => (Number.isInteger(f.schema.order) ? (f.schema.order as number) : Infinity);
  return fields.sort((a, b) => +!inRequiredBand(a) - +!inRequiredBand(b) || order(a) - order(b) || compare(a.key, b.key));
}

export const inRequiredBand = (f: FieldNode) => f.required || f.schema.always_show === true || f.kind == 'oneOf' || f.kind == 'object' || f.kind == 'const';

/** Splits sorted fields into an expanded section and a collapsible "Optional fields" section. */
export function sectionize(fields: FieldNode[], title?: string): Section[] {
  // The OAuth predicate (usually a hidden const) stays: the sign-in control is drawn in its place.
  const shown = fields.filter((f) => f.oauth == 'predicate' || (!f.hidden && !f.preset && f.kind != 'const'));
  const req = shown.filter(inRequiredBand);
  const opt = shown.filter((f) => !inRequiredBand(f));
  const out: Section[] = [];
  if (req.length) out.push({ collapsible: false, fields: req });
  if (opt.length) out.push({ collapsible: true, title: req.length ? undefined : title, fields: opt });
  return out;
}

/** `advanced_auth` (snake_case or camelCase) → the config paths the sign-in reads and fills. */
function authOf(spec: ConnectorSpec): AuthSpec | undefined {
  const pick = (o: unknown, k: string) => (isObj(o) ? (o[k] ?? o[k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())]) : undefined);
  const a = spec.advanced_auth ?? spec.advancedAuth;
  if (!isObj(a)) return;
  const cfg = pick(a, 'oauth_config_specification');
  const entries = (name: string): [string, string[]][] =>
    Object.entries(props(pick(cfg, name) ?? pick(cfg, name.replace('oauth', 'OAuth')))).map(([k, p]) => {
      const path = pick(p, 'path_in_connector_config');
      return [k, Array.isArray(path) ? path.map(String) : [k]];
    });
  const key = pick(a, 'predicate_key');
  const outputs = entries('complete_oauth_output_specification');
  const serverOutputs = entries('complete_oauth_server_output_specification');
  return {
    predicateKey: Array.isArray(key) && key.length ? key.map(String) : undefined,
    predicateValue: pick(a, 'predicate_value') ?? undefined,
    outputs,
    serverOutputs,
    inputs: entries('oauth_user_input_from_connector_config_specification'),
    outputPaths: [...outputs, ...serverOutputs].map((e) => e[1]),
  };
}

/** Marks the node at `path` (through objects and every oneOf option) with an OAuth role. */
function mark(owner: { children?: FieldNode[]; sections?: Section[] }, [key, ...rest]: string[], role: 'predicate' | 'output') {
  for (const n of owner.children ?? [])
    if (n.key == key) {
      if (rest.length) [n, ...(n.options ?? [])].forEach((o) => mark(o, rest, role));
      else if ((n.oauth = role) == 'predicate' && owner.sections) owner.sections = sectionize(owner.children!);
    }
}

/** Accepts a `ConnectorSpecification` or a bare `connectionSpecification`. */
export function toConnectorSpec(spec: unknown): ConnectorSpec {
  if (isObj(spec) && isObj(spec.connectionSpecification)) return spec as ConnectorSpec;
  if (isObj(spec) && isObj(spec.connection_specification)) return { ...spec, connectionSpecification: spec.connection_specification };
  return { connectionSpecification: isObj(spec) ? spec : {} };
}

/** Builds the form model of a connector spec. Never throws: odd input yields what can be shown. */
export function buildModel(input: unknown, options: BuildOptions = {}): FormModel {
  const spec = toConnectorSpec(input);
  const cs = spec.connectionSpecification;
  const preset = options.partialDefaultConfig ?? undefined;
  // The root is an object (missing or odd `properties`: an empty form), or a root-level oneOf.
  const root = build('', Array.isArray(cs.oneOf) && cs.oneOf.length ? cs : { ...cs, type: 'object', properties: props(cs) }, true, 0, preset);
  const auth = authOf(spec);
  if (auth?.predicateKey) mark(root, auth.predicateKey, 'predicate');
  for (const p of auth?.outputPaths ?? []) mark(root, p, 'output');
  return {
    root,
    cards: root.kind == 'object' ? cards(root.children!, cs.groups) : [{ id: 'default', sections: [{ collapsible: false, fields: [root] }] }],
    title: str(cs.title) ?? '',
    documentationUrl: safeUrl(spec.documentationUrl),
    auth,
    mode: options.mode ?? 'create',
    preset: isObj(preset) ? preset : undefined,
  };
}

/**
 * Root-level cards (§7): the ids listed in `groups` in that order (without `groups` only `default` is
 * known), then other ids naturally, `advanced` last; titled from `groups`.
 */
function cards(fields: FieldNode[], groupsRaw: unknown): Card[] {
  const groups = Array.isArray(groupsRaw) ? groupsRaw.filter(isObj) : [];
  const known = groups.length ? groups.map((g) => String(g.id)) : ['default'];
  const byId = new Map<string, FieldNode[]>();
  for (const f of fields) {
    const id = str(f.schema.group) ?? 'default';
    byId.set(id, [...(byId.get(id) ?? []), f]);
  }
  const rank = (id: string) => (id == 'advanced' ? 1e9 : known.includes(id) ? known.indexOf(id) : 1e8);
  return [...byId.keys()]
    .sort((a, b) => rank(a) - rank(b) || compare(a, b))
    .map((id) => {
      const title = str(groups.find((g) => String(g.id) == id)?.title);
      return { id, title, sections: sectionize(byId.get(id)!, title) };
    })
    .filter((c) => c.sections.length);
}
