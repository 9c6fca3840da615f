import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { AbElement } from '../src/internal/ab-element.js';
import { define } from '../src/internal/define.js';
import { liveRegion } from '../src/internal/live-region.js';
import { initialState, Loader, TaskStatus } from '../src/internal/loader.js';
import { LitElement } from 'lit';

class AbProbe extends AbElement {
  override render() {
    return html`<p part="base">${this.t('retry')}</p>${liveRegion()}`;
  }
  say(m: string) {
    this.announce(m);
  }
}
define('ab-probe', AbProbe);

describe('AbElement base', () => {
  it('translates built-in strings and honours per-element overrides', async () => {
    const el = await fixture<AbProbe>(html`<ab-probe></ab-probe>`);
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('Retry');
    el.i18n = { retry: 'Réessayer' };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('Réessayer');
    await expect(el).to.be.accessible();
  });

  it('reflects theme and switches tokens for dark', async () => {
    const el = await fixture<AbProbe>(html`<ab-probe theme="dark"></ab-probe>`);
    expect(getComputedStyle(el).getPropertyValue('--_ab-color-bg').trim()).to.equal('#16181d');
    el.style.setProperty('--ab-color-bg', 'rgb(1, 2, 3)');
    expect(getComputedStyle(el).getPropertyValue('--_ab-color-bg').trim()).to.equal('rgb(1, 2, 3)');
  });

  it('follows prefers-color-scheme in auto and keeps an explicit light theme light', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const auto = await fixture<AbProbe>(html`<ab-probe></ab-probe>`);
      const light = await fixture<AbProbe>(html`<ab-probe theme="light"></ab-probe>`);
      expect(getComputedStyle(auto).getPropertyValue('--_ab-color-bg').trim()).to.equal('#16181d');
      expect(getComputedStyle(auto).backgroundColor).to.equal('rgb(22, 24, 29)');
      expect(getComputedStyle(light).getPropertyValue('--_ab-color-bg').trim()).to.equal('#ffffff');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('warns instead of throwing when a tag is defined twice', () => {
    const warn = console.warn;
    const seen: unknown[] = [];
    console.warn = (...a: unknown[]) => seen.push(a);
    try {
      define('ab-probe', class extends AbProbe {});
    } finally {
      console.warn = warn;
    }
    expect(seen.length).to.equal(1);
  });

  it('announces through its polite live region', async () => {
    const el = await fixture<AbProbe>(html`<ab-probe></ab-probe>`);
    el.say('3 results');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const region = el.shadowRoot!.querySelector('[role=status]')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(region.textContent).to.equal('3 results');
  });
});

class AbLoaderProbe extends LitElement {
  static override properties = { key: {} };
  declare key: string;
  runs: { key: string; signal: AbortSignal; settle: (v: unknown) => void; fail: (e: unknown) => void }[] = [];
  errors: unknown[] = [];
  loader = new Loader(this, {
    args: () => [this.key] as const,
    task: ([key], { signal }) => {
      if (!key) return Promise.resolve(initialState);
      return new Promise<string>((settle, fail) => this.runs.push({ key, signal, settle: settle as (v: unknown) => void, fail }));
    },
    onError: (e) => this.errors.push(e),
  });
  constructor() {
    super();
    this.key = 'a';
  }
  override render() {
    return html`${this.loader.status}`;
  }
}
define('ab-loader-probe', AbLoaderProbe);

describe('Loader (the small @lit/task stand-in)', () => {
  const tick = () => new Promise((r) => setTimeout(r));

  it('runs when its args change, aborts the superseded run and keeps only the latest outcome', async () => {
    const el = await fixture<AbLoaderProbe>(html`<ab-loader-probe></ab-loader-probe>`);
    expect(el.runs.map((r) => r.key)).to.deep.equal(['a']);
    expect(el.loader.status).to.equal(TaskStatus.PENDING);
    el.key = 'b';
    await el.updateComplete;
    expect(el.runs.map((r) => r.key)).to.deep.equal(['a', 'b']);
    expect(el.runs[0]!.signal.aborted).to.equal(true);
    el.runs[0]!.settle('stale');
    el.runs[1]!.settle('B');
    await tick();
    await el.updateComplete;
    expect(el.loader.status).to.equal(TaskStatus.COMPLETE);
    expect(el.loader.value).to.equal('B');
    expect(el.shadowRoot!.textContent).to.equal(String(TaskStatus.COMPLETE));
    el.requestUpdate();
    await el.updateComplete;
    expect(el.runs.length).to.equal(2); // same args: no new run
  });

  it('reports errors, goes back to INITIAL on initialState, and honours autoRun', async () => {
    const el = await fixture<AbLoaderProbe>(html`<ab-loader-probe></ab-loader-probe>`);
    const boom = new Error('boom');
    el.runs[0]!.fail(boom);
    await tick();
    expect(el.loader.status).to.equal(TaskStatus.ERROR);
    expect(el.loader.error).to.equal(boom);
    expect(el.errors).to.deep.equal([boom]);
    el.key = '';
    await el.updateComplete;
    await tick();
    expect(el.loader.status).to.equal(TaskStatus.INITIAL);
    el.loader.autoRun = false;
    el.key = 'c';
    await el.updateComplete;
    expect(el.runs.length).to.equal(1);
    void el.loader.run();
    expect(el.runs.map((r) => r.key)).to.deep.equal(['a', 'c']);
  });

  it('aborts a pending run on disconnect and runs again on reconnect', async () => {
    const el = await fixture<AbLoaderProbe>(html`<ab-loader-probe></ab-loader-probe>`);
    const parent = el.parentElement!;
    el.remove();
    expect(el.runs[0]!.signal.aborted).to.equal(true);
    parent.append(el);
    expect(el.runs.length).to.equal(2);
    el.runs[1]!.settle('A');
    await tick();
    expect(el.loader.status).to.equal(TaskStatus.COMPLETE);
    el.remove();
    parent.append(el);
    expect(el.runs.length).to.equal(2); // nothing was pending
  });
});
