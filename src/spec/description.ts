/**
 * Descriptions in connector specs carry a little HTML (`<a>`, `<code>`, `<b>`, lists…) and now and then a
 * Markdown link or a backtick code span. This parses the allowed subset into a tiny AST that the element
 * renders with Lit templates: nothing from a spec ever reaches `innerHTML`. Anything outside the subset
 * (other tags, attributes, `javascript:` links) stays visible as plain text.
 */

/** A parsed description: strings are text; elements carry their children (and `href` for links). */
export type DescNode = string | DescElement;
export interface DescElement {
  tag: 'a' | 'code' | 'b' | 'i' | 'br' | 'p' | 'ul' | 'ol' | 'li' | 'pre';
  children: DescNode[];
  /** Links only: an absolute `http:`/`https:` URL. */
  href?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', mdash: '—', ndash: '–', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

const ENTITY = new RegExp(`&(#x[\\da-f]+|#\\d+|${Object.keys(ENTITIES).join('|')});`, 'gi');

/** Decodes the common named and all numeric character references. */
export const decodeEntities = (s: string): string =>
  s.replace(ENTITY, (m, e: string) => {
    const n = e[0] == '#' ? +('0' + e.slice(1)) : 0;
    return e[0] == '#' ? (n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m) : (ENTITIES[e.toLowerCase()] ?? m);
  });

/** `url` when it is an absolute http(s) URL, else `undefined`. */
export const safeUrl = (url: unknown): string | undefined => (typeof url == 'string' && /^https?:\/\/\S+$/i.test(url.trim()) ? url.trim() : undefined);

/**
 * Parses a description into the allowed subset. Unknown or malformed tags are kept as literal text, links
 * without a safe `href` keep only their text, unclosed elements are closed at the end.
 */
export function parseDescription(source: unknown): DescNode[] {
  if (typeof source != 'string') return [];
  // most descriptions are plain text: no tag, entity, Markdown link or code span to look for
  if (!/[<&[`]/.test(source)) return source ? [source] : [];
  const stack: DescElement[] = [{ tag: 'p', children: [] }];
  const top = () => stack[stack.length - 1].children;
  // a text run, with its Markdown links and backtick code spans
  const text = (s: string) => {
    let last = 0;
    s = decodeEntities(s);
    for (const m of s.matchAll(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|`([^`\n]+)`/g)) {
      if (m.index > last) top().push(s.slice(last, m.index));
      top().push(m[3] ? { tag: 'code', children: [m[3]] } : { tag: 'a', href: m[2], children: [m[1]] });
      last = m.index + m[0].length;
    }
    if (last < s.length) top().push(s.slice(last));
  };
  let last = 0;
  for (const m of source.matchAll(/<(\/?)([a-z]+)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi)) {
    const name = m[2].toLowerCase();
    if (!/^(a|code|b|strong|i|em|br|p|ul|ol|li|pre)$/.test(name)) continue; // stays in the text run, shown literally
    const tag = (name == 'strong' ? 'b' : name == 'em' ? 'i' : name) as DescElement['tag'];
    text(source.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1]) {
      // closing tag: pop to the matching open element, ignore strays
      const at = stack.findLastIndex((e, i) => i && e.tag == tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const el: DescElement = { tag, children: [] };
    const href = tag == 'a' && /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(m[3]);
    const url = href && safeUrl(decodeEntities(href[1] ?? href[2] ?? href[3]));
    if (url) el.href = url;
    top().push(el);
    if (tag != 'br') stack.push(el);
  }
  text(source.slice(last));
  return stack[0].children;
}

/** The plain text of a parsed description (for summaries, titles and tests). */
export const descriptionText = (nodes: DescNode[]): string => nodes.map((n) => (typeof n == 'string' ? n : n.tag == 'br' ? '\n' : descriptionText(n.children))).join('');
