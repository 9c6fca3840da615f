// What the bench runs: the connectors and fields of the form benchmarks, the picker's 600 templates, the
// explorer's catalog size, and the list of benchmarks with their page-side parameters.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.js';

export const CONNECTORS = [
  // connector, the field typed into for form-keystroke: its label, and whether it takes text or a number
  ['postgres', { label: 'Host', kind: 'text' }],
  ['mssql', { label: 'Host', kind: 'text' }],
  ['mysql', { label: 'Host', kind: 'text' }],
  ['s3', { label: 'Bucket', kind: 'text' }],
  ['google-sheets', { label: 'Spreadsheet Link', kind: 'text' }],
  // hubspot and GA4 have no plain text field every contender renders: their strings are dates (a native date
  // picker in the peers), arrays, or OAuth credentials (a sign-in button in ours), so a number field is typed into.
  ['hubspot', { label: 'Lookback window', kind: 'number' }],
  ['google-analytics-data-api', { label: 'Data Request Interval (Days)', kind: 'number' }],
];
const STREAMS = 10_000;
const FIELDS = 30;
const PICKER_QUERIES = ['p', 'po', 'pos', 'post', 'postg', 'postgr', 'postgre', 'postgres', 'postgre', 'postgr', 'postg', 'post', 'pos', 'po', 'p', ''];
const EXPLORER_QUERIES = ['c', 'cu', 'cus', 'cust', 'custo', 'custom', 'custome', 'customer', 'custome', 'custom', 'custo', 'cust', 'cus', 'cu', 'c', ''];

/** 600 templates `{id, name, icon, tags}` from the 48 fixture connectors, names suffixed after the first round. */
export function templates(baseUrl, count = 600) {
  const names = readdirSync(join(ROOT, 'fixtures/connectors')).filter((d) => existsSync(join(ROOT, 'fixtures/connectors', d, 'spec.json'))).sort();
  const specs = names.map((n) => JSON.parse(readFileSync(join(ROOT, 'fixtures/connectors', n, 'spec.json'), 'utf8')));
  const regions = ['EU', 'US', 'APAC', 'Staging', 'Sandbox', 'Legacy', 'Analytics', 'Replica', 'Archive', 'Partner', 'Finance', 'Marketing', 'Ops'];
  const categories = ['database', 'crm', 'marketing', 'files', 'support', 'analytics'];
  return Array.from({ length: count }, (_, i) => {
    const k = i % names.length;
    const round = Math.floor(i / names.length);
    return {
      id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      name: round === 0 ? specs[k].name : `${specs[k].name} (${regions[(round - 1) % regions.length]})`,
      icon: existsSync(join(ROOT, 'fixtures/connectors', names[k], 'icon.svg')) ? `${baseUrl}/fixtures/connectors/${names[k]}/icon.svg` : null,
      tags: [specs[k].supportLevel ?? 'community', categories[(k + round) % categories.length]],
    };
  });
}

/** Every benchmark of the run: name, the element it needs, the page-side benchmark and its parameters. */
export function plan(baseUrl, only = null) {
  const list = [];
  for (const [connector, field] of CONNECTORS) list.push({ name: `form-first-render:${connector}`, needs: 'form', kind: 'form-first-render', params: { connector } });
  for (const [connector, field] of CONNECTORS) list.push({ name: `form-keystroke:${connector}`, needs: 'form', kind: 'form-keystroke', params: { connector, field } });
  const t = templates(baseUrl);
  list.push({ name: 'picker-first-render', needs: 'picker', kind: 'picker-first-render', params: { templates: t } });
  list.push({ name: 'picker-search-keystroke', needs: 'picker', kind: 'picker-search-keystroke', params: { templates: t, queries: PICKER_QUERIES } });
  list.push({ name: 'explorer-first-render', needs: 'explorer', kind: 'explorer-first-render', params: { streams: STREAMS, fields: FIELDS } });
  list.push({ name: 'explorer-select-all', needs: 'explorer', kind: 'explorer-select-all', params: { streams: STREAMS, fields: FIELDS } });
  list.push({ name: 'explorer-search-keystroke', needs: 'explorer', kind: 'explorer-search-keystroke', params: { streams: STREAMS, fields: FIELDS, queries: EXPLORER_QUERIES } });
  return list.filter((b) => !only || b.name.includes(only));
}
