import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/stream-explorer/ab-stream-explorer.js';
import { ApiError } from '../src/api/errors.js';
import type { StreamCatalog } from '../src/api/discovery.js';
import { bigCatalog, fakeDiscoveryClient, withCuration, type CuratedMetadata } from './stream-explorer.data.js';
import stripeCatalog from '../fixtures/connectors/stripe/catalog.json';
import hubspotCatalog from '../fixtures/connectors/hubspot/catalog.json';
import githubCatalog from '../fixtures/connectors/github/catalog.json';
import stripeMeta from '../sandbox/catalog-metadata/stripe.json';
import hubspotMeta from '../sandbox/catalog-metadata/hubspot.json';
import githubMeta from '../sandbox/catalog-metadata/github.json';

const catalogs = {
  stripe: () => withCuration(stripeCatalog as StreamCatalog, stripeMeta as CuratedMetadata),
  hubspot: () => withCuration(hubspotCatalog as StreamCatalog, hubspotMeta as CuratedMetadata),
  github: () => withCuration(githubCatalog as StreamCatalog, githubMeta as CuratedMetadata),
};
const curatedCatalog = (name: keyof typeof catalogs) => catalogs[name]();

interface Args {
  selectionMode: 'suggested' | 'all' | 'whitelist';
  whitelist: string;
  theme: 'light' | 'dark' | 'auto';
  label: string;
}

const log = (e: CustomEvent) => console.log(e.type, e.detail);

const meta: Meta<Args> = {
  title: 'Elements/Stream explorer',
  component: 'ab-stream-explorer',
  args: { selectionMode: 'suggested', whitelist: '', theme: 'light', label: '' },
  argTypes: {
    selectionMode: { control: 'inline-radio', options: ['suggested', 'all', 'whitelist'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  render: (a) => html`<ab-stream-explorer
    selection-mode=${a.selectionMode}
    whitelist=${a.whitelist}
    theme=${a.theme}
    label=${a.label}
    .catalog=${curatedCatalog('stripe')}
    @ab-streams-change=${log}
  ></ab-stream-explorer>`,
  parameters: {
    docs: {
      description: {
        component:
          'The streams a source offers, their fields, keys, sync modes and relationships, to choose what syncs. Give it a `source-id` (+ `token`, `api-base-url`) to discover through the API, or a `catalog` object as in these stories. Keyboard: from the search box ArrowDown enters the list; Up/Down/Home/End/PageUp/PageDown move, Right/Left open and close a stream\'s fields, Space toggles, Tab reaches the row\'s controls. The result is `value` and every `ab-streams-change` event: `{streams: [{name, sync_mode, cursor_field, primary_key, selected_fields?}]}`.',
      },
    },
  },
};
export default meta;
type Story = StoryObj<Args>;

/** Stripe, with the sandbox's curated categories, PII flags and foreign keys (charges.customer → customers.id). */
export const Stripe: Story = {};

export const HubSpot: Story = {
  render: (a) => html`<ab-stream-explorer selection-mode=${a.selectionMode} theme=${a.theme} .catalog=${curatedCatalog('hubspot')} @ab-streams-change=${log}></ab-stream-explorer>`,
};

export const GitHub: Story = {
  render: (a) => html`<ab-stream-explorer selection-mode=${a.selectionMode} theme=${a.theme} .catalog=${curatedCatalog('github')} @ab-streams-change=${log}></ab-stream-explorer>`,
};

const big = bigCatalog(10_000);
/** 10,000 streams × 30 fields: rows are virtualized, so the DOM stays small; try Select all and a search. */
export const TenThousandStreams: Story = {
  name: '10,000 streams',
  render: (a) => html`<ab-stream-explorer selection-mode=${a.selectionMode} theme=${a.theme} .catalog=${big} @ab-streams-change=${log}></ab-stream-explorer>`,
};

/** Only the template's whitelisted streams are listed and chosen; names missing from the catalog are noted. */
export const Whitelist: Story = {
  args: { selectionMode: 'whitelist', whitelist: 'contacts,companies,deals,tickets,not_a_stream' },
  render: (a) => html`<ab-stream-explorer selection-mode=${a.selectionMode} whitelist=${a.whitelist} theme=${a.theme} .catalog=${curatedCatalog('hubspot')} @ab-streams-change=${log}></ab-stream-explorer>`,
};

/** A saved selection restored through `value`: customers with three fields, charges as full refresh. */
export const RestoredValue: Story = {
  render: (a) => html`<ab-stream-explorer
    theme=${a.theme}
    .value=${{
      streams: [
        { name: 'customers', sync_mode: 'incremental', cursor_field: ['updated'], primary_key: [['id']], selected_fields: [['id'], ['email'], ['address', 'city']] },
        { name: 'charges', sync_mode: 'full_refresh', cursor_field: [], primary_key: [['id']] },
      ],
    }}
    .catalog=${curatedCatalog('stripe')}
    @ab-streams-change=${log}
  ></ab-stream-explorer>`,
};

export const DiscoveryInProgress: Story = {
  render: (a) => html`<ab-stream-explorer source-id="src-story" theme=${a.theme} .client=${fakeDiscoveryClient({ delay: Infinity })}></ab-stream-explorer>`,
};

/** Discovery through a (stand-in) client: progress with elapsed time, then the GitHub catalog. */
export const Discovery: Story = {
  render: (a) => html`<ab-stream-explorer source-id="src-story" theme=${a.theme} .client=${fakeDiscoveryClient({ catalog: curatedCatalog('github'), delay: 2500 })} @ab-streams-change=${log}></ab-stream-explorer>`,
};

export const DiscoveryFailed: Story = {
  render: (a) => html`<ab-stream-explorer
    source-id="src-story"
    theme=${a.theme}
    .client=${fakeDiscoveryClient({ delay: 300, fail: new ApiError('validation', 'Discovery failed: Stripe refused to list its streams (the API key lacks the read_only scope).', { status: 422 }) })}
  ></ab-stream-explorer>`,
};

export const Empty: Story = {
  render: (a) => html`<ab-stream-explorer theme=${a.theme} .catalog=${{ streams: [] }}></ab-stream-explorer>`,
};

const odd: StreamCatalog = {
  streams: [
    { name: 'no_schema', supported_sync_modes: ['full_refresh'] },
    { name: 'empty_schema', json_schema: {} },
    { name: 'odd_types', json_schema: { type: 'object', properties: { amount: { type: 'decimal128' }, id: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, blob: {}, matrix: { type: ['null', 'array'], items: { type: 'array', items: { type: 'object', properties: { cell: { type: 'string' } } } } } } }, supported_sync_modes: ['full_refresh', 'incremental'] },
    { name: 'odd_types', json_schema: { type: 'object', properties: { x: { type: 'string' } } } },
    { nope: true } as never,
  ],
};
/** Streams without schema, unknown types, a duplicate name and a junk entry: all shown with a note. */
export const BadInput: Story = {
  render: (a) => html`<ab-stream-explorer selection-mode="all" theme=${a.theme} .catalog=${odd}></ab-stream-explorer>`,
};

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [(story) => html`<div style="background:#0e1014;padding:1rem">${story()}</div>`],
};
