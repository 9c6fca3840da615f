import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/components/source-picker/ab-source-picker.js';
import { ApiError } from '../src/api/errors.js';
import type { EmbeddedClient } from '../src/api/client.js';
import type { SourceTemplateListItem } from '../src/api/types.js';
import { manyTemplates, sampleTemplates } from './source-picker.data.js';

/** A stand-in client for the states that need one (no network): `delay` in ms, `fail` with an ApiError. */
function fakeClient({ delay = 0, fail, data = sampleTemplates() }: { delay?: number; fail?: ApiError; data?: SourceTemplateListItem[] }): EmbeddedClient {
  return {
    listSourceTemplates: (_q: unknown, { signal }: { signal?: AbortSignal } = {}) =>
      new Promise((resolve, reject) => {
        const done = () => (fail ? reject(fail) : resolve(data));
        if (delay === Infinity) return signal?.addEventListener('abort', () => reject(new ApiError('aborted', 'The request was cancelled.')));
        const t = setTimeout(done, delay);
        signal?.addEventListener('abort', () => {
          clearTimeout(t);
          reject(new ApiError('aborted', 'The request was cancelled.'));
        });
      }),
  } as unknown as EmbeddedClient;
}

interface Args {
  variant: 'grid' | 'list' | 'dropdown';
  label: string;
  tags: string;
  tagsMode: 'any' | 'all';
  theme: 'light' | 'dark' | 'auto';
  value: string;
}

const meta: Meta<Args> = {
  title: 'Elements/Source picker',
  component: 'ab-source-picker',
  args: { variant: 'grid', label: 'Choose a data source', tags: '', tagsMode: 'any', theme: 'light', value: '' },
  argTypes: {
    variant: { control: 'inline-radio', options: ['grid', 'list', 'dropdown'] },
    tagsMode: { control: 'inline-radio', options: ['any', 'all'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  render: (a) => html`<ab-source-picker
    variant=${a.variant}
    label=${a.label}
    tags=${a.tags}
    tags-mode=${a.tagsMode}
    theme=${a.theme}
    value=${ifDefined(a.value || undefined)}
    .templates=${sampleTemplates()}
    @ab-source-select=${(e: CustomEvent) => console.log('ab-source-select', e.detail)}
  ></ab-source-picker>`,
  parameters: {
    docs: {
      description: {
        component:
          'The workspace\'s source templates, searchable (typo-tolerant: try "postgrs" or "gogle sheets"), filterable by tag chips and fully keyboard operable. From the search box, ArrowDown reaches the first result; then arrows, Home/End, type-ahead and Enter/Space. Data comes from `token` + `api-base-url`, or from the `templates` property as in these stories.',
      },
    },
  },
};
export default meta;
type Story = StoryObj<Args>;

export const Grid: Story = {};

export const List: Story = { args: { variant: 'list' } };

export const Dropdown: Story = {
  args: { variant: 'dropdown', value: 'tpl-postgres' },
  decorators: [(story) => html`<div style="max-width: 22rem; min-height: 30rem">${story()}</div>`],
};

export const Loading: Story = {
  render: (a) => html`<ab-source-picker label=${a.label} variant=${a.variant} theme=${a.theme} .client=${fakeClient({ delay: Infinity })}></ab-source-picker>`,
};

export const Empty: Story = {
  render: (a) => html`<ab-source-picker label=${a.label} variant=${a.variant} theme=${a.theme} .templates=${[]}></ab-source-picker>`,
};

export const EmptyWithSlot: Story = {
  render: (a) => html`<ab-source-picker label=${a.label} variant=${a.variant} theme=${a.theme} .templates=${[]}>
    <span slot="empty">No connectors are enabled for your plan yet. <a href="https://example.com/upgrade">See plans</a></span>
  </ab-source-picker>`,
};

export const ErrorState: Story = {
  name: 'Error',
  render: (a) => html`<ab-source-picker
    label=${a.label}
    variant=${a.variant}
    theme=${a.theme}
    .client=${fakeClient({ fail: new ApiError('network', 'Could not reach the server.') })}
  ></ab-source-picker>`,
};

export const SixHundredTemplates: Story = {
  name: '600 templates',
  args: { variant: 'grid' },
  render: (a) => html`<ab-source-picker label=${a.label} variant=${a.variant} theme=${a.theme} .templates=${manyTemplates(600)}></ab-source-picker>`,
};

export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [(story) => html`<div style="background:#0f1115; padding: 1.5rem; color-scheme: dark">${story()}</div>`],
};

/** Branding with nothing but the public custom properties and `::part()`. */
export const Themed: Story = {
  args: { variant: 'grid', value: 'tpl-stripe' },
  render: (a) => html`<style>
      .brand ab-source-picker {
        --ab-font-family: Georgia, 'Times New Roman', serif;
        --ab-color-primary: #0b6e4f;
        --ab-color-focus: #0b6e4f;
        --ab-color-highlight: #c8f7dc;
        --ab-color-border: #b9d8cb;
        --ab-radius-m: 14px;
        --ab-source-picker-card-min-width: 12rem;
        --ab-source-picker-card-height: 7rem;
        --ab-source-picker-icon-size: 36px;
      }
      .brand ab-source-picker::part(label) {
        font-size: 1.25rem;
        letter-spacing: 0.02em;
      }
      .brand ab-source-picker::part(option) {
        background: #f3faf6;
      }
      .brand ab-source-picker::part(option selected) {
        background: #e0f4ea;
      }
      .brand ab-source-picker::part(tag-chip) {
        border-radius: 4px;
        text-transform: uppercase;
        letter-spacing: 0.04em;
      }
      .brand ab-source-picker::part(highlight) {
        text-decoration: underline;
      }
    </style>
    <div class="brand">
      <ab-source-picker label="Connect your data" variant=${a.variant} value=${a.value} .templates=${sampleTemplates()}></ab-source-picker>
    </div>`,
};
