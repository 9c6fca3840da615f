// Source-level discovery and catalogs over real HTTP (sandbox/routes/discovery.ts): the discover →
// poll catalog/query flow, streams, failures, token kinds and workspace isolation, template and
// definition catalogs (validated against the OpenAPI subset by sandbox-helpers), and the curated
// metadata checked against the real stream schemas of the fixtures.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { sleep, useSandbox } from './sandbox-helpers.ts';

const DELAY = 80;
const fixture = (c: string) => JSON.parse(readFileSync(new URL(`../../fixtures/connectors/${c}/catalog.json`, import.meta.url), 'utf8'));
const metadata = (c: string) => JSON.parse(readFileSync(new URL(`../../sandbox/catalog-metadata/${c}.json`, import.meta.url), 'utf8')).streams;

describe('sandbox discovery', () => {
  const sb = useSandbox({ checkDelayMs: DELAY });
  let scoped: string;
  let other: string;
  let ws: string;
  const tpl: Record<string, string> = {};

  const createSource = async (template: string, source_config: Record<string, unknown>, token = scoped, workspace = ws) => {
    const r = await sb.api.post('/api/v1/embedded/sources', { workspace_id: workspace, source_template_id: tpl[template], source_config }, token);
    assert.equal(r.status, 200, r.text);
    return r.body.id as string;
  };
  const path = (id: string, rest = '') => `/api/v1/integrations/sources/${id}${rest}`;
  const discover = async (id: string, token = scoped) => {
    const r = await sb.api.post(path(id, '/discover'), {}, token);
    assert.equal(r.status, 200, r.text);
    return r.body as { job_id: string; status: string };
  };
  const untilCatalog = async (id: string, token = scoped) => {
    for (let i = 0; i < 100; i++) {
      const r = await sb.api.get(path(id, '/catalog/query'), token);
      if (r.status !== 404) return r;
      await sleep(10);
    }
    throw new Error('catalog never came');
  };

  before(async () => {
    scoped = await sb.api.scopedToken(sb.app, 'discovery-ws');
    other = await sb.api.scopedToken(sb.app, 'discovery-other');
    ws = await sb.api.workspaceId(scoped);
    for (const [k, name] of [['stripe', 'Stripe'], ['hubspot', 'HubSpot'], ['postgres', 'Postgres'], ['faker', 'Sample Data']]) tpl[k] = await sb.api.templateId(sb.app, name);
  });

  it('discovers a source: 404 before, running job, then the fixture catalog with curated keys', async () => {
    const id = await createSource('stripe', { account_id: 'acct_1', client_secret: 'sk_test_1' });
    const before = await sb.api.get(path(id, '/catalog/query'), scoped);
    assert.equal(before.status, 404);
    assert.match(before.body.message, /not been discovered yet.*POST .*\/discover/);

    const job = await discover(id);
    assert.match(job.job_id, /^discover_[0-9a-f-]{36}$/);
    assert.equal(job.status, 'running');
    const running = await sb.api.get(path(id, '/catalog/query'), scoped);
    assert.equal(running.status, 404);
    assert.match(running.body.message, /still running/);
    const status = await sb.api.get(path(id, `/discover/${job.job_id}`), scoped);
    assert.deepEqual(status.body, { job_id: job.job_id, status: 'running', error_message: null });

    const r = await untilCatalog(id);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.job_id, job.job_id);
    assert.ok(!Number.isNaN(Date.parse(r.body.discovered_at)));
    const raw = fixture('stripe');
    assert.deepEqual(
      r.body.streams.map((s: any) => s.name),
      raw.streams.map((s: any) => s.name),
    );
    const charges = r.body.streams.find((s: any) => s.name === 'charges');
    const rawCharges = raw.streams.find((s: any) => s.name === 'charges');
    for (const k of Object.keys(rawCharges)) assert.deepEqual(charges[k], rawCharges[k], `charges.${k} is the fixture's`);
    assert.equal(charges.data_category, 'transaction');
    assert.equal(charges.suggested, true);
    assert.ok(charges.pii_fields.includes('receipt_email'));
    assert.deepEqual(charges.foreign_keys[0], { field_name: 'customer', referenced_stream_name: 'customers', referenced_field_name: 'id', is_hierarchical: false });
    assert.equal((await sb.api.get(path(id, `/discover/${job.job_id}`), scoped)).body.status, 'succeeded');
  });

  it('lists streams and returns one stream (404 for an unknown one)', async () => {
    const id = await createSource('faker', { count: 5 });
    await discover(id);
    await untilCatalog(id);
    const list = await sb.api.get(path(id, '/streams'), scoped);
    assert.deepEqual(list.body, { streams: fixture('faker').streams.map((s: any) => ({ name: s.name })) });
    const users = await sb.api.get(path(id, '/streams/users'), scoped);
    assert.equal(users.status, 200);
    assert.equal(users.body.name, 'users');
    assert.ok(users.body.json_schema.properties);
    assert.ok(!('data_category' in users.body), 'no curated keys for connectors without metadata');
    const missing = await sb.api.get(path(id, '/streams/nope'), scoped);
    assert.equal(missing.status, 404);
    assert.match(missing.body.message, /Stream "nope" not found/);
  });

  it('keeps the previous catalog while a new discovery runs, then switches to the new job', async () => {
    const id = await createSource('faker', { count: 2 });
    const first = await discover(id);
    await untilCatalog(id);
    const second = await discover(id);
    assert.notEqual(second.job_id, first.job_id);
    const during = await sb.api.get(path(id, '/catalog/query'), scoped);
    assert.equal(during.status, 200);
    assert.equal(during.body.job_id, first.job_id);
    await sleep(DELAY + 20);
    assert.equal((await sb.api.get(path(id, '/catalog/query'), scoped)).body.job_id, second.job_id);
  });

  it('fails discoveries of a source whose config holds "sandbox-fail-discover" with a 422 and the reason', async () => {
    const id = await createSource('stripe', { account_id: 'sandbox-fail-discover', client_secret: 'sk' });
    const job = await discover(id);
    await sleep(DELAY + 20);
    const r = await sb.api.get(path(id, '/catalog/query'), scoped);
    assert.equal(r.status, 422);
    assert.match(r.body.message, /Discovery failed: Stripe refused to list its streams .*account_id/);
    assert.equal(r.body.errors[0].error_code, 'discovery_failed');
    const status = await sb.api.get(path(id, `/discover/${job.job_id}`), scoped);
    assert.equal(status.body.status, 'failed');
    assert.match(status.body.error_message, /Discovery failed/);
  });

  it('answers a clear 422 for a connector without a catalog fixture', async () => {
    const id = await createSource('postgres', { host: 'db.internal', port: 5432, database: 'app', username: 'reader' });
    for (const r of [await sb.api.post(path(id, '/discover'), {}, scoped), await sb.api.get(path(id, '/catalog/query'), scoped)]) {
      assert.equal(r.status, 422);
      assert.match(r.body.message, /Discovery is not available for Postgres in the sandbox: there is no catalog fixture/);
      assert.equal(r.body.errors[0].error_code, 'discovery_unavailable');
    }
  });

  it('lets a scoped token reach its own workspace only; application tokens reach the organization', async () => {
    const id = await createSource('faker', { count: 1 });
    for (const r of [
      await sb.api.post(path(id, '/discover'), {}, other),
      await sb.api.get(path(id, '/catalog/query'), other),
      await sb.api.get(path(id, '/streams'), other),
      await sb.api.get(path(id, '/streams/users'), other),
    ]) {
      assert.equal(r.status, 403, r.text);
      assert.match(r.body.message, /different workspace/);
    }
    const job = await discover(id, sb.app);
    assert.equal((await untilCatalog(id, sb.app)).body.job_id, job.job_id);
    assert.equal((await sb.api.get(path(id, '/catalog/query'), scoped)).status, 200, 'the end user sees the operator-started discovery');
    assert.equal((await sb.api.get(path('00000000-0000-4000-8000-000000000000', '/catalog/query'), scoped)).status, 404);
    assert.equal((await sb.api.get(path('not-a-uuid', '/catalog/query'), scoped)).status, 422);
    assert.equal((await sb.api.get(path(id, '/catalog/query'))).status, 401);
    const otherJob = await sb.api.get(path(id, `/discover/${job.job_id}`), other);
    assert.equal(otherJob.status, 403);
  });

  it('serves template catalogs (SonarCatalog) to operators only, honouring ?selected and customization', async () => {
    const r = await sb.api.get(`/api/v1/integrations/templates/sources/${tpl.hubspot}/catalog`, sb.app);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.source_template_id, tpl.hubspot);
    const streams = r.body.sonar_catalog.streams;
    assert.equal(streams.length, fixture('hubspot').streams.length);
    const contacts = streams.find((s: any) => s.name === 'contacts');
    assert.equal(contacts.data_category, 'contact');
    assert.equal(contacts.suggested, true);
    assert.deepEqual(contacts.primary_key_fields, [['id']]);
    assert.deepEqual(contacts.cursor_fields, ['updatedAt']);
    assert.ok(contacts.pii_fields.includes('properties.email'));
    assert.equal((await sb.api.get(`/api/v1/integrations/templates/sources/${tpl.hubspot}/catalog`, scoped)).status, 403);

    const selected = await sb.api.get(`/api/v1/integrations/templates/sources/${tpl.hubspot}/catalog?selected=true`, sb.app);
    assert.deepEqual(
      selected.body.sonar_catalog.streams.map((s: any) => s.name).sort(),
      Object.entries(metadata('hubspot')).filter(([, m]: any) => m.suggested).map(([n]) => n).sort(),
    );

    // A whitelist template with a stream customization: applied to template and source catalogs.
    const created = await sb.api.post(
      '/api/v1/integrations/templates/sources',
      {
        actor_definition_id: '36c891d9-4bd9-43ac-bad2-10e12756272c',
        partial_default_config: {},
        name: 'HubSpot (whitelist)',
        customization: { stream_selection_mode: 'whitelist', stream_whitelist: ['contacts', 'deals'], stream_customizations: { form_submissions: { primary_key_fields: [['formId'], ['submittedAt']] } } },
      },
      sb.app,
    );
    assert.equal(created.status, 200, created.text);
    const wl = await sb.api.get(`/api/v1/integrations/templates/sources/${created.body.id}/catalog?selected=true`, sb.app);
    assert.deepEqual(wl.body.sonar_catalog.streams.map((s: any) => s.name), ['contacts', 'deals']);
    const all = await sb.api.get(`/api/v1/integrations/templates/sources/${created.body.id}/catalog`, sb.app);
    assert.deepEqual(all.body.sonar_catalog.streams.find((s: any) => s.name === 'form_submissions').primary_key_fields, [['formId'], ['submittedAt']]);

    const pg = await sb.api.get(`/api/v1/integrations/templates/sources/${tpl.postgres}/catalog`, sb.app);
    assert.equal(pg.status, 200);
    assert.equal(pg.body.sonar_catalog, null);
    assert.equal((await sb.api.get('/api/v1/integrations/templates/sources/00000000-0000-4000-8000-000000000000/catalog', sb.app)).status, 404);
  });

  it('serves definition catalogs, blessed where curated', async () => {
    const r = await sb.api.get('/api/v1/integrations/definitions/sources/ef69ef6e-aa7f-4af1-a01d-ef775033524e/catalog', sb.app);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.name, 'GitHub');
    assert.equal(r.body.blessed, true);
    assert.equal(r.body.catalog_type, 'structured');
    assert.equal(r.body.sonar_catalog.streams.find((s: any) => s.name === 'issues').data_category, 'task');
    const pg = await sb.api.get('/api/v1/integrations/definitions/sources/decd338e-5647-4c0b-adf4-da0e75f5a750/catalog', sb.app);
    assert.deepEqual([pg.body.sonar_catalog, pg.body.catalog_type, pg.body.blessed], [null, null, false]);
  });
});

