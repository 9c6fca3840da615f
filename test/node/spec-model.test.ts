// Spec → model: placement bands, order, groups/cards, kinds, discriminators, quirks and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildModel, validateField, type FieldNode, type FormModel } from '../../src/spec/index.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/connectors/${name}/spec.json`, import.meta.url), 'utf8'));
const child = (n: FieldNode | FormModel, ...keys: string[]): FieldNode => {
  let f: FieldNode = 'root' in n ? n.root : n;
  for (const k of keys) {
    const next = f.children?.find((c) => c.key === k) ?? f.options?.flatMap((o) => o.children).find((c) => c.key === k) ?? (k === '[]' ? f.item : undefined);
    assert.ok(next, `no ${k} under ${f.key}`);
    f = next;
  }
  return f;
};
const keysOf = (fields: FieldNode[]) => fields.map((f) => f.key);

test('postgres: cards follow `groups`, advanced last, titled from groups', () => {
  const m = buildModel(load('postgres'));
  assert.deepEqual(
    m.cards.map((c) => [c.id, c.title]),
    [
      ['db', undefined],
      ['auth', undefined],
      ['security', 'Security'],
      ['advanced', 'Advanced'],
    ],
  );
  const db = m.cards[0].sections;
  assert.deepEqual(keysOf(db[0].fields), ['host', 'port', 'database']);
  assert.equal(db[1].collapsible, true);
  assert.deepEqual(keysOf(db[1].fields), ['schemas']);
  // password is optional but always_show: it stays in the expanded band of its card
  assert.deepEqual(keysOf(m.cards[1].sections[0].fields), ['username', 'password']);
});

test('github: a group without `groups` goes to an untitled card after the main card', () => {
  const m = buildModel(load('github'));
  assert.deepEqual(
    m.cards.map((c) => c.id),
    ['default', 'auth'],
  );
  assert.equal(m.cards[1].title, undefined);
  // airbyte_hidden properties are not placed anywhere
  const placed = m.cards.flatMap((c) => c.sections.flatMap((s) => keysOf(s.fields)));
  for (const f of m.root.children!.filter((f) => f.hidden)) assert.ok(!placed.includes(f.key), f.key);
});

test('required band first, then optional; each by order, then natural key order', () => {
  const m = buildModel({
    type: 'object',
    required: ['b10', 'b2'],
    properties: {
      z: { type: 'string' },
      b10: { type: 'string' },
      b2: { type: 'string' },
      a: { type: 'string', order: 5 },
      c: { type: 'string', order: 1 },
      o: { type: 'object', properties: {} },
      k: { type: 'string', const: 'x' },
      s: { type: 'string', always_show: true, order: 9 },
    },
  });
  assert.deepEqual(keysOf(m.root.children!), ['s', 'b2', 'b10', 'k', 'o', 'c', 'a', 'z']);
  const [expanded, optional] = m.cards[0].sections;
  assert.deepEqual(keysOf(expanded.fields), ['s', 'b2', 'b10', 'o']); // const is never rendered
  assert.deepEqual(keysOf(optional.fields), ['c', 'a', 'z']);
  assert.equal(optional.collapsible, true);
});

test('a card with only optional fields becomes one collapsible titled by its group', () => {
  const m = buildModel({ type: 'object', groups: [{ id: 'x', title: 'Extras' }], properties: { a: { type: 'string', group: 'x' } } });
  assert.deepEqual(m.cards[0].sections, [{ collapsible: true, title: 'Extras', fields: [m.root.children![0]] }]);
});

