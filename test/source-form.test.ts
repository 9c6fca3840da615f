// <ab-source-form> in spec mode (no API): rendering, values, validation, widgets, events, form association.
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/components/source-form/ab-source-form.js';
import type { AbSourceForm } from '../src/components/source-form/ab-source-form.js';

const load = async (name: string) => (await fetch(`/fixtures/connectors/${name}/spec.json`)).json();
const root = (el: AbSourceForm) => el.shadowRoot!;
const $ = <E extends Element = HTMLElement>(el: AbSourceForm, sel: string) => root(el).querySelector<E & HTMLElement>(sel)!;
const $$ = <E extends Element = HTMLElement>(el: AbSourceForm, sel: string) => [...root(el).querySelectorAll<E & HTMLElement>(sel)];
/** The control labelled `label` (exact accessible label text, without the "Optional" tag). */
function control<E extends HTMLElement = HTMLInputElement>(el: AbSourceForm, label: string): E {
  const l = $$(el, 'label').find((x) => x.firstChild?.textContent?.trim() === label || x.textContent!.replace(/\(Optional\)/, '').trim() === label);
  if (!l) throw new Error(`no label ${label}`);
  return root(el).getElementById((l as HTMLLabelElement).htmlFor) as unknown as E;
}
async function type(el: AbSourceForm, input: HTMLInputElement | HTMLTextAreaElement, text: string) {
  input.focus();
  input.value = '';
  await sendKeys({ type: text });
  await el.updateComplete;
}

/** The error summary's entries as read ("Title: message"). */
const summaryItems = (el: AbSourceForm) => $$(el, '[part=error-summary] li').map((li) => li.textContent!.trim());

async function render(spec: unknown, attrs = '') {
  const el = await fixture<AbSourceForm>(html`<ab-source-form .spec=${spec}></ab-source-form>`);
  if (attrs) for (const a of attrs.split(' ')) el.setAttribute(a, '');
  await el.updateComplete;
  return el;
}

