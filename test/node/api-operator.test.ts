// OperatorClient protocol behaviour (token caching, renewal, pagination, secrecy) against a scripted server.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { ApiError, OperatorClient } from '../../src/server/index.ts';
import { json, ORG, startServer, WS, type Handler } from './api-test-server.ts';

const SECRET = 'super-secret-client-secret-value';
const fast = { retries: 2, baseDelayMs: 5, maxDelayMs: 1000 };

describe('OperatorClient', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let issued = 0;
  let expiresIn = 900;
  let route: Handler = () => {};
  const appToken = (n: number) => `app-token-${n}-${'x'.repeat(24)}`;
  const base: Handler = (req, res, n) => {
    if (req.url === '/api/v1/account/applications/token') {
      const body = JSON.parse(req.body);
      if (body.client_id !== 'cid' || body.client_secret !== SECRET) return json(res, 401, { detail: 'bad credentials' });
      issued++;
      return json(res, 200, { access_token: appToken(issued), token_type: 'bearer', expires_in: expiresIn });
    }
    return route(req, res, n);
  };
  const make = (o: Partial<ConstructorParameters<typeof OperatorClient>[0]> = {}) =>
    new OperatorClient({ clientId: 'cid', clientSecret: SECRET, baseUrl: server.url, retry: fast, ...o });

  before(async () => {
    server = await startServer(base);
  });
  after(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    issued = 0;
    expiresIn = 900;
    route = (_req, res) => json(res, 200, { data: [] });
  });

  it('gets an application token with client credentials and caches it', async () => {
    const c = make();
    await Promise.all([c.listTemplateTags(), c.listSourceTemplates(), c.listConnectionTemplates()]);
    await c.listTemplateTags();
    assert.equal(issued, 1);
    const tokenReq = server.requests.find((r) => r.url === '/api/v1/account/applications/token')!;
    assert.deepEqual(JSON.parse(tokenReq.body), { client_id: 'cid', client_secret: SECRET });
    assert.equal(tokenReq.headers.authorization, undefined);
    for (const r of server.requests.filter((r) => r !== tokenReq)) assert.equal(r.headers.authorization, `Bearer ${appToken(1)}`);
  });

  it('renews the application token 60 s before it expires', async () => {
    expiresIn = 50; // already inside the 60 s margin
    const c = make();
    await c.listTemplateTags();
    await c.listTemplateTags();
    assert.equal(issued, 2);
    expiresIn = 900;
    await c.listTemplateTags();
    await c.listTemplateTags();
    assert.equal(issued, 3);
  });

  it('renews once on a 401 and retries the request once', async () => {
    const c = make();
    await c.getApplicationToken();
    route = (req, res) => (req.headers.authorization === `Bearer ${appToken(1)}` ? json(res, 401, {}) : json(res, 200, { data: [] }));
    assert.deepEqual(await c.listTemplateTags(), []);
    assert.equal(issued, 2);
  });

  it('bad credentials → unauthorized, and the secret never appears in the error', async () => {
    const c = new OperatorClient({ clientId: 'cid', clientSecret: 'wrong-secret-wrong-secret', baseUrl: server.url, retry: fast });
    let e: unknown;
    try {
      await c.listWorkspaces();
    } catch (err) {
      e = err;
    }
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, 'unauthorized');
    assert.ok(!JSON.stringify({ m: e.message, f: e.fieldErrors, s: e.stack }).includes('wrong-secret-wrong-secret'));
  });

  it('redacts the secret and the app token when the server echoes them', async () => {
    route = (req, res) => json(res, 400, { message: `echo ${req.headers.authorization} ${SECRET}` });
    const e = await make().createTemplateTag('x').catch((x: ApiError) => x);
    assert.ok(e instanceof ApiError);
    assert.ok(!e.message.includes(SECRET));
    assert.ok(!e.message.includes(appToken(1)));
  });

  it('sends X-Organization-Id when configured', async () => {
    await make({ organizationId: ORG }).getWorkspaceStats().catch(() => {});
    assert.ok(server.requests.every((r) => r.headers['x-organization-id'] === ORG));
  });

  it('iterates workspaces following next, always on its own base URL', async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({
      id: `${WS.slice(0, -1)}${i}`,
      name: `customer_${i}`,
      organization_id: ORG,
      status: 'active',
      created_at: '2025-01-15T10:30:00Z',
      updated_at: '2025-01-15T10:30:00Z',
    }));
    route = (req, res) => {
      const u = new URL(req.url, 'http://x');
      const offset = u.searchParams.get('cursor') ? JSON.parse(Buffer.from(u.searchParams.get('cursor')!, 'base64').toString()).offset : 0;
      const limit = Number(u.searchParams.get('limit') ?? 20);
      const data = all.slice(offset, offset + limit);
      const cursor = Buffer.from(JSON.stringify({ offset: offset + limit })).toString('base64');
      const next = offset + limit < all.length ? `https://elsewhere.example/api/v1/workspaces?limit=${limit}&cursor=${encodeURIComponent(cursor)}` : null;
      json(res, 200, { data, next });
    };
    const c = make();
    const names: string[] = [];
    for await (const w of c.iterateWorkspaces({ limit: 2, name_contains: 'customer' })) names.push(w.name);
    assert.deepEqual(names, all.map((w) => w.name));
    const pages = server.requests.filter((r) => r.url.startsWith('/api/v1/workspaces'));
    assert.equal(pages.length, 3);
    assert.ok(pages.slice(1).every((r) => r.url.includes('cursor=') && r.url.includes('name_contains=customer')));
    assert.equal((await c.listAllWorkspaces({ limit: 4 })).length, 5);
  });

  it('stops when next repeats a cursor (no endless loop)', async () => {
    route = (_req, res) => json(res, 200, { data: [], next: `${server.url}/api/v1/workspaces?cursor=same` });
    assert.deepEqual(await make().listAllWorkspaces(), []);
  });

  it('never retries writes, retries reads', async () => {
    let n = 0;
    route = (req, res) => (n++ === 0 ? json(res, 503, {}) : json(res, 200, req.method === 'GET' ? { data: [] } : { id: 'x', name: 'y', organization_id: ORG }));
    await make().listTemplateTags();
    n = 0;
    const e = await make().createTemplateTag('t').catch((x: ApiError) => x);
    assert.ok(e instanceof ApiError && e.status === 503);
  });

  it('sends the documented paths and bodies', async () => {
    route = (req, res) => {
      if (req.url.includes('cron/describe')) return json(res, 200, { description: 'At 12:00 PM', is_valid: true });
      if (req.url.includes('widget-token') || req.url.includes('scoped-token')) return json(res, 200, { token: 't' });
      if (req.method === 'DELETE' && req.url.includes('/tags/')) return json(res, 200, { deleted_at: '2025-01-01T00:00:00Z' });
      if (req.method === 'DELETE') return json(res, 200, { id: 'x', deleted_at: '2025-01-01T00:00:00Z' });
      if (req.url.includes('/templates/sources')) return json(res, 200, { id: 'x', name: 'n', source_definition_id: 'd', user_config_spec: {}, partial_default_config: {} });
      if (req.url.includes('/templates/connections')) return json(res, 200, { id: 'x', organization_id: ORG });
      if (req.url.includes('/templates/tags')) return json(res, 200, { id: 'x', name: 'n', organization_id: ORG });
      return json(res, 200, {});
    };
    const c = make();
    await c.createWidgetToken({
      workspace_name: 'customer_1',
      allowed_origin: 'https://app.example.com',
      selected_source_template_tags: ['crm'],
      selected_source_template_tags_mode: 'all',
      selected_connection_template_tags: ['s3'],
      selected_connection_template_tags_mode: 'any',
      region_id: null,
    });
    await c.createScopedToken({ workspace_name: 'customer_1' });
    await c.cloneSourceTemplate({ original_source_template_id: 'g1', name: 'Mine' });
    await c.tagSourceTemplate('t 1', 'pro tier');
    await c.untagSourceTemplate('t 1', 'pro tier');
    await c.describeCron('0 0 12 * * ?');
    await c.renameTemplateTag('old/name', 'new');
    await c.deleteConnectionTemplate('c1');
    const sent = server.requests.filter((r) => !r.url.includes('applications/token')).map((r) => `${r.method} ${r.url} ${r.body}`);
    assert.deepEqual(sent, [
      'POST /api/v1/embedded/widget-token {"workspace_name":"customer_1","allowed_origin":"https://app.example.com","selected_source_template_tags":["crm"],"selected_source_template_tags_mode":"all","selected_connection_template_tags":["s3"],"selected_connection_template_tags_mode":"any","region_id":null}',
      'POST /api/v1/embedded/scoped-token {"workspace_name":"customer_1"}',
      'POST /api/v1/integrations/templates/sources {"original_source_template_id":"g1","name":"Mine"}',
      'POST /api/v1/integrations/templates/sources/t%201/tags {"tag":"pro tier"}',
      'DELETE /api/v1/integrations/templates/sources/t%201/tags/pro%20tier ',
      'POST /api/v1/integrations/templates/connections/cron/describe {"cron_expression":"0 0 12 * * ?"}',
      'PUT /api/v1/integrations/templates/tags/old%2Fname {"name":"new"}',
      'DELETE /api/v1/integrations/templates/connections/c1 ',
    ]);
  });

  it('refuses to start without credentials', () => {
    assert.throws(() => new OperatorClient({ clientId: '', clientSecret: '' }), ApiError);
  });
});

