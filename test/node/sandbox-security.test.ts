// Tokens, expiry, token kinds, workspace isolation, X-Organization-Id and CORS.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sleep, start, useSandbox } from './sandbox-helpers.ts';
import { signJwt } from '../../sandbox/jwt.ts';

const ORIGIN = 'http://localhost:8000';
const OTHER = 'http://evil.example';
const NIL = '00000000-0000-4000-8000-000000000000';

describe('sandbox security', () => {
  const sb = useSandbox();

  it('answers 401 for a missing, malformed, tampered, foreign or unknown token', async () => {
    const scoped = await sb.api.scopedToken(sb.app, 'sec-401');
    const [h, p, s] = scoped.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const cases: Record<string, string | undefined> = {
      missing: undefined,
      garbage: 'not-a-jwt',
      tampered: `${h}.${Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 9999 })).toString('base64url')}.${s}`,
      'bad signature': `${h}.${p}.${s.slice(0, -4)}AAAA`,
      'other secret': signJwt(claims, 'some-other-secret'),
      'unknown jti': signJwt({ ...claims, jti: NIL }, sb.sandbox.context.secret),
      'alg none': `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`,
    };
    for (const [name, token] of Object.entries(cases)) {
      const r = await sb.api.get('/api/v1/embedded/scoped-token/info', token);
      assert.equal(r.status, 401, name);
      assert.equal(r.headers.get('www-authenticate'), 'Bearer', name);
    }
    const basic = await sb.api.get('/api/v1/embedded/scoped-token/info', undefined, { authorization: 'Basic abc' });
    assert.equal(basic.status, 401);
    assert.equal((await sb.api.get('/api/v1/embedded/scoped-token/info', scoped)).status, 200);
  });

  it('expires every token kind (sandbox clock)', async () => {
    const scoped = await sb.api.scopedToken(sb.app, 'sec-exp');
    const app2 = await sb.api.appToken();
    await sb.api.post('/__sandbox/clock', { advance_ms: 901_000 });
    try {
      const a = await sb.api.get('/api/v1/workspaces', app2);
      assert.equal(a.status, 401);
      assert.equal(a.body.message, 'Token expired');
      assert.equal((await sb.api.get('/api/v1/embedded/scoped-token/info', scoped)).status, 200); // 1200 s
      await sb.api.post('/__sandbox/clock', { advance_ms: 300_000 });
      assert.equal((await sb.api.get('/api/v1/embedded/scoped-token/info', scoped)).status, 401);
    } finally {
      await sb.api.post('/__sandbox/clock', { offset_ms: 0 });
    }
    sb.app = await sb.api.appToken();
  });

  it('expires tokens after --token-ttl seconds (real time)', async () => {
    const { sandbox: short, api: a } = await start({ tokenTtl: 1 });
    try {
      const t = await a.post('/api/v1/account/applications/token', { client_id: 'sandbox-client', client_secret: 'sandbox-secret' });
      assert.equal(t.body.expires_in, 1);
      const scoped = await a.scopedToken(t.body.access_token, 'ttl');
      assert.equal((await a.get('/api/v1/embedded/scoped-token/info', scoped)).status, 200);
      await sleep(1100);
      assert.equal((await a.get('/api/v1/embedded/scoped-token/info', scoped)).status, 401);
      assert.equal((await a.get('/api/v1/workspaces', t.body.access_token)).status, 401);
    } finally {
      await short.close();
    }
  });

  it('answers 403 for the wrong kind of token', async () => {
    const scoped = await sb.api.scopedToken(sb.app, 'sec-kind');
    const ws = await sb.api.workspaceId(scoped);
    for (const [m, path] of [
      ['GET', '/api/v1/workspaces'], ['GET', `/api/v1/workspaces/${ws}`], ['GET', '/api/v1/workspaces/stats'],
      ['GET', '/api/v1/integrations/definitions/sources'], ['GET', '/api/v1/integrations/templates/sources'],
      ['GET', '/api/v1/integrations/templates/connections'], ['GET', '/api/v1/integrations/templates/tags'],
      ['GET', `/api/v1/integrations/sources?workspace_id=${ws}`], ['POST', '/api/v1/embedded/scoped-token'], ['POST', '/api/v1/embedded/widget-token'],
    ] as const) {
      const r = await sb.api.call(m, path, { token: scoped, body: m === 'POST' ? { workspace_name: 'x', allowed_origin: ORIGIN } : undefined });
      assert.equal(r.status, 403, `${m} ${path}`);
      assert.match(r.body.message, /requires an application/);
    }
    const info = await sb.api.get('/api/v1/embedded/scoped-token/info', sb.app);
    assert.equal(info.status, 403);
    assert.match(info.body.message, /requires a scoped token/);
  });

  it("isolates workspaces: A's token gets 403 on every B resource, 404 on unknown ones", async () => {
    const a = await sb.api.scopedToken(sb.app, 'iso-a');
    const b = await sb.api.scopedToken(sb.app, 'iso-b');
    const wa = await sb.api.workspaceId(a);
    const wb = await sb.api.workspaceId(b);
    const tpl = await sb.api.templateId(sb.app, 'PokeAPI');
    const body = (ws: string) => ({ workspace_id: ws, source_template_id: tpl, source_config: { pokemon_name: 'ditto' } });
    const srcB = (await sb.api.post('/api/v1/embedded/sources', body(wb), b)).body;
    const chkB = (await sb.api.post('/api/v1/embedded/sources/check', body(wb), b)).body;
    const forbidden = [
      ['GET', `/api/v1/embedded/sources/${srcB.id}`], ['PUT', `/api/v1/embedded/sources/${srcB.id}`], ['DELETE', `/api/v1/embedded/sources/${srcB.id}`],
      ['POST', `/api/v1/embedded/sources/${srcB.id}/check`], ['GET', `/api/v1/embedded/sources/check/${chkB.id}/status`],
      ['GET', `/api/v1/embedded/sources?workspace_id=${wb}`], ['POST', '/api/v1/embedded/sources'], ['POST', '/api/v1/embedded/sources/check'],
    ] as const;
    for (const [m, path] of forbidden) {
      const r = await sb.api.call(m, path, { token: a, body: m === 'POST' || m === 'PUT' ? (path.endsWith('/check') && path.includes(srcB.id) ? {} : m === 'PUT' ? { name: 'x' } : body(wb)) : undefined });
      assert.equal(r.status, 403, `${m} ${path}`);
      assert.equal(r.body.message, 'Scoped token trying to access resources in different workspace');
    }
    assert.deepEqual((await sb.api.get(`/api/v1/embedded/sources?workspace_id=${wa}`, a)).body.data, []);
    assert.equal((await sb.api.get(`/api/v1/embedded/sources/${srcB.id}`, b)).status, 200, 'B still has it');
    for (const path of [`/api/v1/embedded/sources/${NIL}`, `/api/v1/embedded/sources/check/${NIL}/status`, `/api/v1/embedded/source-templates/${NIL}`]) {
      assert.equal((await sb.api.get(path, a)).status, 404, path);
    }
    assert.equal((await sb.api.post('/api/v1/embedded/sources', { ...body(wa), source_template_id: NIL }, a)).status, 404);
    // operators reach every workspace of their organization, but a workspace id must exist
    assert.equal((await sb.api.get(`/api/v1/integrations/sources/${srcB.id}`, sb.app)).status, 200);
    assert.equal((await sb.api.get(`/api/v1/integrations/sources?workspace_id=${NIL}`, sb.app)).status, 404);
  });

  it('revokes the tokens of a deleted workspace', async () => {
    const t = await sb.api.scopedToken(sb.app, 'sec-deleted');
    const ws = await sb.api.workspaceId(t);
    await sb.api.del(`/api/v1/workspaces/${ws}`, sb.app);
    const r = await sb.api.get('/api/v1/embedded/scoped-token/info', t);
    assert.equal(r.status, 401);
  });

  it('honours X-Organization-Id', async () => {
    const org = sb.sandbox.context.organizationId;
    assert.equal((await sb.api.get('/api/v1/workspaces', sb.app, { 'x-organization-id': org })).status, 200);
    assert.equal((await sb.api.get('/api/v1/workspaces', sb.app, { 'x-organization-id': org.toUpperCase() })).status, 200);
    const other = await sb.api.get('/api/v1/workspaces', sb.app, { 'x-organization-id': NIL });
    assert.equal(other.status, 403);
    const creds = { client_id: 'sandbox-client', client_secret: 'sandbox-secret' };
    assert.equal((await sb.api.post('/api/v1/account/applications/token', creds, undefined, { 'x-organization-id': org })).status, 200);
    assert.equal((await sb.api.post('/api/v1/account/applications/token', creds, undefined, { 'x-organization-id': NIL })).status, 403);
    assert.equal((await sb.api.post('/api/v1/account/applications/token', creds, undefined, { 'x-organization-id': 'acme' })).status, 400);
    const bad = await sb.api.get('/api/v1/workspaces', sb.app, { 'x-organization-id': 'acme' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].field, 'x-organization-id');
  });

  describe('CORS', () => {
    let widget: string;
    let scoped: string;
    before(async () => {
      widget = (await sb.api.widgetToken(sb.app, { workspace_name: 'cors', allowed_origin: ORIGIN })).token;
      scoped = await sb.api.scopedToken(sb.app, 'cors');
    });

    it('answers preflights for Authorization, Content-Type and X-Organization-Id', async () => {
      for (const origin of [ORIGIN, OTHER]) {
        const r = await fetch(`${sb.sandbox.url}/api/v1/embedded/sources/check`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-organization-id' },
        });
        assert.equal(r.status, 204);
        assert.equal(r.headers.get('access-control-allow-origin'), origin);
        assert.equal(r.headers.get('access-control-allow-headers'), 'Authorization, Content-Type, X-Organization-Id');
        assert.match(r.headers.get('access-control-allow-methods')!, /PUT/);
      }
    });

    it('lets a widget token through only from its allowed origin (or from no origin)', async () => {
      const ok = await sb.api.get('/api/v1/embedded/source-templates', widget, { origin: ORIGIN });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
      assert.match(ok.headers.get('access-control-expose-headers')!, /Retry-After/);
      assert.match(ok.headers.get('vary')!, /Origin/);
      const bad = await sb.api.get('/api/v1/embedded/source-templates', widget, { origin: OTHER });
      assert.equal(bad.status, 403);
      assert.equal(bad.headers.get('access-control-allow-origin'), null);
      const server = await sb.api.get('/api/v1/embedded/source-templates', widget);
      assert.equal(server.status, 200);
      assert.equal(server.headers.get('access-control-allow-origin'), null);
    });

    it('lets scoped tokens through from any origin; errors stay readable', async () => {
      const r = await sb.api.get('/api/v1/embedded/scoped-token/info', scoped, { origin: OTHER });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('access-control-allow-origin'), OTHER);
      const unauth = await sb.api.get('/api/v1/embedded/scoped-token/info', 'garbage', { origin: OTHER });
      assert.equal(unauth.status, 401);
      assert.equal(unauth.headers.get('access-control-allow-origin'), OTHER);
    });

    it('restricts non-widget tokens to --cors-origins', async () => {
      const { sandbox: s2, api: a2 } = await start({ corsOrigins: ['http://listed.example'] });
      try {
        const app2 = await a2.appToken();
        const sc = await a2.scopedToken(app2, 'cors2');
        const w = (await a2.widgetToken(app2, { workspace_name: 'cors2', allowed_origin: ORIGIN })).token;
        const listed = await a2.get('/api/v1/embedded/scoped-token/info', sc, { origin: 'http://listed.example' });
        assert.equal(listed.status, 200);
        assert.equal(listed.headers.get('access-control-allow-origin'), 'http://listed.example');
        const unlisted = await a2.get('/api/v1/embedded/scoped-token/info', sc, { origin: OTHER });
        assert.equal(unlisted.status, 403);
        assert.equal(unlisted.headers.get('access-control-allow-origin'), null);
        const wOk = await a2.get('/api/v1/embedded/scoped-token/info', w, { origin: ORIGIN });
        assert.equal(wOk.status, 200);
        assert.equal(wOk.headers.get('access-control-allow-origin'), ORIGIN);
        const pre = (origin: string) => fetch(`${s2.url}/api/v1/embedded/scoped-token/info`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
        assert.equal((await pre(OTHER)).status, 403);
        assert.equal((await pre(ORIGIN)).status, 204);
        assert.equal((await pre('http://listed.example')).status, 204);
      } finally {
        await s2.close();
      }
    });
  });
});
