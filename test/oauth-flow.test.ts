import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { OAUTH_CALLBACK_CHANNEL, isOAuthCallbackMessage, queryToObject, relayOAuthCallback } from '../src/oauth/callback.js';
import { OAuthFlow, parseConsentUrl, type OAuthCompleteAnswer, type OAuthOutcome, type OAuthPhase } from '../src/oauth/flow.js';

// Unit tests of the opener side with injected API functions (the end-to-end flow against the sandbox is
// in oauth-source-form.test.ts). Popups here are real Chromium windows unless `window.open` is stubbed.

const CONSENT = 'https://provider.example/authorize?client_id=abc&redirect_uri=x&state=s-123';

function harness(opts: { open?: (...a: unknown[]) => Window | null; consent?: () => Promise<string>; answer?: OAuthCompleteAnswer | Error } = {}) {
  const outcomes: OAuthOutcome[] = [];
  const phases: OAuthPhase[] = [];
  const completes: Record<string, string>[] = [];
  const win = new Proxy(window, {
    get(target, key) {
      if (key === 'open' && opts.open) return opts.open;
      const v = Reflect.get(target, key, target);
      return typeof v === 'function' && key !== 'BroadcastChannel' ? v.bind(target) : v;
    },
  });
  const flow = new OAuthFlow({
    window: win,
    getConsentUrl: opts.consent ?? (async () => CONSENT),
    complete: async (q) => {
      completes.push(q);
      const a = opts.answer ?? { request_succeeded: true, auth_payload: { refresh_token: 'rt' }, request_error: null };
      if (a instanceof Error) throw a;
      return a;
    },
    onOutcome: (o) => outcomes.push(o),
    onPhase: (p) => phases.push(p),
    closePollMs: 50,
    closeGraceMs: 100,
    loadingText: 'Opening the sign-in window…',
  });
  return { flow, outcomes, phases, completes };
}

const broadcast = (query: Record<string, string>) => {
  const c = new BroadcastChannel(OAUTH_CALLBACK_CHANNEL);
  c.postMessage({ type: 'ab-oauth-callback', query });
  c.close();
};

describe('oauth callback relay', () => {
  it('parses queries and recognises messages', () => {
    expect(queryToObject('?code=a&state=b&code=c')).to.deep.equal({ code: 'c', state: 'b' });
    expect(isOAuthCallbackMessage({ type: 'ab-oauth-callback', query: { a: 'b' } })).to.equal(true);
    expect(isOAuthCallbackMessage({ type: 'ab-oauth-callback', query: { a: 1 } })).to.equal(false);
    expect(isOAuthCallbackMessage({ type: 'other', query: {} })).to.equal(false);
    expect(isOAuthCallbackMessage(null)).to.equal(false);
  });

  it('relays on the channel and to a same-origin opener, then closes', async () => {
    const got: unknown[] = [];
    const c = new BroadcastChannel(OAUTH_CALLBACK_CHANNEL);
    c.onmessage = (e) => got.push(e.data);
    let closed = false;
    const posted: unknown[][] = [];
    const fake = {
      location: { search: '?code=c1&state=s1', origin: 'http://example.test' },
      opener: { postMessage: (...a: unknown[]) => posted.push(a) },
      BroadcastChannel,
      setTimeout: (fn: () => void) => fn(),
      close: () => (closed = true),
    } as unknown as Window;
    const msg = relayOAuthCallback(fake);
    expect(msg).to.deep.equal({ type: 'ab-oauth-callback', query: { code: 'c1', state: 's1' } });
    expect(posted).to.deep.equal([[msg, 'http://example.test']]);
    expect(closed).to.equal(true);
    await waitUntil(() => got.length === 1);
    expect(got[0]).to.deep.equal(msg);
    c.close();
  });

  it('the callback page reaches the opener through a real popup and closes itself', async () => {
    const got: MessageEvent[] = [];
    const onMessage = (e: MessageEvent) => got.push(e);
    window.addEventListener('message', onMessage);
    const popup = window.open('/test/oauth-callback.html?code=c2&state=s2', 'cb-test', 'popup,width=300,height=200')!;
    expect(popup).to.be.ok;
    await waitUntil(() => got.length > 0, 'no message from the callback page', { timeout: 10000 });
    expect(got[0].origin).to.equal(location.origin);
    expect(got[0].data).to.deep.equal({ type: 'ab-oauth-callback', query: { code: 'c2', state: 's2' } });
    await waitUntil(() => popup.closed, 'the callback page did not close', { timeout: 5000 });
    window.removeEventListener('message', onMessage);
  });

  for (const page of ['/dist/oauth-callback.html', '/dist/cdn/oauth-callback.html']) {
    it(`the shipped page ${page} (after npm run build) relays with its sibling script, no inline script`, async function () {
      const res = await fetch(page);
      if (!res.ok) return this.skip(); // not built yet: `npm test` builds before the browser tests
      const source = await res.text();
      expect(source).to.match(/<script type="module" src="\.\/oauth-callback\.js"><\/script>/);
      // (the test server may inject its own script tags: every one must load a file)
      for (const tag of source.match(/<script\b[^>]*>/g)!) expect(tag).to.match(/\ssrc=/);
      const got: MessageEvent[] = [];
      const onMessage = (e: MessageEvent) => got.push(e);
      window.addEventListener('message', onMessage);
      try {
        const popup = window.open(`${page}?code=c3&state=s3`, 'shipped', 'popup,width=300,height=200')!;
        await waitUntil(() => got.length > 0, 'no message from the shipped page', { timeout: 10000 });
        expect(got[0].data).to.deep.equal({ type: 'ab-oauth-callback', query: { code: 'c3', state: 's3' } });
        await waitUntil(() => popup.closed, 'the shipped page did not close', { timeout: 5000 });
      } finally {
        window.removeEventListener('message', onMessage);
      }
    });
  }
});

