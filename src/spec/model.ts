/**
 * Connector spec → form model, following connector-spec-rules.md §3–§7 (how Airbyte's web app reads the
 * dialect), made tolerant of everything the corpus and hostile input throw at it.
 */
import { parseDescription, safeUrl } from './description.js';
import type { AuthSpec, BuildOptions, Card, ConnectorSpec, FieldKind, FieldNode, FormModel, JsonSchema, OneOfOption, Section } from './types.js';

const MAX_DEPTH = 40;

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && isFinite(v) ? v : undefined);
const collator = new Intl.Collator('en', { numeric: true });

/** The effective type: the first non-"null" entry of a list, `undefined` when missing. */
export function typeOf(s: JsonSchema): string | undefined {
  const t = s.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null' && typeof x === 'string') ?? (t.includes('null') ? 'null' : undefined);
  return str(t);
}

/** Format hints Airbyte derives from well-known date patterns when there is no `pattern_descriptor`. */
function dateHint(p: string): string | undefined {
  if (/\^\[0-9\]\{4\}-\[0-9\]\{2\}\$$/.test(p)) return 'YYYY-MM';
  if (p.includes('[0-9]{4}-[0-9]{2}-[0-9]{2}$')) return 'YYYY-MM-DD';
  const t = /\[0-9\]\{2\}:\[0-9\]\{2\}:\[0-9\]\{2\}(\\?\.\[0-9\]\{([36])\})?(Z?)\$/.exec(p);
  if (!t) return;
  const sep = p.includes('T[0-9]{2}') ? 'T' : ' ';
  return `YYYY-MM-DD${sep}HH:mm:ss${t[2] === '3' ? '.SSS' : t[2] === '6' ? '.SSSSSS' : ''}${t[3]}`;
}

function formatExamples(ex: unknown): string | undefined {
  const list = Array.isArray(ex) ? ex : ex === undefined ? [] : [ex];
  const out = list.map((e) => (Array.isArray(e) ? e.join(', ') : isObj(e) ? JSON.stringify(e) : String(e)));
  return out.length ? out.join(', ') : undefined;
}

/** `const`, or a single-value `enum` together with a `default` (mysql/postgres discriminators). */
function constOf(s: JsonSchema): { v: unknown } | undefined {
  if ('const' in s) return { v: s.const };
  if (Array.isArray(s.enum) && s.enum.length === 1 && 'default' in s) return { v: s.default };
}

const isOptionLike = (o: unknown) => isObj(o) && (typeOf(o) === undefined || typeOf(o) === 'object');

function kindOf(s: JsonSchema, depth: number): FieldKind {
  if (depth > MAX_DEPTH) return 'json';
  const type = typeOf(s);
  const oneOf = s.oneOf;
  if (Array.isArray(oneOf) && oneOf.length) return oneOf.every(isOptionLike) ? 'oneOf' : 'json';
  const items = isObj(s.items) ? s.items : undefined;
  if (type === 'array') {
    if (items && (typeOf(items) === 'object' || (typeOf(items) === undefined && (isObj(items.properties) || Array.isArray(items.oneOf))))) return 'arrayOfObjects';
    if (items && Array.isArray(items.enum)) return 'multiEnum';
    const it = items ? typeOf(items) : undefined;
    return it === undefined || it === 'string' || it === 'integer' || it === 'number' ? 'arrayOfStrings' : 'json';
  }
  if (type === 'object') return isObj(s.properties) ? 'object' : 'json';
  if (constOf(s)) return 'const';
  if (type === 'boolean') return 'boolean';
  if (type === 'string' || type === undefined || type === 'null') {
    if (s.format === 'date' || s.format === 'date-time') return s.format === 'date' ? 'date' : 'datetime';
    if (Array.isArray(s.enum)) return 'enum';
    if (s.airbyte_secret === true) return 'secret';
    return s.multiline === true ? 'text' : 'string';
  }
  if (type === 'integer' || type === 'number') return Array.isArray(s.enum) ? 'enum' : type;
  return 'json';
}

