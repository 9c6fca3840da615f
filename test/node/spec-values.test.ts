// Values: defaults, oneOf selection and switching, the submitted value, validation messages, descriptions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  buildModel,
  descriptionText,
  initialValue,
  JsonText,
  parseDescription,
  SECRET_MASK,
  selectedOption,
  switchOption,
  toSubmitValue,
  validateAll,
  validateField,
  type FieldNode,
  type FormModel,
} from '../../src/spec/index.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/connectors/${name}/spec.json`, import.meta.url), 'utf8'));
const field = (m: FormModel, key: string): FieldNode => m.root.children!.find((c) => c.key === key)!;

test('create mode: consts, defaults, nested objects and the default/first oneOf option', () => {
  const pg = buildModel(load('postgres'));
  const v = initialValue(pg);
  assert.equal(v.port, 5432);
  assert.deepEqual(v.schemas, ['public']);
  assert.equal((v.replication_method as Record<string, unknown>).method, 'CDC'); // oneOf default
  assert.equal((v.replication_method as Record<string, unknown>).plugin, 'pgoutput'); // single enum + default = const
  assert.deepEqual(v.ssl_mode, { mode: 'disable' }); // first option
  assert.deepEqual(v.tunnel_method, { tunnel_method: 'NO_TUNNEL' });
  const my = buildModel(load('mysql'));
  assert.equal((initialValue(my).ssl_mode as Record<string, unknown>).mode, 'required'); // oneOf default "required"
  const s3 = buildModel(load('s3'));
  assert.deepEqual(initialValue(s3).streams, []); // required object array starts empty
  assert.equal((initialValue(s3).delivery_method as Record<string, unknown>).delivery_type, 'use_records_transfer');
});

test('edit mode keeps the stored config as is; create mode fills around an existing value', () => {
  const pg = buildModel(load('postgres'), { mode: 'edit' });
  const stored = { host: 'h', port: 1, database: 'd', username: 'u', password: SECRET_MASK, ssl_mode: { mode: 'require' } };
  assert.deepEqual(initialValue(pg, stored), stored);
  const created = initialValue(buildModel(load('postgres')), { host: 'h', port: 1 });
  assert.equal(created.port, 1);
  assert.deepEqual(created.schemas, ['public']);
});

test('switching options keeps values that still apply, drops the rest, writes the new consts', () => {
  const pg = buildModel(load('postgres'));
  const ssl = field(pg, 'ssl_mode');
  const ca = ssl.options!.findIndex((o) => o.value === 'verify-ca');
  const full = ssl.options!.findIndex((o) => o.value === 'verify-full');
  const a = switchOption(ssl, { mode: 'disable' }, ca);
  assert.deepEqual(a, { mode: 'verify-ca' });
  const b = switchOption(ssl, { ...a, ca_certificate: 'CERT', unknown_key: 1 }, full);
  assert.deepEqual(b, { mode: 'verify-full', ca_certificate: 'CERT', unknown_key: 1 });
  const c = switchOption(ssl, b, 0);
  assert.deepEqual(c, { mode: 'disable', unknown_key: 1 });
  // single-value-enum discriminator (mysql)
  const rm = field(buildModel(load('mysql')), 'replication_method');
  const cdc = switchOption(rm, { method: 'STANDARD' }, 1);
  assert.equal(cdc.method, 'CDC');
  assert.equal(cdc.invalid_cdc_cursor_position_behavior, 'Fail sync'); // the new option's default
  assert.equal(selectedOption(rm, cdc), 1);
  // a kept key whose value no longer fits the new option's type is dropped (GA int64Value → doubleValue)
  const ga = buildModel(load('google-analytics-data-api'));
  const numeric = field(ga, 'custom_reports_array')
    .item!.children!.find((c) => c.key === 'dimensionFilter')!
    .options![0].children.find((c) => c.key === 'expressions')!
    .item!.children!.find((c) => c.key === 'filter')!
    .options!.find((o) => o.title === 'numericFilter')!
    .children.find((c) => c.key === 'value')!;
  assert.deepEqual(switchOption(numeric, { value_type: 'int64Value', value: '12' }, 1), { value_type: 'doubleValue' });
});

