// Sample source templates for the <ab-source-picker> stories and tests: the 48 connectors of
// fixtures/connectors (icons served at /fixtures/connectors by Storybook and the test server), and a
// generator for long lists. Data only; no network.
import type { SourceTemplateListItem } from '../src/api/types.js';

const CONNECTORS: [slug: string, name: string, tags: string[]][] = [
  ['airtable', 'Airtable', ['productivity']],
  ['amplitude', 'Amplitude', ['analytics']],
  ['asana', 'Asana', ['productivity']],
  ['bigquery', 'BigQuery', ['database']],
  ['close-com', 'Close.com', ['crm']],
  ['facebook-marketing', 'Facebook Marketing', ['marketing']],
  ['faker', 'Sample Data', ['demo']],
  ['file', 'File (CSV, JSON, Excel, Feather, Parquet)', ['files']],
  ['freshdesk', 'Freshdesk', ['support']],
  ['github', 'GitHub', ['engineering']],
  ['gitlab', 'Gitlab', ['engineering']],
  ['google-ads', 'Google Ads', ['marketing']],
  ['google-analytics-data-api', 'Google Analytics 4 (GA4)', ['analytics', 'marketing']],
  ['google-search-console', 'Google Search Console', ['marketing']],
  ['google-sheets', 'Google Sheets', ['files', 'productivity']],
  ['greenhouse', 'Greenhouse', ['hr']],
  ['harvest', 'Harvest', ['hr']],
  ['hubspot', 'HubSpot', ['crm', 'marketing']],
  ['instagram', 'Instagram', ['marketing']],
  ['intercom', 'Intercom', ['support']],
  ['jira', 'Jira', ['engineering']],
  ['klaviyo', 'Klaviyo', ['marketing']],
  ['linkedin-ads', 'LinkedIn Ads', ['marketing']],
  ['mailchimp', 'Mailchimp', ['marketing']],
  ['microsoft-onedrive', 'Microsoft OneDrive', ['files']],
  ['microsoft-sharepoint', 'Microsoft SharePoint', ['files']],
  ['mixpanel', 'Mixpanel', ['analytics']],
  ['monday', 'Monday', ['productivity']],
  ['mongodb-v2', 'MongoDb', ['database']],
  ['mssql', 'Microsoft SQL Server (MSSQL)', ['database']],
  ['mysql', 'MySQL', ['database']],
  ['notion', 'Notion', ['productivity']],
  ['pipedrive', 'Pipedrive', ['crm']],
  ['pokeapi', 'PokeAPI', ['demo']],
  ['postgres', 'Postgres', ['database']],
  ['recharge', 'Recharge', ['payments']],
  ['s3', 'S3', ['files']],
  ['salesforce', 'Salesforce', ['crm']],
  ['sendgrid', 'Sendgrid', ['marketing']],
  ['sentry', 'Sentry', ['engineering']],
  ['shopify', 'Shopify', ['payments']],
  ['slack', 'Slack', ['productivity']],
  ['snowflake', 'Snowflake', ['database']],
  ['stripe', 'Stripe', ['payments']],
  ['twilio', 'Twilio', ['engineering']],
  ['typeform', 'Typeform', ['productivity']],
  ['zendesk-support', 'Zendesk Support', ['support']],
  ['zoom', 'Zoom', ['productivity']],
];

/** Where the connector icons are served (Storybook `staticDirs`, and the test server's root). */
export const ICON_BASE = '/fixtures/connectors';

/** The 48 fixture connectors as source templates (ids `tpl-<slug>`). */
export function sampleTemplates(iconBase = ICON_BASE): SourceTemplateListItem[] {
  return CONNECTORS.map(([slug, name, tags]) => ({ id: `tpl-${slug}`, name, icon: `${iconBase}/${slug}/icon.svg`, tags }));
}

const PREFIX = ['Acme', 'Nimbus', 'Blue', 'Quantum', 'Orbit', 'Pixel', 'Delta', 'Summit', 'Harbor', 'Cedar', 'Vector', 'Lumen', 'Atlas', 'Echo', 'Nova'];
const SUFFIX = ['CRM', 'Ads', 'Analytics', 'Mail', 'Pay', 'Desk', 'Forms', 'Cloud DB', 'Storage', 'Chat', 'Calendar', 'HR', 'Billing', 'Survey', 'Tickets', 'Events', 'Docs', 'Insights', 'Shop', 'Logs', 'Metrics', 'Leads', 'Notes', 'Sync', 'Files', 'Tasks', 'Wiki', 'Video', 'Ledger', 'Graph', 'Queue', 'Maps', 'Auth', 'Search', 'Social', 'Voice', 'Jobs', 'Budget', 'Assets', 'Orders'];
const TAGS = ['crm', 'marketing', 'analytics', 'database', 'files', 'support', 'payments', 'productivity', 'engineering', 'hr'];

/** `count` templates: the 48 fixture connectors first, then generated ones (icons reused, every 7th without one). */
export function manyTemplates(count = 600, iconBase = ICON_BASE): SourceTemplateListItem[] {
  const out = sampleTemplates(iconBase);
  for (let i = 0; out.length < count; i++) {
    const name = `${PREFIX[i % PREFIX.length]} ${SUFFIX[Math.floor(i / PREFIX.length) % SUFFIX.length]}${i >= PREFIX.length * SUFFIX.length ? ` ${Math.floor(i / (PREFIX.length * SUFFIX.length)) + 1}` : ''}`;
    const slug = CONNECTORS[i % CONNECTORS.length]![0];
    out.push({ id: `gen-${i}`, name, icon: i % 7 === 0 ? null : `${iconBase}/${slug}/icon.svg`, tags: [TAGS[i % TAGS.length]!] });
  }
  return out.slice(0, count);
}
