// OAuth sign-in in <ab-source-form>, end to end against the sandbox: the popup is a real Chromium window
// showing the sandbox's consent page; the test clicks Approve / Deny inside it (test/oauth-popup.plugin.js);
// the provider redirects to test/oauth-callback.html on this origin, which relays to the form.
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../src/components/source-form/ab-source-form.js';
import type { AbSourceForm } from '../src/components/source-form/ab-source-form.js';
import { OAUTH_CALLBACK_CHANNEL } from '../src/oauth/callback.js';
import type { AbOAuthEvent } from '../src/components/source-form/oauth.events.js';
import { sandbox } from './harness/sandbox.js';

const CALLBACK = '/test/oauth-callback.html';
const $ = <E extends HTMLElement = HTMLElement>(el: AbSourceForm, sel: string) => el.shadowRoot!.querySelector<E>(sel);
const button = (el: AbSourceForm) => $<HTMLButtonElement>(el, '[part~="oauth-button"]')!;
const popup = (payload: Record<string, unknown>) => executeServerCommand<unknown, Record<string, unknown>>('oauth-popup', payload);
const text = (el: AbSourceForm, part: string) => $(el, `[part~="${part}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

let base: string;
let token: string;

async function form(connector: string, extra: { sourceId?: string } = {}) {
  const el = extra.sourceId
    ? await fixture<AbSourceForm>(html`<ab-source-form .token=${token} api-base-url=${base} source-id=${extra.sourceId} oauth-redirect-url=${CALLBACK}></ab-source-form>`)
    : await fixture<AbSourceForm>(
        html`<ab-source-form .token=${token} api-base-url=${base} template-id=${await sandbox.templateId(connector)} oauth-redirect-url=${CALLBACK}></ab-source-form>`,
      );
  await waitUntil(() => button(el), 'no sign-in button', { timeout: 10000 });
  return el;
}

/** Presses the sign-in button with the keyboard (a real user activation). */
async function pressSignIn(el: AbSourceForm) {
  button(el).focus();
  await sendKeys({ press: 'Enter' });
}

const nextOAuth = (el: AbSourceForm) => oneEvent(el, 'ab-oauth') as Promise<AbOAuthEvent>;

before(async () => {
  base = await sandbox.url();
  token = await sandbox.widgetToken();
});

afterEach(async () => {
  // never leave a consent window open for the next test
  for (let i = 0; i < 3 && ((await popup({ action: 'count' })) as number) > 0; i++) {
    await popup({ action: 'close', urlIncludes: '', timeout: 100 });
  }
});

describe('<ab-source-form> OAuth sign-in (sandbox)', () => {
  let createdId = '';

  it('Approve: popup → consent page → callback → signed in → check → source created (keyboard only)', async () => {
    const el = await form('hubspot');
    expect(text(el, 'oauth-button')).to.equal('Sign in with HubSpot');
    // the fields the flow fills in are hidden; the other credentials option is still a choice
    expect(el.shadowRoot!.querySelector('input[id*="client_id"], input[id*="refresh_token"]')).to.equal(null);
    await expect(el).to.be.accessible();

    const outcome = nextOAuth(el);
    await pressSignIn(el);
    await waitUntil(() => $(el, '[part~="oauth-cancel"]'), 'no Cancel while signing in');
    expect(button(el).getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    const page = (await popup({ action: 'text' })) as string;
    expect(page).to.include('Sign in to HubSpot');
    expect(page).to.include(sandbox.workspace);
    await popup({ action: 'click', name: 'Approve' });
    const ev = await outcome;
    expect(ev.detail).to.deep.equal({ status: 'success', message: 'Signed in to HubSpot.' });
    await el.updateComplete;
    expect(text(el, 'oauth-status')).to.equal('Signed in to HubSpot');
    expect(text(el, 'oauth-button')).to.equal('Re-authenticate');
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement).to.equal(button(el));
    await expect(el).to.be.accessible();

    const creds = el.value.credentials as Record<string, string>;
    expect(creds.credentials_title).to.equal('OAuth Credentials');
    expect(creds.client_id).to.equal('sandbox-hubspot-client-id');
    expect(creds.refresh_token).to.match(/^sandbox-refresh-token-/);
    await waitUntil(async () => ((await popup({ action: 'count' })) as number) === 0, 'the popup did not close', { timeout: 5000 });

    const created = oneEvent(el, 'ab-source-created');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    const { detail } = await created;
    createdId = detail.source.id;
    expect(detail.source.name).to.include('HubSpot');
  });

  it('edit mode: shows Signed in for a saved source and re-authenticates it with source_id', async () => {
    expect(createdId, 'needs the source of the previous test').to.not.equal('');
    const el = await form('hubspot', { sourceId: createdId });
    expect(text(el, 'oauth-status')).to.equal('Signed in to HubSpot');
    expect(text(el, 'oauth-button')).to.equal('Re-authenticate');
    await expect(el).to.be.accessible();
    const outcome = nextOAuth(el);
    await pressSignIn(el);
    const page = (await popup({ action: 'text' })) as string;
    expect(page).to.include(createdId); // the consent request carried source_id
    await popup({ action: 'click', name: 'Approve' });
    expect((await outcome).detail.status).to.equal('success');
    const updated = oneEvent(el, 'ab-source-updated');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    expect((await updated).detail.source.id).to.equal(createdId);
  });

  it('Deny: its own message, no sign-in, the button again', async () => {
    const el = await form('hubspot');
    const outcome = nextOAuth(el);
    await pressSignIn(el);
    await popup({ action: 'click', name: 'Deny' });
    const ev = await outcome;
    expect(ev.detail.status).to.equal('denied');
    expect(ev.detail.message).to.equal('Access was not granted on the HubSpot page. Sign in again to connect.');
    await el.updateComplete;
    expect(text(el, 'oauth-notice')).to.equal(ev.detail.message);
    expect(text(el, 'oauth-button')).to.equal('Sign in with HubSpot');
    expect((el.value.credentials as Record<string, unknown>).refresh_token).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('blocked popup (simulated): message + a link that opens the consent page in a new tab and finishes the same way', async () => {
    const el = await form('hubspot');
    const open = window.open;
    window.open = () => null;
    let link: HTMLAnchorElement | null = null;
    try {
      const blocked = nextOAuth(el);
      await pressSignIn(el);
      expect((await blocked).detail).to.deep.equal({ status: 'blocked', message: 'Your browser blocked the sign-in window.' });
      await waitUntil(() => (link = $<HTMLAnchorElement>(el, '[part~="oauth-link"]')));
    } finally {
      window.open = open;
    }
    const a = link!;
    expect(new URL(a.href).origin).to.equal(base);
    expect(a.target).to.equal('_blank');
    expect(a.rel).to.include('noopener');
    expect(el.shadowRoot!.activeElement).to.equal(a); // focus moved to the way forward
    await expect(el).to.be.accessible();

    const outcome = nextOAuth(el);
    await sendKeys({ press: 'Enter' }); // follow the link: a new tab, no opener
    await popup({ action: 'click', name: 'Approve' });
    expect((await outcome).detail.status).to.equal('success');
    await popup({ action: 'close', urlIncludes: CALLBACK, timeout: 1000 });
  });

  it('ignores a message from another origin and one with another state; takes the right one', async () => {
    const el = await form('hubspot');
    const open = window.open;
    window.open = () => null;
    try {
      const blocked = nextOAuth(el);
      button(el).click();
      await blocked;
    } finally {
      window.open = open;
    }
    await el.updateComplete;
    const state = new URL($<HTMLAnchorElement>(el, '[part~="oauth-link"]')!.href).searchParams.get('state')!;
    const seen: AbOAuthEvent[] = [];
    el.addEventListener('ab-oauth', (e) => seen.push(e));

    // a real cross-origin window (opaque origin) posting the right state
    const frame = document.createElement('iframe');
    frame.title = 'forger';
    frame.src = `data:text/html,<script>parent.postMessage({type:'ab-oauth-callback',query:{code:'forged',state:${JSON.stringify(state)}}},'*')</script>`;
    const delivered = new Promise<void>((r) => window.addEventListener('message', (e) => e.origin === 'null' && r(), { once: true }));
    document.body.append(frame);
    await delivered;
    frame.remove();
    // same origin, wrong state
    const channel = new BroadcastChannel(OAUTH_CALLBACK_CHANNEL);
    channel.postMessage({ type: 'ab-oauth-callback', query: { code: 'x', state: 'not-this-one' } });
    window.postMessage({ type: 'ab-oauth-callback', query: { code: 'x', state: state + 'x' } }, location.origin);
    await aTimeout(300);
    expect(seen).to.deep.equal([]);
    expect($(el, '[part~="oauth-link"]')).to.not.equal(null); // still waiting

    // the right state from this origin is taken (and the sandbox refuses the made-up code)
    const outcome = nextOAuth(el);
    channel.postMessage({ type: 'ab-oauth-callback', query: { code: 'made-up', state } });
    channel.close();
    const ev = await outcome;
    expect(ev.detail.status).to.equal('error');
    expect(ev.detail.message).to.include('invalid_grant');
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('Cancel and closing the popup each report cancelled', async () => {
    const el = await form('hubspot');
    let outcome = nextOAuth(el);
    await pressSignIn(el);
    await popup({ action: 'text' });
    $<HTMLButtonElement>(el, '[part~="oauth-cancel"]')!.click();
    expect((await outcome).detail).to.deep.equal({ status: 'cancelled', message: 'Sign-in cancelled.' });
    await waitUntil(async () => ((await popup({ action: 'count' })) as number) === 0, 'Cancel did not close the popup');

    outcome = nextOAuth(el);
    await pressSignIn(el);
    await popup({ action: 'text' });
    await popup({ action: 'close' });
    expect((await outcome).detail).to.deep.equal({ status: 'cancelled', message: 'The sign-in window was closed before the sign-in finished.' });
    await el.updateComplete;
    expect(text(el, 'oauth-notice')).to.equal('The sign-in window was closed before the sign-in finished.');
    await expect(el).to.be.accessible();
  });

  it('no predicate (Google Ads): the button is on top; submitting first asks to sign in and the summary leads to it', async () => {
    const el = await form('google-ads');
    const block = $(el, '[part~="oauth"]')!;
    const firstField = el.shadowRoot!.querySelector('.card');
    expect(block.compareDocumentPosition(firstField!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect(el.shadowRoot!.querySelector('input[id*="developer_token"]')).to.equal(null);
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '[part~="oauth-required"]'));
    expect(text(el, 'oauth-required')).to.equal('Sign in with Google Ads to continue.');
    const item = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="error-summary"] button')].find((b) => b.textContent!.includes('Sign in with Google Ads'));
    expect(item, 'the summary names the sign-in').to.exist;
    item!.click();
    await waitUntil(() => el.shadowRoot!.activeElement === button(el), 'the summary did not lead to the button');
    await expect(el).to.be.accessible();
    const outcome = nextOAuth(el);
    await sendKeys({ press: 'Enter' });
    await popup({ action: 'click', name: 'Approve' });
    expect((await outcome).detail.status).to.equal('success');
    await el.updateComplete;
    expect((el.value.credentials as Record<string, unknown>).developer_token).to.equal('sandbox-google-ads-developer-token');
    expect($(el, '[part~="oauth-required"]')).to.equal(null);
  });

  it('a one-key predicate (Salesforce auth_type) puts the button among the root fields, tokens hidden', async () => {
    const el = await form('salesforce');
    expect(text(el, 'oauth-button')).to.equal('Sign in with Salesforce');
    for (const key of ['client_id', 'client_secret', 'refresh_token']) expect(el.shadowRoot!.querySelector(`input[id*="${key}"]`), key).to.equal(null);
    expect(el.value.auth_type).to.equal('Client');
    await expect(el).to.be.accessible();
  });

  it('asks the OAuth inputs first (Zendesk subdomain) and sends them with the consent request', async () => {
    const el = await form('zendesk-support');
    let opened = 0;
    const open = window.open;
    window.open = (...a: Parameters<typeof window.open>) => (opened++, open.apply(window, a));
    try {
      await pressSignIn(el);
      await el.updateComplete;
      expect(opened).to.equal(0);
      const sub = el.shadowRoot!.activeElement as HTMLInputElement;
      expect(sub.id).to.include('subdomain');
      expect(sub.getAttribute('aria-invalid')).to.equal('true');
      await sendKeys({ type: 'acme' });
      const outcome = nextOAuth(el);
      await pressSignIn(el);
      expect(opened).to.equal(1);
      const page = (await popup({ action: 'text' })) as string;
      expect(page).to.include('subdomain: acme');
      await popup({ action: 'click', name: 'Approve' });
      expect((await outcome).detail.status).to.equal('success');
      const creds = el.value.credentials as Record<string, unknown>;
      expect(creds.credentials).to.equal('oauth2_refresh');
      expect(creds.access_token).to.match(/^sandbox-access-token-/);
    } finally {
      window.open = open;
    }
  });
});