interface Ctx {
  preset: unknown; // the partial_default_config subtree at this level
  count: number;
}

function buildNode(key: string, raw: unknown, required: boolean, depth: number, ctx: Ctx, preset: unknown): FieldNode {
  const s: JsonSchema = isObj(raw) ? raw : {};
  const kind = kindOf(s, depth);
  ctx.count++;
  const title = str(s.title)?.trim() || str(s.tittle)?.trim() || key;
  const pattern = str(s.pattern) ?? (isObj(s.items) ? str(s.items.pattern) : undefined);
  const node: FieldNode = {
    key,
    kind,
    schema: s,
    title,
    description: parseDescription(s.description),
    examples: formatExamples(s.examples),
    hint: str(s.pattern_descriptor) ?? (pattern ? dateHint(pattern) : undefined),
    pattern,
    required,
    alwaysShow: s.always_show === true,
    hidden: s.airbyte_hidden === true,
    preset: false,
    readOnly: s.readOnly === true,
    order: Number.isInteger(s.order) ? (s.order as number) : undefined,
    group: str(s.group),
    default: s.default,
    secret: s.airbyte_secret === true,
    multiline: s.multiline === true,
    min: num(s.minimum) ?? num(s.exclusiveMinimum),
    max: num(s.maximum) ?? num(s.exclusiveMaximum),
  };
  const c = constOf(s);
  if (c) node.const = c.v;
  if (kind === 'enum') node.enumValues = s.enum as unknown[];
  if (kind === 'multiEnum') node.enumValues = (s.items as JsonSchema).enum as unknown[];
  if (kind === 'arrayOfStrings') {
    const it = isObj(s.items) ? typeOf(s.items) : undefined;
    node.itemType = it === 'integer' || it === 'number' ? it : 'string';
  }
  if (kind === 'date' || kind === 'datetime') {
    node.dateMode = pattern && /\^\[0-9\]\{4\}-\[0-9\]\{2\}\$$/.test(pattern) ? 'month' : kind;
    const f = pattern && /\.\[0-9\]\{([36])\}Z\$$/.exec(pattern);
    node.fraction = f ? +f[1] : 0;
  }
  if (kind === 'object') {
    node.children = buildChildren(s, depth, ctx, preset);
    node.sections = sectionize(node.children);
  } else if (kind === 'oneOf') {
    buildOneOf(node, s, depth, ctx, preset);
  } else if (kind === 'arrayOfObjects') {
    node.item = buildNode('[]', s.items, true, depth + 1, ctx, undefined);
    // item label: its title ("FileBasedStreamConfig" → "File Based Stream Config"), else the list's title
    node.item.title = node.item.title === '[]' ? title : node.item.title.replace(/([a-z])([A-Z])/g, '$1 $2');
  }
  return node;
}

function buildChildren(s: JsonSchema, depth: number, ctx: Ctx, preset: unknown): FieldNode[] {
  const props = isObj(s.properties) ? s.properties : {};
  const req = new Set(Array.isArray(s.required) ? s.required.filter((r) => typeof r === 'string') : []);
  const out: FieldNode[] = [];
  for (const key of Object.keys(props)) {
    const p = isObj(preset) ? preset[key] : undefined;
    const child = buildNode(key, props[key], req.has(key), depth + 1, ctx, p);
    // A value preset by the template is applied by the API: hide it (recursing into objects and oneOfs).
    if (p !== undefined && !(isObj(p) && (child.kind === 'object' || child.kind === 'oneOf'))) child.preset = true;
    out.push(child);
  }
  return sortFields(out);
}

/** Required band (required, oneOf, objects, always_show, const) then the rest; each by `order`, then key. */
export function sortFields(fields: FieldNode[]): FieldNode[] {
  const band = (f: FieldNode) => (inRequiredBand(f) ? 0 : 1);
  return fields.sort(
    (a, b) =>
      band(a) - band(b) ||
      (a.order === undefined ? 1 : 0) - (b.order === undefined ? 1 : 0) ||
      (a.order ?? 0) - (b.order ?? 0) ||
      collator.compare(a.key, b.key),
  );
}

