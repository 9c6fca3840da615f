import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { AbElement } from '../src/internal/ab-element.js';
import { define } from '../src/internal/define.js';
import { liveRegion } from '../src/internal/live-region.js';

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