test('widget kinds per §5', () => {
  const m = buildModel({
    type: 'object',
    properties: {
      s: { type: 'string' },
      sec: { type: 'string', airbyte_secret: true },
      secm: { type: 'string', airbyte_secret: true, multiline: true },
      ml: { type: 'string', multiline: true },
      i: { type: 'integer' },
      n: { type: 'number' },
      b: { type: 'boolean' },
      e: { type: 'string', enum: ['a', 'b'] },
      one: { type: 'string', enum: ['only'], default: 'only' },
      me: { type: 'array', items: { enum: ['a', 'b'] } },
      d: { type: 'string', format: 'date' },
      dt: { type: 'string', format: 'date-time', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}.[0-9]{3}Z$' },
      ym: { type: 'string', format: 'date', pattern: '^[0-9]{4}-[0-9]{2}$' },
      tags: { type: 'array', items: { type: 'string' } },
      ints: { type: 'array', items: { type: 'integer' } },
      noitems: { type: 'array' },
      objs: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } },
      notype: { title: 'No type' },
      notypeEnum: { enum: ['x', 'y'] },
      list: { type: ['null', 'string'] },
      free: { type: 'object' },
    },
  });
  const k = Object.fromEntries(m.root.children!.map((c) => [c.key, c]));
  const kinds = Object.fromEntries(Object.entries(k).map(([key, c]) => [key, c.kind]));
  assert.deepEqual(kinds, {
    s: 'string',
    sec: 'secret',
    secm: 'secret',
    ml: 'text',
    i: 'integer',
    n: 'number',
    b: 'boolean',
    e: 'enum',
    one: 'const',
    me: 'multiEnum',
    d: 'date',
    dt: 'datetime',
    ym: 'date',
    tags: 'arrayOfStrings',
    ints: 'arrayOfStrings',
    noitems: 'arrayOfStrings',
    objs: 'arrayOfObjects',
    notype: 'string',
    notypeEnum: 'enum',
    list: 'string',
    free: 'json',
  });
  assert.equal(k.secm.multiline, true);
  assert.equal(k.one.const, 'only');
  assert.equal(k.ints.itemType, 'integer');
  assert.equal(k.noitems.itemType, 'string');
  assert.equal(k.dt.fraction, 3);
  assert.equal(k.dt.hint, 'YYYY-MM-DDTHH:mm:ss.SSSZ');
  assert.equal(k.ym.dateMode, 'month');
  assert.equal(k.ym.hint, 'YYYY-MM');
});

test('discriminators: const, single-value enum + default (postgres/mysql), zendesk credentials.credentials', () => {
  const pg = buildModel(load('postgres'));
  assert.equal(child(pg, 'replication_method').discriminator, 'method');
  assert.equal(child(pg, 'ssl_mode').discriminator, 'mode');
  assert.equal(child(pg, 'tunnel_method').discriminator, 'tunnel_method');
  assert.equal(child(pg, 'replication_method').radio, true);
  const my = buildModel(load('mysql'));
  const rm = child(my, 'replication_method');
  assert.equal(rm.discriminator, 'method');
  assert.deepEqual(
    rm.options!.map((o) => o.value),
    ['STANDARD', 'CDC'],
  );
  const zd = buildModel(load('zendesk-support'));
  assert.equal(child(zd, 'credentials').discriminator, 'credentials');
  const s3 = buildModel(load('s3'));
  assert.equal(child(s3, 'streams', '[]', 'format').discriminator, 'filetype');
});

test('google-analytics-data-api: 6-level nesting, `tittle` labels, items.enum multi-select', () => {
  const m = buildModel(load('google-analytics-data-api'));
  const filter = child(m, 'custom_reports_array', '[]', 'dimensionFilter', 'expressions', '[]', 'filter');
  assert.equal(filter.kind, 'oneOf');
  assert.equal(filter.discriminator, 'filter_name');
  const stringFilter = filter.options![0];
  const value = stringFilter.children.find((c) => c.key === 'value')!;
  assert.equal(value.title, 'value'); // from `tittle`
  assert.equal(stringFilter.children.find((c) => c.key === 'matchType')!.kind, 'multiEnum');
  const numeric = filter.options!.find((o) => o.title === 'numericFilter')!;
  const nested = numeric.children.find((c) => c.key === 'value')!;
  assert.equal(nested.kind, 'oneOf');
  assert.equal(nested.discriminator, 'value_type');
});

test('pokeapi: 898-value enum', () => {
  const m = buildModel(load('pokeapi'));
  assert.equal(child(m, 'pokemon_name').enumValues!.length, 898);
});

test('oneOf options: airbyte_hidden options are marked; typeless options are objects (file)', () => {
  const file = buildModel(load('file'));
  const provider = child(file, 'provider');
  assert.equal(provider.kind, 'oneOf');
  assert.ok(provider.options!.length > 3);
});

test('partial_default_config keys are preset (hidden, not validated), also inside objects and oneOfs', () => {
  const m = buildModel(load('postgres'), { partialDefaultConfig: { host: 'db.internal', port: 5432, ssl_mode: { mode: 'require' }, tunnel_method: { tunnel_method: 'NO_TUNNEL' } } });
  assert.equal(child(m, 'host').preset, true);
  assert.equal(child(m, 'port').preset, true);
  assert.equal(child(m, 'ssl_mode').preset, false);
  assert.ok(child(m, 'ssl_mode').options!.every((o) => o.children.find((c) => c.key === 'mode')!.preset));
  const placed = m.cards.flatMap((c) => c.sections.flatMap((s) => keysOf(s.fields)));
  assert.ok(!placed.includes('host') && !placed.includes('port'));
});

