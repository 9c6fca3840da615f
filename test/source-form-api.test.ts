// <ab-source-form> against the sandbox over real HTTP: create (keyboard only), check progress and failure,
// cancel, double submit, hidden template presets, edit mode with masked secrets, 422 field errors, load errors.
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import { clearSharedClients, getSharedClient } from '../src/api/index.js';
import '../src/components/source-form/ab-source-form.js';
import type { AbSourceForm } from '../src/components/source-form/ab-source-form.js';
import { sandbox } from './harness/sandbox.js';

type Call = { method: string; path: string; body: any };
let calls: Call[] = [];
const realFetch = window.fetch;
const root = (el: AbSourceForm) => el.shadowRoot!;
const $ = (el: AbSourceForm, sel: string) => root(el).querySelector<HTMLElement>(sel)!;
function control<E extends HTMLElement = HTMLInputElement>(el: AbSourceForm, label: string): E {
  const l = [...root(el).querySelectorAll('label')].find((x) => x.textContent!.replace('(Optional)', '').trim() === label);
  if (!l) throw new Error(`no label ${label}`);
  return root(el).getElementById(l.htmlFor) as unknown as E;
}
async function type(el: AbSourceForm, input: HTMLInputElement, text: string) {
  input.focus();
  input.select();
  await sendKeys({ type: text });
  await el.updateComplete;
}

async function open(opts: { template?: string; source?: string; token?: string; name?: string }) {
  const token = opts.token ?? (await sandbox.widgetToken());
  const el = await fixture<AbSourceForm>(
    html`<ab-source-form
      .token=${token}
      api-base-url=${await sandbox.url()}
      template-id=${ifDefined(opts.template)}
      source-id=${ifDefined(opts.source)}
      source-name=${ifDefined(opts.name)}
    ></ab-source-form>`,
  );
  await waitUntil(() => el.model, 'the form loads', { timeout: 8000 });
  await el.updateComplete;
  return el;
}

/** A fresh workspace (its own sources) and a token for it. */
const freshToken = () => sandbox.widgetToken({ workspace: `sf-${crypto.randomUUID().slice(0, 8)}` });

