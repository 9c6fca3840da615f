// AbApiElement in Chromium: token attribute hygiene, shared clients, and the token-expiry flow against the
// sandbox over real HTTP (a rejected token → ab-token-expired → the host sets a new token → the task re-runs).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { Task } from '@lit/task';
import { html as litHtml } from 'lit';
import { AbApiElement } from '../src/internal/api-element.js';
import { ApiError, EmbeddedClient, clearSharedClients, type SourceTemplateListItem } from '../src/api/index.js';
import type { AbErrorEvent, AbTokenExpiredEvent } from '../src/internal/common.events.js';
import { sandbox } from './harness/sandbox.js';

class TestApiElement extends AbApiElement {
  runs = 0;
  seenSignals: AbortSignal[] = [];
  readonly templates = new Task(this, {
    args: () => [this.api] as const,
    task: async ([api], { signal }) => {
      if (!api) return undefined;
      this.runs++;
      this.seenSignals.push(signal);
      try {
        return await api.listSourceTemplates({}, { signal });
      } catch (e) {
        this.reportError(e);
        throw e;
      }
    },
  });
  get exposedApi() {
    return this.api;
  }
  fail(e: unknown) {
    return this.reportError(e);
  }
  get expired() {
    return this.sessionExpired;
  }
  message(e: unknown) {
    return this.errorMessage(e);
  }
  override render() {
    return this.templates.render({
      initial: () => litHtml`<p>${this.t('noToken')}</p>`,
      pending: () => litHtml`<p role="status">${this.t('loading')}</p>`,
      complete: (list?: SourceTemplateListItem[]) => litHtml`<ul aria-label="Templates">${(list ?? []).map((t) => litHtml`<li>${t.name}</li>`)}</ul>`,
      error: (e) => litHtml`<p role="alert">${this.errorMessage(e)}</p>`,
    });
  }
}
customElements.define('ab-test-api-element', TestApiElement);

