// Connector configs: user_config_spec derivation (nested partial_default_config), validation with
// per-field errors over all 48 specs, defaults applied at create, secret masking round trip, and the
// check job lifecycle with the deterministic `sandbox-fail` / `sandbox-transient` failures.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useSandbox, waitForCheck, sleep } from './sandbox-helpers.ts';
import { readConnectors } from '../../sandbox/seed.ts';
import { SECRET_MASK, maskSecrets, unmaskSecrets, userConfigSpec, validateConfig } from '../../sandbox/spec.ts';

const fixtures = new URL('../../fixtures/', import.meta.url).pathname;
const connectors = readConnectors(fixtures);
const spec = (slug: string) => {
  const s = connectors.find((c) => c.slug === slug)!.spec;
  return { documentationUrl: s.documentationUrl, connectionSpecification: s.connectionSpecification, advanced_auth: s.advanced_auth };
};

describe('connector spec handling (unit, all fixture specs)', () => {
  it('validates against every one of the 48 specs without crashing', () => {
    assert.equal(connectors.length, 48);
    const weird = [null, 42, 'x', [], [1, { a: [] }], { nested: { deeper: [null] } }, true];
    for (const { slug, spec: s } of connectors) {
      const cs = s.connectionSpecification;
      const empty = validateConfig(s, {});
      const requiredErrors = empty.filter((e) => e.error_code === 'missing').map((e) => e.field).sort();
      assert.deepEqual(requiredErrors, [...(cs.required ?? [])].sort(), slug);
      for (const w of weird) {
        const config = Object.fromEntries(Object.keys(cs.properties ?? {}).map((k) => [k, w]));
        const errors = validateConfig(s, config);
        assert.ok(errors.every((e) => typeof e.message === 'string' && e.message.length > 0), slug);
      }
      assert.deepEqual(userConfigSpec(s, {}).connectionSpecification, cs, slug);
    }
  });

  it('drops defaulted keys at any depth: collapses a oneOf whose discriminator is set, prunes options otherwise', () => {
    const pg = userConfigSpec(spec('postgres'), { ssl_mode: { mode: 'require' }, tunnel_method: { tunnel_method: 'NO_TUNNEL' } }).connectionSpecification;
    assert.equal(pg.properties.ssl_mode, undefined);
    assert.equal(pg.properties.tunnel_method, undefined);
    assert.ok(pg.properties.replication_method.oneOf);
    assert.deepEqual(pg.required, ['host', 'port', 'database', 'username']);

    const my = userConfigSpec(spec('mysql'), { ssl_mode: { mode: 'required' }, tunnel_method: { tunnel_method: 'SSH_PASSWORD_AUTH', tunnel_host: 'bastion', tunnel_port: 22 } }).connectionSpecification;
    assert.equal(my.properties.ssl_mode, undefined);
    const tunnel = my.properties.tunnel_method;
    assert.equal(tunnel.oneOf, undefined);
    assert.equal(tunnel.type, 'object');
    assert.deepEqual(Object.keys(tunnel.properties).sort(), ['tunnel_user', 'tunnel_user_password']);
    assert.deepEqual(tunnel.required.sort(), ['tunnel_user', 'tunnel_user_password']);
    assert.equal(tunnel.properties.tunnel_user_password.airbyte_secret, true);

    const port = userConfigSpec(spec('postgres'), { tunnel_method: { tunnel_port: 2222 } }).connectionSpecification.properties.tunnel_method;
    assert.equal(port.oneOf.length, 3);
    for (const o of port.oneOf) {
      assert.equal(o.properties.tunnel_port, undefined);
      assert.ok(o.properties.tunnel_method, 'the discriminator stays');
      assert.ok(!(o.required ?? []).includes('tunnel_port'));
    }
    const s3 = userConfigSpec(spec('s3'), { delivery_method: { delivery_type: 'use_records_transfer' }, region_name: 'us-east-1' }).connectionSpecification;
    assert.equal(s3.properties.delivery_method, undefined);
    assert.equal(s3.properties.region_name, undefined);
    // unknown keys and an unknown discriminator value leave the spec alone
    const gh = userConfigSpec(spec('github'), { nope: 1, credentials: { option_title: 'Nope' } }).connectionSpecification;
    assert.equal(gh.properties.credentials.oneOf.length, 2);
  });

  it('masks secrets inside the chosen oneOf option and restores them from a mask', () => {
    const cs = spec('github').connectionSpecification;
    const stored = { repositories: ['a/b'], credentials: { option_title: 'PAT Credentials', personal_access_token: 'ghp_secret' } };
    const masked = maskSecrets(cs, stored) as any;
    assert.equal(masked.credentials.personal_access_token, SECRET_MASK);
    assert.equal(masked.repositories[0], 'a/b');
    assert.deepEqual(unmaskSecrets(cs, masked, stored), { config: stored, missing: [] });
    const switched = { repositories: ['a/b'], credentials: { option_title: 'OAuth Credentials', access_token: SECRET_MASK } };
    assert.deepEqual(unmaskSecrets(cs, switched, stored).missing, ['credentials.access_token']);
  });
});