export const inRequiredBand = (f: FieldNode) => f.required || f.alwaysShow || f.kind === 'oneOf' || f.kind === 'object' || f.kind === 'const';
// The OAuth predicate (usually a hidden const) stays in its section: the sign-in control is drawn there.
const shown = (f: FieldNode) => f.oauth === 'predicate' || (!f.hidden && !f.preset && f.kind !== 'const');

/** Splits sorted fields into an expanded section and a collapsible "Optional fields" section. */
export function sectionize(fields: FieldNode[], title?: string): Section[] {
  const visible = fields.filter(shown);
  const req = visible.filter(inRequiredBand);
  const opt = visible.filter((f) => !inRequiredBand(f));
  const out: Section[] = [];
  if (req.length) out.push({ collapsible: false, fields: req });
  if (opt.length) out.push({ collapsible: true, title: req.length ? undefined : title, fields: opt });
  return out;
}

function buildOneOf(node: FieldNode, s: JsonSchema, depth: number, ctx: Ctx, preset: unknown) {
  const options: OneOfOption[] = (s.oneOf as JsonSchema[]).map((o) => {
    const children = buildChildren(o, depth + 1, ctx, preset);
    return {
      title: str(o.title)?.trim() || str(o.tittle)?.trim() || '',
      description: parseDescription(o.description),
      schema: o,
      hidden: o.airbyte_hidden === true,
      children,
      sections: sectionize(children),
    };
  });
  // The discriminator: keys with a truthy const in every option; the first in the first option's order.
  const consts = options.map((o) => new Map(o.children.filter((c) => c.kind === 'const' && c.const).map((c) => [c.key, c.const])));
  const first = isObj(s.oneOf && (s.oneOf as JsonSchema[])[0]?.properties) ? Object.keys((s.oneOf as JsonSchema[])[0].properties as object) : [];
  const disc = first.find((k) => consts.every((m) => m.has(k)));
  options.forEach((o, i) => {
    if (disc !== undefined) o.value = consts[i].get(disc);
    o.title ||= disc !== undefined ? String(o.value) : `${i + 1}`;
  });
  node.options = options;
  node.discriminator = disc;
  node.radio = s.display_type === 'radio';
}

function normaliseAuth(spec: ConnectorSpec): AuthSpec | undefined {
  const a = (spec.advanced_auth ?? spec.advancedAuth) as Record<string, unknown> | undefined;
  if (!isObj(a)) return;
  const pick = (o: Record<string, unknown>, snake: string, camel: string) => o[snake] ?? o[camel];
  const cfgRaw = pick(a, 'oauth_config_specification', 'oauthConfigSpecification');
  const cfg: Record<string, unknown> = {};
  if (isObj(cfgRaw)) for (const [k, v] of Object.entries(cfgRaw)) cfg[k.replace('OAuth', 'Oauth').replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())] = v;
  const paths = (spec: unknown): string[][] => {
    const props = isObj(spec) && isObj(spec.properties) ? spec.properties : {};
    return Object.entries(props).flatMap(([k, p]) => {
      const path = isObj(p) ? (p.path_in_connector_config ?? p.pathInConnectorConfig) : undefined;
      return [Array.isArray(path) ? path.map(String) : [k]];
    });
  };
  const key = pick(a, 'predicate_key', 'predicateKey');
  return {
    flowType: String(pick(a, 'auth_flow_type', 'authFlowType') ?? 'oauth2.0'),
    predicateKey: Array.isArray(key) && key.length ? key.map(String) : undefined,
    predicateValue: pick(a, 'predicate_value', 'predicateValue') ?? undefined,
    outputPaths: [...paths(cfg.complete_oauth_output_specification), ...paths(cfg.complete_oauth_server_output_specification)],
    inputPaths: paths(cfg.oauth_user_input_from_connector_config_specification),
    config: cfg,
  };
}