describe('curated catalog metadata', () => {
  const files = readdirSync(new URL('../../sandbox/catalog-metadata/', import.meta.url)).filter((f) => f.endsWith('.json'));
  const resolve = (stream: any, dotted: string) => {
    let node = stream.json_schema;
    for (const key of dotted.split('.')) {
      while (node?.items) node = node.items;
      node = node?.properties?.[key];
      if (!node) return undefined;
    }
    return node;
  };
  const CATEGORIES = ['user', 'contact', 'person', 'account', 'cohort', 'institution', 'campaign', 'lead', 'transaction', 'comment', 'event', 'log', 'file', 'subscription', 'permissions', 'attribute', 'settings', 'custom', 'product', 'location', 'task', 'metric', 'object', 'legacy'];

  it('covers stripe, hubspot and github', () => assert.deepEqual(files.sort(), ['github.json', 'hubspot.json', 'stripe.json']));

  for (const file of files) {
    const connector = file.replace(/\.json$/, '');
    it(`${connector}: every stream curated, every field and reference real`, () => {
      const streams = fixture(connector).streams as any[];
      const byName = new Map(streams.map((s) => [s.name, s]));
      const meta = metadata(connector) as Record<string, any>;
      assert.deepEqual(Object.keys(meta).sort(), [...byName.keys()].sort(), 'one entry per fixture stream');
      for (const [name, m] of Object.entries(meta)) {
        const s = byName.get(name);
        assert.ok(CATEGORIES.includes(m.data_category), `${name}: data_category ${m.data_category}`);
        assert.equal(typeof m.description, 'string');
        for (const p of m.pii ?? []) assert.ok(resolve(s, p), `${name}: pii field ${p} exists`);
        for (const [field, target, ref] of m.fk ?? []) {
          const node = resolve(s, field);
          assert.ok(node, `${name}: foreign key field ${field} exists`);
          let leaf = node;
          while (leaf.items) leaf = leaf.items;
          assert.ok([].concat(leaf.type).some((t: string) => ['string', 'integer', 'number'].includes(t)), `${name}.${field} is an id-like scalar`);
          assert.ok(byName.has(target), `${name}.${field} → ${target} exists`);
          assert.ok(resolve(byName.get(target), ref), `${name}.${field} → ${target}.${ref} exists`);
        }
      }
      assert.ok(Object.values(meta).some((m: any) => m.suggested), 'some streams are suggested');
    });
  }
});
