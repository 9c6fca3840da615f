// The explorer's pure parts: field trees from JSON schemas and the catalog model (selection, field
// include/exclude, configured catalog round trip, search, rows). No DOM.
import { expect } from '@open-wc/testing';
import { buildFieldTree, fieldNameIndex, topLevelFieldCount, typesOf } from '../src/components/stream-explorer/field-tree.js';
import { CatalogModel } from '../src/components/stream-explorer/catalog-model.js';
import type { StreamCatalog } from '../src/api/discovery.js';

const schema = {
  type: ['null', 'object'],
  properties: {
    id: { type: 'string' },
    updated: { type: ['null', 'integer'] },
    address: { type: ['null', 'object'], properties: { city: { type: 'string' }, geo: { type: 'object', properties: { lat: { type: 'number' }, lng: { type: 'number' } } } } },
    tags: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' } } } },
    choice: { anyOf: [{ type: 'string' }, { type: 'object', properties: { code: { type: 'integer' } } }] },
    blob: {},
  },
};
const catalog = (): StreamCatalog => ({
  streams: [
    { name: 'people', json_schema: schema, supported_sync_modes: ['full_refresh', 'incremental'], source_defined_cursor: true, default_cursor_field: ['updated'], source_defined_primary_key: [['id']], suggested: true },
    { name: 'orders', namespace: 'shop', json_schema: { properties: { order_id: { type: 'integer' }, at: { type: 'string', format: 'date-time' } } }, supported_sync_modes: ['incremental', 'full_refresh'] },
    { name: 'logs', supported_sync_modes: ['full_refresh'] },
  ],
});
/** `selected_fields` of stream `i` (selected in these tests), dotted. */
const paths = (m: CatalogModel, i: number) => m.configured().streams.find((s) => s.name === m.streams[i].name)!.selected_fields?.map((p) => p.join('.'));
const idx = (m: CatalogModel, i: number, dotted: string) => m.tree(i).nodes.findIndex((n) => n.key === dotted.split('.').join('\u001f'));

describe('field tree', () => {
  it('flattens nested objects, arrays of objects and anyOf branches in pre-order with sibling positions', () => {
    const t = buildFieldTree(schema);
    expect(t.nodes.map((n) => `${'  '.repeat(n.depth)}${n.name}`)).to.deep.equal([
      'id', 'updated', 'address', '  city', '  geo', '    lat', '    lng', 'tags', '  label', 'choice', '  code', 'blob',
    ]);
    const geo = t.nodes[4];
    expect([geo.parent, geo.end]).to.deep.equal([2, 7]);
    expect(t.nodes[8].inArray, 'tags[].label has no path of its own').to.equal(true);
    expect(typesOf(schema.properties.updated)).to.deep.equal(['null', 'integer']);
    expect(typesOf(schema.properties.choice)).to.deep.equal(['string', 'object']);
    expect(typesOf({})).to.deep.equal(['any']);
    expect(typesOf({ enum: ['a'] })).to.deep.equal(['enum']);
    expect(typesOf(null)).to.deep.equal(['any']);
  });

  it('never throws on junk and counts top-level fields without building the tree', () => {
    for (const junk of [undefined, null, 42, 'x', [], { properties: 'no' }, { items: { items: {} } }]) {
      expect(() => buildFieldTree(junk)).not.to.throw();
      expect(buildFieldTree(junk).nodes).to.deep.equal([]);
    }
    expect(topLevelFieldCount(schema)).to.equal(6);
    expect(topLevelFieldCount({})).to.equal(null);
    expect(topLevelFieldCount({ type: 'object', properties: {} })).to.equal(0);
    const hostile = { properties: { get a() { throw new Error('boom'); } } };
    expect(() => buildFieldTree(hostile)).not.to.throw();
    expect(fieldNameIndex(schema).split('\n')).to.include('lat').and.include('label');
  });
});