describe('OAuthFlow', () => {
  it('checks consent URLs: http(s) with a state only', () => {
    expect(parseConsentUrl(CONSENT)?.state).to.equal('s-123');
    expect(parseConsentUrl('javascript:alert(1)//?state=x')).to.equal(null);
    expect(parseConsentUrl('https://p.example/authorize')).to.equal(null);
    expect(parseConsentUrl(42)).to.equal(null);
  });

  it('opens the popup synchronously, navigates it, and completes with the merged query', async () => {
    let opened: Window | null = null;
    const h = harness({
      open: (...a) => {
        opened = window.open('', String(a[1]), 'popup,width=300,height=200');
        return opened;
      },
      consent: async () => `${location.origin}/test/oauth-callback.html?client_id=abc&state=s-1&scope=read`,
    });
    h.flow.start();
    expect(opened, 'popup opened before any await').to.be.ok;
    expect(opened!.document.body.textContent).to.equal('Opening the sign-in window…');
    expect(h.flow.phase).to.equal('opening');
    await waitUntil(() => h.outcomes.length === 1, 'no outcome', { timeout: 10000 });
    expect(h.outcomes[0]).to.deep.include({ status: 'success', reason: 'signed-in' });
    expect(h.outcomes[0].payload).to.deep.equal({ refresh_token: 'rt' });
    // the consent URL here is the callback page itself: its query is the "redirect" query
    expect(h.completes[0]).to.include({ client_id: 'abc', state: 's-1', scope: 'read' });
    expect(h.phases).to.deep.equal(['opening', 'waiting', 'completing', 'done']);
    await waitUntil(() => opened!.closed);
  });

  it('reports a blocked popup, then finishes through the channel (fallback tab)', async () => {
    const h = harness({ open: () => null });
    h.flow.start();
    await waitUntil(() => h.outcomes.length === 1);
    expect(h.outcomes[0].status).to.equal('blocked');
    expect(h.flow.blocked).to.equal(true);
    expect(h.flow.consentUrl).to.equal(CONSENT);
    broadcast({ code: 'c', state: 's-123', extra: 'callback' });
    await waitUntil(() => h.outcomes.length === 2);
    expect(h.outcomes[1].status).to.equal('success');
    expect(h.completes[0]).to.deep.equal({ client_id: 'abc', redirect_uri: 'x', state: 's-123', code: 'c', extra: 'callback' });
  });

  it('ignores a wrong state, another origin and malformed messages', async () => {
    const h = harness({ open: () => null });
    h.flow.start();
    await waitUntil(() => h.outcomes.length === 1);
    broadcast({ code: 'c', state: 'not-ours' });
    window.postMessage({ type: 'ab-oauth-callback', query: { code: 'c', state: 'nope' } }, location.origin);
    window.postMessage({ type: 'ab-oauth-callback', query: { code: 1, state: 's-123' } }, location.origin);
    // a real message from another origin (an opaque-origin frame) with the right state
    const frame = document.createElement('iframe');
    frame.title = 'forger';
    frame.src = `data:text/html,<script>parent.postMessage({type:'ab-oauth-callback',query:{code:'evil',state:'s-123'}},'*')</script>`;
    const forged = new Promise<MessageEvent>((r) => window.addEventListener('message', (e) => e.origin === 'null' && r(e), { once: false }));
    document.body.append(frame);
    expect((await forged).data.query.code).to.equal('evil');
    await aTimeout(100);
    frame.remove();
    expect(h.outcomes.length).to.equal(1);
    expect(h.completes).to.deep.equal([]);
    expect(h.flow.phase).to.equal('waiting');
    h.flow.cancel();
    expect(h.outcomes[1]).to.deep.include({ status: 'cancelled', reason: 'cancelled' });
  });

  it('a deny or a provider error never calls complete', async () => {
    for (const [query, status, reason] of [
      [{ error: 'access_denied', error_description: 'The user said no' }, 'denied', 'denied'],
      [{ error: 'server_error', error_description: '<b>boom</b>' }, 'error', 'provider-error'],
    ] as const) {
      const h = harness({ open: () => null });
      h.flow.start();
      await waitUntil(() => h.outcomes.length === 1);
      broadcast({ ...query, state: 's-123' });
      await waitUntil(() => h.outcomes.length === 2);
      expect(h.outcomes[1]).to.deep.include({ status, reason, description: query.error_description });
      expect(h.completes).to.deep.equal([]);
    }
  });

  it('reports a failed exchange with the API text, and a thrown error', async () => {
    const h = harness({ open: () => null, answer: { request_succeeded: false, auth_payload: {}, request_error: 'code expired' } });
    h.flow.start();
    await waitUntil(() => h.outcomes.length === 1);
    broadcast({ code: 'c', state: 's-123' });
    await waitUntil(() => h.outcomes.length === 2);
    expect(h.outcomes[1]).to.deep.include({ status: 'error', reason: 'complete-failed', description: 'code expired' });

    const h2 = harness({ open: () => null, consent: async () => Promise.reject(new Error('nope')) });
    h2.flow.start();
    await waitUntil(() => h2.outcomes.length === 1);
    expect(h2.outcomes[0]).to.deep.include({ status: 'error', reason: 'consent-failed' });

    const h3 = harness({ open: () => null, consent: async () => 'javascript:alert(1)//?state=x' });
    h3.flow.start();
    await waitUntil(() => h3.outcomes.length === 1);
    expect(h3.outcomes[0]).to.deep.include({ status: 'error', reason: 'invalid-consent-url' });
  });

  it('detects a closed popup (best effort) and still accepts a late callback', async () => {
    let opened: Window | null = null;
    const h = harness({
      open: (...a) => (opened = window.open('', String(a[1]), 'popup,width=300,height=200')),
      consent: async () => `${location.origin}/package.json?state=s-9`,
    });
    h.flow.start();
    await waitUntil(() => h.flow.phase === 'waiting');
    opened!.close();
    await waitUntil(() => h.outcomes.length === 1, 'close not detected', { timeout: 5000 });
    expect(h.outcomes[0]).to.deep.include({ status: 'cancelled', reason: 'closed' });
    broadcast({ code: 'late', state: 's-9' });
    await waitUntil(() => h.outcomes.length === 2);
    expect(h.outcomes[1].status).to.equal('success');
  });

  it('from its own popup: another state is an error; an error without state still counts', async () => {
    for (const [query, reason] of [
      [{ code: 'c', state: 'other' }, 'unknown-state'],
      [{ error: 'access_denied' }, 'denied'],
    ] as const) {
      let opened: Window | null = null;
      const h = harness({ open: (...a) => (opened = window.open('', String(a[1]), 'popup,width=300,height=200')), consent: async () => `${location.origin}/package.json?state=s-5` });
      h.flow.start();
      await waitUntil(() => h.flow.phase === 'waiting');
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'ab-oauth-callback', query }, origin: location.origin, source: opened }));
      await waitUntil(() => h.outcomes.length === 1);
      expect(h.outcomes[0].reason).to.equal(reason);
      expect(h.completes).to.deep.equal([]);
      await waitUntil(() => opened!.closed);
    }
  });

  it('a second start while waiting only focuses the popup', async () => {
    let calls = 0;
    const h = harness({ open: () => (calls++, null) });
    h.flow.start();
    h.flow.start();
    expect(calls).to.equal(1);
    h.flow.dispose();
    expect(h.flow.phase).to.equal('idle');
  });
});