describe('<ab-source-form> against the sandbox', function () {
  this.timeout(30000);
  beforeEach(() => {
    calls = [];
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init);
      const url = new URL(req.url);
      if (url.pathname.startsWith('/api/')) calls.push({ method: req.method, path: url.pathname, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      return realFetch(input, init);
    };
  });
  afterEach(async () => {
    window.fetch = realFetch;
    clearSharedClients();
    await sandbox.clearFaults();
  });

  it('creates a source with the keyboard only (greenhouse)', async () => {
    const el = await open({ template: await sandbox.templateId('greenhouse'), token: await freshToken() });
    expect($(el, '[part=title]').textContent).to.equal('Greenhouse');
    expect(control(el, 'Source name').value).to.match(/^Greenhouse – /);
    await expect(el).to.be.accessible(); // empty
    const key = control(el, 'API Key');
    for (let i = 0; i < 8 && root(el).activeElement !== key; i++) await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(key);
    expect(key.type).to.equal('password');
    await sendKeys({ type: 'secret-key-123' });
    const created = oneEvent(el, 'ab-source-created');
    await sendKeys({ press: 'Enter' });
    const { detail } = await created;
    expect(detail.source.name).to.match(/^Greenhouse – /);
    await el.updateComplete;
    expect($(el, '[part=status]').textContent).to.contain('was created');
    expect(root(el).activeElement).to.equal($(el, '[part=status]'));
    // the form is locked: no Submit button left to send a second create
    expect($(el, '[part=submit]').checkVisibility(), 'submit hidden after the create').to.equal(false);
    await expect(el).to.be.accessible(); // done
    const create = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/embedded/sources')!;
    expect(create.body.source_config).to.deep.equal({ api_key: 'secret-key-123' });
  });

  it('check → create: events in order, progress with elapsed time and Cancel, accessible while checking', async () => {
    const el = await open({ template: await sandbox.templateId('postgres'), token: await freshToken(), name: 'Warehouse' });
    // template presets (ssl_mode, tunnel_method) are neither shown nor sent
    expect(root(el).textContent).not.to.contain('SSL Modes');
    expect(root(el).textContent).not.to.contain('SSH Tunnel Method');
    el.value = { host: 'db.example.com', database: 'app', username: 'me', replication_method: { method: 'Standard' } };
    await el.updateComplete;
    await expect(el).to.be.accessible(); // filled
    await sandbox.fault({ method: 'GET', path: '/api/v1/embedded/sources/check/*/status', latencyMs: 1500, times: 1 });
    const events: string[] = [];
    for (const t of ['ab-before-submit', 'ab-check', 'ab-source-created'] as const)
      el.addEventListener(t, (e) => events.push(t === 'ab-check' ? `check:${(e as CustomEvent).detail.status}` : t));
    const created = oneEvent(el, 'ab-source-created');
    $(el, '[part=submit]').click();
    await waitUntil(() => root(el).querySelector('[part=cancel]'), 'checking');
    expect($(el, '[part=submit]').getAttribute('aria-disabled')).to.equal('true');
    expect($(el, '[part=status]').textContent).to.match(/Testing the connection/);
    await expect(el).to.be.accessible(); // checking
    const { detail } = await created;
    expect(detail.source.name).to.equal('Warehouse');
    expect(events[0]).to.equal('ab-before-submit');
    expect(events).to.include('check:succeeded');
    expect(events[events.length - 1]).to.equal('ab-source-created');
    const check = calls.find((c) => c.path === '/api/v1/embedded/sources/check')!;
    expect(check.body.source_config).to.deep.equal({
      host: 'db.example.com',
      database: 'app',
      username: 'me',
      port: 5432,
      schemas: ['public'],
      entra_service_principal_auth: false,
      replication_method: { method: 'Standard' },
    });
    expect(check.body.source_config).not.to.have.property('ssl_mode');
    expect(check.body.name).to.equal('Warehouse');
    // the form is locked after a create: a second source needs a new form
    expect(root(el).querySelector('fieldset.bare')!.hasAttribute('disabled')).to.equal(true);
  });

  it('a failed check shows the enhanced message, fires ab-check failed and keeps the input', async () => {
    const el = await open({ template: await sandbox.templateId('greenhouse'), token: await freshToken() });
    await type(el, control(el, 'API Key'), 'sandbox-fail');
    const failed = new Promise<{ detail: { message?: string } }>((resolve) => el.addEventListener('ab-check', (e) => e.detail.status === 'failed' && resolve(e)));
    $(el, '[part=submit]').click();
    const { detail } = await failed;
    expect(detail.message).to.contain('did not accept these settings');
    await waitUntil(() => root(el).querySelector('[part=status][data-phase=failed]'));
    expect($(el, '[part=status]').textContent).to.contain('The connection test failed.');
    expect($(el, '[part=status]').textContent).to.contain('Check "API Key" and try again.');
    expect(control(el, 'API Key').value).to.equal('sandbox-fail');
    expect(el.value.api_key).to.equal('sandbox-fail');
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/embedded/sources')).to.have.length(0);
    await expect(el).to.be.accessible(); // failed
    // fixing the value and submitting again works
    await type(el, control(el, 'API Key'), 'good');
    const created = oneEvent(el, 'ab-source-created');
    $(el, '[part=submit]').click();
    await created;
  });

  it('a double click sends one check and one create', async () => {
    const token = await freshToken();
    const el = await open({ template: await sandbox.templateId('greenhouse'), token });
    await type(el, control(el, 'API Key'), 'k');
    const created = oneEvent(el, 'ab-source-created');
    const submit = $(el, '[part=submit]');
    submit.click();
    submit.click();
    await el.submit();
    await created;
    await aTimeout(300);
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/embedded/sources/check')).to.have.length(1);
    expect(calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/embedded/sources')).to.have.length(1);
    const client = getSharedClient({ token, baseUrl: await sandbox.url() });
    expect(await client.listSources()).to.have.length(1);
  });

  it('Cancel stops a running check; the input stays and a new submit works', async () => {
    const el = await open({ template: await sandbox.templateId('greenhouse'), token: await freshToken() });
    await type(el, control(el, 'API Key'), 'k');
    await sandbox.fault({ method: 'GET', path: '/api/v1/embedded/sources/check/*/status', latencyMs: 3000, times: 1 });
    const cancelled = new Promise<void>((resolve) => el.addEventListener('ab-check', (e) => e.detail.status === 'cancelled' && resolve()));
    $(el, '[part=submit]').click();
    await waitUntil(() => root(el).querySelector('[part=cancel]'));
    ($(el, '[part=cancel]') as HTMLButtonElement).click();
    await cancelled;
    await el.updateComplete;
    expect($(el, '[part=status]').textContent).to.contain('cancelled');
    expect(control(el, 'API Key').value).to.equal('k');
    const created = oneEvent(el, 'ab-source-created');
    $(el, '[part=submit]').click();
    await created;
  });

  it('edit mode: secrets are set-but-hidden with Change; an unchanged mask is sent back; ab-source-updated', async () => {
    const token = await freshToken();
    const client = getSharedClient({ token, baseUrl: await sandbox.url() });
    const template = await sandbox.templateId('postgres');
    const source = await client.createSource({ source_template_id: template, name: 'PG', source_config: { host: 'h', database: 'd', username: 'u', password: 'hunter2', port: 5432 } });
    const el = await open({ source: source.id, token });
    expect($(el, '[part=submit]').textContent!.trim()).to.equal('Test and save changes');
    expect(control(el, 'Source name').value).to.equal('PG');
    const password = control(el, 'Password');
    expect(password.readOnly).to.equal(true);
    expect(password.type).to.equal('password');
    expect(root(el).textContent).to.contain('Change');
    await expect(el).to.be.accessible(); // edit mode
    await type(el, control(el, 'Username'), 'admin');
    const updated = oneEvent(el, 'ab-source-updated');
    $(el, '[part=submit]').click();
    const { detail } = await updated;
    expect(detail.source.id).to.equal(source.id);
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body.source_config.password).to.equal('**********');
    expect(put.body.source_config.username).to.equal('admin');
    // the stored secret was kept by the API
    const again = await client.getSource(source.id);
    expect(again.source_config.password).to.equal('**********');
    // the form stays editable after a save
    expect(root(el).querySelector('fieldset.bare')!.hasAttribute('disabled')).to.equal(false);
  });

  it('422 field errors from the API land on their fields, with a focused summary and ab-error', async () => {
    const token = await freshToken();
    const client = getSharedClient({ token, baseUrl: await sandbox.url() });
    const template = await sandbox.templateId('postgres');
    const source = await client.createSource({ source_template_id: template, name: 'PG', source_config: { host: 'h', database: 'd', username: 'u', port: 5432 } });
    const el = await open({ source: source.id, token });
    // a mask where no secret is stored: our form cannot know, the API refuses it (422 on source_config.password)
    el.value = { ...el.value, password: '**********' };
    await el.updateComplete;
    const error = oneEvent(el, 'ab-error');
    $(el, '[part=submit]').click();
    const { detail } = await error;
    expect(detail.code).to.equal('validation');
    await waitUntil(() => root(el).querySelector('[part=error-summary]'));
    await el.updateComplete;
    await aTimeout(0);
    const summary = $(el, '[part=error-summary]');
    expect(root(el).activeElement).to.equal(summary);
    expect(summary.textContent).to.contain('Password:');
    const password = control(el, 'Password');
    expect(password.getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).getElementById(`${password.id}-e`)!.textContent).to.contain('masked value');
    await expect(el).to.be.accessible(); // invalid
  });

  it('a failed load shows a message and Retry; ab-error is fired', async () => {
    const token = await sandbox.widgetToken();
    const template = await sandbox.templateId('github');
    await sandbox.fault({ method: 'GET', path: `/api/v1/embedded/source-templates/${template}`, status: 404, times: 1 });
    const errored = new Promise<CustomEvent>((resolve) => document.addEventListener('ab-error', (e) => resolve(e as CustomEvent), { once: true }));
    const el = await fixture<AbSourceForm>(html`<ab-source-form .token=${token} api-base-url=${await sandbox.url()} template-id=${template}></ab-source-form>`);
    expect((await errored).detail.code).to.equal('not_found');
    await waitUntil(() => root(el).querySelector('[role=alert]'));
    expect($(el, '[role=alert]').textContent).to.contain('The form could not be loaded.');
    await expect(el).to.be.accessible();
    ($(el, '[role=alert] button') as HTMLButtonElement).click();
    await waitUntil(() => el.model, 'reloads');
    expect($(el, '[part=title]').textContent).to.equal('GitHub');
    // the template preset (api_url) is not shown
    expect(root(el).textContent).not.to.contain('API URL');
  });

  it('a load cut short by leaving the page runs again when the form comes back', async () => {
    const token = await sandbox.widgetToken();
    const template = await sandbox.templateId('github');
    await sandbox.fault({ method: 'GET', path: `/api/v1/embedded/source-templates/${template}`, latencyMs: 800, times: 1 });
    const el = await fixture<AbSourceForm>(html`<ab-source-form .token=${token} api-base-url=${await sandbox.url()} template-id=${template}></ab-source-form>`);
    expect(el.matches(':state(loading)')).to.equal(true);
    const parent = el.parentElement!;
    el.remove(); // the slow request is aborted
    await aTimeout(50);
    parent.append(el);
    await waitUntil(() => el.model, 'reloads after coming back', { timeout: 8000 });
    await el.updateComplete;
    expect($(el, '[part=title]').textContent).to.equal('GitHub');
    expect(el.matches(':state(loading)')).to.equal(false);
  });

  it('a rejected token goes through the client’s refresh path (tokenProvider); nothing typed is lost', async () => {
    const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const forged = `${b64({ alg: 'HS256' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 600, sub: crypto.randomUUID() })}.forged`;
    const good = await freshToken();
    let asked = 0;
    const el = await fixture<AbSourceForm>(
      html`<ab-source-form
        .token=${forged}
        .tokenProvider=${async () => (asked++, good)}
        api-base-url=${await sandbox.url()}
        template-id=${await sandbox.templateId('greenhouse')}
        hide-submit
      ></ab-source-form>`,
    );
    await waitUntil(() => el.model, 'loads after the refresh', { timeout: 8000 });
    expect(asked).to.be.greaterThan(0);
    await el.updateComplete;
    expect(root(el).querySelector('[part=submit]')).to.equal(null); // hide-submit
    await type(el, control(el, 'API Key'), 'k');
    const created = oneEvent(el, 'ab-source-created');
    await el.submit(); // the host's own button
    await created;
  });

  it('mysql: a partly preset oneOf collapses to the remaining fields; presets are not sent', async () => {
    const el = await open({ template: await sandbox.templateId('mysql'), token: await freshToken() });
    expect(root(el).textContent).not.to.contain('SSL modes');
    el.value = { ...el.value, host: 'h', database: 'd', username: 'u', tunnel_method: { tunnel_user: 'me', tunnel_user_password: 'pw' }, replication_method: { method: 'STANDARD' } };
    await el.updateComplete;
    expect(el.checkValidity(), el.validationMessage).to.equal(true);
    expect(el.value.tunnel_method).to.deep.equal({ tunnel_user: 'me', tunnel_user_password: 'pw' });
    expect(el.value).not.to.have.property('ssl_mode');
    const created = oneEvent(el, 'ab-source-created');
    $(el, '[part=submit]').click();
    await created;
  });
});
