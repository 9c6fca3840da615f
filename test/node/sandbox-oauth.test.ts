// The sandbox's OAuth calls and stand-in consent page, over real HTTP (responses checked against the
// OpenAPI subset by the shared Api helper).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { useSandbox, type SandboxHolder } from './sandbox-helpers.ts';
import { EmbeddedClient } from '../../src/api/client.ts';
import { ApiError } from '../../src/api/errors.ts';
import { completeSourceOAuth, getEmbeddedConsentUrl, revokeSourceOAuth } from '../../src/api/oauth.ts';

const BASE = '/api/v1/internal/oauth/sources';
const REDIRECT = 'https://app.example.com/oauth-callback.html?from=form';

// Set up by the suite's hooks below (at top level, Node 20 runs `before` hooks at once, not in order).
let sb: SandboxHolder;
let scoped: string;
let workspace: string;
let otherScoped: string;
let otherWorkspace: string;
const defs: Record<string, string> = {};

const definitionId = async (slug: string) => {
  if (!defs[slug]) {
    const r = await sb.api.get(`/api/v1/embedded/source-templates/${(await sb.api.templateId(sb.app, nameOf(slug)))}`, scoped);
    assert.equal(r.status, 200, r.text);
    defs[slug] = r.body.source_definition_id;
  }
  return defs[slug]!;
};
const NAMES: Record<string, string> = { hubspot: 'HubSpot', 'zendesk-support': 'Zendesk Support', postgres: 'Postgres', salesforce: 'Salesforce' };
const nameOf = (slug: string) => NAMES[slug] ?? slug;

async function consent(slug = 'hubspot', extra: Record<string, unknown> = {}, token = scoped, ws = workspace) {
  const r = await sb.api.post(`${BASE}/get_embedded_consent_url`, { workspace_id: ws, source_definition_id: await definitionId(slug), redirect_url: REDIRECT, ...extra }, token);
  assert.equal(r.status, 200, r.text);
  return new URL(r.body.consent_url);
}

/** Loads the consent page and submits its form with `decision`, returning the redirect target. */
async function answer(url: URL, decision: 'approve' | 'deny') {
  const page = await fetch(url);
  assert.equal(page.status, 200);
  const html = await page.text();
  const state = /name="state" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(state, 'the consent page carries the state in its form');
  const res = await fetch(new URL('/oauth/consent', url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ state, decision }),
  });
  assert.equal(res.status, 303);
  return new URL(res.headers.get('location')!);
}

const queryOf = (u: URL) => Object.fromEntries(u.searchParams);

async function complete(slug: string, query: Record<string, string>, extra: Record<string, unknown> = {}, token = scoped, ws = workspace) {
  return sb.api.post(
    `${BASE}/complete`,
    { workspace_id: ws, source_definition_id: await definitionId(slug), redirect_url: REDIRECT, o_auth_input_configuration: {}, query_params: query, ...extra },
    token,
  );
}

