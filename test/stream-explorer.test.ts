import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/components/stream-explorer/ab-stream-explorer.js';
import type { AbStreamExplorer } from '../src/components/stream-explorer/stream-explorer.js';
import type { StreamCatalog } from '../src/api/discovery.js';

const load = async (name: string): Promise<StreamCatalog> => (await fetch(`/fixtures/connectors/${name}/catalog.json`)).json();
const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
const rows = (el: AbStreamExplorer) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.body [role=row]')];
const rowByName = (el: AbStreamExplorer, name: string) =>
  rows(el).find((r) => r.querySelector(`#${r.getAttribute('aria-labelledby')}`)?.firstChild?.textContent === name);

describe('ab-stream-explorer (catalog)', () => {
  it('renders the stripe catalog as a tree grid', async () => {
    const catalog = await load('stripe');
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${catalog}></ab-stream-explorer>`);
    await frame();
    await el.updateComplete;
    const grid = el.shadowRoot!.querySelector('[role=treegrid]')!;
    expect(grid).to.exist;
    expect(rows(el).length).to.be.greaterThan(5);
    expect(el.value.streams.length).to.equal(catalog.streams.length);
    await expect(el).to.be.accessible();
  });
});