describe('catalog model', () => {
  it('selects by mode and builds the configured catalog, namespace only when present', () => {
    const m = new CatalogModel(catalog());
    expect(m.configured()).to.deep.equal({ streams: [{ name: 'people', sync_mode: 'incremental', cursor_field: ['updated'], primary_key: [['id']] }] });
    m.selectByMode('all');
    expect(m.configured().streams[1]).to.deep.equal({ name: 'orders', namespace: 'shop', sync_mode: 'full_refresh', cursor_field: [], primary_key: [] });
    expect(m.configured().streams[2]).to.deep.equal({ name: 'logs', sync_mode: 'full_refresh', cursor_field: [], primary_key: [] });
    expect(m.modeOf(1), 'incremental needs a cursor first').to.equal('full_refresh');
    expect(new CatalogModel(catalog(), 'whitelist', ['orders']).configured().streams.map((s) => s.name)).to.deep.equal(['orders']);
    // Entries are cached and shared between events: read-only snapshots, so a host cannot corrupt them.
    const entry = m.configured().streams[0];
    expect(() => entry.cursor_field.push('x')).to.throw(TypeError);
    expect(() => entry.primary_key[0].push('x')).to.throw(TypeError);
    expect(() => ((entry as { sync_mode: string }).sync_mode = 'x')).to.throw(TypeError);
    expect(m.configured().streams[0]).to.equal(entry);
  });

  it('excludes and re-includes fields; protected keys stay; selected_fields is the minimal path list', () => {
    const m = new CatalogModel(catalog());
    expect(m.fieldLock(0, idx(m, 0, 'id'))).to.equal('key');
    expect(m.fieldLock(0, idx(m, 0, 'updated'))).to.equal('key', 'the cursor');
    expect(m.fieldLock(0, idx(m, 0, 'tags.label'))).to.equal('array');
    expect(m.toggleField(0, idx(m, 0, 'id'))).to.equal(false);
    expect(m.toggleField(0, idx(m, 0, 'address'))).to.equal(true);
    expect(paths(m, 0)).to.deep.equal(['id', 'updated', 'tags', 'choice', 'blob']);
    expect(m.fieldState(0, idx(m, 0, 'address.city'))).to.equal('off');
    // Including a child of an excluded object: the object becomes partial, its other children stay out.
    m.toggleField(0, idx(m, 0, 'address.geo.lat'));
    expect(m.fieldState(0, idx(m, 0, 'address'))).to.equal('mixed');
    expect(m.fieldState(0, idx(m, 0, 'address.geo'))).to.equal('mixed');
    expect(paths(m, 0)).to.deep.equal(['id', 'updated', 'address.geo.lat', 'tags', 'choice', 'blob']);
    m.toggleField(0, idx(m, 0, 'address'));
    m.toggleField(0, idx(m, 0, 'address'));
    expect(m.configured().streams[0], 'everything back in').to.not.have.property('selected_fields');
  });

  it('round-trips a configured catalog through apply(), keeping keys included and reporting unknown names', () => {
    const a = new CatalogModel(catalog());
    a.selectByMode('all');
    a.choose(1, 'mode', 'incremental');
    a.choose(1, 'cursor', ['at']);
    a.choose(1, 'pk', [['order_id']]);
    a.toggleField(0, idx(a, 0, 'blob'));
    const value = a.configured();
    const b = new CatalogModel(catalog());
    expect(b.apply({ streams: [...value.streams, { name: 'ghost', sync_mode: 'full_refresh', cursor_field: [], primary_key: [] }] })).to.deep.equal(['ghost']);
    expect(b.configured()).to.deep.equal(value);
    // A saved field list that drops the primary key or cursor gets them back.
    const c = new CatalogModel(catalog());
    c.apply({ streams: [{ name: 'people', sync_mode: 'incremental', cursor_field: ['updated'], primary_key: [['id']], selected_fields: [['address', 'city']] }] });
    expect(paths(c, 0)).to.deep.equal(['id', 'updated', 'address.city']);
    // Choosing an excluded field as cursor includes it again.
    c.choose(0, 'mode', 'full_refresh');
    expect(c.apply({ streams: [{ name: 'orders', namespace: 'shop', sync_mode: 'incremental', cursor_field: [], primary_key: [], selected_fields: [['order_id']] }] })).to.deep.equal([]);
    expect(paths(c, 1)).to.deep.equal(['order_id']);
    c.choose(1, 'cursor', ['at']);
    expect(paths(c, 1), 'the cursor came back, so every field is in').to.equal(undefined);
  });

  it('searches names, namespaces and nested field names; lists rows with expanded fields', () => {
    const m = new CatalogModel(catalog());
    const none = { query: '', selectedOnly: false, pii: false, category: '' };
    expect(m.filter({ ...none, query: 'SHOP' })).to.deep.equal([1]);
    expect(m.filter({ ...none, query: 'lng' })).to.deep.equal([0]);
    expect(m.fieldMatches(0)).to.deep.equal({ names: ['address.geo.lng'], total: 1 });
    m.setOpen(0, -1, true);
    const rows = m.rows(m.filter({ ...none, query: 'lng' }));
    const shown = rows.field.map((f) => (f < 0 ? '*' : m.tree(0).nodes[f].name));
    expect(shown, 'only the match and its ancestors').to.deep.equal(['*', 'address', 'geo', 'lng']);
    const all = m.rows(m.filter(none));
    expect(all.stream.length).to.equal(3 + 6);
    expect(all.pos.slice(0, 4)).to.deep.equal([1, 1, 2, 3]);
    // Sibling positions of nested fields: address.geo is the 2nd of 2.
    m.setOpen(0, idx(m, 0, 'address'), true);
    const nested = m.rows(m.filter(none));
    const geo = nested.field.indexOf(idx(m, 0, 'address.geo'));
    expect([nested.pos[geo], nested.size[geo]]).to.deep.equal([2, 2]);
    expect(m.filter({ ...none, selectedOnly: true })).to.deep.equal([0]);
    expect(m.filter({ ...none, query: 'nothing-like-this' })).to.deep.equal([]);
  });

  it('survives junk catalogs', () => {
    for (const junk of [undefined, null, 'x', { streams: 'x' }, { streams: [null, 1, { name: 5 }, { name: '' }] }]) {
      const m = new CatalogModel(junk);
      expect(m.size).to.equal(0);
      expect(m.configured()).to.deep.equal({ streams: [] });
      expect(m.apply(junk)).to.deep.equal([]);
    }
  });
});
