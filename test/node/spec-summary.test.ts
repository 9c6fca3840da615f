// Array item headers: `Title: value | …` over the filled keys, as Airbyte's web app summarises an item.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildModel, initialOf, itemSummary, JsonText, type FieldNode } from '../../src/spec/index.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/connectors/${name}/spec.json`, import.meta.url), 'utf8'));
const arrayItem = (connector: string, key: string): FieldNode => {
  const find = (n: FieldNode): FieldNode | undefined => (n.key == key && n.item ? n : n.children?.map(find).find(Boolean));
  return find(buildModel(load(connector)).root)!.item!;
};

test('s3 stream: keys in alphabetical order, the format oneOf by the selected (default: first) option title, lists joined, empty keys left out', () => {
  const item = arrayItem('s3', 'streams');
  const v = { ...(initialOf(item) as object), name: 'orders', globs: ['**/*.csv', 'x/*.csv'], input_schema: '' };
  const s = itemSummary(item, v);
  assert.match(s, /^Days To Sync If History Is Full: 3 \| Format: Avro Format \| Globs: \*\*\/\*\.csv, x\/\*\.csv \| Name: orders/);
  assert.ok(!s.includes('Input Schema'), 'a blank string is not shown');
  const titles = s.split(' | ').map((p) => p.slice(0, p.indexOf(':')));
  const keys = titles.map((t) => item.children!.find((c) => c.title == t)!.key);
  assert.deepEqual(keys, [...keys].sort(), 'ordered by key');
});

test('secrets are masked, long values cut, whitespace folded, hidden/const keys and non-objects ignored', () => {
  const item = {
    key: '[]', kind: 'object', title: 'Item', description: [], required: false, hidden: false, preset: false, secret: false, multiline: false, schema: {},
    children: [
      { key: 'token', kind: 'secret', secret: true, title: 'Token', hidden: false },
      { key: 'note', kind: 'text', secret: false, title: 'Note', hidden: false },
      { key: 'kind', kind: 'const', secret: false, title: 'Kind', hidden: false },
      { key: 'internal', kind: 'string', secret: false, title: 'Internal', hidden: true },
      { key: 'raw', kind: 'json', secret: false, title: 'Raw', hidden: false },
    ],
  } as unknown as FieldNode;
  const s = itemSummary(item, { token: 'hunter2', note: 'line one\n  line two ' + 'x'.repeat(60), kind: 'a', internal: 'z', raw: new JsonText('{oops') });
  assert.ok(!s.includes('hunter2'));
  assert.ok(s.includes('Token: *****'));
  assert.match(s, /Note: line one line two x+…/);
  assert.equal(s.split(' | ').find((p) => p.startsWith('Note'))!.length, 'Note: '.length + 40);
  assert.ok(!s.includes('Kind') && !s.includes('Internal'));
  assert.ok(s.startsWith('Note: ') && s.endsWith(' | Raw: {oops | Token: *****'), s);
  assert.equal(itemSummary(item, undefined), '');
  assert.equal(itemSummary(item, ['a']), '');
  assert.equal(itemSummary(item, {}), '');
});
