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

const ALIAS: Record<string, DescElement['tag']> = { strong: 'b', em: 'i' };
const TAGS = new Set(['a', 'code', 'b', 'i', 'br', 'p', 'ul', 'ol', 'li', 'pre', 'strong', 'em']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', mdash: '—', ndash: '–', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

/** Decodes the common named and all numeric character references. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : +e.slice(1);
      return n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** `url` when it is an absolute http(s) URL, else `undefined`. */
export function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const u = url.trim();
  return /^https?:\/\/[^\s]+$/i.test(u) ? u : undefined;
}

// Markdown links and backtick code spans inside a text run.
const INLINE = /\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|`([^`\n]+)`/g;

function inline(text: string, out: DescNode[]) {
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[3] !== undefined ? { tag: 'code', children: [m[3]] } : { tag: 'a', href: m[2], children: [m[1]] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
}

const TOKEN = /<(\/?)([a-z]+)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;

/**
 * Parses a description into the allowed subset. Unknown or malformed tags are kept as literal text, links
 * without a safe `href` keep only their text, unclosed elements are closed at the end.
 */
export function parseDescription(source: unknown): DescNode[] {
  if (typeof source !== 'string' || !source) return [];
  const root: DescElement = { tag: 'p', children: [] };
  const stack: DescElement[] = [root];
  const text = (s: string) => s && inline(decodeEntities(s), stack[stack.length - 1].children);
  let last = 0;
  for (const m of source.matchAll(TOKEN)) {
    const name = m[2].toLowerCase();
    if (!TAGS.has(name)) continue; // stays in the text run, shown literally
    text(source.slice(last, m.index));
    last = m.index + m[0].length;
    const tag = ALIAS[name] ?? (name as DescElement['tag']);
    const top = stack[stack.length - 1];
    if (m[1]) {
      // closing tag: pop to the matching open element, ignore strays
      const at = stack.findLastIndex((e, i) => i > 0 && e.tag === tag);
      if (at > 0) stack.length = at;
      continue;
    }
    if (tag === 'br') {
      top.children.push({ tag: 'br', children: [] });
      continue;
    }
    const el: DescElement = { tag, children: [] };
    if (tag === 'a') {
      const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(m[3]);
      const url = href && safeUrl(decodeEntities(href[1] ?? href[2] ?? href[3]));
      if (url) el.href = url;
    }
    top.children.push(el);
    stack.push(el);
  }
  text(source.slice(last));
  return root.children;
}

/** The plain text of a parsed description (for summaries, titles and tests). */
export function descriptionText(nodes: DescNode[]): string {
  return nodes.map((n) => (typeof n === 'string' ? n : n.tag === 'br' ? '\n' : descriptionText(n.children))).join('');
}