describe('configs over HTTP', () => {
  const sb = useSandbox({ checkDelayMs: 300 });
  let scoped: string;
  let ws: string;
  const ids: Record<string, string> = {};

  before(async () => {
    scoped = await sb.api.scopedToken(sb.app, 'configs');
    ws = await sb.api.workspaceId(scoped);
    for (const name of ['Postgres', 'MySQL', 'Stripe', 'GitHub', 'S3', 'Sample Data']) ids[name] = await sb.api.templateId(sb.app, name);
  });

  const create = (tpl: string, source_config: unknown, extra: Record<string, unknown> = {}) =>
    sb.api.post('/api/v1/embedded/sources', { workspace_id: ws, source_template_id: tpl, source_config, ...extra }, scoped);
  const stored = async (id: string) => (await sb.api.get(`/__sandbox/sources/${id}/config`)).body;

  it('serves user_config_spec without the template defaults and applies them at create', async () => {
    const tpl = (await sb.api.get(`/api/v1/embedded/source-templates/${ids.MySQL}`, scoped)).body;
    assert.deepEqual(Object.keys(tpl.user_config_spec.connectionSpecification.properties.tunnel_method.properties).sort(), ['tunnel_user', 'tunnel_user_password']);
    const config = { host: 'db', port: 3306, database: 'app', username: 'u', password: 'p', replication_method: { method: 'STANDARD' }, tunnel_method: { tunnel_user: 'me', tunnel_user_password: 'pw' } };
    const r = await create(ids.MySQL!, config);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.source_config.tunnel_method, { tunnel_user: 'me', tunnel_user_password: SECRET_MASK });
    const s = await stored(r.body.id);
    assert.deepEqual(s.source_config, config);
    assert.deepEqual(s.config.tunnel_method, { tunnel_user: 'me', tunnel_user_password: 'pw', tunnel_method: 'SSH_PASSWORD_AUTH', tunnel_host: 'bastion.sandbox.internal', tunnel_port: 22 });
    assert.deepEqual(s.config.ssl_mode, { mode: 'required' });
    // the template's defaults win over a value the user was not offered
    const sneaky = await create(ids['Sample Data']!, { count: 5, seed: 99 });
    assert.equal((await stored(sneaky.body.id)).config.seed, -1);
  });

  it('answers 422 with per-field errors (dotted paths under source_config)', async () => {
    const bad = await create(ids.Postgres!, { port: 'x', database: 'd', replication_method: { method: 'Nope' }, schemas: 'public' });
    assert.equal(bad.status, 422);
    const byField = Object.fromEntries(bad.body.errors.map((e: any) => [e.field, e.error_code]));
    assert.deepEqual(byField, {
      'source_config.host': 'missing',
      'source_config.username': 'missing',
      'source_config.port': 'integer_type',
      'source_config.schemas': 'array_type',
      'source_config.replication_method.method': 'enum',
    });
    const nested = await create(ids.MySQL!, { host: 'h', port: 3306, database: 'd', username: 'u', replication_method: { method: 'STANDARD' }, tunnel_method: { tunnel_user: 'me' } });
    assert.deepEqual(nested.body.errors.map((e: any) => e.field), ['source_config.tunnel_method.tunnel_user_password']);
    const option = await create(ids.GitHub!, { repositories: ['a/b'], credentials: { option_title: 'PAT Credentials' }, start_date: '2024-01-01' });
    assert.deepEqual(option.body.errors.map((e: any) => [e.field, e.error_code]).sort(), [
      ['source_config.credentials.personal_access_token', 'missing'],
      ['source_config.start_date', 'string_pattern_mismatch'],
    ]);
    assert.match(option.body.errors.find((e: any) => e.field === 'source_config.start_date').message, /YYYY-MM-DDTHH:mm:ssZ/);
    const arr = await create(ids.S3!, { bucket: 'b', streams: [{ name: 's' }, {}] });
    assert.deepEqual(arr.body.errors.map((e: any) => e.field).sort(), ['source_config.streams.0.format', 'source_config.streams.1.format', 'source_config.streams.1.name']);
    const check = await sb.api.post('/api/v1/embedded/sources/check', { workspace_id: ws, source_template_id: ids.Stripe, source_config: {} }, scoped);
    assert.equal(check.status, 422);
    assert.deepEqual(check.body.errors.map((e: any) => e.field).sort(), ['source_config.account_id', 'source_config.client_secret']);
    const notObject = await create(ids.Stripe!, 'config');
    assert.deepEqual(notObject.body.errors, [{ field: 'source_config', message: 'Input should be a valid dictionary', error_code: 'dict_type' }]);
  });

  it('keeps a stored secret when the mask comes back, replaces it when a new value comes', async () => {
    const created = await create(ids.GitHub!, { repositories: ['a/b'], credentials: { option_title: 'PAT Credentials', personal_access_token: 'ghp_first' } });
    assert.equal(created.body.source_config.credentials.personal_access_token, SECRET_MASK);
    const id = created.body.id;
    const got = (await sb.api.get(`/api/v1/embedded/sources/${id}`, scoped)).body;
    const same = await sb.api.put(`/api/v1/embedded/sources/${id}`, { source_config: { ...got.source_config, repositories: ['a/b', 'c/d'] } }, scoped);
    assert.equal(same.status, 200, same.text);
    assert.equal((await stored(id)).source_config.credentials.personal_access_token, 'ghp_first');
    assert.deepEqual((await stored(id)).source_config.repositories, ['a/b', 'c/d']);
    await sb.api.put(`/api/v1/embedded/sources/${id}`, { source_config: { ...got.source_config, credentials: { option_title: 'PAT Credentials', personal_access_token: 'ghp_second' } } }, scoped);
    assert.equal((await stored(id)).source_config.credentials.personal_access_token, 'ghp_second');
    const switched = await sb.api.put(`/api/v1/embedded/sources/${id}`, { source_config: { repositories: ['a/b'], credentials: { option_title: 'OAuth Credentials', access_token: SECRET_MASK } } }, scoped);
    assert.equal(switched.status, 422);
    assert.equal(switched.body.errors[0].field, 'source_config.credentials.access_token');
    // the masked secret also works for an update-check
    const chk = await sb.api.post(`/api/v1/embedded/sources/${id}/check`, { source_config: got.source_config }, scoped);
    assert.equal(chk.status, 200);
    assert.equal((await waitForCheck(sb.api, '/api/v1/embedded', chk.body.id, scoped)).final.status, 'succeeded');
  });

  it('moves a check from pending through running to its result over --check-delay-ms', async () => {
    const t0 = Date.now();
    const chk = await sb.api.post('/api/v1/embedded/sources/check', { workspace_id: ws, source_template_id: ids.Stripe, source_config: { account_id: 'a', client_secret: 's' } }, scoped);
    const seen: string[] = [];
    for (;;) {
      const s = (await sb.api.get(`/api/v1/embedded/sources/check/${chk.body.id}/status`, scoped)).body;
      if (seen[seen.length - 1] !== s.status) seen.push(s.status);
      if (s.status === 'succeeded' || s.status === 'failed') break;
      await sleep(15);
    }
    assert.deepEqual(seen, ['pending', 'running', 'succeeded']);
    assert.ok(Date.now() - t0 >= 290);
  });

  it('fails a check deterministically for "sandbox-fail" (config_error) and "sandbox-transient" (retryable)', async () => {
    const chk = await sb.api.post('/api/v1/embedded/sources/check', { workspace_id: ws, source_template_id: ids.Stripe, source_config: { account_id: 'acct', client_secret: 'sandbox-fail' } }, scoped);
    const { final } = await waitForCheck(sb.api, '/api/v1/embedded', chk.body.id, scoped);
    assert.equal(final.status, 'failed');
    assert.equal(final.failure_reason.failure_type, 'config_error');
    assert.equal(final.failure_reason.failure_origin, 'source');
    assert.equal(final.failure_reason.retryable, false);
    assert.ok(Number.isInteger(final.failure_reason.timestamp));
    assert.match(final.error_message, /Stripe rejected the value of "Secret Key"/);
    assert.match(final.enhanced_error_message, /Check "Secret Key"/);
    assert.doesNotMatch(JSON.stringify(final), /sk_/);

    const nested = await sb.api.post('/api/v1/embedded/sources/check', { workspace_id: ws, source_template_id: ids.GitHub, source_config: { repositories: ['a/b'], credentials: { option_title: 'PAT Credentials', personal_access_token: 'sandbox-transient' } } }, scoped);
    const t = (await waitForCheck(sb.api, '/api/v1/embedded', nested.body.id, scoped)).final;
    assert.equal(t.failure_reason.failure_type, 'transient_error');
    assert.equal(t.failure_reason.retryable, true);

    // a template default counts too (the check sees the full config)
    await sb.api.patch(`/api/v1/integrations/templates/sources/${ids['Sample Data']}`, { partial_default_config: { seed: -1, extra: 'sandbox-fail' } }, sb.app);
    const viaDefault = await sb.api.post('/api/v1/embedded/sources/check', { workspace_id: ws, source_template_id: ids['Sample Data'], source_config: { count: 1 } }, scoped);
    assert.equal((await waitForCheck(sb.api, '/api/v1/embedded', viaDefault.body.id, scoped)).final.status, 'failed');
    await sb.api.patch(`/api/v1/integrations/templates/sources/${ids['Sample Data']}`, { partial_default_config: { seed: -1 } }, sb.app);
  });

  it('propagates a template change to existing sources only with propagate: true', async () => {
    const src = (await create(ids['Sample Data']!, { count: 3 })).body.id;
    await sb.api.patch(`/api/v1/integrations/templates/sources/${ids['Sample Data']}`, { partial_default_config: { seed: 5 } }, sb.app);
    assert.equal((await stored(src)).config.seed, -1);
    await sb.api.patch(`/api/v1/integrations/templates/sources/${ids['Sample Data']}`, { partial_default_config: { seed: 6 }, propagate: true }, sb.app);
    assert.equal((await stored(src)).config.seed, 6);
    assert.equal((await stored(src)).config.count, 3);
  });

  it('records the connection templates matching the request and the widget token', async () => {
    const ct = (await sb.api.post('/api/v1/integrations/templates/connections', { destination_name: 'EU bucket', destination_definition_id: '4816b78f-1489-44c1-9060-4b19d5fa9362', destination_config: {} }, sb.app)).body;
    await sb.api.post(`/api/v1/integrations/templates/connections/${ct.id}/tags`, { tag: 'eu' }, sb.app);
    const conns = async (id: string) => (await sb.api.get(`/__sandbox/sources/${id}/connections`)).body.data.map((c: any) => c.destination_name);
    const all = await create(ids['Sample Data']!, { count: 1 });
    assert.deepEqual(await conns(all.body.id), ['S3-embedded', 'EU bucket']);
    const eu = await create(ids['Sample Data']!, { count: 1 }, { selected_connection_template_tags: ['eu'] });
    assert.deepEqual(await conns(eu.body.id), ['EU bucket']);
    const w = (await sb.api.widgetToken(sb.app, { workspace_name: 'configs', allowed_origin: 'http://localhost:1', selected_connection_template_tags: ['eu'] })).token;
    const viaToken = await sb.api.post('/api/v1/embedded/sources', { workspace_id: ws, source_template_id: ids['Sample Data'], source_config: { count: 1 } }, w);
    assert.deepEqual(await conns(viaToken.body.id), ['EU bucket']);
  });
});