/** Marks the node at `path` (through objects and every oneOf option) with an OAuth role. */
function markPath(owner: { children?: FieldNode[]; sections?: Section[] }, path: string[], role: 'predicate' | 'output') {
  for (const n of owner.children ?? []) {
    if (n.key !== path[0]) continue;
    if (path.length > 1) {
      markPath(n, path.slice(1), role);
      n.options?.forEach((o) => markPath(o, path.slice(1), role));
    } else {
      n.oauth = role;
      if (role === 'predicate' && owner.sections) owner.sections = sectionize(owner.children!);
    }
  }
}

/** Accepts a `ConnectorSpecification` or a bare `connectionSpecification`. */
export function toConnectorSpec(spec: unknown): ConnectorSpec {
  if (isObj(spec) && isObj(spec.connectionSpecification)) return spec as ConnectorSpec;
  if (isObj(spec) && isObj(spec.connection_specification)) return { ...spec, connectionSpecification: spec.connection_specification } as ConnectorSpec;
  return { connectionSpecification: isObj(spec) ? spec : {} };
}

/** Builds the form model of a connector spec. Never throws: odd input yields what can be shown. */
export function buildModel(input: unknown, options: BuildOptions = {}): FormModel {
  const spec = toConnectorSpec(input);
  const cs = spec.connectionSpecification;
  const ctx: Ctx = { preset: options.partialDefaultConfig, count: 0 };
  const rootSchema: JsonSchema = typeOf(cs) === undefined && !Array.isArray(cs.oneOf) ? { ...cs, type: 'object', properties: isObj(cs.properties) ? cs.properties : {} } : cs;
  const root = buildNode('', rootSchema, true, 0, ctx, options.partialDefaultConfig ?? undefined);
  if (root.kind === 'json' && typeOf(rootSchema) === 'object') {
    // an object root without properties: an empty form
    root.kind = 'object';
    root.children = [];
    root.sections = [];
  }
  const auth = normaliseAuth(spec);
  if (auth) {
    if (auth.predicateKey) markPath(root, auth.predicateKey, 'predicate');
    for (const p of auth.outputPaths) markPath(root, p, 'output');
  }
  return {
    root,
    cards: root.kind === 'object' ? buildCards(root.children!, cs.groups) : [{ id: 'default', sections: [{ collapsible: false, fields: [root] }] }],
    title: str(cs.title) ?? '',
    documentationUrl: safeUrl(spec.documentationUrl),
    auth,
    mode: options.mode ?? 'create',
    preset: isObj(options.partialDefaultConfig) ? options.partialDefaultConfig : undefined,
    size: ctx.count,
  };
}

/** Root-level cards: the `groups` ids in order, then other ids naturally, `advanced` last (§7). */
function buildCards(fields: FieldNode[], groupsRaw: unknown): Card[] {
  const groups = Array.isArray(groupsRaw) ? groupsRaw.filter(isObj) : [];
  const titles = new Map(groups.map((g) => [String(g.id), str(g.title)]));
  const listed = groups.map((g) => String(g.id));
  const byId = new Map<string, FieldNode[]>();
  for (const f of fields) {
    const id = f.group ?? 'default';
    byId.set(id, [...(byId.get(id) ?? []), f]);
  }
  const rank = (id: string) => (id === 'advanced' ? 2 : listed.includes(id) ? 0 : 1);
  const ids = [...byId.keys()].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (rank(a) === 0 ? listed.indexOf(a) - listed.indexOf(b) : groups.length ? collator.compare(a, b) : a === 'default' ? -1 : b === 'default' ? 1 : collator.compare(a, b)),
  );
  return ids.map((id) => ({ id, title: titles.get(id), sections: sectionize(byId.get(id)!, titles.get(id)) })).filter((c) => c.sections.length);
}
