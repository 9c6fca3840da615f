// Every real connector spec of fixtures/connectors rendered by <ab-source-form> in Chromium: no console
// errors, no JSON fallback, accessible names are the titles, secrets are password inputs, a valid value passes
// checkValidity() and an independent validator (@cfworker/json-schema) on the original spec, and broken
// values fail with a message on their field; axe is clean with every field shown, after a failed submit.
import { expect, fixture, html } from '@open-wc/testing';
import { Validator } from '@cfworker/json-schema';
import '../src/components/source-form/ab-source-form.js';
import type { AbSourceForm } from '../src/components/source-form/ab-source-form.js';
import { idOf } from '../src/components/source-form/source-form.fields.js';
import { buildModel, fieldError, type FieldNode } from '../src/spec/index.js';
import { sampleValue } from './source-form-sample.js';

const NAMES = `airtable amplitude asana bigquery close-com facebook-marketing faker file freshdesk github gitlab google-ads
google-analytics-data-api google-search-console google-sheets greenhouse harvest hubspot instagram intercom jira klaviyo linkedin-ads
mailchimp microsoft-onedrive microsoft-sharepoint mixpanel monday mongodb-v2 mssql mysql notion pipedrive pokeapi postgres recharge
s3 salesforce sendgrid sentry shopify slack snowflake stripe twilio typeform zendesk-support zoom`.split(/\s+/);

const load = async (name: string) => (await fetch(`/fixtures/connectors/${name}/spec.json`)).json();
// OAuth outputs are hidden while the sign-in block shows (the OAuth tests cover them)
const visible = (f: FieldNode) => !f.hidden && !f.preset && f.kind !== 'const' && !f.oauth;

/** The accessible name as the DOM defines it here: aria-labelledby, <label for>, or a fieldset's legend (aria-hidden parts left out). */
function accessibleName(root: ShadowRoot, el: Element): string {
  const textOf = (n: Element) => {
    const c = n.cloneNode(true) as Element;
    c.querySelectorAll('[aria-hidden="true"]').forEach((x) => x.remove());
    return c.textContent!.replace(/\s+/g, ' ').trim();
  };
  if (el.getAttribute('aria-label')) return el.getAttribute('aria-label')!;
  const by = el.getAttribute('aria-labelledby');
  if (by) return by.split(' ').map((id) => textOf(root.getElementById(id)!)).join(' ');
  if (el.id) {
    const label = root.querySelector(`label[for="${el.id}"]`);
    if (label) return textOf(label);
  }
  const fieldset = el.tagName === 'FIELDSET' ? el : el.closest('fieldset');
  const legend = fieldset?.querySelector(':scope > legend');
  return legend ? textOf(legend) : '';
}

describe('<ab-source-form> over the 48 real connector specs', function () {
  this.timeout(120000);
  const errors: unknown[][] = [];
  const original = console.error;
  before(() => {
    console.error = (...a: unknown[]) => {
      errors.push(a);
      original(...a);
    };
  });
  after(() => (console.error = original));

  it('has all 48 specs', () => expect(NAMES.length).to.equal(48));

  for (const name of NAMES) {
    it(name, async () => {
      errors.length = 0;
      const spec = await load(name);
      const model = buildModel(spec);
      const el = await fixture<AbSourceForm>(html`<ab-source-form expand-optional .spec=${spec}></ab-source-form>`);
      await el.updateComplete;
      const root = el.shadowRoot!;
      expect(errors, 'console errors').to.deep.equal([]);
      expect(model.root.children!.length).to.be.greaterThan(0);

      // every visible required top-level property: a control whose accessible name is its title
      for (const f of model.root.children!.filter((f) => f.required && visible(f))) {
        const control = root.getElementById(idOf('/' + f.key));
        expect(control, `${f.key} has a control`).to.exist;
        expect(accessibleName(root, control!), f.key).to.equal(f.title);
      }
      // every single-line secret that is rendered is a password input
      for (const f of model.root.children!.filter((f) => f.secret && !f.multiline && visible(f))) {
        expect((root.getElementById(idOf('/' + f.key)) as HTMLInputElement).type, f.key).to.equal('password');
      }
      // no JSON fallback anywhere
      expect(root.textContent).not.to.contain('Enter the value as JSON.');

      // a valid value passes the element and an independent validator
      const value = sampleValue(model, true);
      el.value = value;
      await el.updateComplete;
      expect(el.checkValidity(), el.validationMessage).to.equal(true);
      const v = new Validator(spec.connectionSpecification, '7', false).validate(el.value);
      expect(v.valid, JSON.stringify(v.errors.slice(0, 2))).to.equal(true);

      // breaking values: a required value, a pattern, a type → a message on that field
      const breakers: [FieldNode, unknown][] = [];
      const req = model.root.children!.find((f) => f.required && visible(f) && ['string', 'secret', 'text', 'integer', 'number', 'date', 'datetime'].includes(f.kind));
      if (req) breakers.push([req, '']);
      const pat = model.root.children!.find((f) => visible(f) && f.pattern && f.kind !== 'arrayOfStrings' && fieldError(f, '~ not valid ~'));
      if (pat) breakers.push([pat, '~ not valid ~']);
      const int = model.root.children!.find((f) => visible(f) && (f.kind === 'integer' || f.kind === 'number'));
      if (int) breakers.push([int, 'abc']);
      for (const [f, bad] of breakers) {
        el.value = { ...value, [f.key]: bad };
        await el.updateComplete;
        expect(el.reportValidity(), `${f.key} = ${bad}`).to.equal(false);
        await el.updateComplete;
        const control = root.getElementById(idOf('/' + f.key))!;
        expect(control.getAttribute('aria-invalid'), f.key).to.equal('true');
        const msg = root.getElementById(`${idOf('/' + f.key)}-e`);
        expect(msg?.textContent, f.key).to.match(/\w/);
        expect(control.getAttribute('aria-describedby')).to.contain(`${idOf('/' + f.key)}-e`);
      }
      // every field shown and in the failed state (messages, error summary): axe finds nothing
      await expect(el).to.be.accessible();
      expect(errors, 'console errors').to.deep.equal([]);
    });
  }
});
