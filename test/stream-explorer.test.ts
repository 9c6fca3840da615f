import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/components/stream-explorer/ab-stream-explorer.js';
import type { AbStreamExplorer } from '../src/components/stream-explorer/stream-explorer.js';
import type { AirbyteStream, StreamCatalog } from '../src/api/discovery.js';
import type { ConfiguredCatalog } from '../src/components/stream-explorer/stream-explorer.types.js';
import { withCuration } from '../stories/stream-explorer.data.js';

const cache = new Map<string, StreamCatalog>();
/** A fixture catalog with the sandbox's curated metadata merged in (what source-level discovery answers). */
async function load(name: string, curated = true): Promise<StreamCatalog> {
  const key = `${name}:${curated}`;
  if (!cache.has(key)) {
    const catalog: StreamCatalog = await (await fetch(`/fixtures/connectors/${name}/catalog.json`)).json();
    cache.set(key, curated ? withCuration(catalog, await (await fetch(`/sandbox/catalog-metadata/${name}.json`)).json()) : catalog);
  }
  return structuredClone(cache.get(key)!);
}

const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
const settle = async (el: AbStreamExplorer) => {
  await el.updateComplete;
  await frame();
  await el.updateComplete;
};
const root = (el: AbStreamExplorer) => el.shadowRoot!;
const rows = (el: AbStreamExplorer) => [...root(el).querySelectorAll<HTMLElement>('.body [role=row]')].sort((a, b) => +a.dataset.r! - +b.dataset.r!);
const rowNamed = (el: AbStreamExplorer, name: string) => rows(el).find((r) => r.querySelector(`[id="${r.getAttribute('aria-labelledby')}"]`)?.textContent?.trim().split(/\s/)[0] === name);
/** Only the rows in view are rendered: scrolls the list to `row` (44 px rows). */
const scrollToRow = async (el: AbStreamExplorer, row: number) => {
  root(el).querySelector('[role=treegrid]')!.scrollTop = 44 * row;
  await settle(el);
};
const button = (el: AbStreamExplorer, text: string) => [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;
const focused = (el: AbStreamExplorer) => root(el).activeElement as HTMLElement | null;
const names = (v: ConfiguredCatalog) => v.streams.map((s) => s.name).sort();
const search = async (el: AbStreamExplorer, q: string) => {
  const input = root(el).querySelector<HTMLInputElement>('input[type=search]')!;
  input.value = q;
  input.dispatchEvent(new Event('input'));
  await settle(el);
};

describe('ab-stream-explorer with a catalog', () => {
  afterEach(() => localStorage.clear());

  it('cuts a long stream name with an ellipsis inside its cell; the row keeps the whole name as its label', async () => {
    const long = 'customer_balance_transactions_with_a_name_much_longer_than_its_column_' + 'x'.repeat(40);
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer style="width: 900px" .catalog=${{ streams: [{ name: long, json_schema: { type: 'object', properties: { id: { type: 'string' } } }, supported_sync_modes: ['full_refresh'] }] }}></ab-stream-explorer>`);
    await settle(el);
    const row = rows(el)[0]!;
    const name = root(el).getElementById(row.getAttribute('aria-labelledby')!)!;
    const cell = row.querySelector('.c-name')!.getBoundingClientRect();
    expect(getComputedStyle(name).textOverflow).to.equal('ellipsis');
    expect(name.scrollWidth, 'the name is longer than its room').to.be.greaterThan(name.clientWidth);
    expect(name.getBoundingClientRect().right).to.be.at.most(cell.right + 0.5);
    expect(name.textContent!.trim()).to.equal(long);
    await expect(el).to.be.accessible();
  });

  it('renders a real catalog as an accessible tree grid with only the suggested streams selected', async () => {
    const catalog = await load('stripe');
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${catalog}></ab-stream-explorer>`);
    await settle(el);
    const grid = root(el).querySelector('[role=treegrid]')!;
    expect(grid.getAttribute('aria-label')).to.equal('Streams');
    expect(grid.getAttribute('aria-rowcount')).to.equal(String(catalog.streams.length + 1));
    const first = rows(el)[0];
    expect(first.getAttribute('aria-level')).to.equal('1');
    expect(first.getAttribute('aria-posinset')).to.equal('1');
    expect(first.getAttribute('aria-setsize')).to.equal(String(catalog.streams.length));
    expect(first.getAttribute('aria-expanded')).to.equal('false');
    const suggested = catalog.streams.filter((s) => s.suggested).map((s) => s.name).sort();
    expect(suggested.length).to.be.greaterThan(3);
    expect(names(el.value)).to.deep.equal(suggested);
    expect(root(el).querySelector('.summary')!.textContent).to.contain(`${suggested.length} of ${catalog.streams.length} streams selected`);

    await scrollToRow(el, 10);
    const charges = rowNamed(el, 'charges');
    expect(charges, 'charges is rendered').to.exist;
    expect(charges!.getAttribute('aria-selected')).to.equal('true');
    expect(charges!.textContent).to.contain('transaction').and.contain('Suggested').and.contain('PII').and.contain('51 fields');
    expect(charges!.textContent).to.contain('customer → customers.id');
    expect(charges!.querySelector('select[data-act=mode]')!.getAttribute('aria-label')).to.equal('Sync mode of charges');
    expect(el.value.streams.find((s) => s.name === 'charges')).to.deep.equal({ name: 'charges', sync_mode: 'incremental', cursor_field: ['updated'], primary_key: [['id']] });
    await expect(el).to.be.accessible();
  });

  it('selects all, none and suggested with events carrying the configured catalog', async () => {
    const catalog = await load('github');
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${catalog}></ab-stream-explorer>`);
    await settle(el);
    let ev = oneEvent(el, 'ab-streams-change');
    button(el, 'Select all').click();
    let detail = (await ev).detail;
    expect(detail.streams.length).to.equal(catalog.streams.length);
    expect(detail).to.deep.equal(el.value);
    ev = oneEvent(el, 'ab-streams-change');
    button(el, 'Select none').click();
    expect((await ev).detail.streams).to.deep.equal([]);
    ev = oneEvent(el, 'ab-streams-change');
    button(el, 'Select suggested').click();
    detail = (await ev).detail;
    expect(names(detail)).to.deep.equal(catalog.streams.filter((s) => s.suggested).map((s) => s.name).sort());
    const issues = detail.streams.find((s: { name: string }) => s.name === 'issues')!;
    expect(issues).to.deep.equal({ name: 'issues', sync_mode: 'incremental', cursor_field: ['updated_at'], primary_key: [['id']] });
    await settle(el);
    expect(root(el).querySelector('[role=status]')!.textContent).to.contain('streams selected');
  });

  it('is fully usable with the keyboard: move, toggle, expand fields, exclude a field, collapse, Home/End', async () => {
    const catalog = await load('stripe');
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${catalog}></ab-stream-explorer>`);
    await settle(el);
    root(el).querySelector<HTMLInputElement>('input[type=search]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(focused(el)!.dataset.r).to.equal('0');
    expect(focused(el)!.getAttribute('role')).to.equal('row');

    // Space on checkout_sessions (not suggested) selects it.
    expect(el.value.streams.some((s) => s.name === 'checkout_sessions')).to.equal(false);
    let ev = oneEvent(el, 'ab-streams-change');
    await sendKeys({ press: 'Space' });
    expect((await ev).detail.streams.some((s: { name: string }) => s.name === 'checkout_sessions')).to.equal(true);

    // Right opens the field tree; Down walks into the fields; `id` (primary key) is locked, `object` is not.
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(rows(el)[0].getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(focused(el)!.getAttribute('aria-level')).to.equal('2');
    expect(focused(el)!.querySelector<HTMLInputElement>('input[type=checkbox]')!.disabled, 'id is the primary key').to.equal(true);
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(focused(el)!.textContent).to.contain('object');
    ev = oneEvent(el, 'ab-streams-change');
    await sendKeys({ press: 'Space' });
    const entry = (await ev).detail.streams.find((s: { name: string }) => s.name === 'checkout_sessions');
    expect(entry.selected_fields).to.have.length(catalog.streams[0].json_schema!.properties ? Object.keys(catalog.streams[0].json_schema!.properties as object).length - 1 : 0);
    expect(entry.selected_fields.some((p: string[]) => p[0] === 'object')).to.equal(false);
    expect(entry.selected_fields.some((p: string[]) => p[0] === 'id')).to.equal(true);
    await settle(el);
    expect(focused(el)!.getAttribute('aria-selected')).to.equal('false');
    await expect(el).to.be.accessible();

    // Left goes to the parent row, Left again collapses.
    await sendKeys({ press: 'ArrowLeft' });
    await settle(el);
    expect(focused(el)!.dataset.r).to.equal('0');
    await sendKeys({ press: 'ArrowLeft' });
    await settle(el);
    expect(rows(el)[0].getAttribute('aria-expanded')).to.equal('false');

    await sendKeys({ press: 'End' });
    await settle(el);
    expect(focused(el)!.getAttribute('aria-posinset')).to.equal(String(catalog.streams.length));
    await sendKeys({ press: 'Home' });
    await settle(el);
    expect(focused(el)!.dataset.r).to.equal('0');

    // Tab reaches the controls of the current row only, then leaves the grid.
    await sendKeys({ press: 'Tab' });
    expect(focused(el)!.getAttribute('aria-label')).to.equal('Sync checkout_sessions');
  });

  it('moves focus to the referenced stream from a relationship link', async () => {
    const catalog = await load('stripe');
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${catalog}></ab-stream-explorer>`);
    await settle(el);
    await search(el, 'charges');
    const link = [...rowNamed(el, 'charges')!.querySelectorAll<HTMLButtonElement>('button[data-act=goto]')].find((b) => b.textContent!.includes('customers.id'))!;
    link.click();
    await settle(el);
    await waitUntil(() => focused(el)?.textContent?.includes('customers'));
    expect(root(el).querySelector<HTMLInputElement>('input[type=search]')!.value, 'the search was cleared to reach it').to.equal('');
    expect(rowNamed(el, 'customers')).to.equal(focused(el));
  });

  it('searches stream and field names, and filters by selection, PII and category', async () => {
    const catalog = await load('stripe');
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${catalog}></ab-stream-explorer>`);
    await settle(el);
    await search(el, 'receipt_email');
    const listed = rows(el).map((r) => r.getAttribute('aria-setsize'));
    expect(Number(listed[0])).to.be.greaterThan(0).and.lessThan(catalog.streams.length);
    const charges = rowNamed(el, 'charges')!;
    expect(charges.textContent).to.contain('Matching fields: receipt_email');
    expect(charges.querySelector('mark')).to.equal(null, 'the name itself did not match');
    charges.focus();
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    const fieldRows = rows(el).filter((r) => r.getAttribute('aria-level') === '2');
    expect(fieldRows.map((r) => r.textContent!.includes('receipt_email'))).to.include(true);
    expect(fieldRows.length, 'only matching fields are listed').to.be.lessThan(5);
    expect(fieldRows[0].querySelector('mark')!.textContent).to.equal('receipt_email');
    await aTimeout(600);
    expect(root(el).querySelector('[role=status]')!.textContent).to.match(/streams? match/);

    await search(el, '');
    const pii = [...root(el).querySelectorAll<HTMLLabelElement>('.filters label')].find((l) => l.textContent!.includes('Contains PII'))!.querySelector('input')!;
    pii.click();
    await settle(el);
    const piiCount = catalog.streams.filter((s) => s.pii_fields?.length).length;
    expect(rows(el)[0].getAttribute('aria-setsize')).to.equal(String(piiCount));
    pii.click();
    const category = root(el).querySelector<HTMLSelectElement>('.filters select')!;
    category.value = 'product';
    category.dispatchEvent(new Event('change'));
    await settle(el);
    expect(rows(el).every((r) => r.textContent!.includes('product'))).to.equal(true);
    category.value = '';
    category.dispatchEvent(new Event('change'));
    const selectedOnly = [...root(el).querySelectorAll<HTMLLabelElement>('.filters label')].find((l) => l.textContent!.includes('Selected only'))!.querySelector('input')!;
    selectedOnly.click();
    await settle(el);
    expect(rows(el)[0].getAttribute('aria-setsize')).to.equal(String(el.value.streams.length));

    await search(el, 'no such thing at all');
    expect(root(el).querySelector('.empty')!.textContent).to.contain('No streams match');
    await expect(el).to.be.accessible();
    button(el, 'Clear search and filters').click();
    await settle(el);
    expect(rows(el)[0].getAttribute('aria-setsize')).to.equal(String(catalog.streams.length));
    // Clearing also resets a category the user picked.
    category.value = 'product';
    category.dispatchEvent(new Event('change'));
    await search(el, 'no such thing at all');
    button(el, 'Clear search and filters').click();
    await settle(el);
    expect(root(el).querySelector<HTMLSelectElement>('.filters select')!.value).to.equal('');
    expect(rows(el)[0].getAttribute('aria-setsize')).to.equal(String(catalog.streams.length));
  });

  it('offers only the sync modes a stream supports and lets the user choose cursor and primary key when the source does not', async () => {
    const catalog: StreamCatalog = {
      streams: [
        {
          name: 'orders',
          json_schema: { type: 'object', properties: { order_id: { type: 'string' }, placed_at: { type: ['null', 'string'], format: 'date-time' }, total: { type: 'number' }, shipped: { type: 'boolean' }, meta: { type: 'object', properties: { seq: { type: 'integer' } } } } },
          supported_sync_modes: ['full_refresh', 'incremental'],
          source_defined_cursor: false,
        },
        { name: 'snapshots', json_schema: { type: 'object', properties: { id: { type: 'integer' } } }, supported_sync_modes: ['full_refresh'], source_defined_primary_key: [['id']] },
      ],
    };
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${catalog} selection-mode="all"></ab-stream-explorer>`);
    await settle(el);
    expect(rowNamed(el, 'snapshots')!.querySelector('select[data-act=mode]')).to.equal(null);
    expect(rowNamed(el, 'snapshots')!.textContent).to.contain('Full refresh');
    const orders = rowNamed(el, 'orders')!;
    const mode = orders.querySelector<HTMLSelectElement>('select[data-act=mode]')!;
    expect([...mode.options].map((o) => o.value)).to.deep.equal(['full_refresh', 'incremental']);
    expect(mode.value).to.equal('full_refresh', 'no cursor yet, so full refresh by default');
    mode.value = 'incremental';
    let ev = oneEvent(el, 'ab-streams-change');
    mode.dispatchEvent(new Event('change', { bubbles: true }));
    expect((await ev).detail.streams[0]).to.include({ sync_mode: 'incremental' });
    await settle(el);
    const cursor = rowNamed(el, 'orders')!.querySelector<HTMLSelectElement>('select[data-act=cursor]')!;
    expect(cursor.getAttribute('aria-invalid')).to.equal('true');
    cursor.focus();
    await settle(el);
    const options = [...rowNamed(el, 'orders')!.querySelector<HTMLSelectElement>('select[data-act=cursor]')!.options].map((o) => o.textContent);
    expect(options).to.deep.equal(['Choose a cursor', 'order_id', 'placed_at', 'total', 'meta.seq'], 'scalar fields, no booleans, nested paths');
    const sel = rowNamed(el, 'orders')!.querySelector<HTMLSelectElement>('select[data-act=cursor]')!;
    sel.value = JSON.stringify(['placed_at']);
    ev = oneEvent(el, 'ab-streams-change');
    sel.dispatchEvent(new Event('change', { bubbles: true }));
    expect((await ev).detail.streams[0].cursor_field).to.deep.equal(['placed_at']);
    const pk = rowNamed(el, 'orders')!.querySelector<HTMLSelectElement>('select[data-act=pk]')!;
    pk.focus();
    await settle(el);
    const pk2 = rowNamed(el, 'orders')!.querySelector<HTMLSelectElement>('select[data-act=pk]')!;
    pk2.value = JSON.stringify(['order_id']);
    ev = oneEvent(el, 'ab-streams-change');
    pk2.dispatchEvent(new Event('change', { bubbles: true }));
    expect((await ev).detail.streams[0]).to.deep.equal({ name: 'orders', sync_mode: 'incremental', cursor_field: ['placed_at'], primary_key: [['order_id']] });
    await expect(el).to.be.accessible();
  });

  it('recycled rows show their own stream\'s choices, never a previous one\'s', async () => {
    // Rows reuse their nodes while scrolling and searching: a select the user touched must not carry over.
    const streams: AirbyteStream[] = Array.from({ length: 60 }, (_, i) => ({
      name: `s${i}`,
      json_schema: { type: 'object', properties: { id: { type: 'string' }, at: { type: 'string' } } },
      supported_sync_modes: ['full_refresh', 'incremental'],
      source_defined_cursor: true,
      default_cursor_field: ['at'],
    }));
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${{ streams }} selection-mode="all"></ab-stream-explorer>`);
    await settle(el);
    const mode = rowNamed(el, 's0')!.querySelector<HTMLSelectElement>('select[data-act=mode]')!;
    expect(mode.value).to.equal('incremental');
    for (const value of ['full_refresh', 'incremental', 'full_refresh']) {
      mode.value = value;
      mode.dispatchEvent(new Event('change', { bubbles: true }));
      await settle(el);
    }
    const check = () =>
      rows(el).every((r) => {
        const name = r.querySelector(`[id="${r.getAttribute('aria-labelledby')}"]`)!.textContent!.trim();
        return r.querySelector<HTMLSelectElement>('select[data-act=mode]')!.value === (name === 's0' ? 'full_refresh' : 'incremental');
      });
    expect(check()).to.equal(true);
    await search(el, 's1');
    expect(rowNamed(el, 's0'), 'filtered out').to.equal(undefined);
    expect(check()).to.equal(true);
    await search(el, '');
    expect(check()).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('whitelist mode lists only the offered streams and notes the missing ones', async () => {
    const catalog = await load('hubspot');
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${catalog} selection-mode="whitelist" whitelist="contacts, deals,not_a_stream"></ab-stream-explorer>`);
    await settle(el);
    expect(rows(el).length).to.equal(2);
    expect(names(el.value)).to.deep.equal(['contacts', 'deals']);
    expect(root(el).querySelector('.summary')!.textContent).to.contain('2 of 2 streams selected');
    expect(root(el).querySelector('.note')!.textContent).to.contain('not_a_stream');
    // Relationships to streams that are not offered are plain text, not links.
    expect(rowNamed(el, 'deals')!.querySelector('button[data-act=goto]')!.textContent).to.contain('contacts');
    expect(rowNamed(el, 'deals')!.textContent).to.contain('line_items → line_items.id');
    expect([...rowNamed(el, 'deals')!.querySelectorAll('button[data-act=goto]')].some((b) => b.textContent!.includes('line_items'))).to.equal(false);
    el.whitelist = ['owners'];
    await settle(el);
    expect(names(el.value)).to.deep.equal(['owners']);
    await expect(el).to.be.accessible();
  });

  it('`all` mode, and `suggested` with no suggested stream, select every stream', async () => {
    const catalog = await load('stripe', false);
    const a = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${catalog}></ab-stream-explorer>`);
    expect(a.value.streams.length).to.equal(catalog.streams.length);
    const b = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${await load('stripe')} selection-mode="all"></ab-stream-explorer>`);
    expect(b.value.streams.length).to.equal(catalog.streams.length);
  });

  it('restores a saved value (set before or after the catalog), including fields, cursor and key choices', async () => {
    const catalog = await load('stripe');
    const saved: ConfiguredCatalog = {
      streams: [
        { name: 'customers', sync_mode: 'full_refresh', cursor_field: [], primary_key: [['id']], selected_fields: [['id'], ['email'], ['address', 'city']] },
        { name: 'usage_records', sync_mode: 'full_refresh', cursor_field: [], primary_key: [['invoice']] },
        { name: 'gone_stream', sync_mode: 'full_refresh', cursor_field: [], primary_key: [] },
      ],
    };
    const el = document.createElement('ab-stream-explorer');
    el.value = saved;
    expect(names(el.value)).to.deep.equal(['customers', 'gone_stream', 'usage_records'], 'held until the catalog arrives');
    el.catalog = catalog;
    document.body.append(el);
    await settle(el);
    try {
      expect(el.value.streams).to.deep.equal([
        { name: 'customers', sync_mode: 'full_refresh', cursor_field: [], primary_key: [['id']], selected_fields: [['address', 'city'], ['email'], ['id']] },
        { name: 'usage_records', sync_mode: 'full_refresh', cursor_field: [], primary_key: [['invoice']] },
      ]);
      expect(root(el).querySelector('.note')!.textContent).to.contain('gone_stream');
      await scrollToRow(el, 15);
      const customers = rowNamed(el, 'customers')!;
      customers.focus();
      await sendKeys({ press: 'ArrowRight' });
      await settle(el);
      const address = rows(el).find((r) => r.getAttribute('aria-level') === '2' && r.textContent!.includes('address') && r.getAttribute('aria-expanded'))!;
      expect(address.querySelector<HTMLInputElement>('input')!.indeterminate).to.equal(true);
      await expect(el).to.be.accessible();

      // Set after load: replaces the selection, no event.
      let fired = false;
      el.addEventListener('ab-streams-change', () => (fired = true));
      el.value = { streams: [{ name: 'charges', sync_mode: 'full_refresh', cursor_field: [], primary_key: [['id']] }] };
      await settle(el);
      expect(names(el.value)).to.deep.equal(['charges']);
      expect(el.value.streams[0].sync_mode).to.equal('full_refresh');
      el.value = null as never;
      expect(names(el.value)).to.deep.equal(catalog.streams.filter((s) => s.suggested).map((s) => s.name).sort(), 'null: the mode default again');
      expect(fired).to.equal(false);
    } finally {
      el.remove();
    }
  });

  it('keeps primary-key and cursor fields included', async () => {
    const catalog = await load('stripe');
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${catalog}></ab-stream-explorer>`);
    el.value = { streams: [{ name: 'charges', sync_mode: 'incremental', cursor_field: ['updated'], primary_key: [['id']], selected_fields: [['amount']] }] };
    await settle(el);
    const fields = el.value.streams[0].selected_fields!.map((p) => p.join('.')).sort();
    expect(fields).to.deep.equal(['amount', 'id', 'updated']);
  });

  it('saves the selection only with persist-key, and restores it', async () => {
    const catalog = await load('github');
    const a = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${catalog}></ab-stream-explorer>`);
    await settle(a);
    button(a, 'Select all').click();
    expect(localStorage.length).to.equal(0);

    const b = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${catalog} persist-key="gh"></ab-stream-explorer>`);
    await settle(b);
    button(b, 'Select none').click();
    rowNamed(b, 'branches')!.querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
    const stored = JSON.parse(localStorage.getItem('ab-stream-explorer:gh')!);
    expect(stored).to.deep.equal({ streams: [{ name: 'branches', sync_mode: 'full_refresh', cursor_field: [], primary_key: [['repository'], ['name']] }] });
    const c = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${catalog} persist-key="gh"></ab-stream-explorer>`);
    expect(names(c.value)).to.deep.equal(['branches']);
    expect(Object.keys(localStorage)).to.deep.equal(['ab-stream-explorer:gh']);
  });

  it('renders bad input sensibly: no streams, invalid catalog, no schema, unknown types, duplicates, junk entries', async () => {
    const empty = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${{ streams: [] }}></ab-stream-explorer>`);
    expect(root(empty).querySelector('.empty')!.textContent).to.contain('This source has no streams.');
    await expect(empty).to.be.accessible();

    const warn = console.warn;
    console.warn = () => {};
    try {
      const invalid = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${{ nope: true } as never}></ab-stream-explorer>`);
      expect(root(invalid).textContent).to.contain('This catalog could not be read');
      await expect(invalid).to.be.accessible();
    } finally {
      console.warn = warn;
    }

    const odd: StreamCatalog = {
      streams: [
        { name: 'no_schema', supported_sync_modes: ['full_refresh'] },
        { name: 'empty_schema', json_schema: {} },
        { name: 'weird', json_schema: { type: 'object', properties: { a: { type: 'decimal128' }, b: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, c: {}, d: { type: ['null', 'array'], items: { type: 'array', items: { type: 'object', properties: { deep: { type: 'string' } } } } } } } },
        { name: 'weird', json_schema: { type: 'object', properties: { x: { type: 'string' } } } },
        null as never,
        { nope: 1 } as never,
        'text' as never,
      ],
    };
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${odd} selection-mode="all"></ab-stream-explorer>`);
    await settle(el);
    expect(rows(el).length).to.equal(4);
    const notes = [...root(el).querySelectorAll('.note')].map((n) => n.textContent);
    expect(notes.join(' ')).to.contain('3 catalog entries are not valid streams').and.contain('1 stream repeats the name');
    expect(rowNamed(el, 'no_schema')!.textContent).to.contain('No schema');
    expect(rowNamed(el, 'no_schema')!.getAttribute('aria-expanded')).to.equal(null);
    const dup = rows(el)[3];
    expect(dup.textContent).to.contain('Duplicate');
    expect(dup.querySelector<HTMLInputElement>('input')!.disabled).to.equal(true);
    expect(el.value.streams.map((s) => s.name)).to.deep.equal(['no_schema', 'empty_schema', 'weird']);
    rows(el)[2].focus();
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    const text = rows(el).map((r) => r.textContent!.replace(/\s+/g, ' ')).join('|');
    expect(text).to.contain('decimal128').and.contain('string | integer').and.contain('any').and.contain('array | null');
    const d = rowNamed(el, 'd')!;
    d.focus();
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    const deep = rowNamed(el, 'deep')!;
    expect(deep.querySelector<HTMLInputElement>('input')!.disabled, 'fields inside lists follow their list').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('handles a 5,000-field stream with a bounded DOM', async () => {
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) properties[`f${i}`] = { type: ['null', 'string'] };
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer .catalog=${{ streams: [{ name: 'wide', json_schema: { properties }, supported_sync_modes: ['full_refresh', 'incremental'] } as AirbyteStream] }}></ab-stream-explorer>`);
    await settle(el);
    expect(rowNamed(el, 'wide')!.textContent).to.contain('5000 fields');
    rows(el)[0].focus();
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(root(el).querySelector('[role=treegrid]')!.getAttribute('aria-rowcount')).to.equal('5002');
    expect(root(el).querySelectorAll('*').length).to.be.lessThan(5000);
    await sendKeys({ press: 'End' });
    await settle(el);
    expect(focused(el)!.textContent).to.contain('f4999');
    expect(focused(el)!.getAttribute('aria-posinset')).to.equal('5000');
    expect(root(el).querySelectorAll('*').length).to.be.lessThan(5000);
    // Incremental without a cursor: the select offers the 5,000 fields only while it is in use.
    const mode = rows(el)[0] ? root(el).querySelector<HTMLSelectElement>('[data-r="0"] select[data-act=mode]') : null;
    expect(mode).to.equal(null, 'the stream row scrolled out; it is not kept in the DOM');
    await expect(el).to.be.accessible();
  });

  it('mirrors Left and Right in right-to-left text', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div dir="rtl"><ab-stream-explorer .catalog=${await load('github')}></ab-stream-explorer></div>`);
    const el = wrap.querySelector('ab-stream-explorer')!;
    await settle(el);
    rows(el)[0].focus();
    await sendKeys({ press: 'ArrowLeft' });
    await settle(el);
    expect(rows(el)[0].getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(rows(el)[0].getAttribute('aria-expanded')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('follows the dark theme and overrides strings through i18n', async () => {
    const el = await fixture<AbStreamExplorer>(html`<ab-stream-explorer theme="dark" .catalog=${await load('github')} .i18n=${{ explorerSelectAll: 'Tout sélectionner', explorerLabel: 'Flux' }}></ab-stream-explorer>`);
    await settle(el);
    expect(button(el, 'Tout sélectionner')).to.exist;
    expect(root(el).querySelector('[role=treegrid]')!.getAttribute('aria-label')).to.equal('Flux');
    await expect(el).to.be.accessible();
  });
});

