// Stateless pieces of `<ab-source-form>`'s field rendering (the element keeps the state).
import { html, type TemplateResult } from 'lit';
import type { DescNode } from '../../spec/description.js';
import type { FieldNode, Path } from '../../spec/types.js';
import { JsonText } from '../../spec/value.js';

/** DOM id of a field (unique per pointer; only [A-Za-z0-9_-] so it is safe in `aria-describedby`). */
export const idOf = (ptr: string) =>
  'f' +
  // the usual pointers (letters, digits, `_` and `/`) without a replace callback per character: same result
  (/[^\w/]/.test(ptr) ? ptr.replace(/[^a-zA-Z0-9]/g, (c) => '_' + c.charCodeAt(0).toString(36) + '-') : ptr.replaceAll('_', '_2n-').replaceAll('/', '_1b-'));

/** JSON Pointer → path (numbers for array indexes). */
export const pathOf = (ptr: string): Path =>
  ptr
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? +s : s));

/** A value as control text. */
export const text = (v: unknown) => (v == null ? '' : v instanceof JsonText ? v.text : typeof v == 'object' ? JSON.stringify(v) : String(v));

/** Typed number text → a number; anything else stays text (and fails validation with a message). */
export const num = (s: string) => (!s.trim() ? undefined : /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s.trim()) ? Number(s) : s);

const TAGS: Record<string, (c: unknown) => TemplateResult> = {
  code: (c) => html`<code>${c}</code>`,
  b: (c) => html`<b>${c}</b>`,
  i: (c) => html`<i>${c}</i>`,
  br: () => html`<br />`,
  p: (c) => html`<p>${c}</p>`,
  ul: (c) => html`<ul>${c}</ul>`,
  ol: (c) => html`<ol>${c}</ol>`,
  li: (c) => html`<li>${c}</li>`,
  pre: (c) => html`<pre>${c}</pre>`,
};

/** Renders a parsed description with Lit templates (never innerHTML); links open in a new tab. */
export const desc = (nodes: DescNode[]): unknown =>
  // a plain description (most of them) as its text: no array, no extra Lit parts
  nodes.length == 1 && typeof nodes[0] == 'string' ? nodes[0] : nodes.map((n) =>
    typeof n == 'string'
      ? n
      : n.tag != 'a'
        ? TAGS[n.tag](desc(n.children))
        : n.href
          ? html`<a href=${n.href} target="_blank" rel="noopener noreferrer">${desc(n.children)}</a>`
          : desc(n.children),
  );

/** A date picker's value as the spec wants it: seconds, fraction digits and `Z` per the pattern. */
export function fromPicker(n: FieldNode, s: string): string {
  const hint = n.hint ?? 'Z';
  if (!s || n.dateMode != 'datetime') return s;
  return (s.length == 16 ? s + ':00' : s.slice(0, 19)).replace('T', hint.includes(' HH') ? ' ' : 'T') + (n.fraction ? '.' + '0'.repeat(n.fraction) : '') + (hint.endsWith('Z') ? 'Z' : '');
}

/** A date/time value → the picker's value (`month`, `date` or `datetime-local`). */
export const toPicker = (mode: string, v: unknown) =>
  (typeof v == 'string' && (mode == 'month' ? /^\d{4}-\d\d/ : mode == 'date' ? /^\d{4}-\d\d-\d\d/ : /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?/).exec(v)?.[0].replace(' ', 'T')) || '';

/** Resolves the OAuth callback page's URL: the attribute (relative to the document) or `/oauth-callback.html` on this origin. */
export function redirectUrl(value: string): string {
  try {
    const url = new URL(value || '/oauth-callback.html', document.baseURI);
    if (/^https?:$/.test(url.protocol)) return url.href;
  } catch {
    // fall through
  }
  console.warn(`ab-source-form: oauth-redirect-url "${value}" is not an http(s) URL; using /oauth-callback.html`);
  return new URL('/oauth-callback.html', location.origin).href;
}