describe('ab-elements/server entry', () => {
  it('bundles without Lit, the DOM or any element code (Node and edge runtimes)', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: ['src/server/index.ts'],
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile!.inputs);
    assert.ok(inputs.every((f) => f.startsWith('src/api/') || f.startsWith('src/server/')), inputs.join('\n'));
    const code = result.outputFiles[0]!.text;
    for (const dom of ['document.', 'window.', 'customElements', 'localStorage', 'sessionStorage', 'console.']) {
      assert.ok(!code.includes(dom), `server bundle mentions ${dom}`);
    }
  });

  it('the browser client logs nothing and stores nothing', async () => {
    const { build } = await import('esbuild');
    const result = await build({ entryPoints: ['src/api/index.ts'], bundle: true, write: false, format: 'esm', logLevel: 'silent' });
    const code = result.outputFiles[0]!.text;
    for (const sink of ['console.', 'localStorage', 'sessionStorage', 'indexedDB', 'document.cookie', 'history.']) {
      assert.ok(!code.includes(sink), `src/api mentions ${sink}`);
    }
  });

  it('the built package entry `ab-elements/server` loads in plain Node', { skip: !existsSync('dist/server/index.js') && 'dist/ not built (npm run build)' }, async () => {
    const mod = await import('ab-elements/server' as string);
    assert.equal(typeof mod.OperatorClient, 'function');
    assert.equal(typeof mod.ApiError, 'function');
    assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
  });
});
