import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/components/source-picker/ab-source-picker.js';
import type { AbSourcePicker } from '../src/components/source-picker/source-picker.js';
import type { AbSourceSelectEvent } from '../src/components/source-picker/source-picker.events.js';
import { manyTemplates, sampleTemplates } from '../stories/source-picker.data.js';
import { EmbeddedClient, getSharedClient } from '../src/api/index.js';
import type { AbErrorEvent } from '../src/internal/common.events.js';
import { sandbox } from './harness/sandbox.js';

const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const qa = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const names = (el: Element) => qa(el, '[role=option] [part=name]').map((n) => n.textContent!.trim());
const frames = (n = 2) => new Promise<void>((r) => { const f = () => (--n <= 0 ? r() : requestAnimationFrame(f)); requestAnimationFrame(f); });

async function type(text: string) {
  await sendKeys({ type: text });
}

async function picker(variant = 'grid', templates = sampleTemplates()) {
  const el = await fixture<AbSourcePicker>(html`<ab-source-picker label="Source" variant=${variant} .templates=${templates}></ab-source-picker>`);
  await el.updateComplete;
  return el;
}

describe('<ab-source-picker> with templates', () => {
  it('renders every template as an option with icon, name and tags', async () => {
    const el = await picker();
    const options = qa(el, '[role=option]');
    expect(options.length).to.equal(48);
    expect(q(el, '[role=listbox]')!.getAttribute('aria-busy')).to.equal('false');
    const first = options[0]!;
    expect(first.querySelector('img')!.getAttribute('alt')).to.equal('');
    expect(first.querySelector('img')!.getAttribute('src')).to.equal('/fixtures/connectors/airtable/icon.svg');
    expect(first.querySelector('[part=name]')!.textContent).to.equal('Airtable');
    expect(first.querySelector('[part=tags]')!.textContent).to.contain('productivity');
    expect(el.matches(':state(loading)')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('selects with the keyboard only: type, ArrowDown, Enter (typo-tolerant ranking)', async () => {
    const el = await picker();
    el.focus();
    await type('postgrs');
    await el.updateComplete;
    expect(names(el)[0]).to.equal('Postgres');
    expect(qa(el, 'mark[part=highlight]').length).to.be.greaterThan(0);
    const picked = oneEvent(el, 'ab-source-select') as Promise<AbSourceSelectEvent>;
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement!.getAttribute('role')).to.equal('listbox');
    expect(q(el, '[role=listbox]')!.getAttribute('aria-activedescendant')).to.equal('o-tpl-postgres');
    await sendKeys({ press: 'Enter' });
    const ev = await picked;
    expect(ev.detail).to.deep.equal({ templateId: 'tpl-postgres', name: 'Postgres', icon: '/fixtures/connectors/postgres/icon.svg', tags: ['database'] });
    expect(el.value).to.equal('tpl-postgres');
    await el.updateComplete;
    expect(q(el, '#o-tpl-postgres')!.getAttribute('aria-selected')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('ranks typos first: hubsot → HubSpot, gogle sheets → Google Sheets', async () => {
    const el = await picker('list');
    el.focus();
    await type('hubsot');
    await el.updateComplete;
    expect(names(el)[0]).to.equal('HubSpot');
    await sendKeys({ press: 'Control+a' });
    await type('gogle sheets');
    await el.updateComplete;
    expect(names(el)[0]).to.equal('Google Sheets');
    expect(names(el)).to.not.include('Google Ads');
  });

  it('announces the result count politely', async () => {
    const el = await picker();
    el.focus();
    await type('google');
    await waitUntil(() => q(el, '[data-ab-live]')!.textContent !== '', 'no announcement', { timeout: 3000 });
    expect(q(el, '[data-ab-live]')!.textContent).to.equal('4 sources found');
    expect(q(el, '[data-ab-live]')!.getAttribute('aria-live')).to.equal('polite');
  });

  it('shows "no results" with a way back, and is accessible', async () => {
    const el = await picker();
    el.focus();
    await type('qqqqzz');
    await el.updateComplete;
    expect(qa(el, '[role=option]').length).to.equal(0);
    expect(el.matches(':state(no-results)')).to.equal(true);
    expect(q(el, '[part=no-results]')!.textContent).to.contain('No sources match “qqqqzz”');
    await expect(el).to.be.accessible();
    q<HTMLButtonElement>(el, '[part=no-results] button')!.click();
    await el.updateComplete;
    expect(qa(el, '[role=option]').length).to.equal(48);
  });

  it('filters by tag chips (toggle buttons) and by the tags attribute', async () => {
    const el = await picker();
    const chips = qa<HTMLButtonElement>(el, '[part=tag-chip]');
    expect(chips.map((c) => c.textContent!.trim())).to.include.members(['crm', 'database', 'payments']);
    const db = chips.find((c) => c.textContent!.trim() === 'database')!;
    db.click();
    await el.updateComplete;
    expect(db.getAttribute('aria-pressed')).to.equal('true');
    expect(names(el)).to.have.members(['BigQuery', 'MongoDb', 'Microsoft SQL Server (MSSQL)', 'MySQL', 'Postgres', 'Snowflake']);
    await expect(el).to.be.accessible();
    el.setAttribute('tags', 'crm, payments');
    await el.updateComplete;
    expect(names(el)).to.have.members(['Close.com', 'HubSpot', 'Pipedrive', 'Recharge', 'Salesforce', 'Shopify', 'Stripe']);
    el.tagsMode = 'all';
    el.tags = ['crm', 'marketing'];
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['HubSpot']);
    expect(qa(el, '[part=tag-chip]').length).to.equal(2);
  });

  it('applies the host filter predicate', async () => {
    const el = await picker();
    el.filter = (t) => t.name.startsWith('G');
    await el.updateComplete;
    expect(names(el).every((n) => n.startsWith('G'))).to.equal(true);
    expect(names(el).length).to.equal(7);
  });

  it('navigates the grid in two dimensions, Home/End, type-ahead, Space selects', async () => {
    const el = await picker('grid');
    el.style.width = '700px';
    await frames();
    el.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const lb = q(el, '[role=listbox]')!;
    const cols = getComputedStyle(lb).gridTemplateColumns.split(' ').length;
    expect(cols).to.be.greaterThan(1);
    expect(lb.getAttribute('aria-activedescendant')).to.equal('o-tpl-airtable');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(lb.getAttribute('aria-activedescendant')).to.equal('o-tpl-amplitude');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(lb.getAttribute('aria-activedescendant')).to.equal(`o-${sampleTemplates()[1 + cols]!.id}`);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(lb.getAttribute('aria-activedescendant')).to.equal('o-tpl-zoom');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(lb.getAttribute('aria-activedescendant')).to.equal('o-tpl-airtable');
    await type('sn');
    await el.updateComplete;
    expect(lb.getAttribute('aria-activedescendant')).to.equal('o-tpl-snowflake');
    await aTimeout(700);
    const picked = oneEvent(el, 'ab-source-select') as Promise<AbSourceSelectEvent>;
    await sendKeys({ press: 'Space' });
    expect((await picked).detail.name).to.equal('Snowflake');
    // ArrowUp from the first row goes back to the search box.
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowUp' });
    expect(el.shadowRoot!.activeElement!.id).to.equal('input');
  });

  it('lets a listener veto the selection', async () => {
    const el = await picker('list');
    el.value = 'tpl-stripe';
    await el.updateComplete;
    el.addEventListener('ab-source-select', (e) => e.preventDefault(), { once: true });
    q(el, '#o-tpl-postgres')!.click();
    await el.updateComplete;
    expect(el.value).to.equal('tpl-stripe');
    expect(q(el, '#o-tpl-stripe')!.getAttribute('aria-selected')).to.equal('true');
    expect(q(el, '#o-tpl-postgres')!.getAttribute('aria-selected')).to.equal('false');
  });

  it('shows the empty state with its slot, accessibly', async () => {
    const el = await fixture<AbSourcePicker>(html`<ab-source-picker label="Source" .templates=${[]}><span slot="empty">Ask your admin</span></ab-source-picker>`);
    expect(el.matches(':state(empty)')).to.equal(true);
    expect(q(el, '[part=empty]')!.hidden).to.equal(false);
    expect(q(el, '[role=listbox]')!.hidden).to.equal(true);
    await expect(el).to.be.accessible();
    const plain = await picker('grid', []);
    expect(q(plain, '[part=empty]')!.textContent).to.contain('No sources are available yet.');
  });

  it('falls back to initials for missing, broken or unsafe icons, and renders SVG strings through <img>', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>window.__pwned=1</script><rect width="10" height="10"/></svg>';
    const el = await picker('list', [
      { id: 'a', name: 'No Icon', icon: null },
      { id: 'b', name: 'Broken Icon', icon: '/does-not-exist.png' },
      { id: 'c', name: 'Evil', icon: 'javascript:alert(1)' },
      { id: 'd', name: 'Inline Svg', icon: svg },
    ]);
    await waitUntil(() => !q(el, '#o-b img'), 'broken icon kept', { timeout: 3000 });
    expect(q(el, '#o-a [part~=initials]')!.textContent).to.equal('NI');
    expect(q(el, '#o-b [part~=initials]')!.textContent).to.equal('BI');
    expect(q(el, '#o-c [part~=initials]')!.textContent).to.equal('Ev');
    const img = q<HTMLImageElement>(el, '#o-d img')!;
    expect(img.src.startsWith('data:image/svg+xml')).to.equal(true);
    expect(q(el, '#o-d svg')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('shows only whole tags when they do not all fit (narrow list and grid)', async () => {
    const templates = Array.from({ length: 6 }, (_, i) => ({ id: `n${i}`, name: `A rather long connector name ${i}`, icon: '', tags: ['crm', 'marketing', 'sales', 'database'] }));
    for (const [variant, width] of [['list', 320], ['grid', 344]] as const) {
      const el = await fixture<AbSourcePicker>(html`<ab-source-picker style="max-width: ${width}px" label="Source" variant=${variant} .templates=${templates}></ab-source-picker>`);
      await frames();
      let shown = 0;
      for (const box of qa(el, '[part=tags]')) {
        const b = box.getBoundingClientRect();
        for (const tag of box.querySelectorAll('[part=tag]')) {
          const t = tag.getBoundingClientRect();
          if (t.top >= b.bottom) continue; // wrapped onto the clipped line: not shown
          shown++;
          expect(t.right, `${variant}: ${tag.textContent} is cut`).to.be.at.most(b.right + 0.5);
        }
      }
      expect(shown, variant).to.be.greaterThan(0);
      expect(shown, variant).to.be.lessThan(templates.length * 4);
    }
  });

  it('renders lists of up to 200 templates in full', async () => {
    const el = await picker('grid', manyTemplates(200));
    expect(qa(el, '[role=option]').length).to.equal(200);
  });

  it('renders 600 templates windowed, with aria-setsize/posinset, and keeps keyboard reach', async () => {
    const t0 = performance.now();
    const el = await picker('list', manyTemplates(600));
    const firstRender = performance.now() - t0;
    await el.updateComplete;
    // measured in the task of the first render: the rows in view are there before any frame
    const view = q(el, '[role=listbox]')!.clientHeight / (q(el, '[role=option]')!.offsetHeight + 2);
    expect(qa(el, '[role=option]').length).to.be.greaterThan(view);
    await frames();
    const rendered = qa(el, '[role=option]');
    expect(rendered.length).to.be.lessThan(80);
    expect(rendered[0]!.getAttribute('aria-setsize')).to.equal('600');
    expect(rendered[0]!.getAttribute('aria-posinset')).to.equal('1');
    expect(firstRender).to.be.lessThan(500);
    el.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    await frames();
    const lb = q(el, '[role=listbox]')!;
    const last = manyTemplates(600)[599]!;
    expect(lb.getAttribute('aria-activedescendant')).to.equal(`o-${last.id}`);
    expect(q(el, `#o-${last.id}`)!.getAttribute('aria-posinset')).to.equal('600');
    expect(qa(el, '[role=option]').length).to.be.lessThan(80);
    // The space of the rows not rendered is kept: the list scrolls as far as if all 600 were there.
    const row = q(el, '[role=option]')!.offsetHeight + 2;
    expect(lb.scrollHeight).to.be.closeTo(600 * row - 2 + 4, 2);
    expect(lb.scrollTop + lb.clientHeight).to.be.closeTo(lb.scrollHeight, 2);
    const grid = await picker('grid', manyTemplates(600));
    await frames();
    const glb = q(grid, '[role=listbox]')!;
    const cols = getComputedStyle(glb).gridTemplateColumns.split(' ').length;
    const card = q(grid, '[role=option]')!.offsetHeight + 8;
    expect(glb.scrollHeight).to.be.closeTo(Math.ceil(600 / cols) * card - 8 + 4, 10); // within a gap
    expect(qa(grid, '[role=option]').length).to.be.lessThan(120);
    await expect(el).to.be.accessible();
    // A keystroke over 600 names re-renders quickly.
    const input = q<HTMLInputElement>(el, 'input')!;
    const t1 = performance.now();
    input.value = 'acme';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(performance.now() - t1).to.be.lessThan(100);
    expect(names(el).every((n) => n.toLowerCase().includes('acme'))).to.equal(true);
  });
});

  it('is accessible in the dark theme, honours i18n overrides and a value set before the templates', async () => {
    const el = await fixture<AbSourcePicker>(html`<ab-source-picker label="Source" theme="dark" value="tpl-zoom" .i18n=${{ pickerSearchPlaceholder: 'Buscar…' }}></ab-source-picker>`);
    el.templates = sampleTemplates();
    await el.updateComplete;
    expect(q<HTMLInputElement>(el, 'input')!.placeholder).to.equal('Buscar…');
    expect(q(el, '#o-tpl-zoom')!.getAttribute('aria-selected')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('mirrors the grid arrows in right-to-left pages', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div dir="rtl" style="width:700px"><ab-source-picker label="Source" .templates=${sampleTemplates()}></ab-source-picker></div>`);
    const el = wrap.firstElementChild as AbSourcePicker;
    await el.updateComplete;
    el.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(q(el, '[role=listbox]')!.getAttribute('aria-activedescendant')).to.equal('o-tpl-amplitude');
    await sendKeys({ press: 'Escape' });
    expect(el.shadowRoot!.activeElement!.id).to.equal('input');
  });

describe('<ab-source-picker variant="dropdown">', () => {
  it('dropdown with 600 templates: windowed while closed; ArrowUp opens on the last result, rendered and selectable', async () => {
    const el = await picker('dropdown', manyTemplates(600));
    await frames();
    expect(qa(el, '[role=option]').length).to.be.lessThan(80);
    el.focus();
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    await frames();
    const lb = q(el, '[role=listbox]')!;
    const row = q(el, '[role=option]')!.offsetHeight + 2;
    expect(lb.clientHeight).to.be.greaterThan(0);
    expect(qa(el, '[role=option]').length).to.be.greaterThan(lb.clientHeight / row); // the open list is filled
    expect(qa(el, '[role=option]').length).to.be.lessThan(80);
    const active = q(el, 'input')!.getAttribute('aria-activedescendant')!;
    const pos = qa(el, '[role=option]').map((o) => o.getAttribute('aria-posinset'));
    expect(q(el, `#${active}`), `${active} among ${pos[0]}…${pos.at(-1)}, scrollTop ${lb.scrollTop}`).to.not.equal(null);
    expect(q(el, `#${active}`)!.getAttribute('aria-posinset')).to.equal('600');
    const [o, b] = [q(el, `#${active}`)!.getBoundingClientRect(), lb.getBoundingClientRect()];
    expect(o.top >= b.top - 1 && o.bottom <= b.bottom + 1, 'scrolled into view').to.equal(true);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(`o-${el.value}`).to.equal(active);
    expect(el.open).to.equal(false);
    // reopened with the toggle: on the selected option, far down, in view
    q(el, '[part=toggle]')!.click();
    await el.updateComplete;
    await frames();
    const selected = q(el, `#${active}`);
    expect(selected, 'the selected option is rendered').to.not.equal(null);
    const [o2, b2] = [selected!.getBoundingClientRect(), lb.getBoundingClientRect()];
    expect(o2.top >= b2.top - 1 && o2.bottom <= b2.bottom + 1, 'scrolled into view').to.equal(true);
  });

  it('follows the combobox pattern: ArrowDown opens on the first result, Enter selects, Escape closes', async () => {
    const el = await picker('dropdown');
    const input = q<HTMLInputElement>(el, 'input')!;
    expect(input.getAttribute('role')).to.equal('combobox');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    await expect(el).to.be.accessible();
    el.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(el.matches(':state(open)')).to.equal(true);
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    expect(input.getAttribute('aria-activedescendant')).to.equal('o-tpl-airtable');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal('o-tpl-amplitude');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(input);
    await type('stirpe');
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(input.getAttribute('aria-activedescendant')).to.equal('o-tpl-stripe');
    const picked = oneEvent(el, 'ab-source-select') as Promise<AbSourceSelectEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await picked).detail.templateId).to.equal('tpl-stripe');
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(input.value).to.equal('Stripe');
    expect(el.shadowRoot!.activeElement).to.equal(input);
    await expect(el).to.be.accessible();
    // Typing then Escape twice: closes, then restores the selected name.
    await type('zo');
    await el.updateComplete;
    expect(el.open).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(input.value).to.equal('Stripezo');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input.value).to.equal('Stripe');
    expect(el.value).to.equal('tpl-stripe');
  });

  it('shows "no results" inside the open panel', async () => {
    const el = await picker('dropdown');
    el.focus();
    await type('qqqzzz');
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(q(el, '[part=popover] [part=no-results]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('flips above the field near the bottom of the viewport and shifts inside horizontally', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div style="position:fixed; bottom:8px; right:0; width:140px">
      <ab-source-picker label="Source" variant="dropdown" .templates=${sampleTemplates()}></ab-source-picker>
    </div>`);
    const el = wrap.querySelector('ab-source-picker')!;
    el.style.setProperty('--ab-source-picker-popover-min-width', '320px');
    await el.updateComplete;
    el.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    await frames(3);
    const field = q(el, '[part=field]')!.getBoundingClientRect();
    const pop = q(el, '[part=popover]')!;
    await waitUntil(() => pop.dataset.placement, 'not positioned');
    const r = pop.getBoundingClientRect();
    expect(pop.dataset.placement!.startsWith('top')).to.equal(true);
    expect(r.bottom).to.be.at.most(field.top + 1);
    expect(r.top).to.be.at.least(0);
    expect(r.width).to.be.at.least(319);
    expect(r.right).to.be.at.most(window.innerWidth - 7);
    expect(r.left).to.be.at.least(0);
  });

  it('opens below when there is room', async () => {
    const el = await picker('dropdown');
    el.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    const pop = q(el, '[part=popover]')!;
    await waitUntil(() => pop.dataset.placement, 'not positioned');
    expect(pop.dataset.placement!.startsWith('bottom')).to.equal(true);
    expect(pop.getBoundingClientRect().top).to.be.at.least(q(el, '[part=field]')!.getBoundingClientRect().bottom);
  });

  it('closes when focus leaves, and picks with the mouse', async () => {
    const el = await picker('dropdown');
    q<HTMLButtonElement>(el, '[part=toggle]')!.click();
    await el.updateComplete;
    expect(el.open).to.equal(true);
    const picked = oneEvent(el, 'ab-source-select') as Promise<AbSourceSelectEvent>;
    q(el, '#o-tpl-slack')!.click();
    expect((await picked).detail.name).to.equal('Slack');
    await el.updateComplete;
    expect(el.open).to.equal(false);
    el.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.open).to.equal(true);
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(el.open).to.equal(false);
  });
});

describe('<ab-source-picker> against the sandbox', () => {
  let base = '';
  before(async () => {
    base = await sandbox.url();
  });
  afterEach(() => sandbox.clearFaults());

  /** A sandbox client that records the abort signal of each template list request. */
  async function spyClient() {
    const real = getSharedClient({ token: await sandbox.widgetToken(), baseUrl: base });
    const signals: AbortSignal[] = [];
    const spy = Object.create(real) as EmbeddedClient;
    spy.listSourceTemplates = (query, opts = {}) => {
      signals.push(opts.signal!);
      return real.listSourceTemplates(query, opts);
    };
    return { spy, signals };
  }

  async function live(token: string, attrs: { tags?: string; tagsMode?: string; variant?: string } = {}) {
    const el = await fixture<AbSourcePicker>(
      html`<ab-source-picker label="Source" .token=${token} api-base-url=${base} tags=${attrs.tags ?? ''} tags-mode=${attrs.tagsMode ?? 'any'} variant=${attrs.variant ?? 'grid'}></ab-source-picker>`,
    );
    await waitUntil(() => !el.matches(':state(loading)'), 'still loading', { timeout: 10000 });
    await el.updateComplete;
    return el;
  }

  it('loads the templates a widget token with tag filters allows, and picks one by keyboard only', async () => {
    const token = await sandbox.widgetToken({ tags: ['database'] });
    const el = await live(token);
    expect(names(el)).to.include('Postgres');
    expect(names(el)).to.not.include('HubSpot');
    expect(names(el).length).to.equal(7);
    const icon = q<HTMLImageElement>(el, '[role=option] img')!;
    expect(icon.src.startsWith(base)).to.equal(true);
    await expect(el).to.be.accessible();
    el.focus();
    await type('postgrs');
    await el.updateComplete;
    expect(names(el)[0]).to.equal('Postgres');
    const picked = oneEvent(el, 'ab-source-select') as Promise<AbSourceSelectEvent>;
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    const ev = await picked;
    expect(ev.detail.templateId).to.equal(await sandbox.templateId('postgres'));
    expect(ev.detail.name).to.equal('Postgres');
    expect(ev.detail.tags).to.include('database');
    expect(el.value).to.equal(ev.detail.templateId);
  });

  it('sends tags and tags-mode to the API (intersected with the token filter)', async () => {
    const token = await sandbox.widgetToken();
    const any = await live(token, { tags: 'payments, ecommerce' });
    expect(names(any)).to.have.members(['Klaviyo', 'Recharge', 'Shopify', 'Stripe']);
    const all = await live(token, { tags: 'payments ecommerce', tagsMode: 'all' });
    expect(names(all)).to.deep.equal(['Recharge']);
    const scoped = await live(await sandbox.widgetToken({ tags: ['crm'] }), { tags: 'popular' });
    expect(names(scoped)).to.have.members(['HubSpot', 'Salesforce']);
  });

  it('filters with tag chips built from the loaded templates', async () => {
    const el = await live(await sandbox.widgetToken({ tags: ['crm', 'payments'] }));
    const chip = qa<HTMLButtonElement>(el, '[part=tag-chip]').find((c) => c.textContent!.trim() === 'sales')!;
    expect(chip).to.exist;
    chip.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(chip.getAttribute('aria-pressed')).to.equal('true');
    expect(names(el)).to.have.members(['Close.com', 'Pipedrive', 'Salesforce']);
    await expect(el).to.be.accessible();
  });

  it('shows a loading skeleton (aria-busy, :state(loading)) while the request is slow', async () => {
    await sandbox.fault({ method: 'GET', path: '/api/v1/embedded/source-templates', latencyMs: 1500, times: 1 });
    const token = await sandbox.widgetToken();
    const el = await fixture<AbSourcePicker>(html`<ab-source-picker label="Source" .token=${token} api-base-url=${base}></ab-source-picker>`);
    expect(el.matches(':state(loading)')).to.equal(true);
    const lb = q(el, '[role=listbox]')!;
    expect(lb.getAttribute('aria-busy')).to.equal('true');
    expect(qa(el, '[part=skeleton]').length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
    await waitUntil(() => !el.matches(':state(loading)'), 'never loaded', { timeout: 10000 });
    await el.updateComplete;
    expect(lb.getAttribute('aria-busy')).to.equal('false');
    expect(qa(el, '[role=option]').length).to.equal(48);
  });

  it('shows the API error with Retry, fires ab-error, and recovers', async () => {
    await sandbox.fault({ method: 'GET', path: '/api/v1/embedded/source-templates', status: 403 });
    const token = await sandbox.widgetToken();
    const errors: AbErrorEvent[] = [];
    const el = document.createElement('ab-source-picker');
    el.addEventListener('ab-error', (e) => errors.push(e));
    el.label = 'Source';
    el.apiBaseUrl = base;
    el.token = token;
    const parent = await fixture<HTMLDivElement>(html`<div></div>`);
    parent.append(el);
    await waitUntil(() => el.matches(':state(error)'), 'no error state', { timeout: 10000 });
    await el.updateComplete;
    expect(errors.length).to.equal(1);
    expect(errors[0]!.detail.code).to.equal('forbidden');
    const box = q(el, '[part=error]')!;
    expect(box.getAttribute('role')).to.equal('alert');
    expect(box.textContent).to.contain('not allowed');
    expect(q(el, '[role=listbox]')!.hidden).to.equal(true);
    await expect(el).to.be.accessible();
    await sandbox.clearFaults();
    q<HTMLButtonElement>(el, '[part=retry]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => qa(el, '[role=option]').length === 48, 'no recovery', { timeout: 10000 });
    expect(el.matches(':state(error)')).to.equal(false);
  });

  it('shows the empty state when the token allows no templates', async () => {
    const el = await live(await sandbox.widgetToken({ tags: ['no-such-tag'] }));
    expect(el.matches(':state(empty)')).to.equal(true);
    expect(q(el, '[part=empty]')!.hidden).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('aborts a superseded request and a request of a removed element', async () => {
    await sandbox.fault({ method: 'GET', path: '/api/v1/embedded/source-templates', latencyMs: 800 });
    const { spy, signals } = await spyClient();
    const el = await fixture<AbSourcePicker>(html`<ab-source-picker label="Source" .client=${spy}></ab-source-picker>`);
    expect(signals.length).to.equal(1);
    el.tags = ['crm'];
    await el.updateComplete;
    expect(signals.length).to.equal(2);
    expect(signals[0]!.aborted).to.equal(true);
    const parent = el.parentElement!;
    el.remove();
    expect(signals[1]!.aborted).to.equal(true);
    await sandbox.clearFaults();
    parent.append(el);
    await waitUntil(() => el.matches(':state(loading)') === false && qa(el, '[role=option]').length > 0, 'did not reload', { timeout: 10000 });
    expect(signals.length).to.equal(3);
    expect(names(el)).to.include('HubSpot');
  });

  it('given templates win over a load on its way (aborted, no ab-error); without them it loads again', async () => {
    await sandbox.fault({ method: 'GET', path: '/api/v1/embedded/source-templates', latencyMs: 800, times: 1 });
    const { spy, signals } = await spyClient();
    const errors: Event[] = [];
    const el = await fixture<AbSourcePicker>(html`<ab-source-picker label="Source" .client=${spy} @ab-error=${(e: Event) => errors.push(e)}></ab-source-picker>`);
    expect(signals.length).to.equal(1);
    el.templates = sampleTemplates().slice(0, 3);
    await el.updateComplete;
    expect(signals[0]!.aborted, 'the load is dropped').to.equal(true);
    expect(qa(el, '[role=option]').length).to.equal(3);
    expect(el.matches(':state(loading)')).to.equal(false);
    el.tags = ['crm'];
    await el.updateComplete;
    expect(signals.length, 'no load while templates are given').to.equal(1);
    el.templates = undefined;
    await waitUntil(() => !el.matches(':state(loading)') && names(el).includes('HubSpot'), 'did not load', { timeout: 10000 });
    expect(signals.length).to.equal(2);
    expect(errors.length).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('dropdown: keyboard selection against the API, accessible open and closed', async () => {
    const el = await live(await sandbox.widgetToken({ tags: ['popular'] }), { variant: 'dropdown' });
    await expect(el).to.be.accessible();
    el.focus();
    await type('hubsot');
    await el.updateComplete;
    expect(el.open).to.equal(true);
    await expect(el).to.be.accessible();
    const picked = oneEvent(el, 'ab-source-select') as Promise<AbSourceSelectEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await picked).detail.name).to.equal('HubSpot');
    await el.updateComplete;
    expect(q<HTMLInputElement>(el, 'input')!.value).to.equal('HubSpot');
    expect(q(el, '[part=field] img')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });
});