describe('sandbox OAuth', () => {
  sb = useSandbox();
  before(async () => {
    scoped = await sb.api.scopedToken(sb.app, 'oauth-tests');
    workspace = await sb.api.workspaceId(scoped);
    otherScoped = await sb.api.scopedToken(sb.app, 'oauth-other');
    otherWorkspace = await sb.api.workspaceId(otherScoped);
  });

  it('gives a consent URL on the sandbox with a server-made state and the provider parameters', async () => {
    const url = await consent();
    assert.equal(url.origin, sb.sandbox.url);
    assert.equal(url.pathname, '/oauth/consent');
    assert.equal(url.searchParams.get('redirect_uri'), REDIRECT);
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.match(url.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{32,}$/);
    const again = await consent();
    assert.notEqual(again.searchParams.get('state'), url.searchParams.get('state'));
  });

  it('serves a consent page naming connector, workspace and access, with Approve and Deny, escaped, under a strict CSP', async () => {
    const url = await consent('zendesk-support', { oauth_input_configuration: { subdomain: '<script>alert(1)</script>' } });
    const res = await fetch(url);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /form-action 'self' https:\/\/app\.example\.com/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    const html = await res.text();
    assert.match(html, /Sign in to Zendesk Support/);
    assert.match(html, /oauth-tests/);
    assert.match(html, /Requested access/);
    assert.match(html, />Approve</);
    assert.match(html, />Deny</);
    assert.ok(!html.includes('<script>alert(1)</script>'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  it('Approve → code + state at redirect_url (its own query kept); complete → the flat payload, once', async () => {
    const url = await consent();
    const back = await answer(url, 'approve');
    assert.equal(back.origin + back.pathname, 'https://app.example.com/oauth-callback.html');
    const q = queryOf(back);
    assert.equal(q.from, 'form');
    assert.equal(q.state, url.searchParams.get('state'));
    assert.ok(q.code);
    // the client sends the consent URL's query merged with the callback's
    const r = await complete('hubspot', { ...queryOf(url), ...q });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.request_succeeded, true);
    assert.equal(r.body.request_error, null);
    assert.deepEqual(Object.keys(r.body.auth_payload).sort(), ['client_id', 'client_secret', 'refresh_token']);
    assert.match(r.body.auth_payload.refresh_token, /^sandbox-refresh-token-/);
    assert.equal(r.body.auth_payload.client_id, 'sandbox-hubspot-client-id');

    const reused = await complete('hubspot', q);
    assert.equal(reused.status, 200);
    assert.equal(reused.body.request_succeeded, false);
    assert.match(reused.body.request_error, /already used/);
  });

  it('the consent link answers once', async () => {
    const url = await consent();
    await answer(url, 'deny');
    const res = await fetch(url);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /already answered/);
  });

  it('Deny → error=access_denied with a description and the state; no code', async () => {
    const url = await consent();
    const q = queryOf(await answer(url, 'deny'));
    assert.equal(q.error, 'access_denied');
    assert.ok(q.error_description);
    assert.equal(q.state, url.searchParams.get('state'));
    assert.equal(q.code, undefined);
  });

  it('refuses a wrong redirect_url, another connector, a wrong state and an unknown code', async () => {
    const url = await consent();
    const q = queryOf(await answer(url, 'approve'));
    const wrongRedirect = await complete('hubspot', q, { redirect_url: 'https://app.example.com/elsewhere' });
    assert.equal(wrongRedirect.body.request_succeeded, false);
    assert.match(wrongRedirect.body.request_error, /redirect_url/);
    const wrongDef = await complete('salesforce', q);
    assert.match(wrongDef.body.request_error, /another connector/);
    const wrongState = await complete('hubspot', { ...q, state: 'forged' });
    assert.match(wrongState.body.request_error, /state/);
    const unknown = await complete('hubspot', { code: 'made-up', state: q.state! });
    assert.match(unknown.body.request_error, /unknown authorization code/);
    const none = await complete('hubspot', { state: q.state! });
    assert.equal(none.body.request_succeeded, false);
    // the refusals above did not burn the code
    const ok = await complete('hubspot', q);
    assert.equal(ok.body.request_succeeded, true, ok.text);
  });

  it('keeps workspaces apart: 403 for another workspace id, refusal for a code of another workspace', async () => {
    const forbidden = await sb.api.post(
      `${BASE}/get_embedded_consent_url`,
      { workspace_id: otherWorkspace, source_definition_id: await definitionId('hubspot'), redirect_url: REDIRECT },
      scoped,
    );
    assert.equal(forbidden.status, 403);
    const q = queryOf(await answer(await consent(), 'approve'));
    const cross = await complete('hubspot', q, {}, otherScoped, otherWorkspace);
    assert.equal(cross.body.request_succeeded, false);
    assert.match(cross.body.request_error, /another workspace/);
    const forbiddenComplete = await complete('hubspot', q, {}, scoped, otherWorkspace);
    assert.equal(forbiddenComplete.status, 403);
    const noToken = await sb.api.post(`${BASE}/complete`, { workspace_id: workspace }, undefined);
    assert.equal(noToken.status, 401);
  });

  it('codes expire (sandbox clock)', async () => {
    const q = queryOf(await answer(await consent(), 'approve'));
    const adv = await sb.api.post('/__sandbox/clock', { advance_ms: 5 * 60_000 + 1 });
    assert.equal(adv.status, 200);
    try {
      const r = await complete('hubspot', q);
      assert.equal(r.body.request_succeeded, false);
      assert.match(r.body.request_error, /expired/);
    } finally {
      await sb.api.post('/__sandbox/clock', { offset_ms: 0 });
    }
  });

  it('validates the request: 422 per field, 400 for a connector without OAuth, required OAuth inputs', async () => {
    const bad = await sb.api.post(`${BASE}/get_embedded_consent_url`, { workspace_id: 'nope', redirect_url: 'javascript:alert(1)' }, scoped);
    assert.equal(bad.status, 422);
    const fields = bad.body.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['redirect_url', 'source_definition_id', 'workspace_id']);
    const noOauth = await sb.api.post(`${BASE}/get_embedded_consent_url`, { workspace_id: workspace, source_definition_id: await definitionId('postgres'), redirect_url: REDIRECT }, scoped);
    assert.equal(noOauth.status, 400);
    const missing = await sb.api.post(`${BASE}/get_embedded_consent_url`, { workspace_id: workspace, source_definition_id: await definitionId('zendesk-support'), redirect_url: REDIRECT }, scoped);
    assert.equal(missing.status, 422, missing.text);
    assert.equal(missing.body.errors[0].field, 'oauth_input_configuration.subdomain');
    const badComplete = await sb.api.post(`${BASE}/complete`, { workspace_id: workspace, source_definition_id: await definitionId('hubspot'), redirect_url: REDIRECT, query_params: { code: 1 } }, scoped);
    assert.equal(badComplete.status, 422);
  });

  it('re-authenticates an existing source (source_id must match) and revokes its grant', async () => {
    const tpl = await sb.api.templateId(sb.app, 'HubSpot');
    // create a HubSpot source with OAuth credentials from a first grant
    const first = await complete('hubspot', queryOf(await answer(await consent(), 'approve')));
    const p = first.body.auth_payload;
    const created = await sb.api.post(
      '/api/v1/embedded/sources',
      {
        workspace_id: workspace,
        source_template_id: tpl,
        name: 'HubSpot via OAuth',
        source_config: { start_date: '2024-01-01T00:00:00Z', credentials: { credentials_title: 'OAuth Credentials', client_id: p.client_id, client_secret: p.client_secret, refresh_token: p.refresh_token } },
      },
      scoped,
    );
    assert.equal(created.status, 200, created.text);
    const sourceId = created.body.id as string;

    const url = await consent('hubspot', { source_id: sourceId });
    const page = await (await fetch(url)).text();
    assert.ok(page.includes(sourceId), 'the consent page names the source being re-authenticated');
    const q = queryOf(await answer(url, 'approve'));
    const withoutSource = await complete('hubspot', q);
    assert.match(withoutSource.body.request_error, /source_id/);
    const reauth = await complete('hubspot', q, { source_id: sourceId });
    assert.equal(reauth.body.request_succeeded, true, reauth.text);

    const unknownSource = await sb.api.post(`${BASE}/get_embedded_consent_url`, { workspace_id: workspace, source_definition_id: await definitionId('hubspot'), redirect_url: REDIRECT, source_id: '00000000-0000-4000-8000-000000000000' }, scoped);
    assert.equal(unknownSource.status, 404);

    const revoke = await sb.api.post(`${BASE}/revoke`, { workspace_id: workspace, source_definition_id: await definitionId('hubspot'), source_id: sourceId }, scoped);
    assert.equal(revoke.status, 200, revoke.text);
    assert.deepEqual(revoke.body, {});
    const otherWs = await sb.api.post(`${BASE}/revoke`, { workspace_id: workspace, source_definition_id: await definitionId('hubspot'), source_id: sourceId }, otherScoped);
    assert.equal(otherWs.status, 403);
  });

  it('the browser client functions speak these endpoints (workspace filled from the token)', async () => {
    const client = new EmbeddedClient({ token: scoped, baseUrl: sb.sandbox.url });
    const def = await definitionId('hubspot');
    const consentUrl = await getEmbeddedConsentUrl(client, { source_definition_id: def, redirect_url: REDIRECT });
    const q = queryOf(await answer(new URL(consentUrl), 'approve'));
    const done = await completeSourceOAuth(client, { source_definition_id: def, redirect_url: REDIRECT, query_params: q });
    assert.equal(done.request_succeeded, true);
    assert.ok(done.auth_payload.refresh_token);
    const again = await completeSourceOAuth(client, { source_definition_id: def, redirect_url: REDIRECT, query_params: q });
    assert.equal(again.request_succeeded, false);
    await assert.rejects(
      getEmbeddedConsentUrl(client, { source_definition_id: await definitionId('zendesk-support'), redirect_url: REDIRECT }),
      (e: unknown) => e instanceof ApiError && e.code === 'validation' && e.fieldErrors[0]?.field === 'oauth_input_configuration.subdomain',
    );
    await assert.rejects(
      revokeSourceOAuth(client, { source_definition_id: def, source_id: '00000000-0000-4000-8000-000000000000' }),
      (e: unknown) => e instanceof ApiError && e.code === 'not_found',
    );
  });
});
