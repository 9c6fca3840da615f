import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/source-form/ab-source-form.js';
import type { AbSourceForm } from '../src/components/source-form/ab-source-form.js';
import { ApiError, type FieldError } from '../src/api/errors.js';
import type { EmbeddedClient } from '../src/api/client.js';
import type { CheckStatus, Source, SourceTemplate } from '../src/api/types.js';
import postgres from '../fixtures/connectors/postgres/spec.json';
import github from '../fixtures/connectors/github/spec.json';
import hubspot from '../fixtures/connectors/hubspot/spec.json';
import s3 from '../fixtures/connectors/s3/spec.json';
import googleSheets from '../fixtures/connectors/google-sheets/spec.json';
import mssql from '../fixtures/connectors/mssql/spec.json';
import googleAnalytics from '../fixtures/connectors/google-analytics-data-api/spec.json';

type Spec = { name: string; documentationUrl?: string; connectionSpecification: Record<string, unknown> };
const icon = (slug: string) => `/fixtures/connectors/${slug}/icon.svg`;
const withIcon = (spec: Spec, slug: string) => ({ ...spec, icon: icon(slug) });

const template = (spec: Spec, slug: string): SourceTemplate => ({
  id: `tpl-${slug}`,
  name: spec.name,
  icon: icon(slug),
  source_definition_id: `def-${slug}`,
  user_config_spec: spec as unknown as SourceTemplate['user_config_spec'],
  partial_default_config: {},
});

interface Fake {
  /** ms before the template/source arrives (Infinity: never). */
  load?: number;
  /** How the connection check ends (`never`: keeps running). */
  check?: 'succeeded' | 'failed' | 'never';
  /** The check request is refused with these field errors (HTTP 422). */
  fieldErrors?: FieldError[];
  source?: Source;
}

/** A stand-in client for the states that need the API (no network). */
function fakeClient(tpl: SourceTemplate, f: Fake = {}): EmbeddedClient {
  const later = <T>(ms: number, v: () => T, signal?: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      const abort = () => reject(new ApiError('aborted', 'The request was cancelled.'));
      if (ms !== Infinity) setTimeout(() => resolve(v()), ms);
      signal?.addEventListener('abort', abort);
    });
  const saved = (config: Record<string, unknown>, name?: string | null): Source => ({ id: 'src-1', name: name ?? tpl.name, source_template: tpl, source_config: config });
  const check = async (o: { signal?: AbortSignal } = {}) => {
    if (f.fieldErrors) throw new ApiError('validation', 'Some values were not accepted.', { status: 422, fieldErrors: f.fieldErrors });
    return later(150, () => ({ id: 'job-1' }), o.signal);
  };
  return {
    getSourceTemplate: (_id: string, o: { signal?: AbortSignal } = {}) => later(f.load ?? 300, () => tpl, o.signal),
    getSource: (_id: string, o: { signal?: AbortSignal } = {}) => later(f.load ?? 300, () => f.source!, o.signal),
    checkSource: (_b: unknown, o?: { signal?: AbortSignal }) => check(o),
    checkSourceUpdate: (_id: string, _b: unknown, o?: { signal?: AbortSignal }) => check(o),
    waitForCheck: async (id: string, o: { signal?: AbortSignal; onStatus?: (s: CheckStatus) => void } = {}) => {
      o.onStatus?.({ id, status: 'pending' });
      await later(400, () => 0, o.signal);
      o.onStatus?.({ id, status: 'running' });
      const outcome = f.check ?? 'succeeded';
      const final: CheckStatus =
        outcome === 'failed'
          ? {
              id,
              status: 'failed',
              error_message: 'FATAL: password authentication failed for user "airbyte"',
              enhanced_error_message: 'Postgres refused the user name or password. Check "Username" and "Password" and try again.',
            }
          : { id, status: 'succeeded' };
      await later(outcome === 'never' ? Infinity : 1200, () => 0, o.signal);
      o.onStatus?.(final);
      return final;
    },
    createSource: (b: { source_config: Record<string, unknown>; name?: string | null }) => later(300, () => saved(b.source_config, b.name)),
    updateSource: (_id: string, b: { source_config?: Record<string, unknown> | null; name?: string | null }) => later(300, () => saved(b.source_config ?? {}, b.name)),
  } as unknown as EmbeddedClient;
}

const filledPostgres = { host: 'db.example.com', port: 5432, database: 'app', username: 'airbyte', password: 'secret', replication_method: { method: 'Standard' } };

