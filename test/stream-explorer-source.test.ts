// <ab-stream-explorer source-id> against the sandbox over real HTTP: discover, choose, event payload,
// restore via value, failure + Retry (sandbox faults), Cancel, cache and Refresh, axe in every state.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/components/stream-explorer/ab-stream-explorer.js';
import type { AbStreamExplorer } from '../src/components/stream-explorer/stream-explorer.js';
import { discoverSource, getSharedClient, getSourceCatalog, getSourceStream, listSourceStreams, waitForCatalog, ApiError } from '../src/api/index.js';
import type { DiscoveryProgress } from '../src/api/discovery.js';
import { sandbox } from './harness/sandbox.js';

const root = (el: AbStreamExplorer) => el.shadowRoot!;
const rows = (el: AbStreamExplorer) => [...root(el).querySelectorAll<HTMLElement>('.body [role=row]')].sort((a, b) => +a.dataset.r! - +b.dataset.r!);
const rowNamed = (el: AbStreamExplorer, name: string) => rows(el).find((r) => r.querySelector(`[id="${r.getAttribute('aria-labelledby')}"]`)?.textContent?.trim().split(/\s/)[0] === name);
const button = (el: AbStreamExplorer, text: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
const loaded = (el: AbStreamExplorer) => waitUntil(() => rows(el).length > 0, 'the catalog is shown', { timeout: 8000 });

async function client() {
  const token = await sandbox.widgetToken();
  return { token, baseUrl: await sandbox.url(), api: getSharedClient({ token, baseUrl: await sandbox.url() }) };
}

async function createSource(connector: string, source_config: Record<string, unknown>) {
  const { api } = await client();
  const source = await api.createSource({ source_template_id: await sandbox.templateId(connector), source_config, name: `${connector} for explorer tests` });
  return source.id;
}

describe('discovery calls (src/api/discovery.ts)', () => {
  afterEach(() => sandbox.clearFaults());

  it('discovers, waits with progress, lists and reads streams', async () => {
    const { api } = await client();
    const id = await createSource('faker', { count: 3 });
    let notYet: unknown;
    try {
      await getSourceCatalog(api, id);
    } catch (e) {
      notYet = e;
    }
    expect((notYet as ApiError).code).to.equal('not_found');
    const job = await discoverSource(api, id);
    const progress: DiscoveryProgress[] = [];
    const catalog = await waitForCatalog(api, id, { jobId: job.job_id, onProgress: (p) => progress.push(p), initialDelayMs: 50 });
    expect(catalog.job_id).to.equal(job.job_id);
    expect(catalog.streams.map((s) => s.name)).to.include('users');
    expect(progress[0].status).to.equal('running');
    expect(progress.at(-1)!.status).to.equal('succeeded');
    expect((await listSourceStreams(api, id)).map((s) => s.name)).to.deep.equal(catalog.streams.map((s) => s.name));
    expect((await getSourceStream(api, id, 'users')).name).to.equal('users');
  });

  it('cancels a wait with its signal', async () => {
    const { api } = await client();
    const id = await createSource('faker', { count: 1 });
    await discoverSource(api, id);
    await sandbox.fault({ method: 'GET', path: '/api/v1/integrations/sources/*/catalog/query', status: 404 });
    const ctrl = new AbortController();
    const waiting = waitForCatalog(api, id, { signal: ctrl.signal, initialDelayMs: 20 });
    setTimeout(() => ctrl.abort(), 150);
    let err: unknown;
    try {
      await waiting;
    } catch (e) {
      err = e;
    }
    expect((err as ApiError).code).to.equal('aborted');
  });
});

describe('ab-stream-explorer with a source-id (sandbox)', () => {
  afterEach(() => sandbox.clearFaults());

  it('discovers, shows progress, lets the user choose, and restores the choice through value', async () => {
    const { token, baseUrl } = await client();
    const id = await createSource('stripe', { account_id: 'acct_explorer', client_secret: 'sk_test_explorer' });
    let loadDetail: unknown;
    const el = await fixture<AbStreamExplorer>(
      html`<ab-stream-explorer source-id=${id} .token=${token} api-base-url=${baseUrl} @ab-catalog-load=${(e: CustomEvent) => (loadDetail = e.detail)}></ab-stream-explorer>`,
    );
    await waitUntil(() => root(el).querySelector('[part=pending]'), 'progress is shown');
    expect(root(el).querySelector('[part=pending]')!.textContent).to.contain('Discovering streams').and.match(/\d+ s/);
    expect(el.matches(':state(loading)')).to.equal(true);
    await expect(el).to.be.accessible();
    await loaded(el);
    expect(loadDetail).to.deep.equal({ sourceId: id, streams: 47 });
    expect(el.matches(':state(loading)')).to.equal(false);
    expect(root(el).querySelector('[role=status]')!.textContent).to.satisfy((t: string) => t === '' || t.includes('47 streams discovered'));
    const suggested = el.value.streams.map((s) => s.name).sort();
    expect(suggested).to.include('charges').and.include('customers');
    root(el).querySelector('[role=treegrid]')!.scrollTop = 44 * 10; // only the rows in view are rendered
    await waitUntil(() => rowNamed(el, 'charges'));
    expect(rowNamed(el, 'charges')!.textContent).to.contain('customer → customers.id');
    await expect(el).to.be.accessible();

    // The user adds checkout_sessions with the keyboard and drops one of its fields.
    root(el).querySelector<HTMLInputElement>('input[type=search]')!.focus();
    await sendKeys({ type: 'checkout_sessions' });
    await el.updateComplete;
    await sendKeys({ press: 'ArrowDown' });
    let ev = oneEvent(el, 'ab-streams-change');
    await sendKeys({ press: 'Space' });
    let detail = (await ev).detail;
    expect(detail.streams.map((s: { name: string }) => s.name)).to.include('checkout_sessions');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    ev = oneEvent(el, 'ab-streams-change');
    await sendKeys({ press: 'Space' });
    detail = (await ev).detail;
    const entry = detail.streams.find((s: { name: string }) => s.name === 'checkout_sessions');
    expect(entry.sync_mode).to.equal('incremental');
    expect(entry.cursor_field).to.deep.equal(['updated']);
    expect(entry.selected_fields.some((p: string[]) => p[0] === 'object')).to.equal(false);
    expect(detail).to.deep.equal(el.value);

    // A second explorer (another page visit) restores the saved value over the same source.
    const saved = structuredClone(el.value);
    const again = document.createElement('ab-stream-explorer');
    again.value = saved;
    again.token = token;
    again.apiBaseUrl = baseUrl;
    again.sourceId = id;
    document.body.append(again);
    try {
      await loaded(again);
      expect(again.value).to.deep.equal(saved);
    } finally {
      again.remove();
    }
  });

  it('shows a failed discovery with the reason, fires ab-error, and recovers with Retry', async () => {
    const { token, baseUrl } = await client();
    const id = await createSource('github', { repositories: ['airbytehq/airbyte'], credentials: { option_title: 'PAT Credentials', personal_access_token: 'ghp_x' } });
    await sandbox.fault({ method: 'POST', path: '/api/v1/integrations/sources/*/discover', status: 500, times: 1 });
    const el = document.createElement('ab-stream-explorer');
    const error = oneEvent(el, 'ab-error');
    el.token = token;
    el.apiBaseUrl = baseUrl;
    el.sourceId = id;
    document.body.append(el);
    try {
      expect((await error).detail).to.include({ code: 'server', status: 500 });
      await waitUntil(() => root(el).querySelector('[part=error]'));
      expect(root(el).querySelector('[part=error]')!.textContent).to.contain('The streams could not be discovered.');
      expect(el.matches(':state(error)')).to.equal(true);
      await expect(el).to.be.accessible();
      button(el, 'Retry')!.click();
      await loaded(el);
      expect(rowNamed(el, 'issues')).to.exist;
      expect(root(el).querySelector('[part=error]')).to.equal(null);
    } finally {
      el.remove();
    }
  });

  it('shows the server reason when the source refuses discovery', async () => {
    const { token, baseUrl } = await client();
    const id = await createSource('stripe', { account_id: 'sandbox-fail-discover', client_secret: 'sk' });
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer source-id=${id} .token=${token} api-base-url=${baseUrl}></ab-stream-explorer>`);
    await waitUntil(() => root(el).querySelector('[part=error]'), 'error shown', { timeout: 8000 });
    expect(root(el).querySelector('[part=error]')!.textContent).to.contain('Stripe refused to list its streams');
    await expect(el).to.be.accessible();
  });

  it('says so for a connector without a catalog', async () => {
    const { token, baseUrl } = await client();
    const id = await createSource('postgres', { host: 'db', port: 5432, database: 'app', username: 'u' });
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer source-id=${id} .token=${token} api-base-url=${baseUrl}></ab-stream-explorer>`);
    await waitUntil(() => root(el).querySelector('[part=error]'), 'error shown', { timeout: 8000 });
    expect(root(el).querySelector('[part=error]')!.textContent).to.contain('no catalog fixture');
  });

  it('cancels a slow discovery, retries it, caches per source and refreshes on request', async () => {
    const { token, baseUrl } = await client();
    const a = await createSource('faker', { count: 1 });
    const b = await createSource('hubspot', { credentials: { credentials_title: 'Private App Credentials', access_token: 'pat-x' } });
    await sandbox.fault({ method: 'GET', path: '/api/v1/integrations/sources/*/catalog/query', latencyMs: 4000, times: 1 });
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer source-id=${a} .token=${token} api-base-url=${baseUrl}></ab-stream-explorer>`);
    await waitUntil(() => button(el, 'Cancel'));
    button(el, 'Cancel')!.click();
    await el.updateComplete;
    expect(root(el).textContent).to.contain('Discovery was cancelled.');
    await expect(el).to.be.accessible();
    await sandbox.clearFaults();
    button(el, 'Retry')!.click();
    await loaded(el);
    expect(rowNamed(el, 'users')).to.exist;

    el.sourceId = b;
    await waitUntil(() => root(el).querySelector('[part=pending]'), 'a new source is discovered');
    await waitUntil(() => rowNamed(el, 'contacts'), 'hubspot streams', { timeout: 8000 });
    button(el, 'Select none')!.click();
    await el.updateComplete;
    rowNamed(el, 'contact_lists')!.querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
    el.sourceId = a;
    await el.updateComplete;
    expect(root(el).querySelector('[part=pending]'), 'cached: no new discovery').to.equal(null);
    await waitUntil(() => rowNamed(el, 'users'));

    // Refresh keeps the user's selection.
    button(el, 'Select none')!.click();
    await el.updateComplete;
    rowNamed(el, 'users')!.querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
    button(el, 'Refresh')!.click();
    await el.updateComplete;
    expect(root(el).querySelector('[part=pending]')).to.exist;
    expect(rowNamed(el, 'users'), 'the old list stays while refreshing').to.exist;
    await waitUntil(() => !root(el).querySelector('[part=pending]'), 'refreshed', { timeout: 8000 });
    expect(el.value.streams.map((s) => s.name)).to.deep.equal(['users']);
    await expect(el).to.be.accessible();
    // Back to the other source: its catalog and the user's choice there come back without a discovery.
    el.sourceId = b;
    await el.updateComplete;
    await waitUntil(() => rowNamed(el, 'contact_lists'));
    expect(root(el).querySelector('[part=pending]')).to.equal(null);
    expect(el.value.streams.map((s) => s.name)).to.deep.equal(['contact_lists']);
  });

  it('aborts a superseded discovery and one whose element left the page, and resumes on reconnect', async () => {
    // A recording stand-in client: the sandbox cannot show us the AbortSignals the element passes.
    const signals: { path: string; signal: AbortSignal }[] = [];
    const recording = {
      request: (spec: { method: string; path: string }, { signal }: { signal: AbortSignal }) => {
        signals.push({ path: spec.path, signal });
        if (spec.method === 'POST') return Promise.resolve({ job_id: 'discover_x', status: 'running' });
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
      },
    } as never;
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer source-id="a" .client=${recording}></ab-stream-explorer>`);
    await waitUntil(() => signals.some((x) => x.path.includes('/a/catalog')));
    el.sourceId = 'b';
    await waitUntil(() => signals.some((x) => x.path.includes('/b/catalog')));
    expect(signals.filter((x) => x.path.includes('/a/')).every((x) => x.signal.aborted)).to.equal(true);
    const parent = el.parentElement!;
    el.remove();
    expect(signals.filter((x) => x.path.includes('/b/')).every((x) => x.signal.aborted)).to.equal(true);
    const before = signals.length;
    parent.append(el);
    await waitUntil(() => signals.length > before, 'discovery resumes');
    expect(root(el).querySelector('[part=pending]')).to.exist;
  });

  it('waits for a token, and is isolated from other workspaces', async () => {
    const id = await createSource('faker', { count: 1 });
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer source-id=${id} api-base-url=${await sandbox.url()}></ab-stream-explorer>`);
    expect(root(el).textContent).to.contain('No token was given to this element.');
    await expect(el).to.be.accessible();
    const stranger = await sandbox.widgetToken({ workspace: `other-${Date.now()}` });
    const error = oneEvent(el, 'ab-error');
    el.token = stranger;
    expect((await error).detail).to.include({ code: 'forbidden', status: 403 });
    await waitUntil(() => root(el).querySelector('[part=error]'));
    el.token = await sandbox.widgetToken();
    await loaded(el);
  });
});