describe('<ab-source-form> spec mode', () => {
  it('renders postgres: header, cards, required first, optional collapsed, accessible', async () => {
    const el = await render(await load('postgres'));
    expect($(el, '[part=title]').textContent).to.equal('Postgres');
    expect($<HTMLAnchorElement>(el, '[part=docs]').href).to.equal('https://docs.airbyte.com/integrations/sources/postgres');
    expect($(el, '[part=docs]').getAttribute('rel')).to.equal('noopener noreferrer');
    expect(control(el, 'Host').getAttribute('aria-required')).to.equal('true');
    expect(control(el, 'Port').value).to.equal('5432');
    const password = control(el, 'Password');
    expect(password.type).to.equal('password');
    expect(password.closest('details')).to.equal(null); // always_show
    const schemas = control(el, 'Schemas');
    expect(schemas.closest('details')!.open).to.equal(false);
    expect($$(el, 'h3').map((h) => h.textContent)).to.deep.equal(['Security', 'Advanced']);
    await expect(el).to.be.accessible();
  });

  it('a collapsed optional section starts open when it holds a value other than its default; an invalid one shows there', async () => {
    const spec = {
      type: 'object',
      required: ['host'],
      properties: {
        host: { type: 'string', title: 'Host' },
        params: { type: 'string', title: 'Params' },
        retries: { type: 'integer', title: 'Retries', maximum: 5, default: 3 },
      },
    };
    const el = await render(spec);
    const section = () => control(el, 'Params').closest('details')!;
    expect(section().open).to.equal(false);
    el.value = { host: 'h', params: 'a=1' };
    await el.updateComplete;
    expect(section().open, 'a value the user set').to.equal(true);
    el.value = { host: 'h', retries: 3 };
    await el.updateComplete;
    expect(section().open, 'only defaults').to.equal(false);
    el.value = { host: 'h', retries: 9 };
    await el.updateComplete;
    expect(el.reportValidity()).to.equal(false);
    await el.updateComplete;
    expect(section().open, 'an invalid value').to.equal(true);
    expect(control(el, 'Retries').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '[part=error-summary]').textContent).to.contain('Retries');
    await expect(el).to.be.accessible();
  });

  it('a number field shows its default as a placeholder while empty (keyboard)', async () => {
    const el = await render(await load('postgres'));
    const port = control(el, 'Port');
    expect(port.value).to.equal('5432');
    expect(port.hasAttribute('placeholder'), 'not while it holds a value').to.equal(false);
    port.focus();
    port.select();
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(port.placeholder).to.equal('5432');
    expect(el.value).to.not.have.property('port');
    await sendKeys({ type: '6' });
    await el.updateComplete;
    expect(port.hasAttribute('placeholder')).to.equal(false);
    expect(el.value.port).to.equal(6);
    await expect(el).to.be.accessible();
  });

  it('a text input sizes from its font and padding, also when the host restyles ::part(input)', async () => {
    const el = await render(await load('postgres'));
    const host = control(el, 'Host');
    expect(getComputedStyle(host).contain).to.equal('strict'); // a relayout boundary: a keystroke lays out the input alone
    expect(host.getBoundingClientRect().height).to.equal(32);
    const style = document.createElement('style');
    style.textContent = 'ab-source-form::part(input) { padding: 14px; font-size: 22px; line-height: 30px }';
    document.head.append(style);
    try {
      expect(host.getBoundingClientRect().height).to.equal(30 + 2 * 14 + 2);
      style.textContent = 'ab-source-form::part(input) { inline-size: fit-content; font: 20px monospace; padding: 0 }';
      expect(host.getBoundingClientRect().width, 'an empty input is 20 characters wide').to.be.closeTo(20 * 12 + 2, 2);
    } finally {
      style.remove();
    }
  });

  it('the error summary names a required list of objects by its own title (s3 streams), and links to it', async () => {
    const el = await render(await load('s3'));
    expect(el.reportValidity()).to.equal(false);
    await el.updateComplete;
    const items = summaryItems(el);
    expect(items).to.deep.equal(['Bucket: This field is required.', 'The list of streams to sync: This field is required.']);
    await expect(el).to.be.accessible();
    $$(el, '[part=error-summary] button')[1]!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(root(el).activeElement?.textContent).to.contain('Add File Based Stream Config');
  });

  it('the error summary names the sign-in by its group, not by the hidden field that carries it (GA4, Google Ads)', async () => {
    const el = await render(await load('google-analytics-data-api'));
    expect(el.reportValidity()).to.equal(false);
    await el.updateComplete;
    const items = summaryItems(el);
    expect(items).to.include('Credentials: Sign in with Google Analytics 4 (GA4) to continue.');
    expect(items.join(' ')).to.not.contain('auth_type');
    // no predicate (Google Ads): the message sits on a field the sign-in fills, which is not shown either
    const ads = await render(await load('google-ads'));
    expect(ads.reportValidity()).to.equal(false);
    await ads.updateComplete;
    expect(summaryItems(ads)).to.include('Google Credentials: Sign in with Google Ads to continue.');
  });

  it('value: defaults applied; typing updates the value and fires input; blur shows required errors', async () => {
    const el = await render(await load('postgres'));
    expect(el.value.port).to.equal(5432);
    expect((el.value.replication_method as Record<string, unknown>).method).to.equal('CDC');
    let inputs = 0;
    el.addEventListener('input', () => inputs++);
    const host = control(el, 'Host');
    await type(el, host, 'db.local');
    expect(el.value.host).to.equal('db.local');
    expect(inputs).to.equal(8);
    const db = control(el, 'Database Name');
    db.focus();
    host.focus();
    await el.updateComplete;
    expect(db.getAttribute('aria-invalid')).to.equal('true');
    const err = root(el).getElementById(db.getAttribute('aria-describedby')!.split(' ').pop()!)!;
    expect(err.textContent).to.equal('This field is required.');
    await expect(el).to.be.accessible();
  });

  it('submit with errors shows a focused summary; fixing and submitting fires ab-before-submit then ab-submit', async () => {
    const el = await render(await load('postgres'));
    await el.submit();
    const summary = $(el, '[part=error-summary]');
    expect(root(el).activeElement).to.equal(summary);
    expect(summary.textContent).to.contain('Host: This field is required.');
    await expect(el).to.be.accessible();
    // a summary entry focuses its field
    $$(el, '[part=error-summary] button')[0].click();
    await aTimeout(0);
    expect(root(el).activeElement).to.equal(control(el, 'Host'));
    for (const [label, v] of [
      ['Host', 'db'],
      ['Database Name', 'app'],
      ['Username', 'me'],
      ['Replication Slot', 'slot'],
      ['Publication', 'pub'],
    ])
      await type(el, control(el, label), v);
    const order: string[] = [];
    el.addEventListener('ab-before-submit', () => order.push('before'));
    const submitted = oneEvent(el, 'ab-submit');
    $(el, '[part=submit]').click();
    const ev = await submitted;
    order.push('submit');
    expect(order).to.deep.equal(['before', 'submit']);
    expect(ev.detail.value).to.include({ host: 'db', database: 'app', username: 'me', port: 5432 });
    expect(el.checkValidity()).to.equal(true);
  });

  it('ab-before-submit can cancel', async () => {
    const el = await render({ type: 'object', properties: { a: { type: 'string' } } });
    el.addEventListener('ab-before-submit', (e) => e.preventDefault());
    let fired = false;
    el.addEventListener('ab-submit', () => (fired = true));
    await el.submit();
    expect(fired).to.equal(false);
  });

  it('oneOf switching keeps values that still apply (postgres ssl_mode), radio tiles for replication_method', async () => {
    const el = await render(await load('postgres'), 'expand-optional');
    const ssl = root(el).querySelector<HTMLSelectElement>('select[aria-labelledby]')!;
    expect($(el, `#${ssl.getAttribute('aria-labelledby')}`).textContent).to.contain('SSL Modes');
    ssl.value = String([...ssl.options].findIndex((o) => o.text === 'verify-ca'));
    ssl.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    const ca = control<HTMLTextAreaElement>(el, 'CA Certificate');
    expect(ca.classList.contains('masked')).to.equal(true); // multiline secret
    await type(el, ca, 'CERT');
    ssl.value = String([...ssl.options].findIndex((o) => o.text === 'verify-full'));
    ssl.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(el.value.ssl_mode).to.deep.equal({ mode: 'verify-full', ca_certificate: 'CERT' });
    expect(control<HTMLTextAreaElement>(el, 'CA Certificate').value).to.equal('CERT');
    const radios = $$<HTMLInputElement>(el, 'input[type=radio]');
    expect(radios.length).to.equal(3);
    radios[1].click();
    await el.updateComplete;
    expect((el.value.replication_method as Record<string, unknown>).method).to.equal('Xmin');
    await expect(el).to.be.accessible();
  });

  it('oneOf switching never shows the text typed into a field of the other option in its place', async () => {
    const option = (k: string, field: string) => ({ title: k, type: 'object', required: [field], properties: { kind: { const: k }, [field]: { type: 'string', title: field } } });
    const el = await render({ type: 'object', properties: { o: { type: 'object', title: 'O', oneOf: [option('x', 'A'), option('y', 'B')] } } });
    await type(el, control(el, 'A'), 'typed');
    expect(el.value.o).to.deep.equal({ kind: 'x', A: 'typed' });
    const select = root(el).querySelector<HTMLSelectElement>('select')!;
    select.value = '1';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(control(el, 'B').value).to.equal('');
    expect(el.value.o).to.deep.equal({ kind: 'y' });
    await expect(el).to.be.accessible();
  });

  it('single-value-enum discriminators (mysql) and the oneOf default', async () => {
    const el = await render(await load('mysql'));
    expect((el.value.ssl_mode as Record<string, unknown>).mode).to.equal('required');
    expect((el.value.replication_method as Record<string, unknown>).method).to.equal('STANDARD');
  });

  it('arrays of strings: tag input adds with Enter and comma, removes with Backspace and the × button', async () => {
    const el = await render(await load('postgres'), 'expand-optional');
    const tags = control(el, 'Schemas');
    tags.focus();
    await sendKeys({ type: 'sales' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'hr,' });
    await el.updateComplete;
    expect(el.value.schemas).to.deep.equal(['public', 'sales', 'hr']);
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(el.value.schemas).to.deep.equal(['public', 'sales']);
    $(el, 'button[aria-label="Remove public"]').click();
    await el.updateComplete;
    expect(el.value.schemas).to.deep.equal(['sales']);
    await expect(el).to.be.accessible();
  });

  it('arrays of objects: add, fill, move, remove (s3 streams)', async () => {
    const el = await render(await load('s3'));
    const add = $$(el, 'button').find((b) => b.textContent!.trim().startsWith('Add'))!;
    add.click();
    await el.updateComplete;
    add.click();
    await el.updateComplete;
    const streams = () => el.value.streams as Record<string, unknown>[];
    expect(streams().length).to.equal(2);
    expect((streams()[0].format as Record<string, unknown>).filetype).to.equal('avro');
    const names = $$<HTMLInputElement>(el, '[part=item] input').filter((i) => root(el).querySelector(`label[for="${i.id}"]`)?.textContent?.trim() === 'Name');
    await type(el, names[0], 'first');
    await type(el, names[1], 'second');
    $(el, 'button[aria-label="Move File Based Stream Config 2 up"]').click();
    await el.updateComplete;
    expect(streams().map((s) => s.name)).to.deep.equal(['second', 'first']);
    expect(root(el).activeElement?.getAttribute('aria-label')).to.equal('Move File Based Stream Config 1 down');
    $$(el, 'button').find((b) => b.textContent!.trim() === 'Remove File Based Stream Config 1')!.click();
    await el.updateComplete;
    expect(streams().map((s) => s.name)).to.deep.equal(['first']);
    await expect(el).to.be.accessible();
  });

  it('list items: a collapsible sub-form whose header summarises the item, kept current after each edit (keyboard only)', async () => {
    const el = await render(await load('s3'));
    $$(el, 'button').find((b) => b.textContent!.trim().startsWith('Add'))!.click();
    await el.updateComplete;
    const summary = () => $(el, '[part=item] [part=item-summary]');
    // a new item gets its defaults, so its header already says something (keys in order, the oneOf by option title)
    expect(summary().textContent).to.match(/^Days To Sync If History Is Full: 3 \| Format: Avro Format \| /);
    const name = $$<HTMLInputElement>(el, '[part=item] input').find((i) => root(el).querySelector(`label[for="${i.id}"]`)?.textContent?.trim() === 'Name')!;
    await type(el, name, 'orders');
    await sendKeys({ press: 'Tab' }); // leaving the field commits the edit: the header follows
    await el.updateComplete;
    expect(summary().textContent).to.contain('Name: orders');
    // keyboard: focus the header, Enter folds the item, Enter opens it again
    summary().focus();
    await sendKeys({ press: 'Enter' });
    const details = summary().parentElement as HTMLDetailsElement;
    expect(details.open).to.equal(false);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    expect(details.open).to.equal(true);
  });

  it('multiline fields load from a file; a file over 1 MB is refused with a message and the text is kept', async () => {
    const el = await render({
      type: 'object',
      required: ['cert', 'key'],
      properties: { cert: { type: 'string', title: 'CA certificate', multiline: true }, key: { type: 'string', title: 'Private key', multiline: true, airbyte_secret: true } },
    });
    const choose = async (label: string, file: File) => {
      const button = $$(el, 'button').find((b) => b.textContent!.trim() === `Load from file ${label}`)!;
      const input = button.nextElementSibling as HTMLInputElement;
      let opened = false;
      input.addEventListener('click', (e) => ((opened = true), e.preventDefault()), { once: true }); // no native file dialog in a test
      button.focus();
      await sendKeys({ press: 'Enter' });
      expect(opened, 'the button opens the file chooser').to.equal(true);
      const dt = new DataTransfer();
      dt.items.add(file);
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await aTimeout(50); // File.text() resolves after a task
      await el.updateComplete;
    };
    await choose('CA certificate', new File(['-----BEGIN CERTIFICATE-----\nabc\n'], 'ca.pem'));
    expect(el.value.cert).to.equal('-----BEGIN CERTIFICATE-----\nabc'); // submitted strings are trimmed, as typed ones are
    expect(root(el).activeElement).to.equal(control(el, 'CA certificate'));
    await choose('Private key', new File(['secret-key'], 'id_rsa'));
    expect(el.value.key).to.equal('secret-key');
    await choose('CA certificate', new File([new Uint8Array((1 << 20) + 1)], 'huge.bin'));
    expect(el.value.cert, 'the text is kept').to.equal('-----BEGIN CERTIFICATE-----\nabc');
    const cert = control(el, 'CA certificate');
    expect(root(el).getElementById(cert.getAttribute('aria-describedby')!.split(' ').find((i) => i.endsWith('-e'))!)?.textContent).to.contain('too large');
    await expect(el).to.be.accessible();
  });

  it('long enums get a filter box (pokeapi, 898 values)', async () => {
    const el = await render(await load('pokeapi'));
    const select = control<HTMLSelectElement>(el, 'Pokemon Name');
    expect(select.options.length).to.equal(899);
    const filter = $<HTMLInputElement>(el, '[part=filter]');
    filter.focus();
    await sendKeys({ type: 'pika' });
    await el.updateComplete;
    expect([...select.options].map((o) => o.text)).to.deep.equal(['Select an option', 'pikachu']);
    select.value = select.options[1].value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(el.value.pokemon_name).to.equal('pikachu');
    await expect(el).to.be.accessible();
  });

  it('secrets: show/hide toggle', async () => {
    const el = await render({ type: 'object', required: ['k'], properties: { k: { type: 'string', title: 'API key', airbyte_secret: true } } });
    const input = control(el, 'API key');
    const toggle = $(el, 'button[aria-pressed]');
    expect(input.type).to.equal('password');
    toggle.click();
    await el.updateComplete;
    expect(control(el, 'API key').type).to.equal('text');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
  });

  it('edit-style values: a masked secret is shown as saved, Change clears it, Keep restores the mask', async () => {
    const el = await render({ type: 'object', required: ['k'], properties: { k: { type: 'string', title: 'API key', airbyte_secret: true } } });
    el.value = { k: '**********' };
    await el.updateComplete;
    expect(control(el, 'API key').readOnly).to.equal(true);
    expect(el.checkValidity()).to.equal(true);
    $$(el, 'button').find((b) => b.textContent!.includes('Change'))!.click();
    await el.updateComplete;
    await aTimeout(0);
    expect(root(el).activeElement).to.equal(control(el, 'API key'));
    expect(el.value.k).to.equal(undefined);
    $$(el, 'button').find((b) => b.textContent!.includes('Keep saved value'))!.click();
    await el.updateComplete;
    expect(el.value.k).to.equal('**********');
  });

  it('dates: free text plus a picker writing the pattern’s format', async () => {
    const el = await render({
      type: 'object',
      properties: { d: { type: 'string', title: 'Start', format: 'date-time', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' } },
    }, 'expand-optional');
    const picker = $<HTMLInputElement>(el, 'input[type=datetime-local]');
    expect(picker.getAttribute('aria-label')).to.equal('Pick a date for Start');
    picker.value = '2024-05-06T07:08';
    picker.dispatchEvent(new Event('change', { bubbles: true })); // as the browser's own change event
    await el.updateComplete;
    expect(el.value.d).to.equal('2024-05-06T07:08:00Z');
    expect(control(el, 'Start').value).to.equal('2024-05-06T07:08:00Z');
    await type(el, control(el, 'Start'), '2024-13-01');
    control(el, 'Start').blur();
    await el.updateComplete;
    expect($(el, '[part=error]').textContent).to.equal('Use the format YYYY-MM-DDTHH:mm:ssZ.');
  });

  it('form association: JSON in FormData under name, validity, reset', async () => {
    const spec = { type: 'object', required: ['a'], properties: { a: { type: 'string', title: 'A' }, n: { type: 'integer', default: 3 } } };
    const form = await fixture<HTMLFormElement>(html`<form><ab-source-form name="config" .spec=${spec}></ab-source-form></form>`);
    const el = form.querySelector('ab-source-form')!;
    await el.updateComplete;
    await aTimeout(0);
    expect(JSON.parse(new FormData(form).get('config') as string)).to.deep.equal({ n: 3 });
    expect(form.checkValidity()).to.equal(false);
    await type(el, control(el, 'A'), 'x');
    await aTimeout(0);
    expect(JSON.parse(new FormData(form).get('config') as string)).to.deep.equal({ a: 'x', n: 3 });
    expect(form.checkValidity()).to.equal(true);
    // read in the same task as the keystroke (the form value is rebuilt lazily, on the form's formdata event)
    control(el, 'A').value = 'xy';
    control(el, 'A').dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    expect(JSON.parse(new FormData(form).get('config') as string)).to.deep.equal({ a: 'xy', n: 3 });
    form.reset();
    await el.updateComplete;
    expect(el.value).to.deep.equal({ n: 3 });
    expect(control(el, 'A').value).to.equal('');
    await aTimeout(0);
    expect(control(el, 'A').getAttribute('aria-invalid'), 'a reset form shows no errors').to.equal('false');
  });

  it('mysql: switching the single-value-enum discriminator keeps what applies and fills the new defaults', async () => {
    const el = await render(await load('mysql'));
    const tiles = $$<HTMLInputElement>(el, 'input[type=radio]');
    const cdc = tiles.find((r) => r.closest('label')!.textContent!.includes('Change Data Capture'))!;
    cdc.click();
    await el.updateComplete;
    const rm = el.value.replication_method as Record<string, unknown>;
    expect(rm.method).to.equal('CDC');
    expect(rm.invalid_cdc_cursor_position_behavior).to.equal('Fail sync');
    await expect(el).to.be.accessible();
  });

  it('422 field errors (fake client): nested paths and the source name land on their fields', async () => {
    const spec = await load('postgres');
    const template = { id: 'tpl', name: 'Postgres', source_definition_id: 'def', user_config_spec: spec, partial_default_config: {} };
    const client = {
      getSourceTemplate: async () => template,
      checkSource: async () => {
        const { ApiError } = await import('../src/api/errors.js');
        throw new ApiError('validation', 'Some values were not accepted.', {
          status: 422,
          fieldErrors: [
            { field: 'source_config.replication_method.replication_slot', message: 'No such slot.' },
            { field: 'name', message: 'This name is taken.' },
          ],
        });
      },
    };
    const el = await fixture<AbSourceForm>(html`<ab-source-form template-id="tpl" .client=${client}></ab-source-form>`);
    await el.updateComplete;
    await aTimeout(0);
    el.value = { host: 'h', database: 'd', username: 'u', replication_method: { method: 'CDC', replication_slot: 'slot', publication: 'pub' } };
    await el.updateComplete;
    const errored = oneEvent(el, 'ab-error');
    await el.submit();
    expect((await errored).detail.code).to.equal('validation');
    await el.updateComplete;
    const slot = control(el, 'Replication Slot');
    expect(slot.getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).getElementById(`${slot.id}-e`)!.textContent).to.equal('No such slot.');
    expect(control(el, 'Source name').getAttribute('aria-invalid')).to.equal('true');
    const summary = $(el, '[part=error-summary]');
    expect(summary.textContent).to.contain('Update Method › Replication Slot: No such slot.');
    expect(summary.textContent).to.contain('Source name: This name is taken.');
    // editing the field clears its server error; what the user typed is still there
    await type(el, slot, 'slot2');
    expect(slot.getAttribute('aria-invalid')).to.equal('false');
    expect(control(el, 'Host').value).to.equal('h');
    await expect(el).to.be.accessible();
  });

  it('hostile specs render safely', async () => {
    const el = await render({
      documentationUrl: 'javascript:alert(1)',
      connectionSpecification: {
        type: 'object',
        required: ['<script>x</script>'],
        properties: {
          '<script>x</script>': { type: 'string', title: '<img src=x onerror="window.__pwned=1">', description: '<script>window.__pwned=1</script><a href="javascript:alert(1)">bad</a> <a href="https://ok.example">ok</a>' },
          big: { type: 'string', enum: Array.from({ length: 1000 }, (_, i) => `v${i}`) },
          typo: { type: 'integer', tittle: 'Typo title', mininum: 2 },
          weird: { type: 'array' },
          free: { type: 'object' },
        },
      },
    });
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(root(el).querySelector('img, script')).to.equal(null);
    expect($$<HTMLAnchorElement>(el, 'a').map((a) => a.href)).to.deep.equal(['https://ok.example/']);
    expect(control(el, '<img src=x onerror="window.__pwned=1">')).to.exist;
    expect(control(el, 'Typo title')).to.exist;
    expect(root(el).textContent).to.contain('<script>window.__pwned=1</script>');
    await expect(el).to.be.accessible();
    // 12-deep nesting, missing properties, wrong types: what can be shown is shown, nothing throws
    let deep: Record<string, unknown> = { type: 'string', title: 'Deepest' };
    for (let i = 0; i < 12; i++) deep = { type: 'object', title: `Level ${i}`, properties: { next: deep } };
    for (const spec of [
      { type: 'object', properties: { root: deep } },
      { type: 'object' },
      { type: 'object', properties: { a: null, b: 'x', c: { type: 7 }, d: { type: 'array', items: 'x' }, e: { enum: 'no' } } },
      { type: 'object', properties: { o: { oneOf: [{ type: 'string' }, { type: 'integer' }] } } },
      null,
    ]) {
      const e = await render(spec);
      expect(e.shadowRoot).to.exist;
      await expect(e).to.be.accessible();
    }
    const nested = await render({ type: 'object', properties: { root: deep } });
    expect(control(nested, 'Deepest')).to.exist;
    expect(root(nested).querySelectorAll('fieldset').length).to.be.greaterThan(12);
  });
});
