import { isObj } from './model.js';
import type { FieldNode } from './types.js';
import { isEmpty } from './validate.js';
import { JsonText, selectedOption } from './value.js';

/** Longest shown value of one key in an item summary; longer text ends in "…". */
const MAX = 40;

/**
 * The one-line header of an array item, as Airbyte's web app shows it (connector-spec-rules.md, "Array of
 * objects"): `Title: value | Title: value` over the item's non-empty keys (empty as the validator
 * means it: unset, blank text, an empty list) in alphabetical order, secrets as
 * `*****`, a nested oneOf by its selected option's title, lists joined by ", ", nested objects skipped.
 * Hidden and const keys are left out (they say nothing the user chose). Plain text: the caller renders it
 * as text, never as HTML. Empty string when nothing is filled in yet.
 */
export function itemSummary(item: FieldNode, value: unknown): string {
  if (!isObj(value)) return '';
  const v = value;
  const parts: string[] = [];
  for (const c of [...(item.children ?? [])].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const x = v[c.key];
    if (c.hidden || c.kind == 'const' || c.kind == 'object' || isEmpty(x)) continue;
    let s: string;
    if (c.secret) s = '*****';
    else if (c.kind == 'oneOf') {
      const i = selectedOption(c, x);
      if (i < 0) continue;
      s = c.options![i].title;
    } else if (Array.isArray(x)) s = x.map((e) => (e && typeof e == 'object' ? JSON.stringify(e) : String(e))).join(', ');
    else s = x instanceof JsonText ? x.text : typeof x == 'object' ? JSON.stringify(x) : String(x);
    s = s.replace(/\s+/g, ' ').trim();
    parts.push(`${c.title}: ${s.length > MAX ? s.slice(0, MAX - 1) + '…' : s}`);
  }
  return parts.join(' | ');
}
