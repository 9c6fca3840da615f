// The browser-test harness itself: the sandbox is reachable from the page over real HTTP + CORS, a
// widget token works from this page's origin, faults are scoped to this page's workspace.
import { expect } from '@open-wc/testing';
import { sandbox } from './harness/sandbox.js';

const decode = (widgetToken: string) => JSON.parse(atob(widgetToken)) as { token: string; widgetUrl: string };

/** What `fetch` rejects with for this request (a CORS refusal or a dropped connection), else undefined. */
async function fetchError(url: string, token: string): Promise<unknown> {
  try {
    await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('sandbox harness', () => {
  afterEach(() => sandbox.clearFaults());

  it('exposes the sandbox URL', async () => {
    const url = await sandbox.url();
    expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${url}/__sandbox/health`);
    expect(await health.json()).to.deep.equal({ ok: true });
  });

  it('mints a widget token for this page origin that works with real fetch and CORS', async () => {
    const url = await sandbox.url();
    const { token, widgetUrl } = decode(await sandbox.widgetToken());
    expect(new URL(widgetUrl).searchParams.get('allowedOrigin')).to.equal(location.origin);
    expect(location.origin).not.to.equal(url, 'the test page and the sandbox are cross-origin');
    const info = await fetch(`${url}/api/v1/embedded/scoped-token/info`, { headers: { Authorization: `Bearer ${token}` } });
    expect(info.status).to.equal(200);
    const { workspace_id } = await info.json();
    const list = await fetch(`${url}/api/v1/embedded/sources?workspace_id=${workspace_id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(list.status).to.equal(200);
    expect(await list.json()).to.deep.equal({ data: [] });
  });

  it('filters templates by the tags given to widgetToken()', async () => {
    const url = await sandbox.url();
    const { token } = decode(await sandbox.widgetToken({ tags: ['crm', 'popular'], tagsMode: 'all' }));
    const r = await fetch(`${url}/api/v1/embedded/source-templates`, { headers: { Authorization: `Bearer ${token}` } });
    const names = (await r.json()).data.map((t: { name: string }) => t.name);
    expect(names).to.deep.equal(['HubSpot', 'Salesforce']);
  });

  it('creates a source with a POST (preflighted) and reads the seeded template by connector name', async () => {
    const url = await sandbox.url();
    const { token } = decode(await sandbox.widgetToken());
    const info = await (await fetch(`${url}/api/v1/embedded/scoped-token/info`, { headers: { Authorization: `Bearer ${token}` } })).json();
    const templateId = await sandbox.templateId('pokeapi');
    const r = await fetch(`${url}/api/v1/embedded/sources`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ workspace_id: info.workspace_id, source_template_id: templateId, source_config: { pokemon_name: 'ditto' } }),
    });
    expect(r.status).to.equal(200);
    expect((await r.json()).source_template.name).to.equal('PokeAPI');
  });

  it('is refused (a CORS failure) with a widget token minted for another origin', async () => {
    const url = await sandbox.url();
    const foreign = await sandbox.operator<{ token: string }>('POST', '/api/v1/embedded/widget-token', { workspace_name: sandbox.workspace, allowed_origin: 'https://elsewhere.example' });
    const { token } = decode(foreign.body.token);
    expect(await fetchError(`${url}/api/v1/embedded/scoped-token/info`, token)).to.be.instanceOf(TypeError);
  });

  it('works with a plain scoped token too', async () => {
    const url = await sandbox.url();
    const token = await sandbox.scopedToken();
    const r = await fetch(`${url}/api/v1/embedded/scoped-token/info`, { headers: { Authorization: `Bearer ${token}` } });
    expect(r.status).to.equal(200);
  });

  it('injects faults for this page workspace, with readable status and Retry-After', async () => {
    const url = await sandbox.url();
    const { token } = decode(await sandbox.widgetToken());
    await sandbox.fault({ method: 'GET', path: '/api/v1/embedded/source-templates', status: 429, retryAfter: 3, times: 1 });
    const faulted = await fetch(`${url}/api/v1/embedded/source-templates`, { headers: { Authorization: `Bearer ${token}` } });
    expect(faulted.status).to.equal(429);
    expect(faulted.headers.get('Retry-After')).to.equal('3');
    const other = decode(await sandbox.widgetToken({ workspace: `${sandbox.workspace}-other` })).token;
    await sandbox.fault({ path: '/api/v1/embedded/source-templates', status: 500 });
    const unaffected = await fetch(`${url}/api/v1/embedded/source-templates`, { headers: { Authorization: `Bearer ${other}` } });
    expect(unaffected.status).to.equal(200);
    await sandbox.clearFaults();
    const after = await fetch(`${url}/api/v1/embedded/source-templates`, { headers: { Authorization: `Bearer ${token}` } });
    expect(after.status).to.equal(200);
  });

  it('drops a connection on request (fetch rejects)', async () => {
    const url = await sandbox.url();
    const { token } = decode(await sandbox.widgetToken());
    // No `times: 1` here: Chromium silently retries a request once when a reused keep-alive
    // connection closes before answering, so a single drop can go unnoticed by the page.
    await sandbox.fault({ path: '/api/v1/embedded/scoped-token/info', drop: true });
    expect(await fetchError(`${url}/api/v1/embedded/scoped-token/info`, token)).to.be.instanceOf(TypeError);
  });

  it('lets tests act as the operator', async () => {
    const r = await sandbox.operator('GET', '/api/v1/integrations/templates/tags');
    expect(r.status).to.equal(200);
    expect(r.body.data.map((t: { name: string }) => t.name)).to.include('crm');
    await sandbox.templateId('not-a-connector').then(
      () => expect.fail('should reject'),
      (e: Error) => expect(e.message).to.match(/no fixture connector/i),
    );
  });
});
