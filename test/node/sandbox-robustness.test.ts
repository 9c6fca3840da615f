// Bad input never crashes the server; fault rules; persistence across a restart with a file
// database; the same seed gives the same ids; the CLI prints what the harness and users rely on.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { Api, start, useSandbox } from './sandbox-helpers.ts';
import { templateIdFor, ORGANIZATION_ID } from '../../sandbox/seed.ts';

describe('bad input', () => {
  const sb = useSandbox();

  it('answers malformed JSON with 400, wrong shapes with 422, other content types with 415', async () => {
    const bad = await sb.api.call('POST', '/api/v1/embedded/widget-token', { token: sb.app, raw: '{"workspace_name": "x",', headers: { 'content-type': 'application/json' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].error_code, 'json_invalid');
    for (const body of ['[]', '"text"', '42', 'null']) {
      const r = await sb.api.call('POST', '/api/v1/embedded/widget-token', { token: sb.app, raw: body, headers: { 'content-type': 'application/json' } });
      assert.equal(r.status, 422, body);
    }
    const empty = await sb.api.call('POST', '/api/v1/embedded/widget-token', { token: sb.app, headers: { 'content-type': 'application/json' } });
    assert.equal(empty.status, 422);
    assert.equal(empty.body.errors[0].error_code, 'missing');
    const form = await sb.api.call('POST', '/api/v1/embedded/widget-token', { token: sb.app, raw: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 415);
    const types = await sb.api.post('/api/v1/embedded/widget-token', { workspace_name: 5, allowed_origin: ['x'], selected_source_template_tags: 'crm' }, sb.app);
    assert.deepEqual(types.body.errors.map((e: any) => e.error_code).sort(), ['list_type', 'string_type', 'string_type']);
  });

  it('refuses bodies over 1 MiB with 413, declared or streamed', async () => {
    const big = JSON.stringify({ workspace_name: 'x'.repeat(1024 * 1024 + 10), allowed_origin: 'http://a.b' });
    const r = await sb.api.call('POST', '/api/v1/embedded/widget-token', { token: sb.app, raw: big, headers: { 'content-type': 'application/json' } });
    assert.equal(r.status, 413);
    // chunked (no Content-Length): counted while reading
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${sb.sandbox.url}/api/v1/embedded/widget-token`, { method: 'POST', headers: { authorization: `Bearer ${sb.app}`, 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      req.write('{"workspace_name": "');
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end('"}');
    });
    assert.equal(status, 413);
    assert.equal((await sb.api.get('/__sandbox/health')).status, 200);
  });

  it('refuses absurdly nested JSON with 400 instead of overflowing a recursive walk', async () => {
    const scoped = await sb.api.scopedToken(sb.app, 'deep');
    const ws = await sb.api.workspaceId(scoped);
    const tpl = await sb.api.templateId(sb.app, 'Stripe');
    const deep = '{"a":'.repeat(20000) + '1' + '}'.repeat(20000);
    const raw = `{"workspace_id":"${ws}","source_template_id":"${tpl}","source_config":{"account_id":"a","client_secret":"s","x":${deep}}}`;
    const r = await sb.api.call('POST', '/api/v1/embedded/sources/check', { token: scoped, raw, headers: { 'content-type': 'application/json' } });
    assert.equal(r.status, 400);
    assert.match(r.body.message, /nested too deeply/);
    const ok = '{"a":'.repeat(40) + '1' + '}'.repeat(40);
    const fine = await sb.api.call('POST', '/api/v1/embedded/sources/check', { token: scoped, raw: raw.replace(deep, ok), headers: { 'content-type': 'application/json' } });
    assert.equal(fine.status, 200);
  });

  it('answers unknown ids, bad ids and unknown paths with clear 4xx', async () => {
    assert.equal((await sb.api.get('/api/v1/integrations/templates/sources/not-a-uuid', sb.app)).body.errors[0].error_code, 'uuid_parsing');
    assert.equal((await sb.api.get('/api/v1/integrations/templates/connections/00000000-0000-4000-8000-000000000000', sb.app)).status, 404);
    assert.equal((await sb.api.call('PATCH', '/api/v1/workspaces', { token: sb.app, body: {} })).status, 404);
    const wrongTypes = await sb.api.get('/api/v1/integrations/templates/sources?tags_mode=1', sb.app);
    assert.equal(wrongTypes.status, 422);
  });
});

describe('fault injection', () => {
  const sb = useSandbox();

  it('injects a status with Retry-After, a given number of times, for a method + glob', async () => {
    const rule = await sb.api.post('/__sandbox/faults', { method: 'GET', path: '/api/v1/integrations/templates/*', status: 429, retryAfter: 2, times: 2 });
    assert.equal(rule.status, 200);
    for (let i = 0; i < 2; i++) {
      const r = await sb.api.get('/api/v1/integrations/templates/sources', sb.app, { origin: 'http://localhost:1' });
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after'), '2');
      assert.equal(r.headers.get('access-control-allow-origin'), 'http://localhost:1');
      assert.match(r.body.message, /Injected fault/);
    }
    assert.equal((await sb.api.get('/api/v1/integrations/templates/sources', sb.app)).status, 200);
    assert.equal((await sb.api.get('/api/v1/integrations/templates/sources/global', sb.app)).status, 200, 'one segment only');
    assert.deepEqual((await sb.api.get('/__sandbox/faults')).body.data, []);
  });

  it('matches ** across segments and ^regex; POST-only rules leave GET alone; DELETE clears', async () => {
    await sb.api.post('/__sandbox/faults', { path: '/api/v1/embedded/**', status: 503 });
    await sb.api.post('/__sandbox/faults', { method: 'POST', path: '^/api/v1/workspaces$', status: 500 });
    assert.equal((await sb.api.get('/api/v1/embedded/source-templates/x/y', sb.app)).status, 503);
    assert.equal((await sb.api.get('/api/v1/workspaces', sb.app)).status, 200);
    const list = (await sb.api.get('/__sandbox/faults')).body.data;
    assert.equal(list.length, 2);
    assert.equal(list[0].hits, 1);
    assert.equal(list[0].times, null);
    assert.deepEqual((await sb.api.del('/__sandbox/faults')).body, { cleared: 2 });
    assert.equal((await sb.api.get('/api/v1/embedded/source-templates', await sb.api.scopedToken(sb.app, 'f'))).status, 200);
  });

  it('adds latency, sends malformed bodies, drops connections', async () => {
    await sb.api.post('/__sandbox/faults', { path: '/api/v1/workspaces/stats', latencyMs: 150, times: 1 });
    const t0 = Date.now();
    const slow = await sb.api.get('/api/v1/workspaces/stats', sb.app);
    assert.equal(slow.status, 200);
    assert.ok(Date.now() - t0 >= 140);

    await sb.api.post('/__sandbox/faults', { path: '/api/v1/workspaces', malformed: true, times: 1 });
    const res = await fetch(`${sb.sandbox.url}/api/v1/workspaces`, { headers: { authorization: `Bearer ${sb.app}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    await assert.rejects(res.json(), SyntaxError);

    await sb.api.post('/__sandbox/faults', { path: '/api/v1/workspaces', drop: true, times: 1 });
    await assert.rejects(fetch(`${sb.sandbox.url}/api/v1/workspaces`, { headers: { authorization: `Bearer ${sb.app}` } }), TypeError);
    assert.equal((await sb.api.get('/api/v1/workspaces', sb.app)).status, 200);
  });

  it('rejects invalid rules and never faults /__sandbox', async () => {
    assert.equal((await sb.api.post('/__sandbox/faults', { path: '/x' })).status, 422);
    assert.equal((await sb.api.post('/__sandbox/faults', { status: 500 })).status, 422);
    assert.equal((await sb.api.post('/__sandbox/faults', { path: '/x', status: 42 })).status, 422);
    assert.equal((await sb.api.post('/__sandbox/faults', { path: '^(', status: 500 })).status, 422);
    await sb.api.post('/__sandbox/faults', { path: '/**', status: 500 });
    assert.equal((await sb.api.get('/__sandbox/health')).status, 200);
    await sb.api.del('/__sandbox/faults');
  });

  it('has no test controls without --enable-test-controls', async () => {
    const { sandbox: plain, api: p } = await start({ testControls: false });
    try {
      assert.equal((await p.post('/__sandbox/faults', { path: '/x', status: 500 })).status, 404);
      assert.equal((await p.post('/__sandbox/clock', { advance_ms: 1 })).status, 404);
      assert.equal((await p.get('/__sandbox/health')).status, 200);
    } finally {
      await plain.close();
    }
  });
});

describe('persistence and determinism', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ab-sandbox-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps state and tokens across a restart with a file database', async () => {
    const db = join(dir, 'nested', 'sandbox.db');
    const first = await start({ db });
    const app = await first.api.appToken();
    const scoped = await first.api.scopedToken(app, 'persist');
    const ws = await first.api.workspaceId(scoped);
    const tpl = await first.api.templateId(app, 'Stripe');
    const src = await first.api.post('/api/v1/embedded/sources', { workspace_id: ws, source_template_id: tpl, source_config: { account_id: 'a', client_secret: 'kept' } }, scoped);
    await first.api.post(`/api/v1/integrations/templates/sources/${tpl}/tags`, { tag: 'persisted' }, app);
    await first.sandbox.close();

    const second = await start({ db });
    try {
      assert.equal((await second.api.get('/api/v1/embedded/scoped-token/info', scoped)).body.workspace_id, ws, 'token still valid');
      const got = await second.api.get(`/api/v1/embedded/sources/${src.body.id}`, scoped);
      assert.equal(got.status, 200);
      assert.equal((await second.api.get(`/__sandbox/sources/${src.body.id}/config`)).body.source_config.client_secret, 'kept');
      assert.ok((await second.api.get(`/api/v1/integrations/templates/sources/${tpl}`, app)).body.tags.includes('persisted'));
      assert.equal((await second.api.get('/api/v1/integrations/templates/sources', app)).body.data.length, 48, 'not seeded twice');
    } finally {
      await second.sandbox.close();
    }
  });

  it('seeds the same ids every time', async () => {
    const a = await start();
    const b = await start();
    try {
      const ta = await a.api.appToken();
      const tb = await b.api.appToken();
      const la = (await a.api.get('/api/v1/integrations/templates/sources', ta)).body.data.map((t: any) => t.id);
      const lb = (await b.api.get('/api/v1/integrations/templates/sources', tb)).body.data.map((t: any) => t.id);
      assert.deepEqual(la, lb);
      assert.equal(await a.api.templateId(ta, 'Postgres'), templateIdFor('postgres'));
      assert.equal(templateIdFor('postgres'), 'c97126b8-2ae4-5164-bf76-dd354e4c514f', 'pinned: ids must not change between versions');
      assert.match(templateIdFor('postgres'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal((await a.api.get('/api/v1/embedded/scoped-token/info', await a.api.scopedToken(ta, 'x'))).body.organization_id, ORGANIZATION_ID);
    } finally {
      await a.sandbox.close();
      await b.sandbox.close();
    }
  });
});

describe('CLI', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ out: string; code: number | null; url?: string; kill: () => void }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', ...args], { cwd: new URL('../../', import.meta.url), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const done = (url?: string) => resolve({ out, code: child.exitCode, url, kill: () => child.kill('SIGTERM') });
      const onData = (b: Buffer) => {
        out += b.toString();
        const m = /ab-sandbox listening on (http:\/\/\S+)\n[\s\S]*database: .*\n/.exec(out);
        if (m) done(m[1]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', () => done());
    });

  it('prints the listening line and credentials (env overrides them), and stops on SIGTERM', async () => {
    const r = await run(['--port', '0', '--db', ':memory:', '--check-delay-ms', '10'], { AB_SANDBOX_CLIENT_ID: 'my-id', AB_SANDBOX_CLIENT_SECRET: 'my-secret' });
    try {
      assert.match(r.out, /^ab-sandbox listening on http:\/\/127\.0\.0\.1:\d+$/m);
      assert.match(r.out, /client_id: my-id/);
      assert.match(r.out, /client_secret: my-secret/);
      const api = new Api(r.url!);
      assert.deepEqual((await api.get('/__sandbox/health')).body, { ok: true });
      const t = await api.post('/api/v1/account/applications/token', { client_id: 'my-id', client_secret: 'my-secret' });
      assert.equal(t.status, 200);
    } finally {
      r.kill();
    }
  });

  it('rejects a bad flag with a usage message', async () => {
    const r = await run(['--port', 'abc']);
    assert.equal(r.code, 2);
    assert.match(r.out, /--port must be an integer/);
    assert.match(r.out, /--enable-test-controls/);
  });
});

describe('workspace-scoped faults (what the browser harness uses)', () => {
  it('applies a rule only to requests made with tokens of the named workspace; clears per workspace', async () => {
    const { sandbox, api } = await start();
    try {
      const app = await api.appToken();
      const a = await api.scopedToken(app, 'fault-a');
      const b = await api.scopedToken(app, 'fault-b');
      await api.post('/__sandbox/faults', { path: '/api/v1/embedded/source-templates', status: 500, workspace: 'fault-a' });
      await api.post('/__sandbox/faults', { path: '/api/v1/workspaces', status: 502 });
      assert.equal((await api.get('/api/v1/embedded/source-templates', a)).status, 500);
      assert.equal((await api.get('/api/v1/embedded/source-templates', b)).status, 200);
      assert.equal((await api.get('/api/v1/embedded/source-templates')).status, 401);
      assert.deepEqual((await api.del('/__sandbox/faults?workspace=fault-a')).body, { cleared: 1 });
      assert.equal((await api.get('/api/v1/embedded/source-templates', a)).status, 200);
      assert.equal((await api.get('/api/v1/workspaces', app)).status, 502, 'global rule kept');
    } finally {
      await sandbox.close();
    }
  });
});