test('toSubmitValue: trims, drops blanks and other options’ keys, keeps unknown keys and masks, leaves presets out', () => {
  const m = buildModel(load('postgres'), { partialDefaultConfig: { jdbc_url_params: 'x=1' } });
  const v = toSubmitValue(m, {
    host: '  db.example.com ',
    port: 5432,
    database: 'app',
    username: 'me',
    password: SECRET_MASK,
    jdbc_url_params: 'x=1',
    schemas: [' public '],
    ssl_mode: { mode: 'disable', ca_certificate: 'stale' },
    replication_method: { method: 'Standard', replication_slot: 'slot', publication: '' },
    tunnel_method: { tunnel_method: 'NO_TUNNEL' },
    legacy_option: { kept: true },
    blank: '   ',
    nothing: undefined,
  });
  assert.deepEqual(v, {
    host: 'db.example.com',
    port: 5432,
    database: 'app',
    username: 'me',
    password: SECRET_MASK,
    schemas: ['public'],
    ssl_mode: { mode: 'disable' },
    replication_method: { method: 'Standard' },
    tunnel_method: { tunnel_method: 'NO_TUNNEL' },
    legacy_option: { kept: true },
    blank: '   ',
  });
  // presets are merged into the working value (so their choices apply) but never sent, even when the
  // template's user_config_spec no longer has those keys (the sandbox prunes them)
  const pruned = buildModel(
    { type: 'object', properties: { host: { type: 'string' }, tunnel_method: { type: 'object', properties: { tunnel_user: { type: 'string' } } } } },
    { partialDefaultConfig: { ssl_mode: { mode: 'require' }, tunnel_method: { tunnel_method: 'SSH', tunnel_host: 'b' } } },
  );
  const working = initialValue(pruned, { host: 'h', tunnel_method: { tunnel_user: 'me' } }, pruned.preset);
  assert.deepEqual((working.ssl_mode as Record<string, unknown>).mode, 'require');
  assert.deepEqual(toSubmitValue(pruned, working), { host: 'h', tunnel_method: { tunnel_user: 'me' } });
  // no selection (an old config whose discriminator matches no option): nothing is stripped
  const odd = { ssl_mode: { mode: 'gone', ca_certificate: 'kept' } };
  assert.deepEqual(toSubmitValue(m, odd).ssl_mode, odd.ssl_mode);
});

test('validation messages: required, pattern with descriptor, bounds, types, enum, formats, lists, JSON', () => {
  const m = buildModel({
    type: 'object',
    required: ['name', 'port', 'when', 'tags'],
    properties: {
      name: { type: 'string', title: 'Name' },
      port: { type: 'integer', minimum: 1, maximum: 65535 },
      when: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', pattern_descriptor: 'YYYY-MM-DD', format: 'date' },
      ratio: { type: 'number', exclusiveMinimum: 0 },
      kind: { type: 'string', enum: ['a', 'b'] },
      tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      short: { type: 'string', minLength: 3 },
      raw: { type: 'object' },
      at: { type: 'string', format: 'date-time' },
    },
  });
  const f = (k: string) => field(m, k);
  assert.equal(validateField(f('name'), '   '), 'This field is required.');
  assert.equal(validateField(f('name'), 'ok'), undefined);
  assert.equal(validateField(f('port'), 0), 'Enter 1 or more.');
  assert.equal(validateField(f('port'), 70000), 'Enter 65535 or less.');
  assert.equal(validateField(f('port'), 'abc'), 'Enter a whole number.');
  assert.equal(validateField(f('port'), 1.5), 'Enter a whole number.');
  assert.equal(validateField(f('when'), '2024/01/01'), 'Use the format YYYY-MM-DD.');
  assert.equal(validateField(f('when'), '2024-02-30'), 'Enter a date as YYYY-MM-DD.');
  assert.equal(validateField(f('when'), '2024-02-29'), undefined);
  assert.equal(validateField(f('ratio'), 0), 'Enter a number greater than 0.');
  assert.equal(validateField(f('kind'), 'c'), 'Choose one of the listed values.');
  assert.equal(validateField(f('tags'), []), 'This field is required.');
  assert.equal(validateField(f('tags'), ['a', 'a']), 'Remove the repeated values.');
  assert.equal(validateField(f('short'), 'ab'), 'Enter at least 3 characters.');
  assert.equal(validateField(f('raw'), new JsonText('{')), 'Enter valid JSON.');
  assert.equal(validateField(f('at'), '2024-01-01T10:00:00Z'), undefined);
  assert.equal(validateField(f('at'), '2024-01-01T25:00:00Z'), 'Enter a date and time as YYYY-MM-DDTHH:mm:ssZ.');
  const errors = validateAll(m, { port: 'x' });
  assert.deepEqual([...errors.keys()], ['/name', '/port', '/tags', '/when']);
  // a translation table can replace every message
  assert.equal(validateField(f('name'), '', (key) => `[${key}]`), '[formRequired]');
});