/** A JWT-shaped token with a bad signature: parses fine, the sandbox answers 401. */
function forgedJwt(): string {
  const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'HS256' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 600, sub: crypto.randomUUID() })}.forged-signature`;
}

describe('AbApiElement', () => {
  afterEach(() => clearSharedClients());

  describe('token attribute', () => {
    it('reads the token attribute, removes it from the DOM and keeps the property', async () => {
      const token = forgedJwt();
      const el = await fixture<TestApiElement>(html`<ab-test-api-element token=${token} api-base-url="http://127.0.0.1:9"></ab-test-api-element>`);
      expect(el.hasAttribute('token')).to.be.false;
      expect(el.outerHTML).not.to.contain(token.slice(0, 30));
      expect(el.token).to.equal(token);
      expect(el.exposedApi).to.be.instanceOf(EmbeddedClient);
    });

    it('a token attribute set later is read and removed as well', async () => {
      const el = await fixture<TestApiElement>(html`<ab-test-api-element api-base-url="http://127.0.0.1:9"></ab-test-api-element>`);
      expect(el.exposedApi).to.be.undefined;
      const token = forgedJwt();
      el.setAttribute('token', token);
      expect(el.hasAttribute('token')).to.be.false;
      expect(el.token).to.equal(token);
      el.removeAttribute('token'); // removing it again does not clear the property
      expect(el.token).to.equal(token);
    });

    it('does not reflect the token property to an attribute', async () => {
      const el = await fixture<TestApiElement>(html`<ab-test-api-element .token=${forgedJwt()} api-base-url="http://127.0.0.1:9"></ab-test-api-element>`);
      await el.updateComplete;
      expect(el.hasAttribute('token')).to.be.false;
    });
  });

  describe('client selection', () => {
    it('elements with the same token and base URL share one client; another token gets another', async () => {
      const token = forgedJwt();
      const a = await fixture<TestApiElement>(html`<ab-test-api-element .token=${token} api-base-url="http://127.0.0.1:9/"></ab-test-api-element>`);
      const b = await fixture<TestApiElement>(html`<ab-test-api-element .token=${token} api-base-url="http://127.0.0.1:9"></ab-test-api-element>`);
      const c = await fixture<TestApiElement>(html`<ab-test-api-element .token=${forgedJwt()} api-base-url="http://127.0.0.1:9"></ab-test-api-element>`);
      expect(a.exposedApi).to.equal(b.exposedApi);
      expect(a.exposedApi).not.to.equal(c.exposedApi);
    });

    it('an injected client wins over the token', async () => {
      const client = new EmbeddedClient({ token: forgedJwt(), baseUrl: 'http://127.0.0.1:9' });
      const el = await fixture<TestApiElement>(html`<ab-test-api-element .token=${forgedJwt()} .client=${client}></ab-test-api-element>`);
      expect(el.exposedApi).to.equal(client);
    });

    it('defaults api-base-url to https://api.airbyte.ai', async () => {
      const el = await fixture<TestApiElement>(html`<ab-test-api-element></ab-test-api-element>`);
      expect(el.apiBaseUrl).to.equal('https://api.airbyte.ai');
      await expect(el).to.be.accessible();
    });
  });

  describe('reportError', () => {
    it('fires ab-error {code, message, status} and ignores aborts', async () => {
      const el = await fixture<TestApiElement>(html`<ab-test-api-element></ab-test-api-element>`);
      const events: AbErrorEvent[] = [];
      document.addEventListener('ab-error', (e) => events.push(e as AbErrorEvent), { once: true });
      el.fail(new DOMException('x', 'AbortError'));
      el.fail(new ApiError('aborted', 'cancelled'));
      expect(events).to.have.length(0);
      const detail = el.fail(new ApiError('validation', 'Bad host', { status: 422, fieldErrors: [{ field: 'host', message: 'required' }] }));
      expect(events).to.have.length(1);
      expect(events[0]!.detail).to.deep.equal(detail);
      expect(events[0]!.detail).to.deep.include({ code: 'validation', message: 'Bad host', status: 422 });
      expect(events[0]!.bubbles && events[0]!.composed).to.be.true;
      el.fail(new TypeError('boom'));
    });

    it('gives translated messages per code, overridable with i18n', async () => {
      const el = await fixture<TestApiElement>(html`<ab-test-api-element></ab-test-api-element>`);
      expect(el.message(new ApiError('network', 'x'))).to.match(/reach the server/);
      el.i18n = { apiErrorNetwork: 'Hors ligne' };
      expect(el.message(new ApiError('network', 'x'))).to.equal('Hors ligne');
      expect(el.message(new ApiError('validation', 'Port must be a number'))).to.equal('Port must be a number');
    });
  });

  describe('token expiry against the sandbox', () => {
    it('rejected token → ab-error + ab-token-expired (once) → a new token re-runs the task', async () => {
      const url = await sandbox.url();
      const expired: AbTokenExpiredEvent[] = [];
      const onExpired = (e: Event) => expired.push(e as AbTokenExpiredEvent);
      document.addEventListener('ab-token-expired', onExpired);
      try {
        const el = await fixture<TestApiElement>(html`<ab-test-api-element .token=${forgedJwt()} api-base-url=${url}></ab-test-api-element>`);
        const err = await oneEvent(el, 'ab-error');
        expect(err.detail.code).to.equal('unauthorized');
        await waitUntil(() => expired.length === 1, 'ab-token-expired fired');
        expect(expired[0]!.composed).to.be.true;
        await el.updateComplete;
        expect(el.expired).to.be.true;
        expect(el.shadowRoot!.querySelector('[role=alert]')?.textContent).to.match(/session has expired/i);
        await expect(el).to.be.accessible();

        el.token = await sandbox.widgetToken();
        await waitUntil(() => el.shadowRoot!.querySelectorAll('li').length > 0, 'templates listed with the new token');
        expect(el.runs).to.equal(2);
        expect(el.expired).to.be.false;
        expect(expired).to.have.length(1);
        await expect(el).to.be.accessible();
      } finally {
        document.removeEventListener('ab-token-expired', onExpired);
      }
    });

    it('with a tokenProvider the element renews silently (no ab-token-expired)', async () => {
      const url = await sandbox.url();
      let asked = 0;
      const expired: Event[] = [];
      const onExpired = (e: Event) => expired.push(e);
      document.addEventListener('ab-token-expired', onExpired);
      try {
        const el = await fixture<TestApiElement>(
          html`<ab-test-api-element .token=${forgedJwt()} .tokenProvider=${async () => (asked++, sandbox.widgetToken())} api-base-url=${url}></ab-test-api-element>`,
        );
        await waitUntil(() => el.shadowRoot!.querySelectorAll('li').length > 0, 'templates listed after the refresh');
        expect(asked).to.equal(1);
        expect(expired).to.have.length(0);
      } finally {
        document.removeEventListener('ab-token-expired', onExpired);
      }
    });

    it('a garbage token gives ab-error invalid_token and a clear message, no request', async () => {
      const url = await sandbox.url();
      const errors: AbErrorEvent[] = [];
      const onError = (e: Event) => errors.push(e as AbErrorEvent);
      document.addEventListener('ab-error', onError); // the rejection is immediate: listen before creating
      try {
        const el = await fixture<TestApiElement>(html`<ab-test-api-element .token=${'not a token'} api-base-url=${url}></ab-test-api-element>`);
        await waitUntil(() => errors.length > 0, 'ab-error fired');
        expect(errors[0]!.detail.code).to.equal('invalid_token');
        expect(errors[0]!.detail.message).not.to.contain('not a token');
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('[role=alert]')?.textContent).to.match(/token .* not valid/i);
        await expect(el).to.be.accessible();
      } finally {
        document.removeEventListener('ab-error', onError);
      }
    });
  });
});