test('advanced_auth is normalised from snake_case and camelCase and marks predicate and output fields', () => {
  const spec = load('hubspot');
  const snake = buildModel(spec);
  assert.ok(snake.auth);
  assert.deepEqual(snake.auth!.predicateKey, ['credentials', 'credentials_title']);
  const creds = child(snake, 'credentials');
  const oauth = creds.options!.find((o) => o.value === snake.auth!.predicateValue)!;
  assert.equal(oauth.children.find((c) => c.key === 'credentials_title')!.oauth, 'predicate');
  assert.equal(oauth.children.find((c) => c.key === 'refresh_token')!.oauth, 'output');
  // the predicate (a const) stays in its option's sections: the sign-in control is drawn there
  assert.equal(oauth.sections[0].fields[0].key, 'credentials_title');

  const a = spec.advanced_auth;
  const camel = buildModel({
    ...spec,
    advanced_auth: undefined,
    advancedAuth: {
      authFlowType: a.auth_flow_type,
      predicateKey: a.predicate_key,
      predicateValue: a.predicate_value,
      oauthConfigSpecification: {
        completeOAuthOutputSpecification: a.oauth_config_specification.complete_oauth_output_specification,
        completeOAuthServerOutputSpecification: a.oauth_config_specification.complete_oauth_server_output_specification,
      },
    },
  });
  assert.deepEqual(camel.auth!.predicateKey, snake.auth!.predicateKey);
  assert.deepEqual(camel.auth!.outputPaths, snake.auth!.outputPaths);
});

test('documentationUrl only when http(s); bare connectionSpecification accepted', () => {
  assert.equal(buildModel({ documentationUrl: 'javascript:alert(1)', connectionSpecification: { type: 'object', properties: {} } }).documentationUrl, undefined);
  assert.equal(buildModel({ documentationUrl: 'https://docs.airbyte.com/x', connectionSpecification: {} }).documentationUrl, 'https://docs.airbyte.com/x');
  const bare = buildModel({ type: 'object', required: ['a'], properties: { a: { type: 'string' } } });
  assert.equal(bare.root.children![0].required, true);
});

test('hostile and broken specs never throw and show what they can', () => {
  const deep: Record<string, unknown> = { type: 'string', title: 'Leaf' };
  let s: Record<string, unknown> = deep;
  for (let i = 0; i < 12; i++) s = { type: 'object', title: `L${i}`, properties: { next: s } };
  const cases: unknown[] = [
    null,
    42,
    'x',
    [],
    {},
    { connectionSpecification: null },
    { type: 'object' },
    { type: 'object', properties: [] },
    { type: 'object', properties: { a: null, b: 'str', c: 3, d: { type: 42 }, e: { type: 'array', items: 'x' } } },
    { type: 'object', required: 'a', properties: { a: { type: 'string', enum: 'nope', oneOf: 'bad' } } },
    { type: 'object', properties: { a: { oneOf: [{ type: 'string' }, { type: 'integer' }] } } }, // scalar oneOf: JSON fallback
    { type: 'object', properties: { a: { type: 'object', oneOf: [{ properties: { x: { type: 'string' } } }, { properties: { y: { type: 'string' } } }] } } }, // no const
    { type: 'object', properties: { '<script>alert(1)</script>': { title: '<img src=x onerror=alert(1)>', type: 'string', pattern: '(' } } },
    { type: 'object', properties: { a: { type: 'string', enum: Array.from({ length: 1000 }, (_, i) => `v${i}`) } } },
    { type: 'object', properties: { a: { type: 'integer', mininum: 3, tittle: 'Typo' } } },
    { type: 'object', properties: { root: s } },
    { oneOf: [{ title: 'A', properties: { kind: { const: 'a' } } }, { title: 'B', properties: { kind: { const: 'b' } } }] },
  ];
  for (const c of cases) {
    const m = buildModel(c);
    assert.ok(m.root);
    assert.ok(Array.isArray(m.cards));
  }
  const noConst = buildModel(cases[11]).root.children![0];
  assert.equal(noConst.kind, 'oneOf');
  assert.equal(noConst.discriminator, undefined);
  assert.equal(buildModel(cases[10]).root.children![0].kind, 'json');
  const typo = buildModel(cases[14]).root.children![0];
  assert.equal(typo.title, 'Typo');
  assert.equal(validateField(typo, 1), undefined); // `mininum` is not a bound
  assert.equal(buildModel(cases[16]).root.kind, 'oneOf');
  let leaf = buildModel(cases[15]).root.children![0];
  for (let i = 0; i < 12; i++) leaf = leaf.children![0];
  assert.equal(leaf.title, 'Leaf');
});