test('validation: only the selected oneOf option is enforced; masks pass; hidden and preset fields are skipped', () => {
  const pg = buildModel(load('postgres'), { mode: 'edit', partialDefaultConfig: { host: 'h' } });
  const base = { port: 5432, database: 'd', username: 'u', password: SECRET_MASK, ssl_mode: { mode: 'disable' }, tunnel_method: { tunnel_method: 'NO_TUNNEL' }, replication_method: { method: 'Standard' } };
  assert.deepEqual([...validateAll(pg, base).keys()], []);
  const ca = { ...base, ssl_mode: { mode: 'verify-ca' } };
  assert.deepEqual([...validateAll(pg, ca).keys()], ['/ssl_mode/ca_certificate']);
  const none = { ...base, ssl_mode: { mode: 'nope' } };
  assert.equal(validateAll(pg, none).get('/ssl_mode'), 'Choose an option.');
  // arrays of objects: errors carry the item index
  const s3 = buildModel(load('s3'));
  const errs = validateAll(s3, { bucket: 'b', streams: [{ format: { filetype: 'avro' } }], delivery_method: { delivery_type: 'use_records_transfer' } });
  assert.ok(errs.has('/streams/0/name'), [...errs.keys()].join());
});

test('description parser: the allowed subset, entities, Markdown links; everything else stays text', () => {
  const d = parseDescription('Read <a href="https://docs.airbyte.com/x">the docs</a> &amp; <b>bold</b><br/><code>x=1</code> or [guide](https://example.com/g) and `code`.');
  assert.deepEqual(d, [
    'Read ',
    { tag: 'a', href: 'https://docs.airbyte.com/x', children: ['the docs'] },
    ' & ',
    { tag: 'b', children: ['bold'] },
    { tag: 'br', children: [] },
    { tag: 'code', children: ['x=1'] },
    ' or ',
    { tag: 'a', href: 'https://example.com/g', children: ['guide'] },
    ' and ',
    { tag: 'code', children: ['code'] },
    '.',
  ]);
  const hostile = parseDescription('<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">click</a><a href="/relative">rel</a>[x](javascript:alert(1))');
  const flat = JSON.stringify(hostile);
  assert.ok(!flat.includes('"href":"javascript'));
  assert.ok(!flat.includes('"href":"/relative'));
  assert.equal(descriptionText(hostile), '<script>alert(1)</script><img src=x onerror=alert(1)>clickrel[x](javascript:alert(1))');
  assert.deepEqual(parseDescription('<ul><li>one<li>two</ul>'), [{ tag: 'ul', children: [{ tag: 'li', children: ['one', { tag: 'li', children: ['two'] }] }] }]);
  assert.deepEqual(parseDescription('<strong>s</strong><em>e</em>'), [
    { tag: 'b', children: ['s'] },
    { tag: 'i', children: ['e'] },
  ]);
  assert.deepEqual(parseDescription(undefined), []);
  assert.deepEqual(parseDescription('a &#60; b &#x3e; c &bogus;'), ['a < b > c &bogus;']);
});

test('corpus descriptions: every link is http(s), no raw allowed tag survives as text', () => {
  const dir = new URL('../../fixtures/connectors/', import.meta.url);
  for (const name of ['postgres', 'hubspot', 'google-sheets', 'klaviyo', 's3', 'github']) {
    const spec = JSON.parse(readFileSync(new URL(`${name}/spec.json`, dir), 'utf8'));
    const walk = (s: unknown): void => {
      if (!s || typeof s !== 'object') return;
      const o = s as Record<string, unknown>;
      if (typeof o.description === 'string') {
        const nodes = parseDescription(o.description);
        const text = descriptionText(nodes);
        assert.ok(!/<\/?(a|b|code|br|strong|i|em|ul|li|p)\b/i.test(text), `${name}: ${text}`);
        const links = JSON.stringify(nodes).match(/"href":"[^"]*"/g) ?? [];
        for (const l of links) assert.match(l, /"href":"https?:\/\//);
      }
      Object.values(o).forEach(walk);
    };
    walk(spec.connectionSpecification);
  }
});