/** Fills the form and submits it (for the check/created/failed/422 states). */
const submitWith =
  (value: Record<string, unknown>) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = canvasElement.querySelector<AbSourceForm>('ab-source-form')!;
    for (let i = 0; i < 100 && !el.model; i++) await new Promise((r) => setTimeout(r, 20));
    el.value = value;
    await el.updateComplete;
    void el.submit();
  };

interface Args {
  theme: 'light' | 'dark' | 'auto';
  expandOptional: boolean;
  hideSubmit: boolean;
}

const log = (e: Event) => console.log(e.type, (e as CustomEvent).detail);
const specStory = (spec: Spec, slug: string): StoryObj<Args> => ({
  render: (a) => html`<ab-source-form
    theme=${a.theme}
    ?expand-optional=${a.expandOptional}
    ?hide-submit=${a.hideSubmit}
    .spec=${withIcon(spec, slug)}
    @ab-submit=${log}
  ></ab-source-form>`,
});
const apiStory = (spec: Spec, slug: string, f: Fake, play?: StoryObj<Args>['play'], sourceId?: string): StoryObj<Args> => ({
  render: (a) => html`<ab-source-form
    theme=${a.theme}
    ?expand-optional=${a.expandOptional}
    template-id=${sourceId ? '' : `tpl-${slug}`}
    source-id=${sourceId ?? ''}
    .client=${fakeClient(template(spec, slug), f)}
    @ab-check=${log}
    @ab-source-created=${log}
    @ab-source-updated=${log}
    @ab-error=${log}
  ></ab-source-form>`,
  play,
});

const meta: Meta<Args> = {
  title: 'Elements/Source form',
  component: 'ab-source-form',
  args: { theme: 'light', expandOptional: false, hideSubmit: false },
  argTypes: { theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] } },
  parameters: {
    docs: {
      description: {
        component:
          'The configuration form of a connector, generated from its real spec (these stories use the unmodified fixtures). Required fields, choices and `always_show` fields come first, the rest sits under "Optional fields". With `template-id` it checks the connection and creates the source; with `source-id` it edits one; with the `spec` property alone it fires `ab-submit`.',
      },
    },
  },
};
export default meta;
type Story = StoryObj<Args>;

export const Postgres: Story = specStory(postgres as Spec, 'postgres');
export const GitHub: Story = specStory(github as Spec, 'github');
export const HubSpot: Story = specStory(hubspot as Spec, 'hubspot');
export const S3: Story = specStory(s3 as Spec, 's3');
export const GoogleSheets: Story = specStory(googleSheets as Spec, 'google-sheets');
export const MSSQL: Story = specStory(mssql as Spec, 'mssql');
/** Six levels deep: lists of reports, each with oneOf filters inside lists inside oneOfs. */
export const GoogleAnalyticsDeepOneOf: Story = { ...specStory(googleAnalytics as Spec, 'google-analytics-data-api'), args: { expandOptional: true } };
export const Dark: Story = { ...specStory(postgres as Spec, 'postgres'), args: { theme: 'dark' } };

export const Loading: Story = apiStory(postgres as Spec, 'postgres', { load: Infinity });
export const Checking: Story = apiStory(postgres as Spec, 'postgres', { check: 'never' }, submitWith(filledPostgres));
export const CheckFailed: Story = apiStory(postgres as Spec, 'postgres', { check: 'failed' }, submitWith(filledPostgres));
export const Created: Story = apiStory(postgres as Spec, 'postgres', {}, submitWith(filledPostgres));
export const EditMode: Story = apiStory(
  postgres as Spec,
  'postgres',
  {
    source: {
      id: 'src-1',
      name: 'Production database',
      source_template: template(postgres as Spec, 'postgres'),
      source_config: { ...filledPostgres, password: '**********', ssl_mode: { mode: 'verify-ca', ca_certificate: '**********' } },
    },
  },
  undefined,
  'src-1',
);
export const FieldErrors422: Story = apiStory(
  postgres as Spec,
  'postgres',
  {
    fieldErrors: [
      { field: 'source_config.host', message: 'This host name does not resolve.' },
      { field: 'source_config.port', message: 'Nothing listens on this port.' },
    ],
  },
  submitWith(filledPostgres),
);
export const Invalid: Story = {
  ...specStory(postgres as Spec, 'postgres'),
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<AbSourceForm>('ab-source-form')!;
    await el.updateComplete;
    el.reportValidity();
  },
};
