// Protocol edge cases of the shared request core and EmbeddedClient, against a local scripted node:http
// server (the sandbox covers the happy paths over real HTTP; these cases need exact control of the answers).
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApiError,
  clearSharedClients,
  EmbeddedClient,
  getSharedClient,
  isAbortError,
  parseRetryAfter,
  type EmbeddedClientOptions,
} from '../../src/api/index.ts';
import { json, makeJwt, makeWidgetToken, ORG, startServer, WS, type Handler } from './api-test-server.ts';

const fast = { retries: 3, baseDelayMs: 5, maxDelayMs: 2_000 };
const ok: Handler = (req, res) => {
  if (req.url.startsWith('/api/v1/embedded/scoped-token/info')) return json(res, 200, { organization_id: ORG, workspace_id: WS });
  return json(res, 200, { data: [] });
};

async function rejects(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected ApiError, got ${e}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('EmbeddedClient over HTTP', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let token: string;
  const client = (o: Partial<EmbeddedClientOptions> = {}) => new EmbeddedClient({ token, baseUrl: server.url, retry: fast, ...o });

  before(async () => {
    server = await startServer(ok);
  });
  after(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.handler = ok;
    token = makeJwt({ workspaceId: WS });
    clearSharedClients();
  });

  describe('requests', () => {
    it('sends the bearer token in the Authorization header, never in the URL', async () => {
      const c = client({ token: makeWidgetToken(token) });
      await c.listSourceTemplates({ tags: ['crm', 'sales'], tagsMode: 'any' });
      const [req] = server.requests;
      assert.equal(req!.headers.authorization, `Bearer ${token}`);
      assert.equal(req!.url, '/api/v1/embedded/source-templates?tags=crm&tags=sales&tags_mode=any');
      assert.ok(!req!.url.includes(token.slice(0, 20)));
      assert.equal(req!.headers.accept, 'application/json');
    });

    it('fills workspace_id from token info (asked once) in check and create bodies', async () => {
      server.handler = (req, res) => {
        if (req.url === '/api/v1/embedded/scoped-token/info') return json(res, 200, { organization_id: ORG, workspace_id: WS });
        if (req.url === '/api/v1/embedded/sources/check') return json(res, 200, { id: 'job-1' });
        return json(res, 200, { id: 'src-1', name: 'x', source_template: {}, source_config: {} });
      };
      const c = client();
      const input = { source_template_id: 't-1', source_config: { host: 'db' }, name: 'My DB' };
      assert.deepEqual(await c.checkSource(input), { id: 'job-1' });
      await c.createSource(input);
      const infos = server.requests.filter((r) => r.url.includes('scoped-token/info'));
      assert.equal(infos.length, 1);
      const bodies = server.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body));
      assert.deepEqual(bodies[0], { ...input, workspace_id: WS });
      assert.equal(server.requests.find((r) => r.method === 'POST')!.headers['content-type'], 'application/json');
    });

    it('encodes ids in paths', async () => {
      server.handler = (_req, res) => json(res, 200, { id: 'a', deleted_at: '2025-01-01T00:00:00Z' });
      await client().deleteSource('a/../b?c');
      assert.equal(server.requests[0]!.url, '/api/v1/embedded/sources/a%2F..%2Fb%3Fc');
      assert.equal(server.requests[0]!.method, 'DELETE');
    });

    it('a non-http base URL does not throw at construction; every call rejects with a clear network error', async () => {
      for (const baseUrl of ['javascript:alert(1)', 'not a url', 'https://user:pw@api.example']) {
        const c = new EmbeddedClient({ token, baseUrl });
        const e = await rejects(c.listSourceTemplates());
        assert.equal(e.code, 'network');
        assert.match(e.message, /base URL/);
      }
      assert.equal(getSharedClient({ token, baseUrl: 'ftp://x' }).baseUrl, 'ftp://x');
    });
  });

  describe('retry policy', () => {
    for (const status of [429, 502, 503, 504]) {
      it(`retries a GET after ${status}`, async () => {
        server.handler = (req, res, n) => (n === 1 ? json(res, status, { message: 'busy' }) : ok(req, res, n));
        assert.deepEqual(await client().listSourceTemplates(), []);
        assert.equal(server.requests.length, 2);
      });
    }

    it('does not retry 500 or 4xx', async () => {
      server.handler = (_req, res) => json(res, 500, { message: 'boom' });
      const e = await rejects(client().listSourceTemplates());
      assert.equal(e.code, 'server');
      assert.equal(e.status, 500);
      assert.equal(e.message, 'boom');
      assert.equal(server.requests.length, 1);
    });

    it('gives up after the configured retries with the last error', async () => {
      server.handler = (_req, res) => json(res, 503, { message: 'down' });
      const e = await rejects(client({ retry: { ...fast, retries: 2 } }).listSourceTemplates());
      assert.equal(e.code, 'server');
      assert.equal(e.status, 503);
      assert.equal(server.requests.length, 3);
    });

    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      it(`never retries a ${method}`, async () => {
        server.handler = (req, res, n) =>
          req.url.includes('scoped-token/info') ? ok(req, res, n) : json(res, 503, { message: 'down' });
        const c = client();
        const call =
          method === 'POST'
            ? c.checkSource({ source_template_id: 't', source_config: {} })
            : method === 'PUT'
              ? c.updateSource('s', { name: 'n' })
              : c.deleteSource('s');
        const e = await rejects(call);
        assert.equal(e.status, 503);
        assert.equal(server.requests.filter((r) => r.method === method).length, 1);
      });
    }

    it('retries a GET after a network error, but not a POST', async () => {
      server.handler = (req, res, n) => {
        if (n === 1) return void res.socket?.destroy();
        return ok(req, res, n);
      };
      assert.deepEqual(await client().listSourceTemplates(), []);
      assert.equal(server.requests.length, 2);

      server.requests.length = 0;
      server.handler = (req, res) => void res.socket?.destroy();
      const c = client();
      const e = await rejects(c.updateSource('s', { name: 'x' }));
      assert.equal(e.code, 'network');
      assert.equal(server.requests.length, 1);
    });

    it('honours Retry-After in seconds', async () => {
      server.handler = (req, res, n) => (n === 1 ? json(res, 429, {}, { 'Retry-After': '1' }) : ok(req, res, n));
      const t0 = Date.now();
      await client().listSourceTemplates();
      const waited = Date.now() - t0;
      assert.ok(waited >= 950, `waited ${waited} ms`);
      assert.ok(waited < 2500, `waited ${waited} ms`);
    });

    it('honours Retry-After as an HTTP date', async () => {
      server.handler = (req, res, n) =>
        n === 1 ? json(res, 503, {}, { 'Retry-After': new Date(Date.now() + 2000).toUTCString() }) : ok(req, res, n);
      const t0 = Date.now();
      await client().listSourceTemplates();
      const waited = Date.now() - t0;
      assert.ok(waited >= 900, `waited ${waited} ms`); // the date has whole-second precision
      assert.ok(waited < 3000, `waited ${waited} ms`);
    });

    it('does not wait longer than maxDelayMs: reports rate_limited with retryAfterMs instead', async () => {
      server.handler = (_req, res) => json(res, 429, { detail: 'slow down' }, { 'Retry-After': '120' });
      const t0 = Date.now();
      const e = await rejects(client().listSourceTemplates());
      assert.ok(Date.now() - t0 < 500);
      assert.equal(e.code, 'rate_limited');
      assert.equal(e.retryAfterMs, 120_000);
      assert.equal(e.message, 'slow down');
      assert.equal(server.requests.length, 1);
    });

    it('parses Retry-After values', () => {
      assert.equal(parseRetryAfter('3'), 3000);
      assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:58 GMT')), 2000);
      assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:29:00 GMT')), 0);
      assert.equal(parseRetryAfter('soon'), undefined);
      assert.equal(parseRetryAfter(null), undefined);
    });

    it('backs off exponentially with jitter, capped', () => {
      const c = client({ retry: { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 } });
      c.http.random = () => 1;
      assert.deepEqual([0, 1, 2, 3, 4, 5].map((i) => c.http.backoff(i)), [100, 200, 400, 800, 1000, 1000]);
      c.http.random = () => 0;
      assert.deepEqual([0, 1, 2].map((i) => c.http.backoff(i)), [50, 100, 200]);
    });
  });

  describe('timeout and abort', () => {
    it('times out with code timeout', async () => {
      server.handler = () => {}; // never answers
      const t0 = Date.now();
      const e = await rejects(client({ timeoutMs: 150 }).listSourceTemplates());
      assert.equal(e.code, 'timeout');
      assert.ok(Date.now() - t0 < 1500);
      assert.ok(!isAbortError(e));
    });

    it('the timeout covers retries and backoff waits', async () => {
      server.handler = (_req, res) => json(res, 503, {}, { 'Retry-After': '1' });
      const e = await rejects(client({ timeoutMs: 300 }).listSourceTemplates());
      assert.equal(e.code, 'timeout');
    });

    it('a per-call timeoutMs overrides the client default', async () => {
      server.handler = () => {};
      const e = await rejects(client({ timeoutMs: 60_000 }).getSource('x', { timeoutMs: 100 }));
      assert.equal(e.code, 'timeout');
    });

    it('aborts an in-flight request with code aborted', async () => {
      server.handler = () => {};
      const ctrl = new AbortController();
      setTimeout(() => ctrl.abort(), 50);
      const e = await rejects(client().listSourceTemplates({}, { signal: ctrl.signal }));
      assert.equal(e.code, 'aborted');
      assert.ok(isAbortError(e));
    });

    it('aborts during a retry wait', async () => {
      server.handler = (_req, res) => json(res, 503, {}, { 'Retry-After': '1' });
      const ctrl = new AbortController();
      let abortedAt = 0;
      setTimeout(() => ((abortedAt = Date.now()), ctrl.abort()), 100);
      const e = await rejects(client().listSourceTemplates({}, { signal: ctrl.signal }));
      assert.equal(e.code, 'aborted');
      // Measured from the abort (not from the start), so a slow first exchange on a loaded machine cannot fail it:
      // the 1 s Retry-After wait must end at the abort, not run out.
      assert.ok(Date.now() - abortedAt < 500, `settled ${Date.now() - abortedAt} ms after the abort`);
      assert.equal(server.requests.length, 1);
    });

    it('does not send anything when the signal is already aborted', async () => {
      const e = await rejects(client().getSource('x', { signal: AbortSignal.abort() }));
      assert.equal(e.code, 'aborted');
      assert.equal(server.requests.length, 0);
    });

    it('isAbortError recognises DOM AbortErrors too', () => {
      assert.ok(isAbortError(new DOMException('x', 'AbortError')));
      assert.ok(!isAbortError(new Error('x')));
      assert.ok(!isAbortError(new ApiError('timeout', 'x')));
    });
  });

  describe('error bodies', () => {
    it('reads {message, errors[]} (the spec shape)', async () => {
      server.handler = (_req, res) =>
        json(res, 422, {
          message: 'Invalid source configuration',
          errors: [
            { field: 'host', message: 'Field required', error_code: 'missing' },
            { field: null, message: null, error_code: 'bad_combo' },
          ],
        });
      const e = await rejects(client().updateSource('s', { source_config: {} }));
      assert.equal(e.code, 'validation');
      assert.equal(e.status, 422);
      assert.equal(e.message, 'Invalid source configuration');
      assert.deepEqual(e.fieldErrors, [
        { field: 'host', message: 'Field required' },
        { field: null, message: 'bad_combo' },
      ]);
    });

    it('reads {detail: string} (FastAPI)', async () => {
      server.handler = (_req, res) => json(res, 404, { detail: 'Workspace not found' });
      const e = await rejects(client().getSource('x'));
      assert.equal(e.code, 'not_found');
      assert.equal(e.message, 'Workspace not found');
    });

    it('reads {detail: [{loc, msg, type}]} (FastAPI validation)', async () => {
      server.handler = (_req, res) =>
        json(res, 422, {
          detail: [
            { loc: ['body', 'source_config', 'port'], msg: 'value is not a valid integer', type: 'type_error.integer' },
            { loc: ['body'], msg: 'bad body', type: 'x' },
          ],
        });
      const e = await rejects(client().updateSource('s', {}));
      assert.equal(e.code, 'validation');
      assert.deepEqual(e.fieldErrors, [
        { field: 'source_config.port', message: 'value is not a valid integer' },
        { field: 'body', message: 'bad body' },
      ]);
      assert.equal(e.message, 'source_config.port: value is not a valid integer');
    });

    it('maps statuses to codes', async () => {
      const cases: [number, string][] = [
        [400, 'validation'],
        [401, 'unauthorized'],
        [403, 'forbidden'],
        [404, 'not_found'],
        [409, 'validation'],
        [422, 'validation'],
        [500, 'server'],
        [418, 'server'],
      ];
      for (const [status, code] of cases) {
        server.handler = (_req, res) => json(res, status, {});
        const e = await rejects(client().getSource('x'));
        assert.equal(e.code, code, `HTTP ${status}`);
        assert.equal(e.status, status);
        assert.match(e.message, new RegExp(`HTTP ${status}`));
      }
    });

    it('a non-JSON 2xx body is malformed_response, not an exception', async () => {
      server.handler = (_req, res) => void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>');
      const e = await rejects(client().getSource('x'));
      assert.equal(e.code, 'malformed_response');
      assert.equal(e.status, 200);
    });

    it('a 2xx JSON body of the wrong shape is malformed_response', async () => {
      server.handler = (_req, res) => json(res, 200, { items: [] });
      assert.equal((await rejects(client().listSourceTemplates())).code, 'malformed_response');
      server.handler = (_req, res) => json(res, 200, [1, 2]);
      assert.equal((await rejects(client().getSourceTemplate('t'))).code, 'malformed_response');
      server.handler = (_req, res) => json(res, 200, { id: 'j' }); // no status
      assert.equal((await rejects(client().getCheckStatus('j'))).code, 'malformed_response');
    });

    it('a non-JSON error body keeps the status code and a generic message', async () => {
      server.handler = (_req, res) => void res.writeHead(500, { 'Content-Type': 'text/html' }).end('<h1>Internal</h1>');
      const e = await rejects(client().getSource('x'));
      assert.equal(e.code, 'server');
      assert.equal(e.message, 'The server had a problem. (HTTP 500)');
    });
  });

  describe('token lifecycle', () => {
    const authGate =
      (valid: () => string): Handler =>
      (req, res, n) =>
        req.headers.authorization === `Bearer ${valid()}` ? ok(req, res, n) : json(res, 401, { detail: 'Invalid authentication credentials' });

    it('401 → asks the provider once → retries once with the new token', async () => {
      const fresh = makeJwt({ workspaceId: WS });
      server.handler = authGate(() => fresh);
      let calls = 0;
      const c = client({ tokenProvider: async () => (calls++, makeWidgetToken(fresh)) });
      assert.deepEqual(await c.listSourceTemplates(), []);
      assert.equal(calls, 1);
      assert.deepEqual(
        server.requests.map((r) => r.headers.authorization),
        [`Bearer ${token}`, `Bearer ${fresh}`],
      );
    });

    it('a POST rejected with 401 is resent once after the refresh (it was not executed)', async () => {
      const fresh = makeJwt({ workspaceId: WS });
      server.handler = (req, res, n) =>
        req.headers.authorization !== `Bearer ${fresh}`
          ? json(res, 401, {})
          : req.method === 'PUT'
            ? json(res, 200, { id: 's', name: 'n', source_template: {}, source_config: {} })
            : ok(req, res, n);
      const c = client({ tokenProvider: async () => fresh });
      await c.updateSource('s', { name: 'n' });
      assert.equal(server.requests.filter((r) => r.method === 'PUT').length, 2);
    });

    it('a second 401 after the refresh surfaces as unauthorized (no loop)', async () => {
      server.handler = (_req, res) => json(res, 401, { detail: 'Invalid authentication credentials' });
      let calls = 0;
      const c = client({ tokenProvider: async () => (calls++, makeJwt()) });
      const e = await rejects(c.getSource('x'));
      assert.equal(e.code, 'unauthorized');
      assert.equal(calls, 1);
      assert.equal(server.requests.length, 2);
    });

    it('without a provider a 401 is unauthorized right away', async () => {
      server.handler = (_req, res) => json(res, 401, { detail: 'Token expired' });
      const e = await rejects(client().getSource('x'));
      assert.equal(e.code, 'unauthorized');
      assert.equal(e.status, 401);
      assert.equal(server.requests.length, 1);
    });

    it('concurrent requests that hit 401 share one refresh', async () => {
      const fresh = makeJwt({ workspaceId: WS });
      server.handler = authGate(() => fresh);
      let calls = 0;
      const c = client({
        tokenProvider: async () => {
          calls++;
          await new Promise((r) => setTimeout(r, 30));
          return fresh;
        },
      });
      await Promise.all([c.listSourceTemplates(), c.listSourceTemplates({ tags: ['a'] }), c.getTokenInfo()]);
      assert.equal(calls, 1);
    });

    it('refreshes before sending when the token expires within a minute', async () => {
      token = makeJwt({ exp: Math.floor(Date.now() / 1000) + 30 });
      const fresh = makeJwt();
      server.handler = authGate(() => fresh);
      let calls = 0;
      const c = client({ tokenProvider: async () => (calls++, fresh) });
      await Promise.all([c.listSourceTemplates(), c.listSourceTemplates()]);
      assert.equal(calls, 1);
      assert.ok(server.requests.every((r) => r.headers.authorization === `Bearer ${fresh}`), 'no request used the old token');
      assert.ok(c.expiresAt! > Date.now() + 60_000);
    });

    it('a provider that fails turns a 401 into unauthorized with a clear message', async () => {
      server.handler = (_req, res) => json(res, 401, {});
      const c = client({ tokenProvider: async () => Promise.reject(new Error('host is down')) });
      const e = await rejects(c.getSource('x'));
      assert.equal(e.code, 'unauthorized');
      assert.match(e.message, /could not be obtained/);
    });

    it('an invalid token rejects every call with invalid_token and sends nothing', async () => {
      const c = new EmbeddedClient({ token: 'nonsense', baseUrl: server.url });
      assert.ok(c.expired);
      const e = await rejects(c.listSourceTemplates());
      assert.equal(e.code, 'invalid_token');
      assert.equal(server.requests.length, 0);
    });

    it('an invalid token with a provider asks the provider before the first request', async () => {
      const fresh = makeJwt({ workspaceId: WS });
      server.handler = authGate(() => fresh);
      let calls = 0;
      const c = new EmbeddedClient({ token: 'nonsense', baseUrl: server.url, tokenProvider: async () => (calls++, fresh) });
      assert.deepEqual(await c.listSourceTemplates(), []);
      assert.equal(calls, 1);
      assert.equal(server.requests.length, 1);
    });

    it('never puts the token in an error message, even when the server echoes it', async () => {
      server.handler = (req, res) =>
        json(res, 422, {
          message: `bad token ${req.headers.authorization}`,
          errors: [{ field: 'x', message: `got ${req.headers.authorization?.slice(7)}` }],
        });
      const e = await rejects(client().updateSource('s', {}));
      assert.ok(!e.message.includes(token), e.message);
      assert.ok(!JSON.stringify(e.fieldErrors).includes(token));
      assert.match(e.message, /\[redacted\]/);
      for (const r of server.requests) assert.ok(!r.url.includes(token));
    });

    it('no token in any error of the suite-wide failure modes', async () => {
      const c = client({ timeoutMs: 100 });
      const errors: ApiError[] = [];
      for (const h of [
        () => {},
        (_r: unknown, res: import('node:http').ServerResponse) => void res.socket?.destroy(),
        (_r: unknown, res: import('node:http').ServerResponse) => res.writeHead(200).end('nope'),
        (_r: unknown, res: import('node:http').ServerResponse) => json(res, 401, {}),
      ] as Handler[]) {
        server.handler = h;
        errors.push(await rejects(c.updateSource('s', {})));
      }
      assert.deepEqual(errors.map((e) => e.code), ['timeout', 'network', 'malformed_response', 'unauthorized']);
      for (const e of errors) {
        assert.ok(!`${e.message} ${e.stack} ${JSON.stringify(e)}`.includes(token));
      }
    });
  });

  describe('shared client', () => {
    it('one client per token + base URL', () => {
      const a = getSharedClient({ token, baseUrl: server.url });
      assert.equal(getSharedClient({ token, baseUrl: server.url + '/' }), a);
      assert.notEqual(getSharedClient({ token: makeJwt(), baseUrl: server.url }), a);
      assert.notEqual(getSharedClient({ token, baseUrl: 'https://other.test' }), a);
      assert.equal(getSharedClient({ token }).baseUrl, 'https://api.airbyte.ai');
    });

    it('shares one token-info call between elements', async () => {
      const a = getSharedClient({ token, baseUrl: server.url });
      const b = getSharedClient({ token, baseUrl: server.url });
      const [x, y] = await Promise.all([a.getWorkspaceId(), b.getWorkspaceId()]);
      assert.equal(x, WS);
      assert.equal(y, WS);
      await a.getTokenInfo();
      assert.equal(server.requests.length, 1);
    });

    it('a later tokenProvider is attached to the existing client', () => {
      const a = getSharedClient({ token, baseUrl: server.url });
      const provider = async () => token;
      assert.equal(getSharedClient({ token, baseUrl: server.url, tokenProvider: provider }).tokenProvider, provider);
      assert.equal(a.tokenProvider, provider);
    });

    it('an aborted caller does not cancel the shared token-info call for others', async () => {
      server.handler = async (req, res, n) => {
        await new Promise((r) => setTimeout(r, 80));
        ok(req, res, n);
      };
      const c = getSharedClient({ token, baseUrl: server.url });
      const ctrl = new AbortController();
      const first = c.getWorkspaceId({ signal: ctrl.signal });
      const second = c.getWorkspaceId();
      ctrl.abort();
      assert.equal((await rejects(first)).code, 'aborted');
      assert.equal(await second, WS);
    });

    it('a failed token-info call is not cached', async () => {
      server.handler = (req, res, n) => (n === 1 ? json(res, 500, {}) : ok(req, res, n));
      const c = client();
      await rejects(c.getTokenInfo());
      assert.equal((await c.getTokenInfo()).workspace_id, WS);
    });
  });

  describe('waitForCheck', () => {
    it('polls with backoff until a terminal status and reports each one', async () => {
      const seq = ['pending', 'running', 'running', 'succeeded'];
      server.handler = (_req, res, n) => json(res, 200, { id: 'job', status: seq[Math.min(n - 1, seq.length - 1)] });
      const seen: string[] = [];
      const t0 = Date.now();
      const final = await client().waitForCheck('job', { onStatus: (s) => seen.push(s.status), initialDelayMs: 20, maxDelayMs: 40 });
      assert.equal(final.status, 'succeeded');
      assert.deepEqual(seen, seq);
      assert.ok(Date.now() - t0 >= 20 + 32 + 40 - 10);
      assert.ok(server.requests.every((r) => r.url === '/api/v1/embedded/sources/check/job/status'));
    });

    it('resolves (does not reject) with a failed check', async () => {
      server.handler = (_req, res) =>
        json(res, 200, { id: 'job', status: 'failed', error_message: 'Invalid API key', enhanced_error_message: 'Check the key.' });
      const s = await client().waitForCheck('job');
      assert.equal(s.status, 'failed');
      assert.equal(s.enhanced_error_message, 'Check the key.');
    });

    it('stops polling when the signal aborts', async () => {
      server.handler = (_req, res) => json(res, 200, { id: 'job', status: 'running' });
      const ctrl = new AbortController();
      setTimeout(() => ctrl.abort(), 120);
      const e = await rejects(client().waitForCheck('job', { signal: ctrl.signal, initialDelayMs: 30, maxDelayMs: 30 }));
      assert.equal(e.code, 'aborted');
      // A poll already on the wire when the abort fired may still reach the server: let it land, then count.
      await new Promise((r) => setTimeout(r, 50));
      const n = server.requests.length;
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(server.requests.length, n, 'no polling after abort');
    });

    it('gives up with timeout after maxWaitMs', async () => {
      server.handler = (_req, res) => json(res, 200, { id: 'job', status: 'pending' });
      const e = await rejects(client().waitForCheck('job', { initialDelayMs: 20, maxDelayMs: 20, maxWaitMs: 100 }));
      assert.equal(e.code, 'timeout');
    });
  });
});
