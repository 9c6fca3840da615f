import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/components/stream-explorer/ab-stream-explorer.js';
import type { AbStreamExplorer } from '../src/components/stream-explorer/stream-explorer.js';
import { bigCatalog } from '../stories/stream-explorer.data.js';

const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
const count = (el: AbStreamExplorer) => el.shadowRoot!.querySelectorAll('*').length;

describe('ab-stream-explorer at scale (10,000 streams × 30 fields)', () => {
  it('renders quickly with a bounded shadow tree, selects all and searches within a frame', async () => {
    const catalog = bigCatalog(10_000);
    const t0 = performance.now();
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${catalog}></ab-stream-explorer>`);
    await el.updateComplete;
    const firstRender = performance.now() - t0;
    await frame();
    console.log(`first render ${firstRender.toFixed(1)} ms, shadow elements ${count(el)}`);
    expect(count(el)).to.be.lessThan(5000);
    expect(el.shadowRoot!.querySelector('[role=treegrid]')!.getAttribute('aria-rowcount')).to.equal('10001');
    expect(el.value.streams.length).to.equal(1000); // suggested

    // Select all, including building the event.
    const all = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Select all')!;
    let detail: unknown;
    el.addEventListener('ab-streams-change', (e) => (detail = e.detail), { once: true });
    const t1 = performance.now();
    all.click();
    await el.updateComplete;
    const selectAll = performance.now() - t1;
    console.log(`select all + event + render ${selectAll.toFixed(1)} ms`);
    expect((detail as { streams: unknown[] }).streams.length).to.equal(10_000);

    // Let the idle index finish, then time one search keystroke.
    await new Promise((r) => setTimeout(r, 1500));
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=search]')!;
    const t2 = performance.now();
    input.value = 'field_7_of_99';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const search = performance.now() - t2;
    console.log(`search keystroke ${search.toFixed(1)} ms`);

    // Expanding every visible stream keeps the DOM bounded.
    input.value = '';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const grid = el.shadowRoot!.querySelector<HTMLElement>('[role=treegrid]')!;
    grid.scrollTop = 44 * 5000;
    await frame();
    await el.updateComplete;
    console.log(`after scroll: ${count(el)} elements`);
    expect(count(el)).to.be.lessThan(5000);
    const shown = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.body [role=row][tabindex="-1"]')].map((r) => Number(r.getAttribute('aria-posinset')));
    expect(shown, 'the rows in view are rendered').to.include(5001);
    expect(Math.max(...shown) - Math.min(...shown)).to.be.lessThan(60);
    await expect(el).to.be.accessible();

    // Keyboard at scale: End reaches the last of 10,000 rows; the focused row stays rendered when scrolled away.
    el.shadowRoot!.querySelector<HTMLElement>('.body [role=row]')!.focus();
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    const active = () => el.shadowRoot!.activeElement as HTMLElement;
    expect(active().getAttribute('aria-posinset')).to.equal('10000');
    grid.scrollTop = 0;
    await frame();
    await el.updateComplete;
    expect(active().getAttribute('aria-posinset'), 'focus survives scrolling').to.equal('10000');
    await sendKeys({ press: 'PageUp' });
    await el.updateComplete;
    expect(Number(active().getAttribute('aria-posinset'))).to.be.lessThan(10000).and.greaterThan(9980);
  });
});
