// Test helper (Node and browser): a valid value for a form model, built the way a user would fill the form:
// start from the initial value, then give every (required, or with `all` every visible) field a value that
// the engine accepts. Tests then check it independently against the original spec.
import { fieldError, initialOf, isEmpty, selectedOption, type FieldNode, type FormModel, initialValue } from '../src/spec/index.js';

const STRINGS = [
  'sample',
  '2024-01-01',
  '2024-01-01T00:00:00Z',
  '2024-01-01T00:00:00.000Z',
  '2024-01-01T00:00:00.000000Z',
  '2024-01',
  'airbytehq/airbyte',
  'acme.freshdesk.com',
  '1234567890',
  '123',
  'https://example.com',
  'user@example.com',
];

function candidates(node: FieldNode): unknown[] {
  const ex = Array.isArray(node.schema.examples) ? node.schema.examples : [];
  switch (node.kind) {
    case 'boolean':
      return [true, false];
    case 'integer':
    case 'number':
      return [node.default, node.schema.minimum, node.schema.maximum, ...ex.map(Number), 1, 0, 100];
    case 'enum':
      return node.enumValues!;
    case 'multiEnum':
      return [node.enumValues!.slice(0, 1)];
    case 'arrayOfStrings': {
      const items = node.itemType === 'string' ? [...ex.flat(), ...STRINGS] : [1, 2];
      return items.map((x) => [x]);
    }
    case 'json':
      return [node.default, {}, [], 'sample', 1];
    default:
      return [...ex.filter((e) => typeof e === 'string'), node.default, ...STRINGS];
  }
}

export function sampleFor(node: FieldNode): unknown {
  for (const c of candidates(node)) if (c !== undefined && !isEmpty(c) && !fieldError(node, c)) return c;
  throw new Error(`no sample for ${node.key} (${node.kind}, pattern ${node.pattern})`);
}

function fillObject(children: FieldNode[], obj: Record<string, unknown>, all: boolean) {
  for (const c of children) {
    if (c.hidden || c.preset || c.kind === 'const') continue;
    const want = all || c.required;
    if (c.kind === 'object') {
      obj[c.key] ??= {};
      fillObject(c.children!, obj[c.key] as Record<string, unknown>, all);
    } else if (c.kind === 'oneOf') {
      obj[c.key] ??= initialOf(c);
      const i = selectedOption(c, obj[c.key]);
      fillObject(c.options![i].children, obj[c.key] as Record<string, unknown>, all);
    } else if (c.kind === 'arrayOfObjects') {
      if (want && isEmpty(obj[c.key])) obj[c.key] = [initialOf(c.item!)];
      const list = (obj[c.key] ?? []) as unknown[];
      list.forEach((item, i) => {
        const wrap = { x: item };
        fillObject([{ ...c.item!, key: 'x', required: true }], wrap, all);
        list[i] = wrap.x;
      });
    } else if (want && (isEmpty(obj[c.key]) || fieldError(c, obj[c.key]))) {
      obj[c.key] = sampleFor(c);
    }
  }
}

/** A value the form accepts: required fields filled (and every visible field with `all`). */
export function sampleValue(model: FormModel, all = false): Record<string, unknown> {
  const v = initialValue(model);
  const root = model.root;
  if (root.kind === 'object') fillObject(root.children!, v, all);
  else {
    const wrap = { x: v };
    fillObject([{ ...root, key: 'x' }], wrap, all);
    return wrap.x as Record<string, unknown>;
  }
  return v;
}
